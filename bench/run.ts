/**
 * `npm run bench -- --size 10k|100k|1m [--reuse]`: a benchmark that tells the truth at scale.
 *
 * 1. Generates a deterministic fictional graph of about `size` nodes (bench/generate.ts) and loads
 *    it through the real importer, timing it against a raw UNWIND/MERGE baseline (bench/load.ts);
 *    with `--reuse`, a graph already loaded at this size and generator version is kept.
 * 2. Asks seven questions (bench/questions.ts) of three contenders over that one graph: the raw
 *    driver with one hand-written Cypher statement, our server (`src/main.ts`, response cache off,
 *    plus a cache-on server for repeated operations), and `@neo4j/graphql` (bench/servers/). Every
 *    contender is a process of its own behind HTTP, loaded by autocannon from this process.
 * 3. Checks first that every contender gives the raw statement's answer (normalised ids), counts
 *    the Cypher statements each sends per request (Bolt RUN messages, seen through the driver's
 *    debug log on an in-process copy of each server), then measures in interleaved rounds
 *    (round-robin over contenders for each question, the order rotated every round, so noise hits
 *    all alike): p50/p99 at 1 connection, requests/s and p99 at 16 connections, errors; reports the
 *    median over rounds, and each server's memory (RSS) at the end.
 * 4. Writes bench/results/<size>.json, <size>.md and p50-by-size.svg, and prints the table.
 *
 * Options: --rounds 3, --seconds 1.5 (each load at 16 connections), --latency-seconds 0.75 (each load at
 * 1 connection, at least 3 requests), --connections 16, --import-concurrency 1,
 * --import-batch 50 (articles per transaction), --import-in-memory (kg import --in-memory), --reuse.
 * Uses the managed Neo4j instance "benchscale" on Bolt port 7694 (started if needed and stopped at
 * the end if this run started it) and GraphQL ports 4983-4986.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import pino from 'pino';
import { loadConfig, projectRoot } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import { createDatabase } from '../src/db/database.ts';
import * as managed from '../src/neo4j-server/instance.ts';
import { IMPORT_BATCH } from '../src/ingest/importer.ts';
import { createServer } from '../src/server.ts';
import { PORTS, argument, benchScaleEnv, flag } from './env.ts';
import { GENERATOR_VERSION, SIZES, type SizeName } from './generate.ts';
import { ensureGraph, graphFigures } from './load.ts';
import { neo4jGraphqlSchema } from './neo4j-graphql-schema.ts';
import { type Picks, QUESTIONS } from './questions.ts';
import { type Cell, type Results, writeResults } from './report.ts';

const size = argument('size', '10k') as SizeName;
if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const rounds = Number(argument('rounds', '3'));
const seconds = Number(argument('seconds', '1.5'));
const latencySeconds = Number(argument('latency-seconds', '0.75'));
const connections = Number(argument('connections', '16'));
const importConcurrency = Number(argument('import-concurrency', '1'));
const importBatch = Number(argument('import-batch', String(IMPORT_BATCH)));
const importInMemory = flag('import-in-memory');
const reuse = flag('reuse');

const log = (line: string) => process.stderr.write(`${line}\n`);
const phases: Record<string, number> = {};
let phaseStart = performance.now();
const phase = (name: string) => {
  const now = performance.now();
  phases[name] = Math.round((now - phaseStart) / 100) / 10;
  phaseStart = now;
  log(`[${name}: ${phases[name]} s]`);
};

const env = benchScaleEnv();
const config = loadConfig(env);
const db = await connect(config, { log });
const children: { name: string; process: ChildProcess }[] = [];

/** Spawns a server with tsx and waits until it prints `ready` on stdout or stderr. */
async function startServer(
  name: string,
  script: string,
  args: string[],
  extra: Record<string, string>,
  ready: string,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...env, ...extra },
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push({ name, process: child });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  while (!output.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`${name} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Contender {
  name: string;
  description: string;
  url: (q: (typeof QUESTIONS)[number] | 'floor') => string | undefined;
  body: (q: (typeof QUESTIONS)[number] | 'floor', p: Picks) => string | undefined;
}

const graphqlBody = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query, variables });
const ours = (name: string, description: string, port: number): Contender => ({
  name,
  description,
  url: () => `http://127.0.0.1:${port}/graphql`,
  body: (q, p) =>
    q === 'floor' ? graphqlBody('{ __typename }') : graphqlBody(q.ours.query, q.ours.variables(p)),
});
const CONTENDERS: Contender[] = [
  {
    name: 'raw',
    description: 'neo4j-driver 6, one hand-written Cypher statement, behind node:http',
    url: (q) => `http://127.0.0.1:${PORTS.raw}/${q === 'floor' ? 'floor' : q.key}`,
    body: (q, p) => (q === 'floor' ? '{}' : JSON.stringify(q.raw.params(p))),
  },
  ours(
    'ours',
    "this project's server (src/main.ts of the working tree), response cache off",
    PORTS.ours,
  ),
  ours(
    'ours+cache',
    'the same with the response cache on (64 MB): repeated operations',
    PORTS.oursCached,
  ),
  {
    name: '@neo4j/graphql',
    description: '@neo4j/graphql 7 on graphql-yoga, equivalent type definitions',
    url: (q) =>
      q !== 'floor' && 'unsupported' in q.neo4jGraphql
        ? undefined
        : `http://127.0.0.1:${PORTS.neo4jGraphql}/graphql`,
    body: (q, p) => {
      if (q === 'floor') return graphqlBody('{ __typename }');
      const op = q.neo4jGraphql;
      return 'unsupported' in op ? undefined : graphqlBody(op.query, op.variables(p));
    },
  },
];

