import { createHash } from 'node:crypto';
import type { Tx } from '../db/database.ts';
import { BUMP_GRAPH_VERSION } from '../db/graph-version.ts';
import { canonicalJson } from '../model/canonical-json.ts';
import { compare, factsOf, roleKey, type Statement, statementsOf } from './facts.ts';
import {
  type ArticlePlan,
  type ClaimReport,
  type EntityDeclaration,
  type FactRow,
  claimProps,
  entityFromSummary,
  primaryReport,
  type Props,
} from './plan.ts';
import {
  addDeclarations,
  canonicalFrom,
  type DeclarationSummary,
  emptySummary,
  parseSummary,
  serializeSummary,
  summarize,
  withoutBookkeeping,
} from './summary.ts';
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

/** What `resolveIds` found: each id that exists (following redirects), and the name candidates. */
export interface IdLookup {
  found: Map<string, FoundNode & { contentHash?: string }>;
  /** For each probe whose id the graph does not have: the entities that answer to its names. */
  candidates: Map<string, { id: string; name: string }[]>;
}

/** A name lookup: the entities of `type` answering to `keys`, when the graph has no `id`. */
export interface NameProbe {
  id: string;
  type: EntityType;
  keys: string[];
  /** What the candidates are listed under (several articles of a batch may probe one id). */
  tag?: string;
}

/** Normalised names hold letters, digits and single spaces only: nothing Lucene would parse. */
export function searchableProbes(probes: readonly NameProbe[]) {
  return probes
    .map((p) => ({
      ...p,
      keys: p.keys.filter((k) => /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u.test(k)),
    }))
    .filter((p) => p.keys.length > 0)
    .map((p) => ({ ...p, query: p.keys.map((k) => `"${k}"`).join(' OR ') }));
}

const LOOKUP_IDS = `
  CALL () {
    UNWIND $ids AS id
    OPTIONAL MATCH (n:Node {id: id})
    OPTIONAL MATCH (:Redirect {id: id})-[:REDIRECTS_TO]->(t:Node)
    WITH id, coalesce(n, t) AS found
    WHERE found IS NOT NULL
    RETURN collect({id: id, resolved: found.id, type: [l IN labels(found) WHERE l <> 'Node'][0],
                    name: coalesce(found.name, found.title, found.id),
                    contentHash: found.contentHash}) AS found
  }`;

const FIND_BY_NAME_KEYS = `
  CALL () {
    UNWIND $probes AS probe
    OPTIONAL MATCH (n:Node {id: probe.id})
    OPTIONAL MATCH (:Redirect {id: probe.id})-[:REDIRECTS_TO]->(t:Node)
    WITH probe WHERE n IS NULL AND t IS NULL
    CALL (probe) {
      CALL (probe) {
        CALL db.index.fulltext.queryNodes('entity_name_keys', probe.query) YIELD node
        RETURN node
        UNION
        UNWIND $written AS id
        MATCH (node:Node {id: id})
        RETURN node
      }
      WITH node
      WHERE probe.type IN labels(node) AND any(k IN node.nameKeys WHERE k IN probe.keys)
      WITH node ORDER BY node.id
      RETURN collect({id: node.id, name: node.name}) AS candidates
    }
    RETURN collect({id: coalesce(probe.tag, probe.id), candidates: candidates}) AS candidates
  }`;

/**
 * The nodes each open transaction has written or locked so far. When one transaction imports
 * several articles, the name lookups of the later ones read these by id as well as through the
 * full-text index, so a name match never depends on how that index answers for nodes its own
 * transaction changed.
 */
const writtenEntities = new WeakMap<Tx, Set<string>>();

function noteWritten(tx: Tx, ids: Iterable<string>): void {
  let written = writtenEntities.get(tx);
  if (!written) writtenEntities.set(tx, (written = new Set()));
  for (const id of ids) written.add(id);
}

const writtenIds = (updates: readonly EntityUpdate[]) =>
  updates.flatMap((u) => [u.id, u.canonical]);

/**
 * resolveIds: takes the import locks `keys` (see lockKeys; none for a dry run), then looks up
 * `ids` (as lookupIds) and, for each probe whose id the graph does not have, the entities that
 * answer to its normalised names (as findByNameKeys). The locks go in a statement of their own:
 * within one statement the planner may run subqueries that do not depend on each other in either
 * order, and a name read before the lock that guards it misses what the import holding that lock
 * is about to commit (the likely cause of two entities for one name that the import-order
 * property found once on Neo4j 2026). After it, every read sees what the imports before this one
 * committed.
 */
