import type { Tx } from '../db/database.ts';
import { type EntityType, isEntityType } from '../model/vocabulary.ts';
import { compare } from './facts.ts';
import type { ArticleFile } from './format.ts';
import { idsOf, lockKeysOf, probesOf, resolveOnce } from './identity.ts';
import type { ImportOutcome } from './importer.ts';
import type { Locate } from './issues.ts';
import { contentHash, type FactRow, planArticle, type Props } from './plan.ts';
import {
  type ClaimState,
  type ClaimUpdate,
  claimUpdates,
  declarationsIn,
  entityUpdates,
  type FactGroup,
  factStatements,
  factRows,
  type FoundNode,
  gatherBatch,
  groupsOf,
  newEntityRows,
  lockAndLookup,
  lookupIds,
  readFactRels,
  readTouchedMany,
  releaseLocks,
  reportsIn,
  representedIds,
  resolveIds,
  searchableProbes,
  storeArticles,
  type Touched,
  type TypedEntityState,
} from './store.ts';

/**
 * Several articles imported together, in one transaction and a handful of statements whatever
 * their number: one takes every lock and looks up every id and name, one reads what a previous
 * version of some of them touched, one locks the nodes they may touch and reads them, one reads
 * their facts, one writes everything. In between, the articles are resolved, planned and
 * recomputed in memory one after the other, each seeing what the ones before it did (the entities
 * they made, the names and redirects they added), exactly as one transaction per article would:
 * the same identity rules (identity.ts), the same recomputation (store.ts), on the same data.
 *
 * An article that only the step-by-step path can import stops the batch before it: one that renames
 * an entity (an older declaration of another of its ids), one whose id an earlier article of the
 * batch has, one that names something the batch deleted or a redirect it removed. The caller
 * imports it alone and starts a new batch after it, in the same transaction.
 */

export interface BatchItem {
  file: string;
  article: ArticleFile;
  locate: Locate;
}

/** The outcomes of `items[0 .. next - 1]`; `next` is the first the batch did not import. */
export interface BatchResult {
  outcomes: ImportOutcome[];
  next: number;
}

interface EntityInMemory extends TypedEntityState {
  /** Its summary as the articles of the batch so far leave it, once one of them mentions it. */
  written?: string;
  created: boolean;
  changed: boolean;
  deleted: boolean;
}

interface ClaimInMemory extends ClaimState {
  created: boolean;
  update?: ClaimUpdate;
  deleted: boolean;
}

const intersects = (a: readonly string[], b: readonly string[]) => a.some((k) => b.includes(k));

/** How many times a batch starts again when an entity it resolved to was renamed meanwhile. */
const RESTARTS = 2;