type Json = Record<string, unknown>;

// Answers are JSON of several shapes, read by the questions' normalisers.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function post(url: string, body: string): Promise<{ status: number; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, json: await response.json() };
}

/** The answer of one contender to one question, normalised for comparison. */
async function answer(c: Contender, q: (typeof QUESTIONS)[number], p: Picks): Promise<unknown> {
  const url = c.url(q);
  const body = c.body(q, p);
  if (!url || !body) return undefined;
  const { json } = await post(url, body);
  if (json.error || json.errors)
    throw new Error(JSON.stringify(json.error ?? json.errors).slice(0, 400));
  if (c.name === 'raw') return q.raw.normalize(json.rows);
  if (c.name.startsWith('ours')) return q.ours.normalize(json.data);
  const op = q.neo4jGraphql;
  return 'unsupported' in op ? undefined : op.normalize(json.data);
}

/** What differs between two normalised answers: per list, the counts and a few items each lacks. */
function difference(want: unknown, got: unknown, at = ''): string {
  if (Array.isArray(want) && Array.isArray(got)) {
    const [a, b] = [want.map((x) => JSON.stringify(x)), got.map((x) => JSON.stringify(x))];
    const onlyRaw = a.filter((x) => !b.includes(x));
    const onlyGot = b.filter((x) => !a.includes(x));
    const sample = (xs: string[]) => xs.slice(0, 2).join(', ').slice(0, 160);
    if (onlyRaw.length === 0 && onlyGot.length === 0) return `${at}: same items, other order`;
    return (
      `${at || 'answer'}: ${b.length} items for raw's ${a.length}` +
      (onlyRaw.length ? `; lacks ${onlyRaw.length} (${sample(onlyRaw)})` : '') +
      (onlyGot.length ? `; adds ${onlyGot.length} (${sample(onlyGot)})` : '')
    );
  }
  if (want && got && typeof want === 'object' && typeof got === 'object') {
    return Object.keys(want)
      .filter((k) => JSON.stringify((want as Json)[k]) !== JSON.stringify((got as Json)[k]))
      .map((k) => difference((want as Json)[k], (got as Json)[k], k))
      .join('; ');
  }
  return `${at}: ${JSON.stringify(got)} for raw's ${JSON.stringify(want)}`;
}

