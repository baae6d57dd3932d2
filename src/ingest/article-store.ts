import type { Tx } from '../db/database.ts';
import {
  type ArticlePlan,
  type ClaimDeclaration,
  type ClaimReport,
  type EntityDeclaration,
  claimProps,
  mergeEntity,
  primaryReport,
  type Props,
} from './plan.ts';
import { ENTITY_TYPES, type EntityType, FACT_TYPE_NAMES, type FactType } from './vocabulary.ts';

/**
 * Every Cypher statement of import, retraction and merge. Values are always parameters; labels
 * and relationship types are spliced in only from the closed vocabularies (ENTITY_TYPES,
 * FACT_TYPE_NAMES), checked by `label()` and `relType()`. Each function runs inside the caller's
 * transaction, so one article is written (or removed) entirely or not at all.
 */

export interface FoundNode {
  id: string;
  /** The id the lookup found it under: differs from `id` for a redirect left by a merge. */
  resolved: string;
  /** Entity type, or Claim / Article. */
  type: string;
}

/* lookupIds: which ids exist, following redirects left by merges. */
export async function lookupIds(tx: Tx, ids: readonly string[]): Promise<Map<string, FoundNode>> {
  const rows = await tx.run(
    `UNWIND $ids AS id
     OPTIONAL MATCH (n:Node {id: id})
     OPTIONAL MATCH (:Redirect {id: id})-[:REDIRECTS_TO]->(t:Node)
     WITH id, coalesce(n, t) AS found
     WHERE found IS NOT NULL
     RETURN id, found.id AS resolved, [l IN labels(found) WHERE l <> 'Node'][0] AS type`,
    { ids: [...new Set(ids)] },
  );
  return new Map(rows.map((r) => [String(r.id), r as unknown as FoundNode]));
}

/* findByNameKeys: existing entities of a type that answer to one of the given normalised names. */
export async function findByNameKeys(
  tx: Tx,
  probes: readonly { id: string; type: EntityType; keys: string[] }[],
): Promise<Map<string, { id: string; name: string }[]>> {
  if (probes.length === 0) return new Map();
  const rows = await tx.run(
    `UNWIND $probes AS probe
     MATCH (n:Node)
     WHERE probe.type IN labels(n) AND any(k IN n.nameKeys WHERE k IN probe.keys)
     WITH probe, n ORDER BY n.id
     RETURN probe.id AS id, collect({id: n.id, name: n.name}) AS candidates`,
    { probes },
  );
  return new Map(rows.map((r) => [String(r.id), r.candidates as { id: string; name: string }[]]));
}

/* articleHash: the content hash of an article already imported, if any. */
export async function articleHash(tx: Tx, articleId: string): Promise<string | undefined> {
  const [row] = await tx.run('MATCH (a:Article {id: $articleId}) RETURN a.contentHash AS hash', {
    articleId,
  });
  return row ? String(row.hash) : undefined;
}

export interface Touched {
  entities: string[];
  claims: string[];
}

/**
 * detachArticle: removes everything an article asserted (its mentions, its reports of claims, its
 * support of facts) but not what it touched; returns what it touched, to be recomputed.
 */
export async function detachArticle(tx: Tx, articleId: string): Promise<Touched> {
  const [touched] = await tx.run(
    `MATCH (a:Article {id: $articleId})
     CALL (a) { OPTIONAL MATCH (a)-[:MENTIONS]->(e) RETURN collect(DISTINCT e.id) AS entities }
     CALL (a) { OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a) RETURN collect(DISTINCT c.id) AS claims }
     RETURN entities, claims`,
    { articleId },
  );
  await tx.run(
    `MATCH (:Article {id: $articleId})-[:MENTIONS]->(e)-[r]->()
     WHERE $articleId IN r.sources
     WITH DISTINCT r
     SET r.quotes = [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] <> $articleId | r.quotes[i]],
         r.sources = [s IN r.sources WHERE s <> $articleId]
     WITH r WHERE size(r.sources) = 0
     DELETE r`,
    { articleId },
  );
  await tx.run(
    `MATCH (a:Article {id: $articleId})
     CALL (a) { MATCH (a)-[m:MENTIONS]->() DELETE m }
     CALL (a) { MATCH ()-[r:REPORTED_IN]->(a) DELETE r }`,
    { articleId },
  );
  return {
    entities: (touched?.entities as string[] | undefined) ?? [],
    claims: (touched?.claims as string[] | undefined) ?? [],
  };
}