export async function importBatch(
  tx: Tx,
  items: readonly BatchItem[],
  restarts = RESTARTS,
): Promise<BatchResult> {
  // 1. Every lock of rule 4, every id, every name.
  const keys = items.flatMap((item) => lockKeysOf(item.article));
  const lookup = await resolveIds(tx, {
    keys,
    ids: items.flatMap((item) => idsOf(item.article)),
    probes: items.flatMap((item, i) =>
      probesOf(item.article).map((probe) => ({ ...probe, tag: `${i}:${probe.id}` })),
    ),
  });

  // 2. What the previous versions of changed articles touched.
  const hashes = items.map((item) => contentHash(item.article));
  const replaced = items
    .map((item, i) => ({ id: item.article.article.id, hash: hashes[i] }))
    .filter(({ id, hash }) => {
      const found = lookup.found.get(id);
      return found?.type === 'Article' && found.contentHash !== hash;
    })
    .map(({ id }) => id);
  const touchedBy = await readTouchedMany(tx, replaced);

  // 3. Every entity an article may resolve to, locked by id like the ids the files use; one
  // renamed while this batch waited for its locks sends it back to its lookups.
  const possible = new Set<string>();
  for (const found of lookup.found.values()) {
    if (isEntityType(found.type)) possible.add(found.resolved);
  }
  for (const list of lookup.candidates.values()) for (const c of list) possible.add(c.id);
  for (const touched of touchedBy.values()) for (const id of touched.entities) possible.add(id);
  const locked = new Set(keys);
  const unlocked = [...possible].filter((id) => !locked.has(`id:${id}`));
  if (unlocked.length > 0) {
    const now = await lockAndLookup(
      tx,
      unlocked.map((id) => `id:${id}`),
      unlocked,
    );
    if (!unlocked.every((id) => now.get(id)?.resolved === id)) {
      return restarts > 0 ? importBatch(tx, items, restarts - 1) : { outcomes: [], next: 0 };
    }
  }
  const claimIds = new Set(items.flatMap((item) => item.article.claims.map((c) => c.id)));
  for (const touched of touchedBy.values()) for (const id of touched.claims) claimIds.add(id);
  const gathered = await gatherBatch(tx, {
    lockIds: [...possible, ...claimIds],
    entityIds: [...possible],
    claimIds: [...claimIds],
    articles: items.map((item) => item.article.article.id),
    fullIds: [...touchedBy.values()].flatMap((touched) => touched.entities),
  });

  // 4. Each article in turn, in memory.
  const memory = new Memory(gathered.entities, gathered.claims);
  const outcomes: ImportOutcome[] = [];
  const articles: Parameters<typeof storeArticles>[1]['articles'] = [];
  const groups = new Map<string, FactGroup>();
  const added: FactRow[] = [];
  const mapping = new Map<string, string>();
  let next = 0;
  for (; next < items.length; next++) {
    const { file, article, locate } = items[next]!;
    const articleId = article.article.id;
    const own = memory.lookup(article, lookup, next);
    if (!own) break;
    const resolved = resolveOnce(article, own, { file, locate });
    if ('errors' in resolved) {
      outcomes.push({ file, status: 'failed', articleId, errors: resolved.errors });
      continue;
    }
    const plan = planArticle(article, resolved.mapping);
    const base = {
      file,
      articleId,
      entitiesCreated: resolved.created,
      entitiesMatched: resolved.matched,
      entitiesRenamed: [],
      facts: plan.facts.length,
      claims: plan.claims.length,
    };
    if (resolved.previousHash === plan.contentHash) {
      outcomes.push({ ...base, status: 'unchanged', entitiesCreated: [] });
      continue;
    }
    const touched = touchedBy.get(articleId) ?? { entities: [], claims: [], facts: [] };
    if (!memory.apply(plan, touched)) break;
    for (const [from, to] of resolved.mapping) mapping.set(from, to);
    for (const [key, group] of groupsOf(touched.facts, plan.facts)) groups.set(key, group);
    added.push(...plan.facts);
    articles.push({
      id: articleId,
      props: plan.article,
      mentions: plan.mentions,
      claims: plan.claims,
    });
    outcomes.push({ ...base, status: resolved.previousHash === undefined ? 'created' : 'updated' });
  }

  // 5. The facts of every group an article stated or its previous version did, then one write.
  if (articles.length === 0) {
    await releaseLocks(tx);
    return { outcomes, next };
  }
  const rels = await readFactRels(tx, groups);
  const { statements, stale } = factStatements(groups, rels, {
    drop: new Set(articles.map((a) => a.id)),
    add: added,
  });
  const found = await lookupIds(
    tx,
    representedIds(statements).filter((id) => !mapping.has(id)),
  );
  const resolve = (id: string) => mapping.get(id) ?? found.get(id)?.resolved ?? id;
  await storeArticles(tx, {
    ...memory.writes(),
    articles,
    staleFacts: stale,
    facts: factRows(groups, statements, resolve),
  });
  return { outcomes, next };
}

/**
 * The entities and claims a batch touches, as the articles before the current one left them,
 * and the ids the batch made or removed: what a later article's lookups would find in the graph.
 */
