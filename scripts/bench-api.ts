/**
 * Measures the GraphQL API on the seed graph under load: requests per second and latency (median
 * and p99) of each example operation, side by side with `{ __typename }` (the cost of HTTP and
 * GraphQL without Neo4j) as the baseline, and the Cypher statements each request sends; then the
 * same load with the response cache on (the same operation repeated: answered from the cache).
 * Usage: npm run bench:api [-- --seconds 5 --connections 10 --warmup 5]
 * Uses its own managed Neo4j (instance "bench", Bolt port 7692) and GraphQL port 4981; its graph is
 * wiped and loaded with seed/ first.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig, projectRoot } from '../src/config.ts';
import { createDatabase } from '../src/db/database.ts';
import { EXAMPLES, operationOf } from '../src/graphql/examples.ts';
import { createServer } from '../src/server.ts';
import { benchEnv, DEEP, loadGraphql, option, startSeedGraph } from './bench-support.ts';

const seconds = option('seconds', 5);
const connections = option('connections', 10);
const warmup = option('warmup', 5);
const PORT = 4981;

const env = benchEnv({ PORT: String(PORT), KG_IMPORT_SEED: 'false' });
const config = loadConfig(env);

const OPERATIONS = [
  { name: 'Baseline { __typename }', query: '{ __typename }' },
  ...EXAMPLES.map((e) => ({ name: e.name, query: operationOf(e), variables: e.variables })),
  DEEP,
];

const neo4j = await startSeedGraph(config);
let server: ReturnType<typeof spawn> | undefined;

async function stopServer() {
  if (!server) return;
  const running = server;
  server = undefined;
  running.kill('SIGINT');
  await new Promise((resolve) => running.on('close', resolve));
}

/** Starts the server with this cache size, warms every operation up, and loads each in turn. */
async function load(cacheMb: string) {
  server = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'main.ts')], {
    env: { ...env, KG_CACHE_MB: cacheMb },
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  while (!stderr.includes('Press Ctrl-C to stop.')) {
    if (server.exitCode !== null) throw new Error(`The server did not start:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const run = (body: string, duration: number) =>
    loadGraphql({ port: PORT, body, connections, seconds: duration });
  // A JVM just started runs its queries slowly until they are compiled: warm every operation up
  // first, without measuring.
  for (const body of bodies) await run(body, warmup);
  const results = [];
  for (const [i, op] of OPERATIONS.entries()) {
    const result = await run(bodies[i]!, seconds);
    if (result.non2xx || result.errors) {
      throw new Error(`${op.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    }
    results.push(result);
  }
  await stopServer();
  return results;
}

let bodies: string[] = [];
try {
  // Statements per request, counted on an in-process server over the same database.
  let statements = 0;
  const counting = createServer({
    db: createDatabase(neo4j.driver, neo4j.connection.database, { onQuery: () => statements++ }),
    server: neo4j.server,
    logger: pino({ level: 'silent' }),
  });
  bodies = OPERATIONS.map((op) =>
    JSON.stringify({ query: op.query, variables: 'variables' in op ? op.variables : undefined }),
  );
  const counts: number[] = [];
  for (const body of bodies) {
    statements = 0;
    const response = await counting.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const result = (await response.json()) as { errors?: unknown };
    if (result.errors) throw new Error(`An operation failed: ${JSON.stringify(result.errors)}`);
    counts.push(statements);
  }

  // The server under load is `npm start`'s entry point, in a process of its own: once with the
  // response cache off (every request reads Neo4j), once with it on (repeated operations).
  const uncached = await load('0');
  const cached = await load('64');
  const rows = OPERATIONS.map((op, i) => {
    const [plain, hit] = [uncached[i]!, cached[i]!];
    return [
      op.name,
      plain.requests.average.toFixed(0),
      `${plain.latency.p50} ms`,
      `${plain.latency.p99} ms`,
      i === 0
        ? '1.0x'
        : `${(plain.latency.p50 / Math.max(uncached[0]!.latency.p50, 1)).toFixed(1)}x`,
      String(counts[i]),
      hit.requests.average.toFixed(0),
      `${((hit.requests.average / cached[0]!.requests.average) * 100).toFixed(0)}%`,
    ];
  });

  const header = [
    'operation',
    'req/s',
    'median',
    'p99',
    'median vs baseline',
    'Cypher/request',
    'req/s cached',
    'cached vs baseline',
  ];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ');
  console.log(
    `GraphQL on the seed graph, ${connections} connections x ${seconds} s per operation ` +
      `(after ${warmup} s of warm-up each), ` +
      `Neo4j ${neo4j.server.version} (${os.cpus().length} cores, server and load on the same machine)`,
  );
  console.log(line(header));
  for (const row of rows) console.log(line(row));
} finally {
  await stopServer();
  await neo4j.close();
}
