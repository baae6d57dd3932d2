import type { Database } from '../db/database.ts';
import { type RelationRecord, relationRecord } from '../model/records.ts';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export interface RelationsKey {
  id: string;
  /** Fact types from the closed vocabulary (checked by the GraphQL enum), passed as a parameter. */
  types: readonly string[];
  direction: Direction;
}

/** Reads facts and mentions for many nodes at once: one query per batch, never one per node. */
export function relationReader(db: Database) {
  return {
    /* relationsOf: each node's facts of the given types and direction, sorted. */
    async relations(keys: readonly RelationsKey[]): Promise<RelationRecord[][]> {
      const rows = await db.read(
        `UNWIND range(0, size($keys) - 1) AS i
         WITH i, $keys[i] AS key
         OPTIONAL MATCH (e:Node {id: key.id})
         CALL (e, key) {
           MATCH (e)-[r]-(o)
           WHERE type(r) IN key.types
             AND (key.direction = 'BOTH'
               OR (key.direction = 'OUT' AND startNode(r) = e)
               OR (key.direction = 'IN' AND endNode(r) = e))
           WITH DISTINCT r
           RETURN collect(${relationRecord('r')}) AS relations
         }
         RETURN i, relations`,
        { keys },
      );
      const byIndex = new Map(rows.map((r) => [Number(r.i), r.relations as RelationRecord[]]));
      return keys.map((_, i) => sortRelations(byIndex.get(i) ?? []));
    },

    /* articlesMentioning: for each entity, the ids of the articles that mention it, newest first. */
    async articlesMentioning(ids: readonly string[]): Promise<string[][]> {
      const rows = await db.read(
        `UNWIND $ids AS id
         CALL (id) {
           MATCH (a:Article)-[:MENTIONS]->(:Node {id: id})
           WITH DISTINCT a ORDER BY a.publishedDay DESC, a.id
           RETURN collect(a.id) AS articles
         }
         RETURN id, articles`,
        { ids },
      );
      const byId = new Map(rows.map((r) => [String(r.id), r.articles as string[]]));
      return ids.map((id) => byId.get(id) ?? []);
    },

    /* entitiesMentioned: for each article, the ids of the entities it mentions, sorted. */
    async entitiesMentioned(ids: readonly string[]): Promise<string[][]> {
      const rows = await db.read(
        `UNWIND $ids AS id
         CALL (id) {
           MATCH (:Node:Article {id: id})-[:MENTIONS]->(e:Node)
           WITH DISTINCT e ORDER BY e.id
           RETURN collect(e.id) AS entities
         }
         RETURN id, entities`,
        { ids },
      );
      const byId = new Map(rows.map((r) => [String(r.id), r.entities as string[]]));
      return ids.map((id) => byId.get(id) ?? []);
    },

    /* singleSourcedFacts: facts that one article alone states (optionally: that article). */
    async singleSourced(article: string | null, first: number): Promise<RelationRecord[]> {
      const rows = await db.read(
        `MATCH (a:Node)-[r]->(b:Node)
         WHERE size(r.sources) = 1 AND ($article IS NULL OR r.sources[0] = $article)
         WITH r ORDER BY type(r), a.id, b.id, r.key
         LIMIT toInteger($first)
         RETURN ${relationRecord('r')} AS relation`,
        { article, first },
      );
      return rows.map((r) => r.relation as RelationRecord);
    },

    /* articleFacts: for each article, the facts it supports. */
    async articleFacts(ids: readonly string[]): Promise<RelationRecord[][]> {
      const rows = await db.read(
        `UNWIND $ids AS id
         CALL (id) {
           MATCH (:Node:Article {id: id})-[:MENTIONS]->(a)-[r]->(b)
           WHERE id IN r.sources
           WITH DISTINCT r
           RETURN collect(${relationRecord('r')}) AS facts
         }
         RETURN id, facts`,
        { ids },
      );
      const byId = new Map(rows.map((r) => [String(r.id), r.facts as RelationRecord[]]));
      return ids.map((id) => sortRelations(byId.get(id) ?? []));
    },
  };
}

export type RelationReader = ReturnType<typeof relationReader>;

/** Facts in a stable order: type, ends, then qualifiers. */
export function sortRelations(relations: RelationRecord[]): RelationRecord[] {
  const key = (r: RelationRecord) => [r.type, r.from, r.to, r.props.key ?? ''].join('\u0000');
  return relations.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
