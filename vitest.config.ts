import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CommonJS (main) and ESM (module) copies. Node, and so Yoga and graphql-tools,
// load the CommonJS one; Vite would hand our own code the ESM one, and two copies of graphql
// cannot share a schema or tell each other's errors apart. Tests use the copy Node uses.
const graphqlAsNodeLoadsIt = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlAsNodeLoadsIt }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // Page tests (test/browser) click through headless Chromium against a real server.
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          // One real Neo4j for the whole run (its own ports and data folder), wiped between files.
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/reset-graph.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
