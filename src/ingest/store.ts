import type { Tx } from '../db/database.ts';
import { compare, factsOf, roleKey, type Statement, statementsOf } from './facts.ts';
import { canonicalId } from './identity.ts';
import {
  type ArticlePlan,
  type ClaimDeclaration,
  type ClaimReport,
  type EntityDeclaration,
  type FactRow,
  claimProps,
  mergeEntity,
  primaryReport,
  type Props,
} from './plan.ts';
import {
  ENTITY_TYPES,
  type EntityType,
  FACT_TYPE_NAMES,
  type FactType,
} from '../model/vocabulary.ts';

/**
 * Every Cypher statement of import, retraction and merge. Values are always parameters; labels
 * and relationship types are spliced in only from the closed vocabularies (ENTITY_TYPES,
 * FACT_TYPE_NAMES), checked by `label()` and `relType()`. Each function runs inside the caller's
 * transaction, so one article is written (or removed) entirely or not at all.
 */

export interface FoundNode {
  /** The id looked up. */
  id: string;
  /** The id of the node it names: differs from `id` for a redirect. */
  resolved: string;
  /** Entity type, or Claim / Article. */
  type: string;
  name: string;
}

/* lookupIds: which ids exist, following redirects (left by merges and name matches). */
export async function lookupIds(tx: Tx, ids: readonly string[]): Promise<Map<string, FoundNode>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.run(
    `UNWIND $ids AS id
     OPTIONAL MATCH (n:Node {id: id})
     OPTIONAL MATCH (:Redirect {id: id})-[:REDIRECTS_TO]->(t:Node)
     WITH id, coalesce(n, t) AS found
     WHERE found IS NOT NULL
     RETURN id, found.id AS resolved, [l IN labels(found) WHERE l <> 'Node'][0] AS type,
            coalesce(found.name, found.title, found.id) AS name`,
    { ids: [...new Set(ids)] },
  );
  return new Map(rows.map((r) => [String(r.id), r as unknown as FoundNode]));
}

/**
 * findByNameKeys: existing entities of a type that answer to one of the given normalised names,
 * through the entity_name_keys index (an exact match of a key; no scan of the type's entities).
 */
export async function findByNameKeys(
  tx: Tx,
  probes: readonly { id: string; type: EntityType; keys: string[] }[],
): Promise<Map<string, { id: string; name: string }[]>> {
  // Normalised names hold letters, digits and single spaces only: nothing Lucene would parse.
  const searchable = probes
    .map((p) => ({
      ...p,
      keys: p.keys.filter((k) => /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u.test(k)),
    }))
    .filter((p) => p.keys.length > 0)
    .map((p) => ({ ...p, query: p.keys.map((k) => `"${k}"`).join(' OR ') }));
  if (searchable.length === 0) return new Map();
  const rows = await tx.run(
    `UNWIND $probes AS probe
     CALL (probe) {
       CALL db.index.fulltext.queryNodes('entity_name_keys', probe.query) YIELD node
       WITH node
       WHERE probe.type IN labels(node) AND any(k IN node.nameKeys WHERE k IN probe.keys)
       WITH node ORDER BY node.id
       RETURN collect({id: node.id, name: node.name}) AS candidates
     }
     RETURN probe.id AS id, candidates`,
    { probes: searchable },
  );
  return new Map(rows.map((r) => [String(r.id), r.candidates as { id: string; name: string }[]]));
}

/**
 * lockKeys: takes import locks (one node per key, under a uniqueness constraint), in key order.
 * A second transaction that asks for the same key waits until the first commits; the lock nodes
 * are deleted by releaseLocks before commit, and the locks are held until then.
 */
export async function lockKeys(tx: Tx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.run('UNWIND $keys AS key MERGE (:ImportLock {key: key})', {
    keys: [...new Set(keys)].sort(compare),
  });
}

/* releaseLocks: the lock nodes this transaction made (others' are not visible to it). */
export async function releaseLocks(tx: Tx): Promise<void> {
  await tx.run('MATCH (l:ImportLock) DELETE l');
}

/* articleHash: the content hash of an article already imported, if any. */
export async function articleHash(tx: Tx, articleId: string): Promise<string | undefined> {
  const [row] = await tx.run('MATCH (a:Article {id: $articleId}) RETURN a.contentHash AS hash', {
    articleId,
  });
  return row ? String(row.hash) : undefined;
}

