import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder (the one with package.json): the default home of the managed Neo4j
 * and of seed/. Found upwards from this code, which may be src/paths.ts, dist/paths.js or a bundle
 * (dist/main.js, dist/cli/kg.js, dist/ingest/validate-worker.js: each its own import.meta.url).
 * Kept free of dependencies: `npm start` and `kg` read it before they know which build to run.
 */
export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return path.resolve(from, '..');
}
