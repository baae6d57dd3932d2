import { type Config, loadConfig } from '../../src/config.ts';

/** The test database's name: the wipe guard refuses any other (see reset-graph.ts). */
export const TEST_DATABASE = 'kgtest';
/** 7688, or KG_TEST_BOLT_PORT to run a second suite beside the first (with its own KG_NEO4J_HOME). */
export const TEST_BOLT_PORT = Number(process.env.KG_TEST_BOLT_PORT) || 7688;

/**
 * The other ports some test files use: the Bolt ports of the managed instances they start beside
 * the test one, and the HTTP ports of the servers they start. Without KG_TEST_BOLT_PORT, the fixed
 * ones of old; with it, the six ports after it, so that a second suite (a second checkout, CI's run
 * against another Neo4j line) collides with nothing of the first. Files run one at a time, so the
 * HTTP ports only need to differ within a file.
 */
export const TEST_PORTS = portsAfter(Number(process.env.KG_TEST_BOLT_PORT) || undefined);

function portsAfter(bolt: number | undefined) {
  if (bolt === undefined) {
    return {
      cliDbBolt: 7689,
      mainBolt: 7690,
      outageBolt: 7701,
      shutdownHttp: 4989,
      outageHttp: 4990,
      connectionErrorsHttp: [4991, 4992] as const,
      mainHttp: [4994, 4995, 4996] as const,
      warmUpHttp: 4997,
      compiledHttp: 4998,
      browserHttp: { graphiql: 4712, explore: 4722, exploreTrusted: 4723 },
    };
  }
  const http = bolt + 4;
  return {
    cliDbBolt: bolt + 1,
    mainBolt: bolt + 2,
    outageBolt: bolt + 3,
    shutdownHttp: http,
    outageHttp: http,
    connectionErrorsHttp: [http, http + 1] as const,
    mainHttp: [http, http + 1, http + 2] as const,
    warmUpHttp: http,
    compiledHttp: http,
    browserHttp: { graphiql: http, explore: http + 1, exploreTrusted: http + 2 },
  };
}

/**
 * How the tests reach the test Neo4j: bolt (a direct connection, the default), or neo4j (routing:
 * the driver asks the server for its routing table and sends reads to its readers and writes to
 * its writer, as with a cluster or Aura; a single server answers with itself in every role).
 * KG_TEST_NEO4J_SCHEME=neo4j runs the same tests through that path (`npm run test:routing`).
 */
export const TEST_SCHEME = testScheme(process.env.KG_TEST_NEO4J_SCHEME);

export function testScheme(value: string | undefined): 'bolt' | 'neo4j' {
  const scheme = value?.trim() || 'bolt';
  if (scheme !== 'bolt' && scheme !== 'neo4j') {
    throw new Error(`KG_TEST_NEO4J_SCHEME must be bolt or neo4j (got ${JSON.stringify(value)})`);
  }
  return scheme;
}

/** The same server under another scheme: bolt://127.0.0.1:7688 -> neo4j://127.0.0.1:7688. */
export function withScheme(uri: string, scheme: 'bolt' | 'neo4j'): string {
  return uri.replace(/^[a-z+]+:\/\//, `${scheme}://`);
}

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
