/**
 * Side by side, in one run with interleaved rounds: the GraphQL server whose requests share one read
 * transaction (what it does) against the same server running each statement as a transaction of
 * its own (what it did), on the seed graph, for the example operations that send several
 * statements. Both servers run in this process, over one driver, with the response cache off.
 * Usage: npm run bench:reads [-- --seconds 3 --rounds 3 --connections 10]
 * Uses its own managed Neo4j (instance "bench", Bolt port 7692) and ports 4982-4983.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig, projectRoot } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { EXAMPLES, operationOf } from '../src/graphql/examples.ts';
import { collectArticleFiles } from '../src/ingest/files.ts';
import { importFiles } from '../src/ingest/importer.ts';
import * as managed from '../src/neo4j-server/instance.ts';
import { createServer } from '../src/server.ts';
import { benchEnv, option } from './bench-support.ts';

const seconds = option('seconds', 3);
const rounds = option('rounds', 3);
const connections = option('connections', 10);

const config = loadConfig(benchEnv());

const OPERATIONS = EXAMPLES.filter((e) =>
  ['WhoDismissed', 'Path', 'RoleAsOf', 'ArticleAsserts'].includes(e.name),
).map((e) => ({
  name: e.name,
  body: JSON.stringify({ query: operationOf(e), variables: e.variables }),
}));

const neo4j = await connect(config, { log: (line) => process.stderr.write(`${line}\n`) });
const servers: Server[] = [];
try {
  await neo4j.db.write('MATCH (n) DETACH DELETE n');
  const { files } = await collectArticleFiles([path.join(projectRoot, 'seed')]);
  await importFiles(neo4j.db, files);

  /** Each statement its own transaction: a scope that only passes reads on. */
  const separate: Database = {
    ...neo4j.db,
    readScope: () => ({ read: neo4j.db.read, close: async () => {} }),
  };
  const variants = [
    { name: 'one read transaction per request', db: neo4j.db, port: 4982 },
    { name: 'one transaction per statement', db: separate, port: 4983 },
  ];
  for (const variant of variants) {
    const yoga = createServer({
      db: variant.db,
      server: neo4j.server,
      logger: pino({ level: 'silent' }),
    });
    const http = createHttpServer(yoga);
    await new Promise<void>((resolve) => http.listen(variant.port, '127.0.0.1', resolve));
    servers.push(http);
  }
  const load = (port: number, body: string, duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections,
      duration,
    });

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
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `Requests/s (median of ${rounds} interleaved rounds of ${seconds} s, ${connections} connections), ` +
      `seed graph, Neo4j ${neo4j.server.version}, load and servers in one process`,
  );
  console.log(
    `${'operation'.padEnd(16)}${variants.map((v) => v.name.padStart(34)).join('')}${'ratio'.padStart(8)}`,
  );
  for (const [i, op] of OPERATIONS.entries()) {
    const [shared, separateRate] = rates[i]!.map(median) as [number, number];
    console.log(
      `${op.name.padEnd(16)}${shared.toFixed(0).padStart(34)}${separateRate.toFixed(0).padStart(34)}` +
        `${`${(shared / separateRate).toFixed(2)}x`.padStart(8)}`,
    );
  }
} finally {
  for (const http of servers) await new Promise((resolve) => http.close(resolve));
  await neo4j.close();
  if (neo4j.startedManaged) await managed.stop(config.managed);
}