/* writeArticle: the article node, its entities, mentions, facts and claim reports. */
export async function writeArticle(tx: Tx, plan: ArticlePlan): Promise<void> {
  const { articleId } = plan;
  await tx.run(
    `MERGE (a:Node {id: $articleId})
     ON CREATE SET a:Article
     SET a = $props`,
    { articleId, props: plan.article },
  );
  for (const type of ENTITY_TYPES) {
    const rows = plan.entities.filter((e) => e.type === type).map((e) => e.id);
    if (rows.length === 0) continue;
    await tx.run(
      `UNWIND $ids AS id
       MERGE (e:Node {id: id})
       ON CREATE SET e:${label(type)}, e.name = id`,
      { ids: rows },
    );
  }
  await lockNodes(
    tx,
    plan.mentions.map((m) => m.id),
  );
  await tx.run(
    `MATCH (a:Article {id: $articleId})
     UNWIND $mentions AS m
     MATCH (e:Node {id: m.id})
     CREATE (a)-[:MENTIONS {declaredAs: m.declaredAs, declaration: m.declaration}]->(e)`,
    { articleId, mentions: plan.mentions },
  );
  for (const type of FACT_TYPE_NAMES) {
    const rows = plan.facts[type];
    if (!rows?.length) continue;
    await tx.run(
      `UNWIND $rows AS row
       MATCH (a:Node {id: row.from})
       MATCH (b:Node {id: row.to})
       MERGE (a)-[r:${relType(type)} {key: row.key}]->(b)
       ON CREATE SET r += row.props, r.sources = [], r.quotes = []
       WITH r, [i IN range(0, size(r.sources) - 1) | {s: r.sources[i], q: r.quotes[i]}]
               + [{s: $articleId, q: row.quote}] AS pairs
       CALL (r, pairs) {
         UNWIND pairs AS p
         WITH p ORDER BY p.s
         RETURN collect(p.s) AS sources, collect(p.q) AS quotes
       }
       SET r.sources = sources, r.quotes = quotes`,
      { articleId, rows },
    );
  }
  if (plan.claims.length > 0) {
    await tx.run(
      `MATCH (a:Article {id: $articleId})
       UNWIND $claims AS row
       MERGE (c:Node {id: row.id})
       ON CREATE SET c:Claim
       CREATE (c)-[:REPORTED_IN {quote: row.quote, declaration: row.declaration}]->(a)`,
      { articleId, claims: plan.claims },
    );
  }
}

/**
 * lockNodes: takes write locks on existing nodes, in id order, before their declarations are
 * read, so that two imports touching the same entity recompute it one after the other.
 */
async function lockNodes(tx: Tx, ids: readonly string[]): Promise<void> {
  await tx.run(
    `UNWIND $ids AS id
     MATCH (n:Node {id: id})
     SET n.lock = true
     REMOVE n.lock`,
    { ids: [...new Set(ids)].sort() },
  );
}

/* deleteArticle: the article node itself, once detached. */
export async function deleteArticle(tx: Tx, articleId: string): Promise<boolean> {
  const rows = await tx.run(
    'MATCH (a:Article {id: $articleId}) DETACH DELETE a RETURN 1 AS deleted',
    {
      articleId,
    },
  );
  return rows.length > 0;
}

/**
 * recomputeClaims: each claim's statement, stance, date, speakers, targets and event from its first
 * report; a claim no article reports any more is deleted. Returns the ids deleted.
 */
