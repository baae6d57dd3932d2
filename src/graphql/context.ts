import type { Caller } from '../auth/callers.ts';
import type { Database } from '../db/database.ts';
import type { Validator } from '../ingest/validate-off-thread.ts';
import type { ServerInfo } from '../db/driver.ts';
import type { ChangeFeed } from './graph-changes.ts';
import type { Loaders } from './loaders.ts';
import type { GraphVersionClock } from './response-cache.ts';

/** What every resolver gets; built once per request, so nothing is shared between requests. */
export interface GraphQLContext {
  db: Database;
  server: ServerInfo;
  apiVersion: string;
  loaders: Loaders;
  /** Runs a read in the request's read scope (see Database.readScope). */
  read: Database['read'];
  /**
   * Whether root fields compile their selection into one statement (src/graphql/compiler.ts);
   * off, every field resolves through the loaders: the reference the tests compare with.
   */
  compile: boolean;
  /** Ends the read transaction the request's loaders share (see Database.readScope). */
  endReads: () => Promise<void>;
  /** Who sent the request, as its Authorization header tells (src/auth/callers.ts). */
  caller: Caller;
  /** Whether anyone may write: an editor or admin key, or JWT on; neither: writing is off. */
  writable: boolean;
  /** The graph version this server knows; mutations say when they wrote. */
  graphVersion: GraphVersionClock;
  /** The server's one feed of graph changes, for `subscription { graphChanged }`. */
  changes: ChangeFeed;
  /** Validates an article's text, a large one in a worker thread (never on the event loop). */
  validator: Validator;
}
