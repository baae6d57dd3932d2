import type { TestProject } from 'vitest/node';
import type { Neo4jConnection } from '../../src/config.ts';
import { connect } from '../../src/db/connect.ts';
import * as managed from '../../src/neo4j-server/instance.ts';
import { TEST_SCHEME, testConfig, withScheme } from './test-config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnection;
  }
}

/**
 * Starts the test run's own Neo4j (fetching it the first time), applies the schema, and hands the
 * connection to every test file: a bolt:// URI, or neo4j:// with KG_TEST_NEO4J_SCHEME=neo4j. The server is stopped at the end, also when tests fail, unless it
 * was already running before the run (a developer's `KG_NEO4J_INSTANCE=test kg db start`).
 */
export default async function setup(project: TestProject) {
  const config = testConfig();
  const log = (line: string) => process.stderr.write(`[test neo4j] ${line}\n`);
  const neo4j = await connect(config, { log });
  await neo4j.close();
  const uri = withScheme(neo4j.connection.uri, TEST_SCHEME);
  if (TEST_SCHEME !== 'bolt') log(`Tests connect through ${uri} (KG_TEST_NEO4J_SCHEME)`);
  project.provide('neo4j', { ...neo4j.connection, uri });
  return async () => {
    if (neo4j.startedManaged) await managed.stop(config.managed);
  };
}