/** The facts of one type between two entities with one role: they are recomputed together. */
export interface FactGroup {
  type: FactType;
  from: string;
  to: string;
  roleKey: string;
}

export interface Touched {
  entities: string[];
  claims: string[];
  facts: FactGroup[];
}

/**
 * detachArticle: removes the article's mentions and claim reports, and returns what it touched
 * (entities, claims, and the facts it states), to be recomputed without it.
 */
export async function detachArticle(tx: Tx, articleId: string): Promise<Touched> {
  const [touched] = await tx.run(
    `MATCH (a:Article {id: $articleId})
     CALL (a) { OPTIONAL MATCH (a)-[:MENTIONS]->(e) RETURN collect(DISTINCT e.id) AS entities }
     CALL (a) { OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a) RETURN collect(DISTINCT c.id) AS claims }
     CALL (a) {
       OPTIONAL MATCH (a)-[:MENTIONS]->(e)-[r]->(o)
       WHERE $articleId IN r.sources
       RETURN collect(DISTINCT {type: type(r), from: e.id, to: o.id, roleKey: r.roleKey, role: r.role}) AS facts
     }
     RETURN entities, claims, facts`,
    { articleId },
  );
  await tx.run(
    `MATCH (a:Article {id: $articleId})
     CALL (a) { MATCH (a)-[m:MENTIONS]->() DELETE m }
     CALL (a) { MATCH ()-[r:REPORTED_IN]->(a) DELETE r }`,
    { articleId },
  );
  const facts = ((touched?.facts as (FactGroup & { role?: string })[] | undefined) ?? []).map(
    ({ role, ...group }) => ({ ...group, roleKey: group.roleKey ?? roleKey(role) }),
  );
  return {
    entities: (touched?.entities as string[] | undefined) ?? [],
    claims: (touched?.claims as string[] | undefined) ?? [],
    facts,
  };
}

/* writeArticle: the article node, its new entities, its mentions and claim reports (facts: recomputeFacts). */
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
  // Locked before anything about them is read, so two imports touching one entity, fact or
  // claim recompute it one after the other.
  await lockNodes(tx, [...plan.mentions.map((m) => m.id), ...plan.claims.map((c) => c.id)]);
  await tx.run(
    `MATCH (a:Article {id: $articleId})
     UNWIND $mentions AS m
     MATCH (e:Node {id: m.id})
     CREATE (a)-[:MENTIONS {declaredAs: m.declaredAs, declaration: m.declaration}]->(e)`,
    { articleId, mentions: plan.mentions },
  );
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
  // Declarations hold the file's own ids: each is an entity's id or redirects to it.
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
 * recomputeEntities: each entity's canonical id, redirects and properties from the declarations
 * of the articles that mention it (identity rule 3); an entity no article mentions any more is
 * deleted, with the redirects that lead to it. Returns the ids deleted and the entities renamed
 * (old id -> new id): the caller recomputes what names them in properties.
 */
