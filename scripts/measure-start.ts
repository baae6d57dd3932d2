/**
 * Measures how long `npm start` takes until GraphQL answers `{ __typename }`:
 *   cold:  empty Maven cache and no jars (Neo4j is fetched from Maven Central), new data folder;
 *   warm:  jars and data already there, Neo4j not running (the usual `npm start`);
 *   hot:   Neo4j already running (`kg db start` earlier), only the GraphQL server starts.
 * Each run is what `npm start` runs, `node --enable-source-maps bin/start.js`, with dist/ built
 * beforehand (a start that builds is measured by the first `npm start`, not here), without npm's
 * own start-up (about 0.2 s more through `npm start`).
 * Usage: npm run bench:start [-- --runs 3] [-- --skip-cold] [-- --hot-only]
 * Uses its own managed instance (Bolt port 7691, or BENCH_BOLT_PORT) and GraphQL port 4980 (or
 * BENCH_PORT), in temporary folders.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/config.ts';
import { median } from './bench-support.ts';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const hotOnly = args.includes('--hot-only');
const skipCold = hotOnly || args.includes('--skip-cold');
const PORT = process.env.BENCH_PORT ?? '4980';
const BOLT_PORT = process.env.BENCH_BOLT_PORT ?? '7691';
const start = path.join(projectRoot, 'bin', 'start.js');
const kg = path.join(projectRoot, 'bin', 'kg.js');

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-measure-'));
const baseEnv: Record<string, string> = {};
for (const [k, v] of Object.entries(process.env)) {
  if (v !== undefined && !k.startsWith('NEO4J_') && !k.startsWith('KG_')) baseEnv[k] = v;
}
const env = (home: string, extra: Record<string, string> = {}) => ({
  ...baseEnv,
  KG_NEO4J_HOME: home,
  KG_NEO4J_INSTANCE: 'measure',
  NEO4J_BOLT_PORT: BOLT_PORT,
  PORT,
  LOG_LEVEL: 'warn',
  ...extra,
});

async function answers(): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts the server, returns seconds until GraphQL answers, then stops it with SIGINT. */
async function timeStart(runEnv: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', start], {
    env: runEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise((resolve) => child.on('close', resolve));
  while (!(await answers())) {
    if (child.exitCode !== null) throw new Error(`npm start failed:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  child.kill('SIGINT');
  await exited;
  return seconds;
}

const run = (file: string, argv: string[], runEnv: Record<string, string>) =>
  new Promise((resolve) =>
    spawn(process.execPath, [file, ...argv], { env: runEnv, stdio: 'ignore' }).on('close', resolve),
  );

const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(2)} s  (runs: ${xs.map((x) => x.toFixed(2)).join(', ')})`;

// Built once before the runs, as `npm start` would at its first run.
await run(
  path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
  [path.join(projectRoot, 'scripts', 'build.ts')],
  {
    ...baseEnv,
  },
);

try {
  // Cold runs use their own Neo4j home and Maven cache; warm and hot runs reuse the project's jars.
  const coldHome = path.join(tmp, 'cold-home');
  const warmHome = path.join(tmp, 'warm-home');
  const rows: [string, string][] = [];
  if (!skipCold) {
    const cold = await timeStart(
      env(coldHome, { MAVEN_OPTS: `-Dmaven.repo.local=${path.join(tmp, 'm2')}` }),
    );
    rows.push(['cold (empty Maven cache, no jars, new data)', `${cold.toFixed(1)} s`]);
  }
  // Warm: jars on disk (shared with the project's .neo4j/dist), data folder exists, Neo4j stopped.
  await fs.mkdir(warmHome, { recursive: true });
  await fs.symlink(path.join(projectRoot, '.neo4j', 'dist'), path.join(warmHome, 'dist'));
  await timeStart(env(warmHome)); // first start creates the data folder and the password
  if (!hotOnly) {
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push(await timeStart(env(warmHome)));
    rows.push(['warm (jars and data there, Neo4j stopped)', fmt(warm)]);
  }
  await run(kg, ['db', 'start'], env(warmHome));
  const hot: number[] = [];
  for (let i = 0; i < runs; i++) hot.push(await timeStart(env(warmHome)));
  await run(kg, ['db', 'stop'], env(warmHome));
  rows.push(['hot (Neo4j already running)', fmt(hot)]);
  // The load says how busy the machine was: on a shared one, a start waits for the CPU.
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(
    `npm start until GraphQL answers { __typename } (${os.cpus().length} cores, load average ${load.join(' ')})`,
  );
  for (const [k, v] of rows) console.log(`  ${k.padEnd(46)} ${v}`);
} finally {
  await fs.rm(tmp, { recursive: true, force: true });
}
