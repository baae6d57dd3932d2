import { type Config, loadConfig } from '../../src/config.ts';

/** The test database's name: the wipe guard refuses any other (see reset-graph.ts). */
export const TEST_DATABASE = 'kgtest';
/** 7688, or KG_TEST_BOLT_PORT to run a second suite beside the first (with its own KG_NEO4J_HOME). */
export const TEST_BOLT_PORT = Number(process.env.KG_TEST_BOLT_PORT) || 7688;

/**
 * The test run's own managed Neo4j: instance "test", its own port, data folder and database name,
 * whatever NEO4J_URI says, so `npm test` never touches the development graph. The Neo4j version,
 * Java and the folder of the jars still come from the environment, so CI can run the suite against
 * another release line.
 */
export function testConfig(overrides: Record<string, string> = {}): Readonly<Config> {
  const inherited = ['KG_NEO4J_HOME', 'NEO4J_VERSION', 'NEO4J_JAVA_HOME', 'JAVA_HOME', 'PATH'];
  const env: Record<string, string | undefined> = {};
  for (const name of inherited) env[name] = process.env[name];
  return loadConfig({
    ...env,
    KG_NEO4J_INSTANCE: 'test',
    NEO4J_BOLT_PORT: String(TEST_BOLT_PORT),
    NEO4J_DATABASE: TEST_DATABASE,
    NEO4J_HEAP: '768m',
    NEO4J_PAGECACHE: '256m',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/** The environment for a child process (the CLI, the server) aimed at another managed instance. */
export function childEnv(vars: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('NEO4J_') && !k.startsWith('KG_')) env[k] = v;
  }
  if (process.env.KG_NEO4J_HOME) env.KG_NEO4J_HOME = process.env.KG_NEO4J_HOME;
  for (const name of ['NEO4J_VERSION', 'NEO4J_JAVA_HOME']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return { ...env, LOG_LEVEL: 'silent', NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '128m', ...vars };
}