export async function recomputeEntities(
  tx: Tx,
  ids: readonly string[],
): Promise<{ deleted: string[]; renamed: Map<string, string> }> {
  const renamed = new Map<string, string>();
  if (ids.length === 0) return { deleted: [], renamed };
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
       RETURN collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, by: r.by, names: r.names} END) AS redirects
     }
     RETURN id, properties(e) AS current, declarations, redirects`,
    { ids: [...new Set(ids)] },
  );
  const deleted: string[] = [];
  const updates: { id: string; canonical: string; props: Props; redirects: string[] }[] = [];
  for (const row of rows) {
    const id = String(row.id);
    const declarations = row.declarations as EntityDeclaration[];
    if (declarations.length === 0) {
      deleted.push(id);
      continue;
    }
    // Redirects a merge left (older graphs wrote them without `by`) are the user's decision.
    const redirects = row.redirects as { id: string; by?: string; names?: string[] }[];
    const merged = redirects.filter((r) => r.by !== 'name');
    const mergedIds = new Set(merged.map((r) => r.id));
    const canonical = canonicalId(id, declarations, mergedIds);
    if (canonical !== id) renamed.set(id, canonical);
    const props = mergeEntity(
      canonical,
      row.current as Props,
      declarations,
      merged.flatMap((r) => r.names ?? []),
    );
    const wanted = [...new Set(declarations.map((d) => d.declaredAs))]
      .filter((x) => x !== canonical && !mergedIds.has(x))
      .sort(compare);
    updates.push({ id, canonical, props, redirects: wanted });
  }
  await tx.run(
    `UNWIND $rows AS row
     MATCH (e:Node {id: row.id})
     CALL (e, row) {
       OPTIONAL MATCH (old:Redirect {id: row.canonical})
       DETACH DELETE old
     }
     SET e = row.props
     WITH e, row
     CALL (e, row) {
       MATCH (r:Redirect {by: 'name'})-[:REDIRECTS_TO]->(e)
       WHERE NOT r.id IN row.redirects
       DETACH DELETE r
     }
     CALL (e, row) {
       UNWIND row.redirects AS redirectId
       MERGE (r:Redirect {id: redirectId})
       ON CREATE SET r.by = 'name'
       MERGE (r)-[:REDIRECTS_TO]->(e)
     }`,
    { rows: updates },
  );
  await tx.run(
    `UNWIND $ids AS id
     MATCH (e:Node {id: id})
     OPTIONAL MATCH (r:Redirect)-[:REDIRECTS_TO]->(e)
     DETACH DELETE r, e`,
    { ids: deleted },
  );
  return { deleted, renamed };
}

const groupKey = (g: FactGroup) => [g.type, g.from, g.to, g.roleKey].join('\u0000');

/**
 * recomputeFacts: rebuilds the facts of each group from its statements (facts.ts), without the
 * statements of `drop` (an article being replaced or retracted) and with those of `add`.
 */
export async function recomputeFacts(
  tx: Tx,
  groups: readonly FactGroup[],
  change: { drop?: string; add?: readonly FactRow[] } = {},
): Promise<void> {
  const all = new Map<string, FactGroup>();
  for (const g of [...groups, ...(change.add ?? [])]) {
    const group = { type: g.type, from: g.from, to: g.to, roleKey: g.roleKey };
    all.set(groupKey(group), group);
  }
  if (all.size === 0) return;
  const rows = await tx.run(
    `UNWIND $groups AS g
     MATCH (a:Node {id: g.from})-[r]->(b:Node {id: g.to})
     WHERE type(r) = g.type
     RETURN g.key AS key, elementId(r) AS rel, properties(r) AS props`,
    { groups: [...all.entries()].map(([key, g]) => ({ ...g, key })) },
  );
  const statements = new Map<string, Statement[]>([...all.keys()].map((k) => [k, []]));
  const stale: string[] = [];
  for (const row of rows) {
    const props = row.props as Props;
    const key = String(row.key);
    if (
      ((props.roleKey as string | undefined) ?? roleKey(props.role as string)) !==
      all.get(key)!.roleKey
    ) {
      continue;
    }
    stale.push(String(row.rel));
    statements.get(key)!.push(...statementsOf(props).filter((st) => st.article !== change.drop));
  }
  for (const row of change.add ?? []) statements.get(groupKey(row))!.push(row.statement);

  const representing = [...statements.values()].flat().flatMap((st) => st.representing ?? []);
  const found = await lookupIds(tx, representing);
  const resolve = (id: string) => found.get(id)?.resolved ?? id;
  await tx.run('UNWIND $rels AS rel MATCH ()-[r]->() WHERE elementId(r) = rel DELETE r', {
    rels: stale,
  });
  for (const type of FACT_TYPE_NAMES) {
    const created = [...all.entries()]
      .filter(([, g]) => g.type === type)
      .flatMap(([key, g]) =>
        factsOf(statements.get(key)!, resolve).map((fact) => ({
          from: g.from,
          to: g.to,
          props: fact.props,
        })),
      );
    if (created.length === 0) continue;
    await tx.run(
      `UNWIND $rows AS row
       MATCH (a:Node {id: row.from})
       MATCH (b:Node {id: row.to})
       CREATE (a)-[r:${relType(type)}]->(b)
       SET r = row.props`,
      { rows: created },
    );
  }
}

/* factGroupsAt: the fact groups of the given entities, or of facts that name them as represented. */
export async function factGroupsAt(tx: Tx, ids: readonly string[]): Promise<FactGroup[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run(
    `UNWIND $ids AS id
     CALL (id) {
       MATCH (e:Node {id: id})-[r]-()
       WHERE r.sources IS NOT NULL
       RETURN r
       UNION
       MATCH ()-[r:PARTICIPATED_IN]->()
       WHERE r.representing = id
       RETURN r
     }
     RETURN DISTINCT type(r) AS type, startNode(r).id AS from, endNode(r).id AS to,
            r.roleKey AS roleKey, r.role AS role`,
    { ids: [...new Set(ids)] },
  );
  return rows.map((r) => ({
    type: r.type as FactType,
    from: String(r.from),
    to: String(r.to),
    roleKey: (r.roleKey as string | null) ?? roleKey(r.role as string | undefined),
  }));
}

/* claimsSpeakingFor: claims whose speakers spoke for one of these organizations. */
export async function claimsSpeakingFor(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run(
    `UNWIND $ids AS id
     MATCH ()-[m:MADE]->(c:Claim)
     WHERE m.organization = id
     RETURN DISTINCT c.id AS id`,
    { ids: [...new Set(ids)] },
  );
  return rows.map((r) => String(r.id));
}

// ---------------------------------------------------------------------------------------------
// Merging two entities

/**
 * moveRelationships: every relationship of `removeId` moves to `keepId` as it is; a fact between
 * the two entities themselves is dropped. Facts that now have the same group are recombined by
 * recomputeFacts (the caller's next step). Returns how many moved.
 */
export async function moveRelationships(tx: Tx, keepId: string, removeId: string): Promise<number> {
  let moved = 0;
  const params = { keepId, removeId };
  for (const type of FACT_TYPE_NAMES) {
    const t = relType(type);
    for (const [match, create] of [
      [`(old)-[r:${t}]->(other)`, `(keep)-[n:${t}]->(other)`],
      [`(other)-[r:${t}]->(old)`, `(other)-[n:${t}]->(keep)`],
    ] as const) {
      moved += await move(tx, match, create, 'WHERE other <> keep AND other <> old', params);
    }
    await tx.run(
      `MATCH (old:Node {id: $removeId})-[r:${t}]-(keep:Node {id: $keepId}) DELETE r`,
      params,
    );
  }
  // Mentions, claim edges and redirects carry no key: they move as they are.
  const simple = [
    ['(a:Article)-[r:MENTIONS]->(old)', '(a)-[n:MENTIONS]->(keep)'],
    ['(old)-[r:MADE]->(c)', '(keep)-[n:MADE]->(c)'],
    ['(c)-[r:ABOUT]->(old)', '(c)-[n:ABOUT]->(keep)'],
    ['(c)-[r:AT_EVENT]->(old)', '(c)-[n:AT_EVENT]->(keep)'],
    ['(x:Redirect)-[r:REDIRECTS_TO]->(old)', '(x)-[n:REDIRECTS_TO]->(keep)'],
  ] as const;
  for (const [match, create] of simple) moved += await move(tx, match, create, '', params);
  return moved;
}

async function move(
  tx: Tx,
  match: string,
  create: string,
  where: string,
  params: { keepId: string; removeId: string },
): Promise<number> {
  const [row] = await tx.run(
    `MATCH (old:Node {id: $removeId}), (keep:Node {id: $keepId})
     MATCH ${match}
     ${where}
     CREATE ${create}
     SET n = properties(r)
     DELETE r
     RETURN count(*) AS moved`,
    params,
  );
  return Number(row?.moved ?? 0);
}

/**
 * replaceWithRedirect: the removed id keeps answering, as a redirect to the kept entity; so do
 * the ids that redirected to it. A merge is the user's decision: these redirects stay when the
 * articles that declared the ids go, and none of them becomes the entity's id again.
 */
export async function replaceWithRedirect(tx: Tx, keepId: string, removeId: string): Promise<void> {
  await tx.run(
    `MATCH (old:Node {id: $removeId}), (keep:Node {id: $keepId})
     CREATE (r:Redirect {id: $removeId, by: 'merge', names: [old.name] + coalesce(old.aliases, [])})
     CREATE (r)-[:REDIRECTS_TO]->(keep)
     DETACH DELETE old`,
    { keepId, removeId },
  );
}

/* markMerged: the redirects that led to the removed entity become merge redirects too. */
export async function markMerged(tx: Tx, removeId: string): Promise<void> {
  await tx.run(
    `MATCH (r:Redirect)-[:REDIRECTS_TO]->(:Node {id: $removeId})
     SET r.by = 'merge', r.names = coalesce(r.names, [])`,
    { removeId },
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
