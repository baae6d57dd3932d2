#!/usr/bin/env node
// `npm start`: runs the compiled server (dist/main.js), after building it when dist/ is missing or
// was built from other sources (code pulled or edited since): `npm ci && npm start` is all a
// newcomer runs, and nobody runs yesterday's code by mistake. The check reads and hashes the
// sources (about 1 MB, milliseconds); the build itself (tsc, and Vite for the explorer) takes
// 20 s or so, once. Where the dev dependencies are not installed (npm ci --omit=dev), nothing can
// be built: a stale build runs with a warning, a missing one is an error.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = new URL('../dist/main.js', import.meta.url);
const say = (line) => process.stderr.write(`${line}\n`);

/** missing, stale or fresh: the server's build, then the explorer's (when its sources are here). */
async function buildState() {
  if (!existsSync(main)) return 'missing';
  // No dependency of the server's is loaded for this: the check takes milliseconds.
  const { explorerState, serverState } = await import('../dist/build-state.js');
  const server = serverState();
  return server === 'fresh' && existsSync(new URL('../web/explore', import.meta.url))
    ? explorerState()
    : server;
}

function canBuild() {
  try {
    import.meta.resolve('typescript');
    import.meta.resolve('tsx');
    return true;
  } catch {
    return false;
  }
}

/**
 * The new build, in a process of its own (this one may have loaded modules of the old one). Ctrl-C
 * reaches both (one process group), SIGTERM is passed on; we exit as the server does.
 */
function runBuilt() {
  const server = spawn(process.execPath, [...process.execArgv, fileURLToPath(main)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const state = await buildState();
if (state === 'fresh') {
  await import(main.href);
} else if (canBuild()) {
  say(
    state === 'missing'
      ? 'Building the server and the explorer (npm run build), once...'
      : 'The sources changed since the last build: building again (npm run build)...',
  );
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    say('Cannot start: the build failed (see above).');
    process.exit(1);
  }
  runBuilt();
} else if (state === 'missing') {
  say(
    'Cannot start: dist/ is not built, and TypeScript (a dev dependency) is not installed to ' +
      'build it. Run `npm ci && npm run build` first, or use the container image.',
  );
  process.exit(1);
} else {
  say(
    'dist/ was built from other sources than these, and cannot be rebuilt here (no dev ' +
      'dependencies): running it as it is. `npm ci && npm run build` brings it up to date.',
  );
  await import(main.href);
}