class Memory {
  private readonly entities: Map<string, EntityInMemory>;
  private readonly claims: Map<string, ClaimInMemory>;
  /** Ids the batch made: entities, name redirects, claims, articles. */
  private readonly made = new Map<string, FoundNode & { contentHash?: string }>();
  /** Ids the batch removed (deleted entities and claims, dropped redirects). */
  private readonly removed = new Set<string>();
  /**
   * The entities the batch changed, by type and name key (`answers` decides; a key an entity
   * no longer has is left here): a lookup reads these instead of every entity of the batch,
   * which made a batch of 50 articles of 200 entities each spend most of its time here.
   */
  private readonly changedByKey = new Map<string, Set<string>>();
  private readonly articles = new Set<string>();

  constructor(entities: readonly TypedEntityState[], claims: readonly ClaimState[]) {
    this.entities = new Map(
      entities.map((e) => [e.id, { ...e, created: false, changed: false, deleted: false }]),
    );
    this.claims = new Map(claims.map((c) => [c.id, { ...c, created: false, deleted: false }]));
  }

  /**
   * What resolveIds would answer for `article` now: the batch's lookup, with what the articles
   * before it made, renamed or removed. Undefined when the article must be imported alone.
   */
  lookup(
    article: ArticleFile,
    batch: Awaited<ReturnType<typeof resolveIds>>,
    index: number,
  ): Awaited<ReturnType<typeof resolveIds>> | undefined {
    if (this.articles.has(article.article.id)) return undefined;
    const found = new Map<string, FoundNode & { contentHash?: string }>();
    for (const id of idsOf(article)) {
      if (this.removed.has(id)) return undefined;
      const node = this.made.get(id) ?? batch.found.get(id);
      if (!node) continue;
      const target = this.entities.get(node.resolved);
      if (target?.deleted) return undefined;
      found.set(id, target ? { ...node, name: String(target.current.name) } : node);
    }
    const candidates = new Map<string, { id: string; name: string }[]>();
    for (const probe of searchableProbes(probesOf(article))) {
      if (found.has(probe.id)) continue;
      const list = new Map<string, { id: string; name: string }>();
      for (const c of batch.candidates.get(`${index}:${probe.id}`) ?? []) {
        const entity = this.entities.get(c.id);
        if (!entity) list.set(c.id, c);
        else if (this.answers(entity, probe)) {
          list.set(c.id, { id: c.id, name: String(entity.current.name) });
        }
      }
      for (const key of probe.keys) {
        for (const id of this.changedByKey.get(`${probe.type}\u0000${key}`) ?? []) {
          const entity = this.entities.get(id);
          if (entity && this.answers(entity, probe)) {
            list.set(entity.id, { id: entity.id, name: String(entity.current.name) });
          }
        }
      }
      candidates.set(
        probe.id,
        [...list.values()].sort((a, b) => compare(a.id, b.id)),
      );
    }
    return { found, candidates };
  }

  /** Whether `entity` answers to one of the probe's names now (as entity_name_keys would). */
  private answers(entity: EntityInMemory, probe: { type: EntityType; keys: string[] }): boolean {
    const keys = (entity.current.nameKeys as string[] | undefined) ?? [];
    return !entity.deleted && entity.type === probe.type && intersects(keys, probe.keys);
  }

