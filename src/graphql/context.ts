import type { Database } from '../db/database.ts';
import type { ServerInfo } from '../db/driver.ts';

/** What every resolver gets; built once per request, so nothing is shared between requests. */
export interface GraphQLContext {
  db: Database;
  server: ServerInfo;
  apiVersion: string;
}