/** The ids the questions are asked about, chosen from the loaded graph. */
async function choosePicks(): Promise<Picks> {
  const one = async (cypher: string, params = {}) => (await db.db.read(cypher, params))[0] ?? {};
  const stance = 'DISMISSES';
  const topic = String(
    (
      await one(
        `MATCH (t:Topic)<-[:ABOUT {stance: $stance}]-(:Claim) RETURN t.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1`,
        { stance },
      )
    ).id,
  );
  const person = String(
    (
      await one(
        'MATCH (p:Person)-[:MADE]->() RETURN p.id AS id, count(*) AS n ORDER BY n DESC, id LIMIT 1',
      )
    ).id,
  );
  // A path of 3 or 4 hops from the busiest speaker to an organization.
  const candidates = await db.db.read(
    'MATCH (o:Organization) RETURN o.id AS id ORDER BY o.id LIMIT 40',
  );
  let pathTo = String(candidates[0]?.id);
  for (const { id } of candidates) {
    const [row] = await db.db.read(
      `MATCH (a:Node {id: $from}), (b:Node {id: $to})
       MATCH p = shortestPath((a)-[:WORKS_FOR|PART_OF|HOSTED|PARTICIPATED_IN|HELD_AT|LOCATED_IN|DEVELOPS|CREATED|CONTRIBUTES_TO|ACQUIRED|DISCUSSED|MADE|ABOUT|AT_EVENT*..4]-(b))
       RETURN length(p) AS n`,
      { from: person, to: id },
    );
    if (row && Number(row.n) >= 3) {
      pathTo = String(id);
      break;
    }
  }
  const searchWord = String(
    (await one('MATCH (o:Organization) RETURN o.name AS name ORDER BY o.id SKIP 7 LIMIT 1')).name,
  ).split(' ')[0]!;
  const claims = Number((await one('MATCH (c:Claim) RETURN count(c) AS n')).n);
  const depth = Math.min(10_000, Math.floor((claims - 40) / 100) * 100);
  // Our cursor at `depth`, found by walking pages of 100 as a client would.
  let after: string | null = null;
  let lastId = '';
  for (let walked = 0; walked < depth; walked += 100) {
    const { json } = await post(
      `http://127.0.0.1:${PORTS.ours}/graphql`,
      graphqlBody(
        'query($after: String) { claims(orderBy: ID, first: 100, after: $after) { edges { node { id } } pageInfo { endCursor } } }',
        { after },
      ),
    );
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    after = json.data.claims.pageInfo.endCursor;
    lastId = json.data.claims.edges.at(-1).node.id;
  }
  return {
    topic,
    stance,
    person,
    pathFrom: person,
    pathTo,
    searchWord,
    depth,
    afterId: lastId,
    afterCursor: after ?? '',
  };
}

/** Cypher statements per request: Bolt RUN messages seen by in-process copies of the servers. */
async function countStatements(p: Picks): Promise<Record<string, Record<string, number>>> {
  let runs = 0;
  const driver = neo4j.driver(
    db.connection.uri,
    neo4j.auth.basic(db.connection.user, db.connection.password),
    {
      logging: {
        level: 'debug',
        logger: (_level, message) => void (/ C: RUN /.test(message) && runs++),
      },
    },
  );
  let onQuery = 0;
  const oursServer = createServer({
    db: createDatabase(driver, db.connection.database, { onQuery: () => onQuery++ }),
    server: db.server,
    logger: pino({ level: 'silent' }),
  });
  const ng = createYoga({ schema: await neo4jGraphqlSchema(driver), logging: false });
  const counts: Record<string, Record<string, number>> = {
    ours: {},
    '@neo4j/graphql': {},
    oursOnQuery: {},
  };
  for (const q of QUESTIONS) {
    for (const [name, server, body] of [
      ['ours', oursServer, graphqlBody(q.ours.query, q.ours.variables(p))],
      [
        '@neo4j/graphql',
        ng,
        'unsupported' in q.neo4jGraphql
          ? undefined
          : graphqlBody(q.neo4jGraphql.query, q.neo4jGraphql.variables(p)),
      ],
    ] as const) {
      if (!body) continue;
      // Twice, keeping the second count: a first request may do one-off work (a version check).
      for (let i = 0; i < 2; i++) {
        runs = 0;
        onQuery = 0;
        const response = await server.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await response.text();
      }
      counts[name]![q.key] = runs;
      if (name === 'ours') counts.oursOnQuery![q.key] = onQuery;
    }
  }
  await driver.close();
  return counts;
}

interface Throughput {
  rps: number;
  p99: number;
  errors: number;
}