  /**
   * The article's entities and claims recomputed as storeArticle would, its previous version's
   * replaced. False, with nothing changed, when an entity would be renamed.
   */
  apply(plan: ReturnType<typeof planArticle>, touched: Touched): boolean {
    for (const entity of plan.entities) {
      if (this.entities.has(entity.id)) continue;
      this.entities.set(entity.id, {
        id: entity.id,
        type: entity.type,
        current: { id: entity.id, name: entity.id },
        declarations: [],
        redirects: [],
        created: true,
        changed: false,
        deleted: false,
      });
    }
    const ids = [...new Set([...touched.entities, ...plan.mentions.map((m) => m.id)])];
    if (!ids.every((id) => this.entities.has(id))) return false;
    const states = ids.map((id) => {
      const state = this.entities.get(id)!;
      return {
        ...state,
        declarations: [
          ...state.declarations.filter((d) => d.article !== plan.articleId),
          ...declarationsIn(plan, id),
        ],
      };
    });
    const { updates, deleted, renamed, summaries } = entityUpdates(states);
    if (renamed.size > 0) {
      for (const entity of plan.entities) {
        if (this.entities.get(entity.id)?.created && !this.made.has(entity.id)) {
          this.entities.delete(entity.id);
        }
      }
      return false;
    }
    for (const state of states) {
      const entity = this.entities.get(state.id)!;
      entity.declarations = state.declarations;
      if (entity.created && !this.made.has(entity.id)) {
        this.made.set(entity.id, {
          id: entity.id,
          resolved: entity.id,
          type: entity.type,
          name: entity.id,
        });
      }
    }
    for (const { id, summary } of summaries) this.entities.get(id)!.written = summary;
    for (const update of updates) {
      const entity = this.entities.get(update.id)!;
      const before = entity.redirects.filter((r) => r.by === 'name').map((r) => r.id);
      for (const id of before.filter((id) => !update.redirects.includes(id))) {
        this.removed.add(id);
      }
      for (const id of update.redirects.filter((id) => !before.includes(id))) {
        this.removed.delete(id);
        this.made.set(id, { id, resolved: entity.id, type: entity.type, name: '' });
      }
      entity.current = update.props;
      for (const key of (update.props.nameKeys as string[] | undefined) ?? []) {
        const k = `${entity.type}\u0000${key}`;
        const ids = this.changedByKey.get(k) ?? new Set<string>();
        this.changedByKey.set(k, ids.add(entity.id));
      }
      entity.redirects = [
        ...entity.redirects.filter((r) => r.by !== 'name'),
        ...update.redirects.map((id) => ({ id, by: 'name' })),
      ];
      entity.changed = true;
    }
    for (const id of deleted) {
      const entity = this.entities.get(id)!;
      entity.deleted = true;
      this.removed.add(id);
      for (const r of entity.redirects) this.removed.add(r.id);
    }

    const claimIds = [...new Set([...touched.claims, ...plan.claims.map((c) => c.id)])];
    for (const id of claimIds) {
      if (!this.claims.has(id)) {
        this.claims.set(id, { id, reports: [], created: true, deleted: false });
        this.made.set(id, { id, resolved: id, type: 'Claim', name: id });
      }
    }
    const claimStates = claimIds.map((id) => {
      const state = this.claims.get(id)!;
      state.reports = [
        ...state.reports.filter((r) => r.article !== plan.articleId),
        ...reportsIn(plan, id),
      ];
      return state;
    });
    const claims = claimUpdates(claimStates);
    for (const update of claims.updates) this.claims.get(update.id)!.update = update;
    for (const id of claims.deleted) {
      this.claims.get(id)!.deleted = true;
      this.removed.add(id);
    }
    this.articles.add(plan.articleId);
    this.made.set(plan.articleId, {
      id: plan.articleId,
      resolved: plan.articleId,
      type: 'Article',
      name: String(plan.article.title ?? plan.articleId),
      contentHash: plan.contentHash,
    });
    return true;
  }

  /** The entity and claim writes of the batch: their state after its last article. */
  writes() {
    const entities = [...this.entities.values()];
    const claims = [...this.claims.values()];
    return {
      newEntities: newEntityRows(
        entities.filter((e) => e.created && !e.deleted) as { id: string; type: EntityType }[],
      ),
      newClaims: claims.filter((c) => c.created && !c.deleted).map((c) => c.id),
      entityRows: entities
        .filter((e) => e.changed && !e.deleted)
        .map((e) => ({
          id: e.id,
          canonical: e.id,
          props: e.current as Props,
          redirects: e.redirects
            .filter((r) => r.by === 'name')
            .map((r) => r.id)
            .sort(compare),
        })),
      deletedEntities: entities.filter((e) => e.deleted && !e.created).map((e) => e.id),
      summaryRows: entities
        .filter((e) => e.written !== undefined && !e.deleted)
        .map((e) => ({ id: e.id, summary: e.written! })),
      claimRows: claims.filter((c) => c.update && !c.deleted).map((c) => c.update!),
      deletedClaims: claims.filter((c) => c.deleted && !c.created).map((c) => c.id),
    };
  }
}
