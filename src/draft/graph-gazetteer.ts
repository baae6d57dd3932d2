/**
 * The graph as the gazetteer of a draft: the entities answering to the draft's candidate names
 * (through the entity_name_keys index, as identity resolution finds them) or ids (an id or a
 * redirect), read in one statement with every value a parameter.
 */
import type { Database } from '../db/database.ts';
import { ENTITY_TYPES, type EntityType } from '../model/vocabulary.ts';
import type { Gazetteer, GazetteerEntry } from './gazetteer.ts';

/** Keys per full-text query: Lucene refuses more than 1,024 clauses in one. */
const KEYS_PER_QUERY = 500;
/** Keys and ids a draft may ask for: a text long enough to reach this is cut short here. */
export const MAX_GAZETTEER_LOOKUPS = 20_000;

/** Keys the keyword index can be asked for as quoted terms (letters, digits, single spaces). */
const SEARCHABLE = /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u;

export function graphGazetteer(db: Pick<Database, 'read'>): Gazetteer {
  return {
    lookup: async (keys, ids) => {
      const searchable = keys.filter((k) => SEARCHABLE.test(k)).slice(0, MAX_GAZETTEER_LOOKUPS);
      const queries: string[] = [];
      for (let i = 0; i < searchable.length; i += KEYS_PER_QUERY) {
        queries.push(
          searchable
            .slice(i, i + KEYS_PER_QUERY)
            .map((k) => `"${k}"`)
            .join(' OR '),
        );
      }
      const rows = await db.read(
        `/* draftGazetteer */
         CALL () {
           UNWIND $ids AS id
           OPTIONAL MATCH (n:Node {id: id})
           OPTIONAL MATCH (:Redirect {id: id})-[:REDIRECTS_TO]->(t:Node)
           WITH coalesce(n, t) AS found
           WHERE found IS NOT NULL
           RETURN found
           UNION
           UNWIND $queries AS query
           CALL db.index.fulltext.queryNodes('entity_name_keys', query) YIELD node
           RETURN node AS found
         }
         WITH DISTINCT found
         WITH found, [l IN labels(found) WHERE l IN $types][0] AS type
         WHERE type IS NOT NULL
         RETURN found.id AS id, type, found.name AS name, coalesce(found.aliases, []) AS aliases`,
        { ids: ids.slice(0, MAX_GAZETTEER_LOOKUPS), queries, types: [...ENTITY_TYPES] },
      );
      return rows.map((r): GazetteerEntry => ({
        id: String(r.id),
        type: r.type as EntityType,
        name: String(r.name),
        aliases: (r.aliases as unknown[]).map(String),
      }));
    },
  };
}
