/**
 * Builds the explorer (web/explore, Preact + cytoscape.js) with Vite into dist/explore, which the
 * server serves at /explore. `npm start` runs this when the build is missing or out of date.
 *
 *   npm run build:explore
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import {
  EXPLORER_DIST,
  EXPLORER_SOURCE,
  EXPLORER_STAMP,
  explorerInputs,
} from '../src/http/explore-build.ts';

export async function buildExplorer(): Promise<void> {
  // Taken before building: sources edited meanwhile leave the build out of date, as they should.
  const inputs = explorerInputs();
  await build({
    root: EXPLORER_SOURCE,
    base: '/explore/',
    configFile: false,
    envDir: false,
    logLevel: 'warn',
    publicDir: false,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: EXPLORER_DIST,
      emptyOutDir: true,
      assetsDir: 'assets',
      // One file for the application; cytoscape, the largest part, changes least, so it has its own.
      rolldownOptions: {
        output: {
          codeSplitting: { groups: [{ name: 'cytoscape', test: /node_modules[\\/]cytoscape/ }] },
        },
      },
      chunkSizeWarningLimit: 1024,
    },
  });
  writeFileSync(path.join(EXPLORER_DIST, EXPLORER_STAMP), `${inputs}\n`);
}

const started = Date.now();
await buildExplorer();
console.log(
  `built ${path.relative(process.cwd(), EXPLORER_DIST)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
