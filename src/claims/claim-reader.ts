import type { Database } from '../db/database.ts';
import { dateCondition, type DateFilter, lastDayCypher, Params } from '../graph/filters.ts';
import { decodeCursor, keyset, type PageArgs, type SortSpec } from '../graph/paging.ts';
import { type ClaimDetails, type NodeRecord, nodeRecord } from '../model/records.ts';
import type { Stance } from '../model/vocabulary.ts';

export interface ClaimWhere {
  about?: string | null;
  stance?: Stance | null;
  stanceIn?: readonly Stance[] | null;
  speaker?: string | null;
  organization?: string | null;
  event?: string | null;
  date?: DateFilter | null;
  reportedIn?: string | null;
}

export const CLAIM_SORTS = {
  DATE: { key: "coalesce(c.dateDay, '9999-12-31')", descending: false },
  DATE_DESC: { key: "coalesce(c.dateDay, '')", descending: true },
  // Read in order from the unique index on :Node(id) (claim lists match `c:Claim:Node`).
  ID: { key: 'c.id', descending: false, indexed: true },
} as const satisfies Record<string, SortSpec>;
export type ClaimSort = keyof typeof CLAIM_SORTS;

/** How a claim relates to a node, for the claim lists of entities, events and articles. */
export type ClaimLink = 'ABOUT' | 'MADE' | 'AT_EVENT' | 'REPORTED_IN';

export interface ClaimLinkKey {
  id: string;
  link: ClaimLink;
  stance?: Stance | null;
}

/** The filter fields that name a node by id. */
export const CLAIM_ID_FILTERS = [
  'about',
  'speaker',
  'organization',
  'event',
  'reportedIn',
] as const;

/**
 * The MATCH and WHERE of a filtered claim list; `c` is the claim. An id filter's value goes in as
 * a parameter, or as what `idRef` makes of it (a variable of the statement, already resolved).
 */
export function claimFilter(
  where: ClaimWhere,
  params: Params,
  idRef: (field: (typeof CLAIM_ID_FILTERS)[number], id: string) => string = (_f, id) =>
    params.add(id),
) {
  const stances = where.stance ? [where.stance] : (where.stanceIn ?? null);
  const parts: string[] = [];
  // Start from the node a filter names (an index seek, then its links), never from every claim;
  // the other filters check each claim found.
  let match = 'MATCH (c:Claim:Node)';
  let start: (typeof CLAIM_ID_FILTERS)[number] | null = null;
  if (where.about != null) {
    match = `MATCH (c:Claim)-[ab:ABOUT]->(:Node {id: ${idRef('about', where.about)}})`;
    start = 'about';
    if (stances) parts.push(`ab.stance IN ${params.add(stances)}`);
  } else {
    if (stances) parts.push(`c.stance IN ${params.add(stances)}`);
    if (where.speaker != null) {
      match = `MATCH (:Node {id: ${idRef('speaker', where.speaker)}})-[:MADE]->(c:Claim)`;
      start = 'speaker';
    } else if (where.event != null) {
      match = `MATCH (c:Claim)-[:AT_EVENT]->(:Node {id: ${idRef('event', where.event)}})`;
      start = 'event';
    } else if (where.reportedIn != null) {
      match = `MATCH (c:Claim)-[:REPORTED_IN]->(:Node {id: ${idRef('reportedIn', where.reportedIn)}})`;
      start = 'reportedIn';
    } else if (where.organization != null) {
      const org = idRef('organization', where.organization);
      match = `CALL (*) {
        MATCH (:Node {id: ${org}})-[:MADE]->(c:Claim) RETURN c
        UNION
        MATCH ()-[m:MADE]->(c:Claim) WHERE m.organization = ${org} RETURN c
      } WITH c`;
      start = 'organization';
    }
  }
  if (where.speaker != null && start !== 'speaker') {
    parts.push(`EXISTS { (:Node {id: ${idRef('speaker', where.speaker)}})-[:MADE]->(c) }`);
  }
  if (where.organization != null && start !== 'organization') {
    const org = idRef('organization', where.organization);
    parts.push(`EXISTS { (s:Node)-[m:MADE]->(c) WHERE s.id = ${org} OR m.organization = ${org} }`);
  }
  if (where.event != null && start !== 'event') {
    parts.push(`EXISTS { (c)-[:AT_EVENT]->(:Node {id: ${idRef('event', where.event)}}) }`);
  }
  if (where.reportedIn != null && start !== 'reportedIn') {
    parts.push(
      `EXISTS { (c)-[:REPORTED_IN]->(:Node {id: ${idRef('reportedIn', where.reportedIn)}}) }`,
    );
  }
  if (where.date) {
    parts.push(
      ...dateCondition('c.dateDay', lastDayCypher('c.date', 'c.datePrecision'), where.date, params),
    );
  }
  return { match, where: parts.length ? parts.map((p) => `(${p})`).join(' AND ') : 'true' };
}