/**
 * One connection, one request at a time, for `duration` seconds and at least 3 requests: every
 * latency is kept (pooled over rounds for p50/p99), and nothing is left in flight afterwards.
 */
async function latencies(url: string, body: string, duration: number) {
  const ms: number[] = [];
  let errors = 0;
  const until = performance.now() + duration * 1000;
  while (performance.now() < until || ms.length < 3) {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();
    ms.push(performance.now() - started);
    if (response.status !== 200 || text.startsWith('{"error') || text.includes('"errors":[')) {
      errors++;
    }
  }
  return { ms, errors };
}

/**
 * `conns` connections with autocannon, for a fixed number of requests sized from the latency at
 * one connection to last about `duration` seconds. A fixed amount (not a duration) makes
 * autocannon wait for every answer, so a slow question leaves no requests in flight that would
 * slow down the next contender's measurement.
 */
function throughput(
  url: string,
  body: string,
  conns: number,
  duration: number,
  p50: number,
): Promise<Throughput> {
  const amount = Math.max(conns, Math.min(50_000, Math.ceil(((duration * 1000) / p50) * 2)));
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: conns,
        amount,
        timeout: 120,
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          rps: result.requests.total / Math.max(result.duration, 0.001),
          p99: result.latency.p99,
          errors: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.floor((s.length - 1) / 2)]!;
};
const rssOf = (pid: number | undefined) => {
  const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
};

