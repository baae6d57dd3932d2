/**
 * `npm run build`: the server (src -> dist, tsc with source maps, and the files it reads beside its
 * code) and the explorer (web/explore -> dist/explore, Vite), each only when its inputs changed
 * since its last build; `--force` builds both. `npm start` runs this when dist/ is missing or stale.
 *
 * The three entry points, dist/main.js, dist/cli/kg.js and dist/ingest/validate-worker.js, are
 * then bundled in place with their dependencies (esbuild, source maps back to src/): Node loads
 * one file instead of about 900 modules, which is most of the difference between a 1 s start and
 * a 0.3 s one. GraphiQL's page (9 MB, loaded on its first request) stays outside.
 *
 *   npm run build [-- --force]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { BUILD_STAMP, DIST, serverInputs, serverState, walk } from '../src/build-state.ts';
import { projectRoot } from '../src/config.ts';
import { explorerState } from '../src/http/explore-build.ts';

const force = process.argv.includes('--force');
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(args: string[]): void {
  const { status } = spawnSync(process.execPath, args, { cwd: projectRoot, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

if (force || serverState() !== 'fresh') {
  const started = Date.now();
  // Taken before compiling: sources edited meanwhile leave the build stale, as they should.
  const inputs = serverInputs();
  // The previous output goes (a removed source leaves no module behind); the explorer's stays.
  mkdirSync(DIST, { recursive: true });
  for (const entry of readdirSync(DIST)) {
    if (entry !== 'explore') rmSync(path.join(DIST, entry), { recursive: true, force: true });
  }
  run([
    path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'tsconfig.build.json',
  ]);
  // What the server reads beside its modules (graphiql-tabs.js): every source that is not TypeScript.
  const src = path.join(projectRoot, 'src');
  for (const file of walk(src).filter((f) => !f.endsWith('.ts'))) {
    const to = path.join(DIST, path.relative(src, file));
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(file, to);
  }
  await bundle();
  writeFileSync(BUILD_STAMP, `${inputs}\n`);
  console.log(`built dist/ (the server) in ${seconds(started)}`);
}

if (force || explorerState() !== 'fresh') {
  // In a process of its own: Vite sets NODE_ENV while it builds.
  run(['--import', 'tsx', path.join(projectRoot, 'scripts', 'build-explore.ts')]);
}

/** Each entry point and what it imports, in one file, where tsc put the entry point. */
async function bundle(): Promise<void> {
  const entries = ['main.js', 'cli/kg.js', 'ingest/validate-worker.js'];
  await build({
    entryPoints: entries.map((entry) => path.join(DIST, entry)),
    outdir: DIST,
    outbase: DIST,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // tsc's maps are read and carried on: a stack trace names the lines of src/*.ts.
    sourcemap: true,
    // Loaded on GraphiQL's first request only; neither read nor parsed before.
    external: ['@graphql-yoga/render-graphiql'],
    // The CommonJS dependencies (graphql, neo4j-driver) call require() inside an ES module.
    banner: {
      js: "import { createRequire as kgCreateRequire } from 'node:module'; const require = kgCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}