export async function resolveIds(
  tx: Tx,
  request: {
    keys: readonly string[];
    ids: readonly string[];
    probes: readonly NameProbe[];
  },
): Promise<IdLookup> {
  await lockKeys(tx, request.keys);
  const [row] = await tx.run(
    `/* resolveIds */ ${LOOKUP_IDS} ${FIND_BY_NAME_KEYS}
     RETURN found, candidates`,
    {
      ids: [...new Set(request.ids)],
      probes: searchableProbes(request.probes),
      written: [...(writtenEntities.get(tx) ?? [])],
    },
  );
  const found = (row?.found ?? []) as (FoundNode & { contentHash?: string | null })[];
  const candidates = (row?.candidates ?? []) as {
    id: string;
    candidates: { id: string; name: string }[];
  }[];
  return {
    found: new Map(
      found.map(({ contentHash, ...f }) => [
        f.id,
        contentHash == null ? f : { ...f, contentHash: String(contentHash) },
      ]),
    ),
    candidates: new Map(candidates.map((c) => [c.id, c.candidates])),
  };
}

/** lockAndLookup: takes more import locks, then looks `ids` up again. */
export async function lockAndLookup(
  tx: Tx,
  keys: readonly string[],
  ids: readonly string[],
): Promise<Map<string, FoundNode>> {
  return (await resolveIds(tx, { keys, ids, probes: [] })).found;
}

/**
 * findByNameKeys: existing entities of a type that answer to one of the given normalised names,
 * through the entity_name_keys index (an exact match of a key; no scan of the type's entities).
 */
