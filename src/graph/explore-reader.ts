import type { Database } from '../db/database.ts';
import { FACT_TYPE_NAMES } from '../model/vocabulary.ts';
import { lastDayCypher } from './filters.ts';
import {
  type NodeRecord,
  nodeRecord,
  type RelationRecord,
  relationRecord,
} from '../model/records.ts';

/**
 * What paths and neighbourhoods walk: facts, and the links of claims to their speakers, targets
 * and events. Not MENTIONS or REPORTED_IN (every entity of an article would be two hops from
 * every other), not merge redirects. A closed list: it is spliced into patterns as types.
 */
export const WALKED_RELATIONS = [...FACT_TYPE_NAMES, 'MADE', 'ABOUT', 'AT_EVENT'] as const;
const WALK = WALKED_RELATIONS.join('|');

export interface PathRecord {
  nodes: NodeRecord[];
  relations: RelationRecord[];
}

export interface NeighborhoodRecord {
  nodes: { node: NodeRecord; distance: number }[];
  edges: RelationRecord[];
  truncated: boolean;
}

export interface TimelineRow {
  day: string;
  date: string;
  kind: 'EVENT' | 'CLAIM' | 'ROLE_STARTED' | 'ROLE_ENDED' | 'FACT';
  node: NodeRecord | null;
  relation: RelationRecord | null;
  /** Names for the summary: the other end of a fact, or a claim's speakers. */
  names: { from: string | null; to: string | null; speakers: string[] };
}

/** The longest path that paths and path lengths look for. */
export const MAX_HOPS = 6;

/** A path quantifier: Cypher takes no parameter there, so only a checked integer goes in. */
function hops(maxHops: number): string {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) {
    throw new RangeError(`maxHops out of range: ${maxHops}`);
  }
  return `{1,${maxHops}}`;
}

/** The relationship pattern paths walk, at most `maxHops` long. */
export const walkPattern = (maxHops: number) => `-[:${WALK}]-${hops(maxHops)}`;

