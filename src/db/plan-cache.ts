import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import neo4j from 'neo4j-driver';
import type { Params } from './database.ts';

/**
 * Which reads this process has had Neo4j plan: keys of statement text and parameter types, the
 * two things Neo4j's plan cache keys a plan by (its values are parameters, never part of the text).
 * Bounded: our statements come from a compiler whose output repeats, so a few thousand cover a
 * server's whole working set; one evicted is planned again, which costs a round-trip, not an error.
 */
export interface PlanCache {
  key(cypher: string, params: Params): string;
  has(key: string): boolean;
  add(key: string): void;
  /** Forgets every plan: Neo4j may have restarted with an empty cache. */
  clear(): void;
}

export const MAX_PLANS = 4096;

export function createPlanCache(max = MAX_PLANS): PlanCache {
  const known = new LRUCache<string, true>({ max });
  return {
    key: (cypher, params) =>
      createHash('sha256')
        .update(cypher)
        .update('\0')
        .update(parameterTypes(params))
        .digest('base64url'),
    has: (key) => known.has(key),
    add: (key) => void known.set(key, true),
    clear: () => known.clear(),
  };
}

/** `first:INTEGER,ids:LIST,text:STRING`: the parameters' names and Cypher types, by name. */
export function parameterTypes(params: Params): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${name}:${cypherType(params[name])}`)
    .join(',');
}

function cypherType(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'LIST';
  if (neo4j.isInt(value) || typeof value === 'bigint') return 'INTEGER';
  switch (typeof value) {
    case 'string':
      return 'STRING';
    case 'boolean':
      return 'BOOLEAN';
    // The driver sends a JavaScript number as a FLOAT.
    case 'number':
      return 'FLOAT';
    default:
      // Temporal values and points by their class, maps as MAP.
      return (value as object).constructor?.name ?? 'MAP';
  }
}
