import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { Neo4jConnection } from '../../src/config.ts';
import { createDatabase, type Database, type DatabaseOptions } from '../../src/db/database.ts';
import { createDriver } from '../../src/db/driver.ts';
import { TEST_DATABASE } from './test-config.ts';

export interface TestNeo4j {
  connection: Neo4jConnection;
  driver: Driver;
  db: Database;
  close(): Promise<void>;
}

/** A driver and database on the test run's Neo4j (see global-setup.ts). */
export function openTestNeo4j(options: DatabaseOptions = {}): TestNeo4j {
  const connection = inject('neo4j');
  const driver = createDriver(connection);
  return {
    connection,
    driver,
    db: createDatabase(driver, connection.database, options),
    close: () => driver.close(),
  };
}

/**
 * Deletes every node and relationship, but only in the test database: the name must be the test
 * one, and the server must confirm that this is the database the session is on.
 */
export async function wipeTestGraph(db: Database): Promise<void> {
  if (db.name !== TEST_DATABASE) {
    throw new Error(
      `Refusing to wipe database "${db.name}": only "${TEST_DATABASE}" may be wiped.`,
    );
  }
  const [info] = await db.read('CALL db.info() YIELD name RETURN name');
  if (info?.name !== TEST_DATABASE) {
    throw new Error(`Refusing to wipe: the server says this is "${String(info?.name)}".`);
  }
  await db.write('MATCH (n) DETACH DELETE n');
}
