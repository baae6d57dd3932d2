import type { Driver } from 'neo4j-driver';
import type { Config, Neo4jConnection } from '../config.ts';
import * as managed from '../neo4j-server/instance.ts';
import { createDatabase, type Database, type DatabaseOptions } from './database.ts';
import { checkConnection, createDriver, type ServerInfo } from './driver.ts';
import { applyMigrations } from './migrations.ts';

export interface Connected {
  connection: Neo4jConnection;
  driver: Driver;
  db: Database;
  server: ServerInfo;
  /** True when this process started the managed Neo4j (and so should stop it when done). */
  startedManaged: boolean;
  close(): Promise<void>;
}

/**
 * Reaches the configured Neo4j (NEO4J_URI), or else the managed local one, starting it when it is
 * not running; then proves it answers and applies the schema migrations.
 */
export async function connect(
  config: Config,
  options: DatabaseOptions & { log?: (line: string) => void } = {},
): Promise<Connected> {
  let startedManaged = false;
  let connection = config.neo4j;
  if (!connection) {
    const started = await managed.start(config.managed, { log: options.log });
    startedManaged = started.started;
    connection = await managed.managedConnection(config.managed);
  }
  const driver = createDriver(connection);
  try {
    const server = await checkConnection(driver, connection);
    // Migrations wait for indexes to come online: no statement timeout for them.
    const setup = createDatabase(driver, connection.database, { onQuery: options.onQuery });
    await applyMigrations(setup).finally(() => setup.close());
    const db = createDatabase(driver, connection.database, options);
    return {
      connection,
      driver,
      db,
      server,
      startedManaged,
      close: async () => {
        db.close();
        await driver.close();
      },
    };
  } catch (error) {
    await driver.close();
    if (startedManaged) await managed.stop(config.managed);
    throw error;
  }
}
