import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type BuildState, EXPLORER_DIST, explorerState, runsCompiled } from '../build-state.ts';
import { projectRoot } from '../config.ts';

export {
  EXPLORER_DIST,
  EXPLORER_SOURCE,
  EXPLORER_STAMP,
  explorerInputs,
  explorerState,
} from '../build-state.ts';

/** Whether dist/explore holds a build of the current sources (missing, stale or fresh). */
export type ExplorerState = BuildState;

/**
 * Builds the explorer when dist/explore is missing or out of date (`npm run build:explore` in a
 * child process: Vite sets NODE_ENV while it builds, and the server must not see it). A failed
 * build is reported and the server goes on: /explore then says how to build it.
 *
 * Compiled (dist/main.js), the server serves the explorer `npm run build` built beside it and
 * hashes nothing at start (`npm start` checked the sources before it ran this); it builds one
 * only when there is none and Vite is installed, and otherwise says so and serves the API.
 */
export async function ensureExplorer(
  say: (line: string) => void,
): Promise<ExplorerState | 'built' | 'failed'> {
  const state = runsCompiled
    ? existsSync(path.join(EXPLORER_DIST, 'index.html'))
      ? 'fresh'
      : 'missing'
    : explorerState();
  if (state === 'fresh') return state;
  if (!canBuild()) {
    say(
      'The explorer is not built (no dist/explore) and cannot be built here (Vite, a dev dependency, ' +
        'is not installed): /explore answers 503. Run `npm run build` where `npm ci` installed everything.',
    );
    return state;
  }
  say(
    state === 'missing'
      ? 'Building the explorer (web/explore -> dist/explore), once...'
      : 'The explorer changed since it was built: building it again...',
  );
  const started = Date.now();
  const { code, output } = await runBuild();
  if (code === 0) {
    say(`Built the explorer in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 'built';
  }
  say(`The explorer could not be built (npm run build:explore says why):\n${output.trim()}`);
  return 'failed';
}

/** Whether this installation can run build-explore.ts: its sources, tsx and Vite are there. */
function canBuild(): boolean {
  try {
    import.meta.resolve('vite');
    import.meta.resolve('tsx');
  } catch {
    return false;
  }
  return existsSync(path.join(projectRoot, 'scripts', 'build-explore.ts'));
}

function runBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'scripts', 'build-explore.ts')],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
    child.on('close', (code) => resolve({ code, output }));
  });
}
