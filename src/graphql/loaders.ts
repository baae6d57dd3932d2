import DataLoader from 'dataloader';
import { UserError } from '../model/errors.ts';
import type { ClaimDetails } from '../model/records.ts';
import { type ClaimLinkKey, claimReader } from '../claims/claim-reader.ts';
import type { Database } from '../db/database.ts';
import { exploreReader } from '../graph/explore-reader.ts';
import { nodeReader } from '../graph/node-reader.ts';
import { relationReader, type RelationsKey } from '../graph/relation-reader.ts';

/**
 * Per-request batching: every nested field asks a loader, and each loader sends one query per
 * level of the request, however many parents ask. So the number of Cypher round-trips grows with
 * the depth of a request, never with the number of items in it. Built once per request: nothing
 * is cached across requests (or users).
 */
export function createLoaders(db: Database) {
  const nodes = nodeReader(db);
  const relations = relationReader(db);
  const claims = claimReader(db);
  const byJson = { cacheKeyFn: (key: unknown) => JSON.stringify(key) };
  return {
    readers: { nodes, relations, claims, explore: exploreReader(db) },
    node: new DataLoader(async (ids: readonly string[]) => {
      const found = await nodes.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    relations: new DataLoader((keys: readonly RelationsKey[]) => relations.relations(keys), byJson),
    articlesMentioning: new DataLoader((ids: readonly string[]) =>
      relations.articlesMentioning(ids),
    ),
    entitiesMentioned: new DataLoader((ids: readonly string[]) => relations.entitiesMentioned(ids)),
    articleFacts: new DataLoader((ids: readonly string[]) => relations.articleFacts(ids)),
    claimDetails: new DataLoader<string, ClaimDetails>(async (ids) =>
      (await claims.details(ids)).map(
        (d, i) => d ?? new UserError(`Claim "${ids[i]}" is no longer in the graph.`, 'NOT_FOUND'),
      ),
    ),
    claimsLinked: new DataLoader((keys: readonly ClaimLinkKey[]) => claims.linked(keys), byJson),
    stanceSummary: new DataLoader((ids: readonly string[]) => claims.stanceSummary(ids)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