export function exploreReader(db: Database) {
  return {
    /** shortestPaths: every shortest path (up to `limit`) between two nodes within `maxHops`. */
    async paths(from: string, to: string, maxHops: number, limit: number): Promise<PathRecord[]> {
      const rows = await db.read(
        `MATCH (a:Node {id: $from}), (b:Node {id: $to})
         MATCH p = ALL SHORTEST (a)${walkPattern(maxHops)}(b)
         WITH p LIMIT toInteger($limit)
         WITH p ORDER BY [n IN nodes(p) | n.id]
         RETURN [n IN nodes(p) | ${nodeRecord('n')}] AS nodes,
                [r IN relationships(p) | ${relationRecord('r')}] AS relations`,
        { from, to, limit },
      );
      // The first `limit` paths found (the search stops there), in a stable order: by the ids
      // along each path.
      return rows as unknown as PathRecord[];
    },

    /**
     * shortestPathLength: the number of hops of a shortest path between two nodes within
     * `maxHops`, or null when there is none. One path is enough to know the length.
     */
    async pathLength(from: string, to: string, maxHops: number): Promise<number | null> {
      const [row] = await db.read(
        `MATCH (a:Node {id: $from}), (b:Node {id: $to})
         MATCH p = SHORTEST 1 (a)-[:${WALK}]-${hops(maxHops)}(b)
         RETURN length(p) AS length`,
        { from, to },
      );
      return row ? Number(row.length) : null;
    },

    /**
     * neighborhood: the nodes within `depth` hops (nearest first, then by id, at most `limit`
     * with the center) and every walked relation between the nodes kept.
     */
    async neighborhood(id: string, depth: number, limit: number): Promise<NeighborhoodRecord> {
      if (!Number.isInteger(depth) || depth < 1 || depth > 3) {
        throw new RangeError(`depth out of range: ${depth}`);
      }
      const [row] = await db.read(
        `MATCH (c:Node {id: $id})
         OPTIONAL MATCH p = (c)-[:${WALK}]-{1,${depth}}(o:Node)
         WHERE o <> c
         WITH c, o, min(length(p)) AS distance
         ORDER BY distance, o.id
         WITH c, collect(CASE WHEN o IS NULL THEN null ELSE {node: o, distance: distance} END) AS found
         WITH c, found[..toInteger($limit) - 1] AS kept, size(found) > $limit - 1 AS truncated
         WITH c, kept, truncated, [c] + [k IN kept | k.node] AS members
         CALL (members) {
           UNWIND members AS x
           MATCH (x)-[r:${WALK}]->(y)
           WHERE y IN members
           RETURN collect(DISTINCT ${relationRecord('r')}) AS edges
         }
         CALL (kept) {
           UNWIND kept AS k
           WITH k.node AS n, k.distance AS distance
           RETURN collect({node: ${nodeRecord('n')}, distance: distance}) AS around
         }
         RETURN [{node: ${nodeRecord('c')}, distance: 0}] + around AS nodes, edges, truncated`,
        { id, limit },
      );
      const result = row as unknown as NeighborhoodRecord;
      const [center, ...around] = result.nodes;
      around.sort((a, b) => a.distance - b.distance || (a.node.id < b.node.id ? -1 : 1));
      return { ...result, nodes: [center!, ...around] };
    },

    /**
     * timeline: the dated items around an entity: its events, the claims it made (or its people
     * made for it) or that are about it, the roles that started and ended, dated facts.
     */
    async timeline(
      id: string,
      from: string | null,
      to: string | null,
      first: number,
    ): Promise<TimelineRow[]> {
      const rows = await db.read(
        `MATCH (x:Node {id: $id})
         CALL (x) {
           MATCH (x)-[r:PARTICIPATED_IN|HOSTED]->(e:Event)
           RETURN e AS node, null AS rel, 'EVENT' AS kind, e.startDate AS date,
                  e.startDateDay AS day
           UNION
           MATCH (e:Event)-[:HELD_AT|DISCUSSED]->(x)
           RETURN e AS node, null AS rel, 'EVENT' AS kind, e.startDate AS date,
                  e.startDateDay AS day
           UNION
           MATCH (:Node)-[r:PARTICIPATED_IN]->(e:Event)
           WHERE r.representing = x.id
           RETURN e AS node, null AS rel, 'EVENT' AS kind, e.startDate AS date,
                  e.startDateDay AS day
           UNION
           MATCH (x)-[:MADE]->(c:Claim)
           RETURN c AS node, null AS rel, 'CLAIM' AS kind, c.date AS date, c.dateDay AS day
           UNION
           MATCH ()-[m:MADE]->(c:Claim)
           WHERE m.organization = x.id
           RETURN c AS node, null AS rel, 'CLAIM' AS kind, c.date AS date, c.dateDay AS day
           UNION
           MATCH (c:Claim)-[:ABOUT]->(x)
           RETURN c AS node, null AS rel, 'CLAIM' AS kind, c.date AS date, c.dateDay AS day
           UNION
           MATCH (x)-[r:WORKS_FOR]-(:Node)
           WHERE r.validFrom IS NOT NULL
           RETURN null AS node, r AS rel, 'ROLE_STARTED' AS kind, r.validFrom AS date,
                  r.validFromDay AS day
           UNION
           MATCH (x)-[r:WORKS_FOR]-(:Node)
           WHERE r.validTo IS NOT NULL
           RETURN null AS node, r AS rel, 'ROLE_ENDED' AS kind, r.validTo AS date,
                  ${lastDayCypher('r.validTo', 'r.validToPrecision')} AS day
           UNION
           MATCH (x)-[r:ACQUIRED|CREATED]-(:Node)
           WHERE r.date IS NOT NULL
           RETURN null AS node, r AS rel, 'FACT' AS kind, r.date AS date, r.dateDay AS day
         }
         WITH node, rel, kind, date, day
         WHERE day IS NOT NULL
           AND ($from IS NULL OR day >= $from) AND ($to IS NULL OR day <= $to)
         CALL (node, rel) {
           OPTIONAL MATCH (s:Node)-[:MADE]->(node)
           WITH s ORDER BY s.id
           RETURN collect(s.name) AS speakers
         }
         RETURN day, date, kind,
                CASE WHEN node IS NULL THEN null ELSE ${nodeRecord('node')} END AS node,
                CASE WHEN rel IS NULL THEN null ELSE ${relationRecord('rel')} END AS relation,
                {from: startNode(rel).name, to: endNode(rel).name, speakers: speakers} AS names
         ORDER BY day, kind, coalesce(node.id, startNode(rel).id + '>' + endNode(rel).id)
         LIMIT toInteger($first)`,
        { id, from, to, first },
      );
      return rows as unknown as TimelineRow[];
    },
  };
}

export type ExploreReader = ReturnType<typeof exploreReader>;