/** Reads claims: pages with filters, details for many claims at once, stance counts. */
export function claimReader(db: Database) {
  const filtered = (where: ClaimWhere, params: Params) => claimFilter(where, params);

  return {
    /* claimPage: one page of claims, filtered and sorted, after a cursor; first + 1 rows. */
    async page(where: ClaimWhere, order: ClaimSort, args: PageArgs) {
      const params = new Params();
      const q = filtered(where, params);
      const cursor = args.after ? decodeCursor(order, args.after) : null;
      const sort = keyset(CLAIM_SORTS[order], 'c', cursor !== null);
      const rows = await db.read(
        `${q.match}
         WHERE ${q.where} AND ${sort.after}
         WITH DISTINCT c
         WITH c, ${sort.sortKey} AS sortKey
         ORDER BY ${sort.orderBy}
         LIMIT toInteger($limit)
         RETURN ${nodeRecord('c')} AS node, sortKey`,
        {
          ...params.values,
          afterKey: cursor?.key ?? null,
          afterId: cursor?.id ?? null,
          limit: args.first + 1,
        },
      );
      return rows as unknown as { node: NodeRecord; sortKey: string }[];
    },

    /* claimCount: how many claims a filter matches. */
    async count(where: ClaimWhere): Promise<number> {
      const params = new Params();
      const q = filtered(where, params);
      const [row] = await db.read(
        `${q.match} WHERE ${q.where} RETURN count(DISTINCT c) AS count`,
        params.values,
      );
      return Number(row?.count ?? 0);
    },

    /* claimDetails: speakers with their roles, targets with stances, event, reports. */
    async details(ids: readonly string[]): Promise<(ClaimDetails | undefined)[]> {
      const rows = await db.read(
        `UNWIND $ids AS id
         MATCH (c:Node:Claim {id: id})
         CALL (c) {
           MATCH (s:Node)-[m:MADE]->(c)
           WITH s, m ORDER BY s.id
           RETURN collect({speaker: s.id, role: m.role, organization: m.organization}) AS attributions
         }
         CALL (c) {
           MATCH (c)-[a:ABOUT]->(t:Node)
           WITH t, a ORDER BY t.id
           RETURN collect({entity: t.id, stance: a.stance}) AS targets
         }
         CALL (c) {
           OPTIONAL MATCH (c)-[:AT_EVENT]->(e:Node)
           RETURN min(e.id) AS event
         }
         CALL (c) {
           MATCH (c)-[r:REPORTED_IN]->(a:Article)
           WITH a, r ORDER BY a.publishedDay, a.id
           RETURN collect({article: a.id, quote: r.quote}) AS sources
         }
         RETURN id, attributions, targets, event, sources`,
        { ids },
      );
      const byId = new Map(rows.map((r) => [String(r.id), r as unknown as ClaimDetails]));
      return ids.map((id) => byId.get(id));
    },

    /**
     * claimsLinked: for each node, the claims linked to it (about it, made by it or by people
     * speaking for it, made at it, reported in it), oldest first, with the stance towards it.
     */
    async linked(
      keys: readonly ClaimLinkKey[],
    ): Promise<{ claim: NodeRecord; stance: Stance }[][]> {
      const rows = await db.read(
        `UNWIND range(0, size($keys) - 1) AS i
         WITH i, $keys[i] AS key
         CALL (key) {
           MATCH (c:Claim)-[a:ABOUT]->(:Node {id: key.id})
           WHERE key.link = 'ABOUT' AND (key.stance IS NULL OR a.stance = key.stance)
           RETURN c, a.stance AS stance
           UNION
           MATCH (:Node {id: key.id})-[:MADE]->(c:Claim)
           WHERE key.link = 'MADE'
           RETURN c, c.stance AS stance
           UNION
           MATCH ()-[m:MADE]->(c:Claim)
           WHERE key.link = 'MADE' AND m.organization = key.id
           RETURN c, c.stance AS stance
           UNION
           MATCH (c:Claim)-[:AT_EVENT]->(:Node {id: key.id})
           WHERE key.link = 'AT_EVENT'
           RETURN c, c.stance AS stance
           UNION
           MATCH (c:Claim)-[:REPORTED_IN]->(:Node {id: key.id})
           WHERE key.link = 'REPORTED_IN'
           RETURN c, c.stance AS stance
         }
         WITH i, c, stance ORDER BY coalesce(c.dateDay, '9999-12-31'), c.id
         RETURN i, collect({claim: ${nodeRecord('c')}, stance: stance}) AS claims`,
        { keys: keys.map((k) => ({ ...k, stance: k.stance ?? null })) },
      );
      const byIndex = new Map(
        rows.map((r) => [Number(r.i), r.claims as { claim: NodeRecord; stance: Stance }[]]),
      );
      return keys.map((_, i) => byIndex.get(i) ?? []);
    },

    /* singleSourcedClaims: claims that one article alone reports (optionally: that article). */
    async singleSourced(article: string | null, first: number): Promise<NodeRecord[]> {
      const rows = await db.read(
        `MATCH (c:Claim)-[:REPORTED_IN]->(a:Article)
         WITH c, collect(a.id) AS articles
         WHERE size(articles) = 1 AND ($article IS NULL OR articles[0] = $article)
         WITH c ORDER BY c.id
         LIMIT toInteger($first)
         RETURN ${nodeRecord('c')} AS claim`,
        { article, first },
      );
      return rows.map((r) => r.claim as NodeRecord);
    },

    /* stanceSummary: claims about a target counted by stance, largest first, ties by stance. */
    async stanceSummary(
      targetIds: readonly string[],
    ): Promise<{ stance: Stance; count: number; claims: NodeRecord[] }[][]> {
      const rows = await db.read(
        `UNWIND $ids AS id
         CALL (id) {
           MATCH (c:Claim)-[a:ABOUT]->(:Node {id: id})
           WITH a.stance AS stance, c ORDER BY coalesce(c.dateDay, '9999-12-31'), c.id
           WITH stance, collect(${nodeRecord('c')}) AS claims
           WITH stance, size(claims) AS count, claims
           ORDER BY count DESC, stance
           RETURN collect({stance: stance, count: count, claims: claims}) AS summary
         }
         RETURN id, summary`,
        { ids: targetIds },
      );
      const byId = new Map(
        rows.map((r) => [
          String(r.id),
          r.summary as { stance: Stance; count: number; claims: NodeRecord[] }[],
        ]),
      );
      return targetIds.map((id) => byId.get(id) ?? []);
    },
  };
}

export type ClaimReader = ReturnType<typeof claimReader>;
