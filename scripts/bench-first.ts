/**
 * Measures what a newcomer's first clicks meet: the first request of each listed operation
 * (GraphiQL's examples, and the explorer's operations with an id of each node type) after
 * Neo4j's plan cache was emptied: with the server's warm-up off, on, and on with the response
 * cache made cold (a new graph version) so that every request runs its statements, in turn.
 *
 *   npm run bench:first [-- --rounds 3]
 *
 * Each round empties Neo4j's plan cache (`db.clearQueryCaches()`), starts `npm start`'s server,
 * waits for its warm-up to finish when it is on, then sends every request once, one after the
 * other, and stops the server. With the warm-up off, each request waits while Neo4j plans its
 * statements (outside the request's time limit); with it on, the server planned them at start.
 * The response cache starts empty in a new server, but the warm-up's answers are in it: a request
 * the warm-up sent with the same variables is answered from there, as it would be for a user.
 *
 * Uses the managed instance "bench-first" (Bolt 7725, emptied first) and HTTP port 4726.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/database.ts';
import { BUMP_GRAPH_VERSION } from '../src/db/graph-version.ts';
import { createDriver } from '../src/db/driver.ts';
import { EXAMPLES } from '../src/graphql/examples.ts';
import { buildSchema } from '../src/graphql/schema.ts';
import { sampleNodeIds, sampleVariables } from '../src/graphql/warm-up.ts';
import { instancePaths, managedConnection } from '../src/neo4j-server/instance.ts';
import { clientOperations } from '../test/support/client-operations.ts';
import { type ServerProcess, startMain } from '../test/support/server-process.ts';
import { childEnv } from '../test/support/test-config.ts';
import { kgCommand, median } from './bench-support.ts';

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 3;
const PORT = 4726;
const URL = `http://127.0.0.1:${PORT}/graphql`;
const env = childEnv({
  KG_NEO4J_INSTANCE: 'bench-first',
  NEO4J_BOLT_PORT: '7725',
  PORT: String(PORT),
  // The warm-up says when it is done at info.
  LOG_LEVEL: 'info',
});
const config = loadConfig(env);

interface Request {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** The explorer's operations (operations/*.graphql), each with the variables its views send. */
function explorerRequests(sampleIds: readonly string[]): Request[] {
  const schema = buildSchema();
  return clientOperations().flatMap(({ name, document, definition }) =>
    sampleVariables(schema, definition, sampleIds).map((variables) => ({
      name,
      query: document,
      variables,
    })),
  );
}

async function withDatabase<T>(work: (db: ReturnType<typeof createDatabase>) => Promise<T>) {
  const connection = await managedConnection(config.managed);
  const driver = createDriver(connection);
  try {
    return await work(createDatabase(driver, connection.database));
  } finally {
    await driver.close();
  }
}

async function stop(server: ServerProcess) {
  server.child.kill('SIGINT');
  await server.exited;
}

/** Milliseconds each request took, in order; a request that did not answer 200 without errors throws. */
async function firstRequests(requests: readonly Request[]): Promise<number[]> {
  const times: number[] = [];
  for (const { name, query, variables } of requests) {
    const started = performance.now();
    const response = await fetch(URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, operationName: name, variables }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    times.push(performance.now() - started);
    if (response.status !== 200 || body.errors?.length) {
      throw new Error(`${name}: ${response.status} ${JSON.stringify(body.errors)}`);
    }
  }
  return times;
}

/**
 * The ways a round starts: no warm-up; the warm-up; the warm-up, then a new graph version, so
 * that the response cache answers nothing and every request runs its statements (planned).
 */
const MODES = {
  off: 'warm-up off',
  on: 'warm-up on',
  planned: 'on, cache cold',
} as const;
type Mode = keyof typeof MODES;

async function round(mode: Mode, requests: readonly Request[]): Promise<number[]> {
  await withDatabase((db) => db.write('CALL db.clearQueryCaches()'));
  const server = await startMain({ ...env, KG_WARM_UP: String(mode !== 'off') });
  try {
    if (mode !== 'off') {
      const deadline = Date.now() + 300_000;
      while (!server.output().includes('Warmed up')) {
        if (Date.now() > deadline) throw new Error('the warm-up did not finish in 5 minutes');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    if (mode === 'planned') {
      await withDatabase((db) => db.write(BUMP_GRAPH_VERSION));
      // The server reads the graph's version at most KG_CACHE_CHECK_MS (1 s) late.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    return await firstRequests(requests);
  } finally {
    await stop(server);
  }
}

const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(10);

await kgCommand(env, ['db', 'stop']);
await rm(instancePaths(config.managed).dir, { recursive: true, force: true });
// Neo4j runs for the whole bench (a server stops only the Neo4j it started itself); the first
// server start imports the seed into the empty graph.
await kgCommand(env, ['db', 'start']);
try {
  await stop(await startMain({ ...env, KG_WARM_UP: 'false' }));
  const sampleIds = await withDatabase((db) => sampleNodeIds(db));
  const requests: Request[] = [
    ...EXAMPLES.map((e) => ({ name: e.name, query: e.query, variables: e.variables })),
    ...explorerRequests(sampleIds),
  ];
  const modes = Object.keys(MODES) as Mode[];
  const figures = Object.fromEntries(modes.map((m) => [m, [] as number[][]])) as Record<
    Mode,
    number[][]
  >;
  for (let i = 0; i < rounds; i++) {
    for (const mode of modes) figures[mode].push(await round(mode, requests));
  }
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(
    `First request of each listed operation after Neo4j's plan cache was emptied, seed graph ` +
      `(${requests.length} requests, ${rounds} rounds each way, ${os.cpus().length} cores, load ${load})`,
  );
  const columns = (cells: (mode: Mode) => string) => modes.map(cells).join('');
  console.log(`${''.padEnd(30)}${columns((m) => MODES[m].padStart(22))}`);
  console.log(`${''.padEnd(30)}${columns(() => `${'median'.padStart(10)}${'max'.padStart(12)}`)}`);
  const row = (label: string, values: (mode: Mode) => number[]) =>
    console.log(
      `${label.slice(0, 30).padEnd(30)}${columns((m) => `${ms(median(values(m)))}  ${ms(Math.max(...values(m)))}`)}`,
    );
  requests.forEach((request, i) => {
    const id =
      request.variables && 'id' in request.variables ? ` (${String(request.variables.id)})` : '';
    row(`${request.name}${id}`, (m) => figures[m].map((r) => r[i]!));
  });
  row('all requests', (m) => figures[m].flat());
  const sums = modes.map(
    (m) =>
      `${MODES[m]} ${median(figures[m].map((r) => r.reduce((x, y) => x + y, 0))).toFixed(0)} ms`,
  );
  console.log(`Sum of one round's requests (median): ${sums.join(', ')}`);
} finally {
  await kgCommand(env, ['db', 'stop']);
}
