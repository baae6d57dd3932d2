/**
 * `npm run bench:pages -- [--size 1m] [--depth 10000] [--requests 200]`: whether a deep page costs
 * what the first page costs. On the graph `npm run bench -- --size <size>` stored (instance
 * "benchscale"), our server (in process, no HTTP) asks for the first page of 20 claims in id order
 * and for the page after the claim at `depth`, alternately, and prints the medians and p99s and
 * their ratio. A keyset page (`WHERE c.id > $after ORDER BY c.id LIMIT 20`) seeks the index
 * wherever it starts; an offset page would read every row before it.
 */
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import * as managed from '../src/neo4j-server/instance.ts';
import { createServer } from '../src/server.ts';
import { argument, benchScaleEnv } from './env.ts';

const depth = Number(argument('depth', '10000'));
const requests = Number(argument('requests', '200'));
const config = loadConfig(benchScaleEnv());
const log = (line: string) => process.stderr.write(`${line}\n`);
const db = await connect(config, { log });

const PAGE = `query Page($after: String) {
  claims(orderBy: ID, first: 20, after: $after) { edges { cursor node { id statement } } pageInfo { hasNextPage endCursor } }
}`;

try {
  const yoga = createServer({ db: db.db, server: db.server, logger: pino({ level: 'silent' }) });
  const ask = async (after: string | null) => {
    const started = performance.now();
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE, variables: { after } }),
    });
    const body = (await response.json()) as {
      data?: { claims: { pageInfo: { endCursor: string | null } } };
      errors?: unknown[];
    };
    if (!body.data || body.errors) throw new Error(JSON.stringify(body).slice(0, 500));
    return { ms: performance.now() - started, end: body.data.claims.pageInfo.endCursor };
  };
  // The cursor at `depth`, walked to page by page as a client would.
  let cursor: string | null = null;
  for (let walked = 0; walked < depth; walked += 20) {
    const { end } = await ask(cursor);
    if (!end) throw new Error(`the list ends before depth ${depth}`);
    cursor = end;
  }
  const first: number[] = [];
  const deep: number[] = [];
  for (let i = 0; i < requests; i++) {
    first.push((await ask(null)).ms);
    deep.push((await ask(cursor)).ms);
  }
  const at = (xs: number[], q: number) =>
    [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
  const line = (name: string, xs: number[]) =>
    `${name.padEnd(24)} p50 ${at(xs, 0.5).toFixed(2).padStart(7)} ms   p99 ${at(xs, 0.99).toFixed(2).padStart(7)} ms`;
  console.log(
    `Pages of 20 claims in id order, ${requests} requests each, alternating (in process, no HTTP)`,
  );
  console.log(line('page 1', first));
  console.log(line(`page at depth ${depth}`, deep));
  console.log(`depth / page 1 (p50): ${(at(deep, 0.5) / at(first, 0.5)).toFixed(2)}x`);
  await yoga.dispose();
} finally {
  await db.close();
  if (db.startedManaged) await managed.stop(config.managed);
}