try {
  phase('connect');
  const loaded = await ensureGraph(db.db, db.driver, size, {
    reuse,
    concurrency: importConcurrency,
    batch: importBatch,
    inMemory: importInMemory,
  });
  phase('generate+import+raw baseline');
  const graph = await graphFigures(db.db);

  const main = path.join(projectRoot, 'src', 'main.ts');
  await Promise.all([
    startServer(
      'ours',
      main,
      [],
      { PORT: String(PORTS.ours), KG_CACHE_MB: '0' },
      'Press Ctrl-C to stop.',
    ),
    startServer(
      'ours+cache',
      main,
      [],
      { PORT: String(PORTS.oursCached), KG_CACHE_MB: '64' },
      'Press Ctrl-C to stop.',
    ),
    startServer(
      '@neo4j/graphql',
      path.join(projectRoot, 'bench/servers/neo4j-graphql-server.ts'),
      [String(PORTS.neo4jGraphql)],
      {},
      'ready',
    ),
    startServer(
      'raw',
      path.join(projectRoot, 'bench/servers/raw-server.ts'),
      [String(PORTS.raw)],
      {},
      'ready',
    ),
  ]);
  phase('servers started');
  const picks = await choosePicks();
  log(`Picks: ${JSON.stringify(picks)}`);
  phase('picks (incl. walking cursors to the deep page)');

  const statements = await countStatements(picks);
  const cells = new Map<string, Cell>();
  const key = (q: string, c: string) => `${q}|${c}`;
  const questions = [...QUESTIONS, 'floor' as const];
  for (const q of QUESTIONS) {
    let expected: string | undefined;
    let rawAnswer: unknown;
    for (const c of CONTENDERS) {
      const cell: Cell = {
        p50: null,
        p99: null,
        rps16: null,
        p99at16: null,
        errors: 0,
        statements: null,
        match: '',
      };
      cells.set(key(q.key, c.name), cell);
      cell.statements =
        c.name === 'raw'
          ? 1
          : c.name === 'ours+cache'
            ? null
            : (statements[c.name]?.[q.key] ?? null);
      if (c.name === 'ours') cell.note = `onQuery ${statements.oursOnQuery?.[q.key]}`;
      if (c.name === '@neo4j/graphql') {
        const op = q.neo4jGraphql;
        cell.note = 'unsupported' in op ? `n/a: ${op.unsupported}` : op.note;
      }
      try {
        const got = await answer(c, q, picks);
        if (got === undefined) {
          cell.match = 'n/a';
          continue;
        }
        const text = JSON.stringify(got);
        if (c.name === 'raw') expected = text;
        if (c.name === 'raw') rawAnswer = got;
        if (text === expected) {
          cell.match = 'yes';
        } else {
          cell.match = `MISMATCH: ${difference(rawAnswer, got)}`;
          log(`MISMATCH ${q.key} ${c.name}: ${difference(rawAnswer, got)}`);
        }
      } catch (error) {
        cell.match = `ERROR: ${(error as Error).message.slice(0, 120)}`;
        log(`ERROR ${q.key} ${c.name}: ${(error as Error).message}`);
      }
    }
  }
  for (const c of CONTENDERS) {
    cells.set(key('floor', c.name), {
      p50: null,
      p99: null,
      rps16: null,
      p99at16: null,
      errors: 0,
      statements: 0,
      match: '—',
    });
  }
  phase('answers compared, statements counted');

  // Warm-up (JIT of Node and of Neo4j's query plans), unmeasured.
  const runnable = questions.flatMap((q) =>
    CONTENDERS.flatMap((c) => {
      const url = c.url(q);
      const body = c.body(q, picks);
      const k = key(q === 'floor' ? 'floor' : q.key, c.name);
      return url && body && !cells.get(k)!.match.startsWith('ERROR') ? [{ k, url, body, c }] : [];
    }),
  );
  const warm = new Map<string, number>();
  for (const r of runnable) {
    const { ms } = await latencies(r.url, r.body, 0.5);
    warm.set(r.k, percentile(ms, 0.5)!);
    await throughput(r.url, r.body, connections, 0.5, warm.get(r.k)!);
  }
  phase('warm-up');

  const samples = new Map<string, { ms: number[]; errors: number; many: Throughput[] }>();
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const qk = q === 'floor' ? 'floor' : q.key;
      const these = runnable.filter((r) => r.k.startsWith(`${qk}|`));
      const rotated = [
        ...these.slice(round % these.length),
        ...these.slice(0, round % these.length),
      ];
      for (const r of rotated) {
        const s = samples.get(r.k) ?? { ms: [], errors: 0, many: [] };
        samples.set(r.k, s);
        const one = await latencies(r.url, r.body, latencySeconds);
        s.ms.push(...one.ms);
        s.errors += one.errors;
        s.many.push(await throughput(r.url, r.body, connections, seconds, warm.get(r.k)!));
      }
    }
    log(`round ${round + 1}/${rounds} done`);
  }
  phase('measured rounds');
  for (const [k, s] of samples) {
    const cell = cells.get(k)!;
    cell.p50 = percentile(s.ms, 0.5);
    cell.p99 = percentile(s.ms, 0.99);
    cell.rps16 = median(s.many.map((x) => x.rps));
    cell.p99at16 = median(s.many.map((x) => x.p99));
    cell.errors = s.errors + s.many.reduce((n, x) => n + x.errors, 0);
  }

  const rssMb = Object.fromEntries(children.map((c) => [c.name, rssOf(c.process.pid)]));
  const results: Results = {
    size,
    generatorVersion: GENERATOR_VERSION,
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, neo4j: db.server.version, node: process.version },
    graph,
    import: { importer: loaded.importer, raw: loaded.raw, generatedSeconds: loaded.generatedIn },
    picks: { ...picks, afterCursor: undefined },
    method: {
      rounds,
      seconds,
      latencySeconds,
      connections,
      heap: env.NEO4J_HEAP,
      pageCache: env.NEO4J_PAGECACHE,
    },
    contenders: Object.fromEntries(CONTENDERS.map((c) => [c.name, c.description])),
    questions: [
      ...QUESTIONS.map((q) => ({ key: q.key, title: q.title, cells: {} as Record<string, Cell> })),
      { key: 'floor', title: '{ __typename } (HTTP + GraphQL floor)', cells: {} },
    ].map((q) => ({
      ...q,
      cells: Object.fromEntries(
        CONTENDERS.flatMap((c) =>
          cells.has(key(q.key, c.name)) ? [[c.name, cells.get(key(q.key, c.name))!]] : [],
        ),
      ),
    })),
    rssMb,
    phases,
  };
  const md = await writeResults(results);
  console.log(md);
} finally {
  for (const c of children) {
    if (c.process.exitCode === null) {
      c.process.kill('SIGINT');
      await new Promise((r) => c.process.once('close', r));
    }
  }
  await db.close();
  if (db.startedManaged) await managed.stop(config.managed);
}