export async function recomputeClaims(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run(
    `UNWIND $ids AS id
     MATCH (c:Claim {id: id})
     OPTIONAL MATCH (c)-[r:REPORTED_IN]->(a:Article)
     RETURN id, collect(CASE WHEN a IS NULL THEN null
       ELSE {article: a.id, publishedDay: a.publishedDay, declaration: r.declaration} END) AS reports`,
    { ids: [...new Set(ids)] },
  );
  const deleted: string[] = [];
  const updates: { id: string; declaration: ClaimDeclaration }[] = [];
  for (const row of rows) {
    const declaration = primaryReport(row.reports as ClaimReport[]);
    if (declaration) updates.push({ id: String(row.id), declaration });
    else deleted.push(String(row.id));
  }
  // Declarations hold the ids of their import; entities merged since then answer by redirect.
  const referenced = updates.flatMap(({ declaration: d }) => [
    ...d.speakers.flatMap((s) => [s.id, ...(s.organization ? [s.organization] : [])]),
    ...d.targets.map((t) => t.id),
    ...(d.event ? [d.event] : []),
  ]);
  const found = await lookupIds(tx, referenced);
  const resolve = (id: string) => found.get(id)?.resolved ?? id;
  await tx.run(
    `UNWIND $rows AS row
     MATCH (c:Claim {id: row.id})
     SET c = row.props
     WITH c, row
     CALL (c) { MATCH (c)-[r:ABOUT|AT_EVENT]->() DELETE r }
     CALL (c) { MATCH ()-[r:MADE]->(c) DELETE r }
     CALL (c, row) {
       UNWIND row.speakers AS s
       MATCH (p:Node {id: s.id})
       CREATE (p)-[m:MADE]->(c)
       SET m.role = s.role, m.organization = s.organization
     }
     CALL (c, row) {
       UNWIND row.targets AS t
       MATCH (x:Node {id: t.id})
       CREATE (c)-[:ABOUT {stance: t.stance}]->(x)
     }
     CALL (c, row) {
       UNWIND row.events AS eventId
       MATCH (e:Node {id: eventId})
       CREATE (c)-[:AT_EVENT]->(e)
     }`,
    {
      rows: updates.map(({ id, declaration: d }) => ({
        id,
        props: claimProps(id, d),
        speakers: d.speakers.map((s) => ({
          id: resolve(s.id),
          role: s.role ?? null,
          organization: s.organization ? resolve(s.organization) : null,
        })),
        targets: d.targets.map((t) => ({ id: resolve(t.id), stance: t.stance })),
        events: d.event ? [resolve(d.event)] : [],
      })),
    },
  );
  await tx.run('UNWIND $ids AS id MATCH (c:Claim {id: id}) DETACH DELETE c', { ids: deleted });
  return deleted;
}

/**
 * recomputeEntities: each entity's properties from the declarations of the articles that mention
 * it; an entity no article mentions any more is deleted, with the redirects that lead to it.
 * Returns the ids deleted.
 */
export async function recomputeEntities(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run(
    `UNWIND $ids AS id
     MATCH (e:Node {id: id})
     CALL (e) {
       OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
       RETURN collect(CASE WHEN a IS NULL THEN null ELSE {article: a.id, publishedDay: a.publishedDay,
         declaredAs: m.declaredAs, declaration: m.declaration} END) AS declarations
     }
     CALL (e) {
       OPTIONAL MATCH (r:Redirect)-[:REDIRECTS_TO]->(e)
       RETURN reduce(names = [], r2 IN collect(r) | names + coalesce(r2.names, [])) AS mergedNames
     }
     RETURN id, properties(e) AS current, declarations, mergedNames`,
    { ids: [...new Set(ids)] },
  );
  const deleted: string[] = [];
  const updates: { id: string; props: Props }[] = [];
  for (const row of rows) {
    const declarations = row.declarations as EntityDeclaration[];
    const id = String(row.id);
    if (declarations.length === 0) deleted.push(id);
    else
      updates.push({
        id,
        props: mergeEntity(id, row.current as Props, declarations, row.mergedNames as string[]),
      });
  }
  await tx.run('UNWIND $rows AS row MATCH (e:Node {id: row.id}) SET e = row.props', {
    rows: updates,
  });
  await tx.run(
    `UNWIND $ids AS id
     MATCH (e:Node {id: id})
     OPTIONAL MATCH (r:Redirect)-[:REDIRECTS_TO]->(e)
     DETACH DELETE r, e`,
    { ids: deleted },
  );
  return deleted;
}

// ---------------------------------------------------------------------------------------------
// Merging two entities

/**
 * moveRelationships: every relationship of `removeId` moves to `keepId`. Facts that become equal
 * to one the kept entity already has (same type, other end and qualifiers) are combined, with
 * their sources and quotes unioned; a fact between the two entities themselves is dropped.
 */
