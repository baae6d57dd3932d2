import type { TestProject } from 'vitest/node';
import type { Neo4jConnection } from '../../src/config.ts';
import { connect } from '../../src/db/connect.ts';
import * as managed from '../../src/neo4j-server/instance.ts';
import { testConfig } from './test-config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnection;
  }
}

/**
 * Starts the test run's own Neo4j (fetching it the first time), applies the schema, and hands the
 * connection to every test file. The server is stopped at the end, also when tests fail, unless it
 * was already running before the run (a developer's `KG_NEO4J_INSTANCE=test kg db start`).
 */
export default async function setup(project: TestProject) {
  const config = testConfig();
  const log = (line: string) => process.stderr.write(`[test neo4j] ${line}\n`);
  const neo4j = await connect(config, { log });
  await neo4j.close();
  project.provide('neo4j', neo4j.connection);
  return async () => {
    if (neo4j.startedManaged) await managed.stop(config.managed);
  };
}
