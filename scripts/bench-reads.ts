/**
 * Side by side, in one run with interleaved rounds, on the seed graph: the GraphQL server that
 * compiles each root field into one statement (what it does), the same server resolving field by
 * field with its statements in one read transaction (what it did before), and field by field with
 * each statement a transaction of its own (what it did first). Every example operation and a
 * six-level request. All servers run in this process, over one driver, response cache off.
 * Usage: npm run bench:reads [-- --seconds 3 --rounds 3 --connections 10]
 * Uses its own managed Neo4j (instance "bench", Bolt port 7692) and ports 4982-4984.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { EXAMPLES, operationOf } from '../src/graphql/examples.ts';
import { createServer } from '../src/server.ts';
import { benchEnv, DEEP, loadGraphql, median, option, startSeedGraph } from './bench-support.ts';

const seconds = option('seconds', 3);
const rounds = option('rounds', 3);
const connections = option('connections', 10);

const config = loadConfig(benchEnv());

const OPERATIONS = [
  ...EXAMPLES.map((e) => ({ name: e.name, query: operationOf(e), variables: e.variables })),
  DEEP,
].map((e) => ({ name: e.name, body: JSON.stringify({ query: e.query, variables: e.variables }) }));

const neo4j = await startSeedGraph(config);
const servers: Server[] = [];
try {
  /** Each statement its own transaction: a scope that only passes reads on. */
  const separate: Database = {
    ...neo4j.db,
    readScope: () => ({ read: neo4j.db.read, close: async () => {} }),
  };
  const variants = [
    { name: 'compiled', db: neo4j.db, compile: true, port: 4982 },
    { name: 'by field, one transaction', db: neo4j.db, compile: false, port: 4983 },
    { name: 'by field, tx per statement', db: separate, compile: false, port: 4984 },
  ];
  for (const variant of variants) {
    const yoga = createServer({
      db: variant.db,
      server: neo4j.server,
      logger: pino({ level: 'silent' }),
      compile: variant.compile,
    });
    const http = createHttpServer(yoga);
    await new Promise<void>((resolve) => http.listen(variant.port, '127.0.0.1', resolve));
    servers.push(http);
  }
  const load = (port: number, body: string, duration: number) =>
    loadGraphql({ port, body, connections, seconds: duration });

  // Warm both up (the JVM compiles queries as they repeat), then interleave the rounds.
  for (const op of OPERATIONS) for (const v of variants) await load(v.port, op.body, 2);
  const rates = OPERATIONS.map(() => variants.map(() => [] as number[]));
  for (let round = 0; round < rounds; round++) {
    for (const [i, op] of OPERATIONS.entries()) {
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const v of order) {
        const result = await load(v.port, op.body, seconds);
        if (result.non2xx || result.errors) throw new Error(`${op.name} failed under load`);
        rates[i]![variants.indexOf(v)]!.push(result.requests.average);
      }
    }
  }
  console.log(
    `Requests/s (median of ${rounds} interleaved rounds of ${seconds} s, ${connections} connections), ` +
      `seed graph, Neo4j ${neo4j.server.version}, load and servers in one process`,
  );
  console.log(
    `${'operation'.padEnd(16)}${variants.map((v) => v.name.padStart(28)).join('')}${'compiled vs by field'.padStart(22)}`,
  );
  for (const [i, op] of OPERATIONS.entries()) {
    const medians = rates[i]!.map(median);
    console.log(
      `${op.name.padEnd(16)}${medians.map((m) => m.toFixed(0).padStart(28)).join('')}` +
        `${`${(medians[0]! / medians[1]!).toFixed(2)}x`.padStart(22)}`,
    );
  }
} finally {
  for (const http of servers) await new Promise((resolve) => http.close(resolve));
  await neo4j.close();
}