export async function moveRelationships(tx: Tx, keepId: string, removeId: string): Promise<number> {
  let moved = 0;
  const params = { keepId, removeId };
  for (const type of FACT_TYPE_NAMES) {
    for (const direction of ['out', 'in'] as const) {
      const t = relType(type);
      const [match, merge] =
        direction === 'out'
          ? [`(old)-[r:${t}]->(other)`, `(keep)-[n:${t} {key: r.key}]->(other)`]
          : [`(other)-[r:${t}]->(old)`, `(other)-[n:${t} {key: r.key}]->(keep)`];
      const [row] = await tx.run(
        `MATCH (old:Node {id: $removeId}), (keep:Node {id: $keepId})
         MATCH ${match}
         WHERE other <> keep AND other <> old
         MERGE ${merge}
         ON CREATE SET n = properties(r)
         WITH r, n, [i IN range(0, size(n.sources) - 1) | {s: n.sources[i], q: n.quotes[i]}]
                  + [i IN range(0, size(r.sources) - 1) WHERE NOT r.sources[i] IN n.sources
                     | {s: r.sources[i], q: r.quotes[i]}] AS pairs
         CALL (n, pairs) {
           UNWIND pairs AS p
           WITH p ORDER BY p.s
           RETURN collect(p.s) AS sources, collect(p.q) AS quotes
         }
         SET n.sources = sources, n.quotes = quotes
         DELETE r
         RETURN count(*) AS moved`,
        params,
      );
      moved += Number(row?.moved ?? 0);
    }
  }
  // Mentions, claim edges and redirects carry no key: they move as they are.
  const simple = [
    '(a:Article)-[r:MENTIONS]->(old) CREATE (a)-[n:MENTIONS]->(keep)',
    '(old)-[r:MADE]->(c) CREATE (keep)-[n:MADE]->(c)',
    '(c)-[r:ABOUT]->(old) CREATE (c)-[n:ABOUT]->(keep)',
    '(c)-[r:AT_EVENT]->(old) CREATE (c)-[n:AT_EVENT]->(keep)',
    '(x:Redirect)-[r:REDIRECTS_TO]->(old) CREATE (x)-[n:REDIRECTS_TO]->(keep)',
  ];
  for (const move of simple) {
    const [match, create] = move.split(' CREATE ');
    const [row] = await tx.run(
      `MATCH (old:Node {id: $removeId}), (keep:Node {id: $keepId})
       MATCH ${match}
       CREATE ${create}
       SET n = properties(r)
       DELETE r
       RETURN count(*) AS moved`,
      params,
    );
    moved += Number(row?.moved ?? 0);
  }
  // Properties that name an organization by id, and the fact keys that include them.
  await tx.run(
    `MATCH ()-[r:MADE]->() WHERE r.organization = $removeId SET r.organization = $keepId`,
    params,
  );
  await tx.run(
    `MATCH ()-[r:PARTICIPATED_IN]->() WHERE r.representing = $removeId
     SET r.representing = $keepId,
         r.key = coalesce(r.role, '') + '|' + coalesce(r.validFrom, '') + '|' + coalesce(r.validTo, '')
                 + '|' + coalesce(r.date, '') + '|' + $keepId`,
    params,
  );
  return moved;
}

/* replaceWithRedirect: the removed entity's id keeps answering, as a redirect to the kept one. */
export async function replaceWithRedirect(tx: Tx, keepId: string, removeId: string): Promise<void> {
  await tx.run(
    `MATCH (old:Node {id: $removeId}), (keep:Node {id: $keepId})
     CREATE (r:Redirect {id: $removeId, names: [old.name] + coalesce(old.aliases, [])})
     CREATE (r)-[:REDIRECTS_TO]->(keep)
     DETACH DELETE old`,
    { keepId, removeId },
  );
}

// ---------------------------------------------------------------------------------------------

function label(type: EntityType): string {
  if (!ENTITY_TYPES.includes(type)) throw new Error(`not an entity type: ${type}`);
  return type;
}

function relType(type: FactType): string {
  if (!FACT_TYPE_NAMES.includes(type)) throw new Error(`not a fact type: ${type}`);
  return type;
}
