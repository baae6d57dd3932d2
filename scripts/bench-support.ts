/**
 * What the benchmark scripts share: their numeric command-line options, the environment of the
 * managed Neo4j they use (instance "bench", Bolt port 7692), never the development graph, that
 * Neo4j started with the seed graph in it, and the load they put on a GraphQL endpoint.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { type Config, projectRoot } from '../src/config.ts';
import { connect, type Connected } from '../src/db/connect.ts';
import { collectArticleFiles } from '../src/ingest/files.ts';
import { importFiles } from '../src/ingest/importer.ts';
import * as managed from '../src/neo4j-server/instance.ts';

/** `--name 42` from the command line, or `fallback`. */
export function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) || fallback : fallback;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `kg <argv>` from the sources with `env`; its errors go to this process's stderr. */
export async function kgCommand(env: Record<string, string>, argv: string[]): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'src', 'cli', 'kg.ts'), ...argv],
    { env, cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`kg ${argv.join(' ')} exited with ${String(code)}`);
}

/** This process's environment without NEO4J_* and KG_*, aimed at the bench instance. */
export function benchEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('NEO4J_') && !k.startsWith('KG_')) env[k] = v;
  }
  return {
    ...env,
    KG_NEO4J_INSTANCE: 'bench',
    NEO4J_BOLT_PORT: '7692',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/**
 * The configured Neo4j reached (the managed one started when it is not running), wiped, and
 * loaded with seed/. Its `close` also stops the managed Neo4j when this call started it.
 */
export async function startSeedGraph(config: Config): Promise<Connected> {
  const neo4j = await connect(config, { log: (line) => process.stderr.write(`${line}\n`) });
  const close = async () => {
    await neo4j.close();
    if (neo4j.startedManaged) await managed.stop(config.managed);
  };
  try {
    await neo4j.db.write('MATCH (n) DETACH DELETE n');
    const { files } = await collectArticleFiles([path.join(projectRoot, 'seed')]);
    await importFiles(neo4j.db, files);
  } catch (error) {
    await close();
    throw error;
  }
  return { ...neo4j, close };
}

/** `connections` clients POSTing one GraphQL request body to a local port for `seconds`. */
export function loadGraphql(load: {
  port: number;
  body: string;
  connections: number;
  seconds: number;
}): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${load.port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: load.body,
    connections: load.connections,
    duration: load.seconds,
  });
}

/** A request that nests six levels deep: what a front end drawing a claim's context asks. */
export const DEEP: { name: string; query: string; variables?: Record<string, unknown> } = {
  name: 'Deep (6 levels)',
  query: `query Deep {
    claims(where: { speaker: "simon-crosby" }, first: 20) {
      edges { node { id statement
        speakers(first: 10) { id name ... on Person { roles(first: 10) { title organization { id name people { person { id name } } } } } }
        targets(first: 10) { stance entity { id name mentionedIn { id title } } }
        sources(first: 10) { quote article { id title mentions { id name } } } } }
    }
  }`,
};
