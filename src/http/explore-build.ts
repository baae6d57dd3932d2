import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';

/** The explorer's sources (a Vite project) and the folder its build goes to (ignored by git). */
export const EXPLORER_SOURCE = path.join(projectRoot, 'web', 'explore');
export const EXPLORER_DIST = path.join(projectRoot, 'dist', 'explore');
/** Written by the build beside its output: the hash of the inputs it was built from. */
export const EXPLORER_STAMP = '.inputs';

/**
 * The hash of everything the explorer's build depends on: its sources, the operations it sends
 * (operations/*.graphql), the build's own settings and the locked versions of its dependencies.
 * A build whose stamp differs is out of date.
 */
export function explorerInputs(): string {
  const hash = createHash('sha256');
  const files = [
    ...walk(EXPLORER_SOURCE),
    ...walk(path.join(projectRoot, 'operations')).filter((f) => f.endsWith('.graphql')),
    path.join(projectRoot, 'scripts', 'build-explore.ts'),
    path.join(projectRoot, 'package-lock.json'),
  ];
  for (const file of files.sort()) {
    hash.update(path.relative(projectRoot, file)).update('\0');
    if (existsSync(file)) hash.update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.isFile() ? [full] : [];
  });
}

export type ExplorerState = 'missing' | 'stale' | 'fresh';

/** Whether dist/explore holds a build of the current sources. */
export function explorerState(dist = EXPLORER_DIST): ExplorerState {
  if (!existsSync(path.join(dist, 'index.html'))) return 'missing';
  const stamp = path.join(dist, EXPLORER_STAMP);
  const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  return built === explorerInputs() ? 'fresh' : 'stale';
}

/**
 * Builds the explorer when dist/explore is missing or out of date (`npm run build:explore` in a
 * child process: Vite sets NODE_ENV while it builds, and the server must not see it). A failed
 * build is reported and the server goes on: /explore then says how to build it.
 */
export async function ensureExplorer(
  say: (line: string) => void,
): Promise<ExplorerState | 'built' | 'failed'> {
  const state = explorerState();
  if (state === 'fresh') return state;
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
