import { randomUUID } from 'node:crypto';
import { type Cache, hashSHA256, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/database.ts';
import { readGraphVersion } from '../db/graph-version.ts';
import { measureValue } from '../ingest/document-limits.ts';

/**
 * A response cache that never serves stale knowledge. Whole results are cached per operation and
 * variables, under a key that includes the graph's version (src/db/graph-version.ts), which every
 * write replaces in its own transaction. A server reads the version at most every `checkMs`
 * (0: on every request) and at once after its own writes, so no answer is older than `checkMs`
 * after another process's write, and none at all after this server's. Mutations, errors and
 * introspection are never cached; the cache holds at most `maxBytes` of results.
 */

export interface CacheOptions {
  /** Bytes of results to keep; 0 turns the cache off. */
  maxBytes: number;
  /** How long a version read stays current, in ms; 0 reads it for every request. */
  checkMs: number;
}

/** The graph version as this server knows it. */
export interface GraphVersionClock {
  current(): Promise<string>;
  /** This server has just written: the next request reads the version again. */
  written(): void;
}

export function graphVersionClock(
  db: Database,
  checkMs: number,
  now: () => number = () => performance.now(),
): GraphVersionClock {
  let version: string | undefined;
  let checkedAt = -Infinity;
  let reading: Promise<string> | undefined;
  let writes = 0;
  return {
    async current() {
      if (checkMs === 0) return readGraphVersion(db);
      if (version !== undefined && now() - checkedAt < checkMs) return version;
      if (!reading) {
        // One read for every request that arrives while it runs. A read that a write of this
        // server overtook may predate the write: it answers its requests, but is not kept.
        const started = now();
        const writesBefore = writes;
        reading = readGraphVersion(db)
          .then((v) => {
            if (writes === writesBefore) [version, checkedAt] = [v, started];
            return v;
          })
          .finally(() => {
            reading = undefined;
          });
      }
      return reading;
    },
    written() {
      writes++;
      checkedAt = -Infinity;
    },
  };
}

/**
 * Results kept in memory up to `maxBytes` (their JSON size), least recently used out first.
 * Entries are never invalidated one by one: a write changes the version, so the keys of older
 * results are never asked for again and they age out. Each is kept with its JSON text, which
 * Yoga sends as it is (`stringify`): a hit is not serialised again, whatever its size.
 */
export function byteBoundedCache(maxBytes: number, onLookup?: (hit: boolean) => void): Cache {
  const entries = new LRUCache<string, { result: CachedResult; bytes: number }>({
    maxSize: maxBytes,
    sizeCalculation: (entry, key) => entry.bytes + key.length,
  });
  return {
    set(key, result) {
      const json = JSON.stringify(withoutHttp(result));
      const bytes = Buffer.byteLength(json);
      if (bytes + key.length <= maxBytes) {
        entries.set(key, { result: { ...result, stringify: () => json }, bytes });
      }
    },
    get(key) {
      const found = entries.get(key)?.result;
      onLookup?.(found !== undefined);
      return found as ReturnType<Cache['get']> & ExecutionResult;
    },
    invalidate() {},
  };
}

/** What Yoga sends of a result: without the HTTP headers its plugins keep in `extensions.http`. */
function withoutHttp(result: ExecutionResult): ExecutionResult {
  if (!result.extensions || !('http' in result.extensions)) return result;
  const { http: _http, ...extensions } = result.extensions;
  return { ...result, extensions: Object.keys(extensions).length ? extensions : undefined };
}

/** A result with its JSON text (Yoga's ExecutionResultWithSerializer). */
type CachedResult = ExecutionResult & { stringify: () => string };

/** Whether a result may be cached: not an error, not introspection (it describes the schema). */
export function cacheable(result: ExecutionResult): boolean {
  if (result.errors?.length) return false;
  return result.data == null || !('__schema' in result.data || '__type' in result.data);
}

/**
 * The Yoga plugin, or none when the cache is off. While Neo4j is away the version cannot be read,
 * so the cache is left out: what needs no Neo4j (`__typename`, `about`) still answers.
 */
export function graphResponseCache(
  clock: GraphVersionClock,
  options: CacheOptions,
  db: Pick<Database, 'available'>,
  /** Hears each lookup, hit or miss (for metrics). */
  onLookup?: (hit: boolean) => void,
): Plugin[] {
  if (options.maxBytes <= 0) return [];
  return [
    useResponseCache({
      enabled: () => db.available,
      // A hit is the cached result as it is (no metadata added), so its JSON text stays valid.
      includeExtensionMetadata: false,
      // Reads need no key and answer everyone alike: one cache for all.
      session: () => null,
      cache: byteBoundedCache(options.maxBytes, onLookup),
      // Writes change the version instead of invalidating entries.
      invalidateViaMutation: false,
      // Built for every request, mutations included, before the operation is known: variables
      // nested deeper than a document may be (JSON.stringify would overflow the stack) make a
      // key of their own, never found again.
      buildResponseCacheKey: async ({ documentString, variableValues, operationName }) =>
        measureValue(variableValues ?? {}).exceeded
          ? randomUUID()
          : // Built for every request, even with the cache left out: no version to read then.
            !db.available
            ? 'no-version'
            : hashSHA256(
                JSON.stringify([
                  await clock.current(),
                  documentString,
                  operationName ?? null,
                  variableValues ?? {},
                ]),
              ),
      shouldCacheResult: ({ result }) => cacheable(result),
      // The write log answers admins only: one cache for all must never hold it.
      ttlPerSchemaCoordinate: { 'Query.writeLog': 0 },
    }),
  ];
}
