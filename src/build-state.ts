import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths.ts';

/**
 * Whether dist/ holds a build of the current sources. `npm run build` writes, beside its output,
 * the hash of the inputs it was built from; `npm start` and `kg` compare it with the sources'
 * (about 1 MB to read and hash: milliseconds), so code pulled or edited since is never run stale.
 */
export const DIST = path.join(projectRoot, 'dist');
/** The server's build stamp: the hash of serverInputs() when dist/ was compiled. */
export const BUILD_STAMP = path.join(DIST, '.build');

export type BuildState = 'missing' | 'stale' | 'fresh';

/** True when this code runs compiled (dist/*.js), false when tsx runs it from src/*.ts. */
export const runsCompiled = import.meta.url.endsWith('.js');

/**
 * Where the running code's tree starts: src/, or dist/ compiled. Files the code opens beside its
 * modules (a worker, a script for the browser) are found from here, not from import.meta.url: in
 * a bundle every module's import.meta.url is the bundle's.
 */
export const CODE_ROOT = path.join(projectRoot, runsCompiled ? 'dist' : 'src');

/** The hash of the files' relative names and contents, in name order (missing files by name). */
export function hashFiles(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(path.relative(projectRoot, file)).update('\0');
    if (existsSync(file)) hash.update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Every regular file below dir (none when it does not exist). */
export function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.isFile() ? [full] : [];
  });
}

/** What the compiled server is made of: its sources, the compiler's settings, the locked versions. */
export function serverInputs(): string {
  return hashFiles([
    ...walk(path.join(projectRoot, 'src')),
    ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) =>
      path.join(projectRoot, f),
    ),
    path.join(projectRoot, 'scripts', 'build.ts'),
  ]);
}

/** The explorer's sources (a Vite project) and the folder its build goes to (ignored by git). */
export const EXPLORER_SOURCE = path.join(projectRoot, 'web', 'explore');
export const EXPLORER_DIST = path.join(DIST, 'explore');
/** Written by the build beside its output: the hash of the inputs it was built from. */
export const EXPLORER_STAMP = '.inputs';

/**
 * The hash of everything the explorer's build depends on: its sources, the operations it sends
 * (operations/*.graphql), the build's own settings and the locked versions of its dependencies.
 * A build whose stamp differs is out of date.
 */
export function explorerInputs(): string {
  return hashFiles([
    ...walk(EXPLORER_SOURCE),
    ...walk(path.join(projectRoot, 'operations')).filter((f) => f.endsWith('.graphql')),
    path.join(projectRoot, 'scripts', 'build-explore.ts'),
    path.join(projectRoot, 'package-lock.json'),
  ]);
}

/** Whether dist/explore holds a build of the current sources. */
export function explorerState(dist = EXPLORER_DIST): BuildState {
  if (!existsSync(path.join(dist, 'index.html'))) return 'missing';
  const stamp = path.join(dist, EXPLORER_STAMP);
  const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  return built === explorerInputs() ? 'fresh' : 'stale';
}

/**
 * missing: never built; stale: built from other sources; fresh: built from these. A copy of dist/
 * without src/ beside it (a container image) is what it is: fresh.
 */
export function serverState(dist = DIST): BuildState {
  if (!existsSync(path.join(dist, 'main.js'))) return 'missing';
  if (!existsSync(path.join(projectRoot, 'src', 'main.ts'))) return 'fresh';
  const stamp = path.join(dist, path.basename(BUILD_STAMP));
  const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
  return built === serverInputs() ? 'fresh' : 'stale';
}