export async function findByNameKeys(
  tx: Tx,
  probes: readonly { id: string; type: EntityType; keys: string[] }[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const searchable = searchableProbes(probes);
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
  await tx.run('/* lockKeys */ UNWIND $keys AS key MERGE (:ImportLock {key: key})', {
    keys: lockNodeKeys(keys),
  });
}

/** Longer lock keys are stored as their hash: the key's index takes at most 8 KB a value. */
const LOCK_KEY_MAX_LENGTH = 200;

/**
 * The keys as lock nodes hold them, unique and in order: a long one (a normalised name, an id a
 * client sent) as its SHA-256, which locks exactly what the key would.
 */
function lockNodeKeys(keys: readonly string[]): string[] {
  const stored = keys.map((key) =>
    key.length > LOCK_KEY_MAX_LENGTH
      ? `sha256:${createHash('sha256').update(key).digest('hex')}`
      : key,
  );
  return [...new Set(stored)].sort(compare);
}

/* releaseLocks: the lock nodes this transaction made (others' are not visible to it). */
export async function releaseLocks(tx: Tx): Promise<void> {
  await tx.run('MATCH (l:ImportLock) DELETE l');
}

/* articleHash: the content hash of an article already imported, if any. */
export async function articleHash(tx: Tx, articleId: string): Promise<string | undefined> {
  const [row] = await tx.run(
    'MATCH (a:Node:Article {id: $articleId}) RETURN a.contentHash AS hash',
    {
      articleId,
    },
  );
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

/* readTouched: what an article imported before mentions, reports and states (see detachArticle). */
export async function readTouched(tx: Tx, articleId: string): Promise<Touched> {
  return (
    (await readTouchedMany(tx, [articleId])).get(articleId) ?? {
      entities: [],
      claims: [],
      facts: [],
    }
  );
}

/* readTouchedMany: readTouched of several articles, in one statement. */
export async function readTouchedMany(
  tx: Tx,
  articleIds: readonly string[],
): Promise<Map<string, Touched>> {
  if (articleIds.length === 0) return new Map();
  const rows = await tx.run(
    `/* readTouched */
     UNWIND $articleIds AS articleId
     MATCH (a:Node:Article {id: articleId})
     CALL (a) { OPTIONAL MATCH (a)-[:MENTIONS]->(e) RETURN collect(DISTINCT e.id) AS entities }
     CALL (a) { OPTIONAL MATCH (c:Claim)-[:REPORTED_IN]->(a) RETURN collect(DISTINCT c.id) AS claims }
     CALL (a, articleId) {
       OPTIONAL MATCH (a)-[:MENTIONS]->(e)-[r]->(o)
       WHERE articleId IN r.sources
       RETURN collect(DISTINCT {type: type(r), from: e.id, to: o.id, roleKey: r.roleKey, role: r.role}) AS facts
     }
     RETURN articleId, entities, claims, facts`,
    { articleIds: [...new Set(articleIds)] },
  );
  return new Map(
    rows.map((row) => [
      String(row.articleId),
      {
        entities: row.entities as string[],
        claims: row.claims as string[],
        facts: (row.facts as (FactGroup & { role?: string })[]).map(({ role, ...group }) => ({
          ...group,
          roleKey: group.roleKey ?? roleKey(role),
        })),
      },
    ]),
  );
}

/**
 * detachArticle: removes the article's mentions and claim reports, and returns what it touched
 * (entities, claims, and the facts it states), to be recomputed without it.
 */
export async function detachArticle(tx: Tx, articleId: string): Promise<Touched> {
  const touched = await readTouched(tx, articleId);
  await tx.run(
    `/* detachArticle */
     MATCH (a:Node:Article {id: $articleId})
     CALL (a) { MATCH (a)-[m:MENTIONS]->() DELETE m }
     CALL (a) { MATCH ()-[r:REPORTED_IN]->(a) DELETE r }`,
    { articleId },
  );
  return touched;
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
    `MATCH (a:Node:Article {id: $articleId})
     UNWIND $mentions AS m
     MATCH (e:Node {id: m.id})
     CREATE (a)-[:MENTIONS {declaredAs: m.declaredAs, declaration: m.declaration}]->(e)`,
    { articleId, mentions: plan.mentions },
  );
  if (plan.claims.length > 0) {
    await tx.run(
      `MATCH (a:Node:Article {id: $articleId})
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
    'MATCH (a:Node:Article {id: $articleId}) DETACH DELETE a RETURN 1 AS deleted',
    {
      articleId,
    },
  );
  return rows.length > 0;
}

export interface ClaimState {
  id: string;
  reports: ClaimReport[];
}

/** The reports (but that of the article $except) of the claim `c`, whose id is `id`. */
const READ_CLAIM = `
  OPTIONAL MATCH (c)-[r:REPORTED_IN]->(a:Article)
  WHERE $except IS NULL OR a.id <> $except
  WITH id, collect(CASE WHEN a IS NULL THEN null
    ELSE {article: a.id, publishedDay: a.publishedDay, declaration: r.declaration} END) AS reports`;

export interface ClaimUpdate {
  id: string;
  props: Props;
  /** In the ids of the report's file: CLAIM_WRITES resolves them once entities are written. */
  speakers: { id: string; role: string | null; organization: string | null }[];
  targets: { id: string; stance: string }[];
  events: string[];
}

/** Each claim from its first report; a claim no article reports any more is to be deleted. */
export function claimUpdates(states: readonly ClaimState[]): {
  updates: ClaimUpdate[];
  deleted: string[];
} {
  const deleted: string[] = [];
  const updates: ClaimUpdate[] = [];
  for (const { id, reports } of states) {
    const d = primaryReport(reports);
    if (!d) {
      deleted.push(id);
      continue;
    }
    updates.push({
      id,
      props: claimProps(id, d),
      speakers: d.speakers.map((s) => ({
        id: s.id,
        role: s.role ?? null,
        organization: s.organization ?? null,
      })),
      targets: d.targets.map((t) => ({ id: t.id, stance: t.stance })),
      events: d.event ? [d.event] : [],
    });
  }
  return { updates, deleted };
}

/** The node the id in `${id}` names (as lookupIds resolves it), as `${name}`; no row if none. */
const resolveId = (id: string, name: string) => `
  CALL (${id}) {
    OPTIONAL MATCH (n:Node {id: ${id}})
    OPTIONAL MATCH (:Redirect {id: ${id}})-[:REDIRECTS_TO]->(t:Node)
    WITH coalesce(n, t) AS ${name}
    WHERE ${name} IS NOT NULL
    RETURN ${name}
  }`;

/**
 * Writes claimUpdates' result: parameters $claimRows and $deletedClaims. Declarations hold the
 * file's own ids: each is an entity's id or redirects to it, resolved here, after the entities.
 */
const CLAIM_WRITES = `
  CALL () {
    UNWIND $claimRows AS row
    MATCH (c:Node:Claim {id: row.id})
    SET c = row.props
    WITH c, row
    CALL (c) { MATCH (c)-[r:ABOUT|AT_EVENT]->() DELETE r }
    CALL (c) { MATCH ()-[r:MADE]->(c) DELETE r }
    CALL (c, row) {
      UNWIND row.speakers AS s
      WITH c, s, s.id AS speakerId, coalesce(s.organization, '') AS orgId
      ${resolveId('speakerId', 'p')}
      CALL (orgId) {
        OPTIONAL MATCH (n:Node {id: orgId})
        OPTIONAL MATCH (:Redirect {id: orgId})-[:REDIRECTS_TO]->(t:Node)
        RETURN coalesce(n.id, t.id, orgId) AS organization
      }
      CREATE (p)-[m:MADE]->(c)
      SET m.role = s.role,
          m.organization = CASE WHEN s.organization IS NULL THEN null ELSE organization END
    }
    CALL (c, row) {
      UNWIND row.targets AS target
      WITH c, target, target.id AS targetId
      ${resolveId('targetId', 'x')}
      CREATE (c)-[:ABOUT {stance: target.stance}]->(x)
    }
    CALL (c, row) {
      UNWIND row.events AS eventId
      ${resolveId('eventId', 'e')}
      CREATE (c)-[:AT_EVENT]->(e)
    }
  }
  CALL () {
    UNWIND $deletedClaims AS id
    MATCH (c:Node:Claim {id: id})
    DETACH DELETE c
  }`;

/**
 * recomputeClaims: each claim's statement, stance, date, speakers, targets and event from its first
 * report; a claim no article reports any more is deleted. Returns the ids deleted.
 */
export async function recomputeClaims(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.run(
    `/* readClaims */
     UNWIND $ids AS id
     MATCH (c:Node:Claim {id: id})
     ${READ_CLAIM}
     RETURN id, reports`,
    { ids: [...new Set(ids)], except: null },
  );
  const { updates, deleted } = claimUpdates(rows as unknown as ClaimState[]);
  await tx.run(`/* writeClaims */ ${CLAIM_WRITES}`, {
    claimRows: updates,
    deletedClaims: deleted,
  });
  return deleted;
}

/** What recomputeEntities reads of one entity. */
export interface EntityState {
  id: string;
  current: Props;
  /**
   * The entity's declarations, or, when `summary` is there, only those to add to it: the
   * declarations the graph holds are then summed up in `summary` (see summary.ts).
   */
  declarations: EntityDeclaration[];
  summary?: DeclarationSummary | null;
  redirects: { id: string; by?: string; names?: string[] }[];
}

/**
 * The declarations (but those of the article $except) and redirects of the entity `e`. A bare
 * reference (no declaration) matters only by the id it used and by being there, so those of
 * articles other than $batchArticles come once per id, as `{article: '', declaration: null}`:
 * an entity many articles reference reads its declarations, not every reference.
 *
 * With $summaries, an entity whose stored summary covers every mention it has (and that is not
 * in $fullIds: what an article that is replaced or retracted mentioned) reads its summary
 * instead of its declarations.
 */
const READ_ENTITY = `
  CALL (e) {
    RETURN CASE WHEN $summaries AND NOT e.id IN $fullIds AND e.declaredMentions > 0
                  AND e.declaredMentions = COUNT { ()-[:MENTIONS]->(e) }
           THEN e.declared END AS summary
  }
  CALL (e, summary) {
    OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
    WHERE summary IS NULL AND ($except IS NULL OR a.id <> $except)
      AND (m.declaration IS NOT NULL OR a.id IN $batchArticles)
    RETURN collect(CASE WHEN a IS NULL THEN null ELSE {article: a.id, publishedDay: a.publishedDay,
      declaredAs: m.declaredAs, declaration: m.declaration} END) AS declared
  }
  CALL (e, summary, declared) {
    OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
    WHERE summary IS NULL AND ($except IS NULL OR a.id <> $except)
      AND m.declaration IS NULL AND NOT a.id IN $batchArticles
    WITH declared, collect(DISTINCT m.declaredAs) AS referencedAs
    RETURN declared + [id IN referencedAs |
      {article: '', publishedDay: '', declaredAs: id, declaration: null}] AS declarations
  }
  CALL (e) {
    OPTIONAL MATCH (r:Redirect)-[:REDIRECTS_TO]->(e)
    RETURN collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, by: r.by, names: r.names} END) AS redirects
  }`;

/** Parameters of READ_ENTITY that read every declaration of every entity. */
const READ_ALL = { summaries: false, fullIds: [] };

/** An entity as READ_ENTITY returns it, its stored summary parsed. */
function entityState<T extends { summary?: unknown }>(row: T): T & EntityState {
  return { ...row, summary: parseSummary(row.summary) } as T & EntityState;
}

export interface EntityUpdate {
  id: string;
  canonical: string;
  props: Props;
  redirects: string[];
}

/**
 * Whether writing `update` would change nothing: the same properties, and exactly the wanted
 * name redirects. Such an entity is not written, so its full-text entries are not rewritten
 * (an index update at every commit is the dearest part of an import).
 */
function unchanged(update: EntityUpdate, state: EntityState): boolean {
  if (update.canonical !== state.id) return false;
  if (canonicalJson(update.props) !== canonicalJson(withoutBookkeeping(state.current))) {
    return false;
  }
  if (state.redirects.some((r) => r.id === update.canonical)) return false;
  const byName = state.redirects
    .filter((r) => r.by === 'name')
    .map((r) => r.id)
    .sort(compare);
  return canonicalJson(byName) === canonicalJson(update.redirects);
}

/** An entity's summary as written: parameter $summaryRows. */
export interface SummaryRow {
  id: string;
  summary: string;
}

/**
 * Each entity's canonical id, redirects and properties from its declarations (identity rule 3);
 * an entity without declarations is to be deleted. Pure: the statements are ENTITY_WRITES.
 * `summaries` are what every entity that stays is to keep as its summary (see summary.ts); a
 * renamed entity has none when it was read by its summary (its caller then reads it whole).
 */
export function entityUpdates(states: readonly EntityState[]): {
  /** The entities to write: those whose properties or redirects change. */
  updates: EntityUpdate[];
  deleted: string[];
  renamed: Map<string, string>;
  summaries: SummaryRow[];
} {
  const renamed = new Map<string, string>();
  const deleted: string[] = [];
  const updates: EntityUpdate[] = [];
  const summaries: SummaryRow[] = [];
  for (const state of states) {
    const { id, current, declarations, redirects } = state;
    const base = state.summary ?? undefined;
    if (!base && declarations.length === 0) {
      deleted.push(id);
      continue;
    }
    // Redirects a merge left (older graphs wrote them without `by`) are the user's decision.
    const merged = redirects.filter((r) => r.by !== 'name');
    const mergedIds = new Set(merged.map((r) => r.id));
    let summary = addDeclarations(base ?? emptySummary(id), declarations);
    const canonical = canonicalFrom(summary, id, mergedIds);
    if (canonical !== id) {
      renamed.set(id, canonical);
      // Whose declarations are the entity's own changes with its id: count them again.
      if (base) continue;
      summary = summarize(canonical, declarations);
    }
    const props = entityFromSummary(
      summary,
      current,
      merged.flatMap((r) => r.names ?? []),
    );
    const wanted = summary.declaredAs
      .filter((x) => x !== canonical && !mergedIds.has(x))
      .sort(compare);
    const update = { id, canonical, props, redirects: wanted };
    if (!unchanged(update, state)) updates.push(update);
    summaries.push({ id: canonical, summary: serializeSummary(summary) });
  }
  return { updates, deleted, renamed, summaries };
}

/** Writes entityUpdates' result: parameters $entityRows, $deletedEntities and $summaryRows. */
const ENTITY_WRITES = `
  CALL () {
    UNWIND $entityRows AS row
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
    }
  }
  CALL () {
    UNWIND $deletedEntities AS id
    MATCH (e:Node {id: id})
    OPTIONAL MATCH (r:Redirect)-[:REDIRECTS_TO]->(e)
    DETACH DELETE r, e
  }
  CALL () {
    UNWIND $summaryRows AS row
    MATCH (e:Node {id: row.id})
    SET e.declared = row.summary, e.declaredMentions = COUNT { ()-[:MENTIONS]->(e) }
  }`;

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
  if (ids.length === 0) return { deleted: [], renamed: new Map() };
  const rows = await tx.run(
    `/* readEntities */
     UNWIND $ids AS id
     MATCH (e:Node {id: id})
     ${READ_ENTITY}
     RETURN id, properties(e) AS current, declarations, redirects`,
    { ids: [...new Set(ids)], except: null, batchArticles: [], ...READ_ALL },
  );
  const { updates, deleted, renamed, summaries } = entityUpdates(rows.map(entityState));
  await tx.run(`/* writeEntities */ ${ENTITY_WRITES}`, {
    entityRows: updates,
    deletedEntities: deleted,
    summaryRows: summaries,
  });
  noteWritten(tx, writtenIds(updates));
  return { deleted, renamed };
}

const groupKey = (g: FactGroup) => [g.type, g.from, g.to, g.roleKey].join('\u0000');

/** The facts of a set of groups as the graph has them: READ_FACTS' rows. */
export interface FactRel {
  key: string;
  rel: string;
  props: Props;
}

/** Parameter $groups: each group with its key. */
const READ_FACTS = `
  UNWIND $groups AS g
  MATCH (a:Node {id: g.from})-[r]->(b:Node {id: g.to})
  WHERE type(r) = g.type`;

/* readFacts: the relationships of each group, as they are. */
export async function readFactRels(
  tx: Tx,
  groups: ReadonlyMap<string, FactGroup>,
): Promise<FactRel[]> {
  if (groups.size === 0) return [];
  const rels = await tx.run(
    `/* readFacts */ ${READ_FACTS}
     RETURN g.key AS key, elementId(r) AS rel, properties(r) AS props`,
    { groups: [...groups.entries()].map(([key, g]) => ({ ...g, key })) },
  );
  return rels as unknown as FactRel[];
}

/** The groups of `groups` and of the statements `add`, by key. */
export function groupsOf(
  groups: readonly FactGroup[],
  add: readonly FactRow[] = [],
): Map<string, FactGroup> {
  const all = new Map<string, FactGroup>();
  for (const g of [...groups, ...add]) {
    const group = { type: g.type, from: g.from, to: g.to, roleKey: g.roleKey };
    all.set(groupKey(group), group);
  }
  return all;
}

/**
 * The statements of each group, from its relationships (without those of the article `drop`) and
 * `add`; the relationships read are stale: FACT_WRITES replaces them.
 */
export function factStatements(
  all: ReadonlyMap<string, FactGroup>,
  rels: readonly FactRel[],
  change: { drop?: string | ReadonlySet<string> | undefined; add?: readonly FactRow[] },
): { statements: Map<string, Statement[]>; stale: string[] } {
  const dropped = (article: string) =>
    typeof change.drop === 'string' ? article === change.drop : !!change.drop?.has(article);
  const statements = new Map<string, Statement[]>([...all.keys()].map((k) => [k, []]));
  const stale = new Set<string>();
  for (const { key, rel, props } of rels) {
    const group = all.get(key);
    if (!group || stale.has(rel)) continue;
    if (
      ((props.roleKey as string | undefined) ?? roleKey(props.role as string)) !== group.roleKey
    ) {
      continue;
    }
    stale.add(rel);
    statements.get(key)!.push(...statementsOf(props).filter((st) => !dropped(st.article)));
  }
  for (const row of change.add ?? []) statements.get(groupKey(row))!.push(row.statement);
  return { statements, stale: [...stale] };
}

/** The organizations the statements name as represented (file ids: to be resolved). */
export function representedIds(statements: ReadonlyMap<string, Statement[]>): string[] {
  return [...statements.values()].flat().flatMap((st) => st.representing ?? []);
}

/** A fact to create: its type (from the closed vocabulary, checked), ends and properties. */
export interface FactCreate {
  type: FactType;
  from: string;
  to: string;
  props: Props;
}

/** The facts to create from each group's statements (facts.ts). */
export function factRows(
  all: ReadonlyMap<string, FactGroup>,
  statements: ReadonlyMap<string, Statement[]>,
  resolve: (id: string) => string,
): FactCreate[] {
  return [...all].flatMap(([key, g]) =>
    factsOf(statements.get(key)!, resolve).map((fact) => ({
      type: relType(g.type) as FactType,
      from: g.from,
      to: g.to,
      props: fact.props,
    })),
  );
}

/**
 * Replaces the stale facts ($staleFacts: element ids) with the new ones ($facts: FactCreate rows,
 * whose types factRows checked against the closed vocabulary).
 */
const FACT_WRITES = `
  CALL () {
    UNWIND $staleFacts AS rel
    MATCH ()-[r]->()
    WHERE elementId(r) = rel
    DELETE r
  }
  CALL () {
    UNWIND $facts AS row
    MATCH (a:Node {id: row.from})
    MATCH (b:Node {id: row.to})
    CREATE (a)-[r:$(row.type)]->(b)
    SET r = row.props
  }`;

/**
 * recomputeFacts: rebuilds the facts of each group from its statements (facts.ts), without the
 * statements of `drop` (an article being replaced or retracted) and with those of `add`.
 */
export async function recomputeFacts(
  tx: Tx,
  groups: readonly FactGroup[],
  change: { drop?: string | undefined; add?: readonly FactRow[] } = {},
): Promise<void> {
  const all = groupsOf(groups, change.add);
  if (all.size === 0) return;
  const rels = await readFactRels(tx, all);
  const { statements, stale } = factStatements(all, rels, change);
  const found = await lookupIds(tx, representedIds(statements));
  const resolve = (id: string) => found.get(id)?.resolved ?? id;
  await tx.run(`/* writeFacts */ ${FACT_WRITES}`, {
    staleFacts: stale,
    facts: factRows(all, statements, resolve),
  });
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
// Importing one article in two statements: gatherArticle reads, storeArticle writes

/** What gatherArticle reads: the state of every entity, claim and fact the article touches. */
export interface Gathered {
  entities: EntityState[];
  claims: ClaimState[];
  facts: FactRel[];
}

/** New entities as parameters: each type checked against the closed vocabulary. */
export function newEntityRows(
  entities: readonly { id: string; type: EntityType }[],
): { id: string; type: EntityType }[] {
  return entities.map((e) => ({ id: e.id, type: label(e.type) as EntityType }));
}

/** Makes new entities ($newEntities: rows of id and type) and claims ($newClaims: ids). */
const MAKE_NODES = `
  CALL () {
    UNWIND $newEntities AS row
    MERGE (e:Node {id: row.id})
    ON CREATE SET e:$(row.type), e.name = row.id
  }
  CALL () {
    UNWIND $newClaims AS id
    MERGE (c:Node {id: id})
    ON CREATE SET c:Claim
  }`;

/**
 * Locks the existing nodes $lockIds (in the order given: id order), then reads the entities
 * $entityIds (with their type) and the claims $touchedClaims as `entities` and `claims`.
 */
const LOCK_AND_READ = `
  CALL () {
    UNWIND $lockIds AS id
    MATCH (n:Node {id: id})
    SET n.lock = true
    REMOVE n.lock
  }
  CALL () {
    UNWIND $entityIds AS id
    MATCH (e:Node {id: id})
    ${READ_ENTITY}
    RETURN collect({id: id, type: [l IN labels(e) WHERE l <> 'Node'][0], current: properties(e),
                    declarations: declarations, summary: summary, redirects: redirects}) AS entities
  }
  CALL () {
    UNWIND $touchedClaims AS id
    MATCH (c:Node:Claim {id: id})
    ${READ_CLAIM}
    RETURN collect({id: id, reports: reports}) AS claims
  }`;

const GATHER_ARTICLE = `/* gatherArticle */
  ${MAKE_NODES}
  ${LOCK_AND_READ}
  CALL () {
    ${READ_FACTS}
    RETURN collect({key: g.key, rel: elementId(r), props: properties(r)}) AS facts
  }
  RETURN entities, claims, facts`;

/**
 * gatherArticle, one statement: makes the article's new entities and claims, locks the nodes it
 * mentions and reports (in id order, before anything about them is read, so two imports touching
 * one entity, fact or claim recompute it one after the other), then reads what storeArticle
 * recomputes: the entities and claims it and its previous version touch (without what this
 * article said of them: the plan replaces it), and the facts of every group they state.
 */
export async function gatherArticle(
  tx: Tx,
  plan: ArticlePlan,
  touched: Touched,
): Promise<Gathered> {
  const mentioned = plan.mentions.map((m) => m.id);
  const claimIds = plan.claims.map((c) => c.id);
  const groups = groupsOf(touched.facts, plan.facts);
  noteWritten(tx, [...mentioned, ...plan.entities.map((e) => e.id)]);
  const [row] = await tx.run(GATHER_ARTICLE, {
    except: plan.articleId,
    batchArticles: [],
    newEntities: newEntityRows(plan.entities),
    lockIds: [...new Set([...mentioned, ...claimIds])].sort(),
    newClaims: claimIds,
    entityIds: [...new Set([...touched.entities, ...mentioned])],
    touchedClaims: [...new Set([...touched.claims, ...claimIds])],
    groups: [...groups.entries()].map(([key, g]) => ({ ...g, key })),
    // What the previous version mentioned loses its declarations: read them all.
    summaries: true,
    fullIds: touched.entities,
  });
  return {
    entities: ((row?.entities ?? []) as EntityState[]).map(entityState),
    claims: (row?.claims ?? []) as ClaimState[],
    facts: (row?.facts ?? []) as FactRel[],
  };
}

/** An entity as gatherBatch reads it: EntityState with its type. */
export interface TypedEntityState extends EntityState {
  type: string;
}

const GATHER_BATCH = `/* gatherBatch */
  ${LOCK_AND_READ}
  RETURN entities, claims`;

/**
 * gatherBatch, one statement: locks the existing nodes `lockIds` (in id order), then reads the
 * declarations of the entities `entityIds` (summed up, but for those in `fullIds`, see
 * READ_ENTITY) and every report of the claims `claimIds`, those of the batch's own articles
 * included (the batch replaces them article by article).
 */
export async function gatherBatch(
  tx: Tx,
  ids: {
    lockIds: readonly string[];
    entityIds: readonly string[];
    claimIds: readonly string[];
    /** The batch's articles: their bare references come one by one (see READ_ENTITY). */
    articles: readonly string[];
    /** Entities whose every declaration is read: those an article the batch replaces mentions. */
    fullIds: readonly string[];
  },
): Promise<{ entities: TypedEntityState[]; claims: ClaimState[] }> {
  noteWritten(tx, [...ids.lockIds, ...ids.entityIds]);
  const [row] = await tx.run(GATHER_BATCH, {
    except: null,
    batchArticles: [...new Set(ids.articles)],
    lockIds: [...new Set(ids.lockIds)].sort(),
    entityIds: [...new Set(ids.entityIds)],
    touchedClaims: [...new Set(ids.claimIds)],
    summaries: true,
    fullIds: [...new Set(ids.fullIds)],
  });
  return {
    entities: ((row?.entities ?? []) as TypedEntityState[]).map(entityState),
    claims: (row?.claims ?? []) as ClaimState[],
  };
}

// New entities and claims first (a batch did not gather them), then the articles, their mentions and
// claim reports. Facts before entities (a stale fact goes before an entity that lost its last
// mention is deleted; the facts written join entities that stay), claims last (their ids resolve
// against the entities as written: a name match's redirect is made just before).
const STORE_ARTICLES = `/* storeArticle */
  ${MAKE_NODES}
  CALL () {
    UNWIND $articles AS article
    MERGE (a:Node {id: article.id})
    ON CREATE SET a:Article
    SET a = article.props
    WITH a, article
    CALL (a) { MATCH (a)-[m:MENTIONS]->() DELETE m }
    CALL (a) { MATCH ()-[r:REPORTED_IN]->(a) DELETE r }
    CALL (a, article) {
      UNWIND article.mentions AS m
      MATCH (e:Node {id: m.id})
      CREATE (a)-[:MENTIONS {declaredAs: m.declaredAs, declaration: m.declaration}]->(e)
    }
    CALL (a, article) {
      UNWIND article.claims AS row
      MATCH (c:Node:Claim {id: row.id})
      CREATE (c)-[:REPORTED_IN {quote: row.quote, declaration: row.declaration}]->(a)
    }
  }
  ${FACT_WRITES}
  ${ENTITY_WRITES}
  ${CLAIM_WRITES}
  CALL () {
    ${BUMP_GRAPH_VERSION}
  }
  CALL () {
    MATCH (l:ImportLock)
    DELETE l
  }`;

/** What storeArticles writes, all computed beforehand. */
export interface ArticlesWrite {
  /** New entities, by type (their properties come with `entityRows`). */
  newEntities: { id: string; type: EntityType }[];
  newClaims: string[];
  articles: {
    id: string;
    props: Props;
    mentions: ArticlePlan['mentions'];
    claims: ArticlePlan['claims'];
  }[];
  staleFacts: string[];
  facts: FactCreate[];
  entityRows: EntityUpdate[];
  deletedEntities: string[];
  summaryRows: SummaryRow[];
  claimRows: ClaimUpdate[];
  deletedClaims: string[];
}

/**
 * storeArticles, one statement: new entities and claims, the articles with their mentions and
 * claim reports (replacing those of a previous version), the facts, entities and claims as
 * recomputed, a new graph version, and the release of the import locks (see releaseLocks).
 */
export async function storeArticles(tx: Tx, write: ArticlesWrite): Promise<void> {
  await tx.run(STORE_ARTICLES, { ...write });
  noteWritten(tx, writtenIds(write.entityRows));
}

/** The article of a plan as its declarations and reports name it. */
function sourceOf(plan: ArticlePlan): { article: string; publishedDay: string } {
  return {
    article: plan.articleId,
    publishedDay: (plan.article.publishedDay as string | undefined) ?? null,
  } as { article: string; publishedDay: string };
}

/** What the plan's article declares of the entity `id` (one per id it used for it). */
export function declarationsIn(plan: ArticlePlan, id: string): EntityDeclaration[] {
  const source = sourceOf(plan);
  return plan.mentions
    .filter((m) => m.id === id)
    .map((m) => ({ ...source, declaredAs: m.declaredAs, declaration: m.declaration }));
}

/** The plan's article's report of the claim `id`, if it reports it. */
export function reportsIn(plan: ArticlePlan, id: string): ClaimReport[] {
  const source = sourceOf(plan);
  return plan.claims
    .filter((c) => c.id === id)
    .map((c) => ({ ...source, declaration: c.declaration }));
}

/**
 * storeArticle: from what gatherArticle read and the plan, computes the article's entities, facts
 * and claims as recomputeEntities, recomputeFacts and recomputeClaims would once the article is
 * written, and writes all of it in one statement: the article, its mentions and claim reports,
 * entities (deleted when no article mentions them any more), facts, claims, a new graph version,
 * and the release of the import locks (see releaseLocks). `resolved` sends each id the file uses to
 * its graph id (identity resolution), and others to undefined: those a fact of another article
 * names as represented are looked up (one more statement).
 *
 * When an entity's canonical id changes (an older article declared another of its ids), nothing is
 * written and the answer is `stored: false`: the caller then takes the general path (writeArticle
 * and the recompute functions), which reads the graph again after each step.
 */
export async function storeArticle(
  tx: Tx,
  plan: ArticlePlan,
  touched: Touched,
  gathered: Gathered,
  resolved: (fileId: string) => string | undefined,
): Promise<{ stored: true; entitiesDeleted: string[] } | { stored: false }> {
  const entities = entityUpdates(
    gathered.entities.map((state) => ({
      ...state,
      declarations: [...state.declarations, ...declarationsIn(plan, state.id)],
    })),
  );
  if (entities.renamed.size > 0) return { stored: false };
  const claims = claimUpdates(
    gathered.claims.map((state) => ({
      ...state,
      reports: [...state.reports, ...reportsIn(plan, state.id)],
    })),
  );
  const groups = groupsOf(touched.facts, plan.facts);
  const { statements, stale } = factStatements(groups, gathered.facts, {
    drop: plan.articleId,
    add: plan.facts,
  });
  const unknown = representedIds(statements).filter((id) => resolved(id) === undefined);
  const found = await lookupIds(tx, unknown);
  const resolve = (id: string) => resolved(id) ?? found.get(id)?.resolved ?? id;
  await storeArticles(tx, {
    newEntities: newEntityRows([]),
    newClaims: [],
    articles: [
      { id: plan.articleId, props: plan.article, mentions: plan.mentions, claims: plan.claims },
    ],
    entityRows: entities.updates,
    deletedEntities: entities.deleted,
    summaryRows: entities.summaries,
    staleFacts: stale,
    facts: factRows(groups, statements, resolve),
    claimRows: claims.updates,
    deletedClaims: claims.deleted,
  });
  return { stored: true, entitiesDeleted: entities.deleted };
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
