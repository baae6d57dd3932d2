import path from 'node:path';
import pino from 'pino';
import { type ApiKey, sha256Hex, writeKeyAsApiKey } from '../../src/auth/api-keys.ts';
import type { JwtConfig } from '../../src/auth/jwt.ts';
import type { Role } from '../../src/auth/roles.ts';
import { projectRoot } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import type { ServerInfo } from '../../src/db/driver.ts';
import { collectArticleFiles } from '../../src/ingest/files.ts';
import { importFiles, type ImportOutcome } from '../../src/ingest/importer.ts';
import type { ChangeFeed } from '../../src/graphql/graph-changes.ts';
import type { CacheOptions } from '../../src/graphql/response-cache.ts';
import { createServer } from '../../src/server.ts';

/** One error of a GraphQL response, as it travels over HTTP. */
export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

export type Variables = Record<string, unknown>;

export interface GraphQLClient {
  yoga: ReturnType<typeof createServer>;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Variables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResult<T>>;
}

export interface GraphQLClientOptions {
  /** The server's write key (an editor key, as KG_WRITE_KEY is); without keys, mutations are refused. */
  writeKey?: string;
  /** More keys the server accepts, with their roles. */
  apiKeys?: readonly ApiKey[];
  /** How the server verifies tokens (KG_JWT_SECRET or KG_JWKS_URL); none by default. */
  jwt?: JwtConfig;
  /** Whether reads need a key (KG_READS); public by default. */
  reads?: 'public' | 'key';
  /** What `about` reports; by default a stand-in naming the database of `db`. */
  server?: ServerInfo;
  /** The response cache; off by default, so that statement counts are exact. */
  cache?: CacheOptions;
  /** Compile root fields into one statement (the default); false: resolve field by field. */
  compile?: boolean;
  /** The feed of graph changes for subscriptions; by default the server's own (1 s). */
  changes?: ChangeFeed;
}

/** A server on `db` without a port, and a function that sends it one operation over POST. */
export function graphqlClient(db: Database, options: GraphQLClientOptions = {}): GraphQLClient {
  const yoga = createServer({
    db,
    server: options.server ?? { version: '5', edition: 'community', database: db.name },
    logger: pino({ level: 'silent' }),
    apiKeys: [
      ...(options.writeKey ? [writeKeyAsApiKey(options.writeKey)] : []),
      ...(options.apiKeys ?? []),
    ],
    jwt: options.jwt,
    reads: options.reads,
    cache: options.cache,
    compile: options.compile ?? true,
    changes: options.changes,
  });
  return {
    yoga,
    async query<T>(query: string, variables?: Variables, headers: Record<string, string> = {}) {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      try {
        return JSON.parse(text) as GraphQLResult<T>;
      } catch {
        throw new Error(`HTTP ${response.status}, not a JSON answer: ${text.slice(0, 500)}`);
      }
    },
  };
}

/** A key the server accepts, configured as KG_API_KEYS configures it (by its hash). */
export const apiKey = (name: string, role: Role, key: string): ApiKey => ({
  name,
  role,
  sha256: sha256Hex(key),
});

/** The header that carries a key. */
export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** The data of a result that must have no errors (the errors are the failure message). */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) {
    throw new Error(`Unexpected GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  }
  if (result.data === undefined || result.data === null) {
    throw new Error(`No data in the answer: ${JSON.stringify(result)}`);
  }
  return result.data;
}

/** The first error of a result that must have failed with `code`. */
export function errorOf<T>(result: GraphQLResult<T>, code: string): GraphQLErrorShape {
  const error = result.errors?.find((e) => e.extensions?.code === code);
  if (!error) {
    throw new Error(`Expected an error with code ${code}, got: ${JSON.stringify(result)}`);
  }
  return error;
}

/** Imports seed/ with the library, as `kg import seed/` does; fails on any file that fails. */
export async function loadSeed(db: Database): Promise<ImportOutcome[]> {
  const { files, refused } = await collectArticleFiles([path.join(projectRoot, 'seed')]);
  if (refused.length > 0 || files.length === 0) {
    throw new Error(`seed/ is missing or empty: ${JSON.stringify(refused)}`);
  }
  const outcomes = await importFiles(db, files);
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    throw new Error(`Importing seed/ failed: ${JSON.stringify(failed, null, 2)}`);
  }
  return outcomes;
}
