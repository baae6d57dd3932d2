import type { Database, Tx } from '../db/database.ts';
import { isUnreachable, shortReason } from '../db/driver.ts';
import { bumpGraphVersion } from '../db/graph-version.ts';
import { UserError } from '../model/errors.ts';
import { localWriter, recordWrite, recordWrites } from '../writelog/write-log.ts';
import {
  articleHash,
  claimsSpeakingFor,
  gatherArticle,
  readTouched,
  storeArticle,
  deleteArticle,
  detachArticle,
  type FactGroup,
  factGroupsAt,
  lockKeys,
  lookupIds,
  markMerged,
  moveRelationships,
  recomputeClaims,
  recomputeEntities,
  recomputeFacts,
  releaseLocks,
  replaceWithRedirect,
  type Touched,
  writeArticle,
} from './store.ts';
import { type MatchedEntity, resolveArticle } from './identity.ts';
import { type FactRow, planArticle } from './plan.ts';
import { type ValidationIssue } from './issues.ts';
import { referencedIds } from './references.ts';
import { checkReferences } from './rules.ts';
import { type ValidationResult, validateArticleText } from './validate.ts';

type ValidArticle = Extract<ValidationResult, { ok: true }>;
import { isEntityType } from '../model/vocabulary.ts';
import { readArticleFile } from './files.ts';
import { importBatch } from './batch.ts';

export type { MatchedEntity } from './identity.ts';

/**
 * The importer: parse and check a file (validate.ts), resolve its ids (identity.ts), plan what
 * it writes (plan.ts), and store it (store.ts), one article per transaction. Expected
 * failures (a bad file, an unknown id) come back as data, with the file, the path inside it and
 * what was expected; nothing of a failed article is written.
 */

export interface RenamedEntity {
  /** The id the entity had. */
  from: string;
  /** Its canonical id now (see the identity rules); `from` redirects to it. */
  to: string;
}

export type ImportOutcome =
  | {
      file: string;
      status: 'created' | 'updated' | 'unchanged';
      articleId: string;
      entitiesCreated: string[];
      entitiesMatched: MatchedEntity[];
      entitiesRenamed: RenamedEntity[];
      facts: number;
      claims: number;
    }
  | { file: string; status: 'failed'; articleId?: string; errors: ValidationIssue[] };

/** Runs `work` in one write transaction, releasing its import locks before it commits. */
function inImport<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.writeTransaction(async (tx) => {
    const result = await work(tx);
    await releaseLocks(tx);
    return result;
  });
}

/**
 * Imports one article file's text; `file` names it in messages. In one transaction of three
 * statements when nothing is renamed: resolveArticle (locks and lookups), gatherArticle (new
 * nodes, node locks, what the article touches), storeArticle (every write, the graph version, the
 * release of the locks). An article imported before adds one (readTouched); an id that resolved by
 * name or redirect adds one (identity.ts); a represented organization that only another article
 * names adds one; a renamed entity takes the general path (settle), which reads after each step.
 * `validate` may parse elsewhere (the server's validate-off-thread.ts).
 */
export async function importArticle(
  db: Database,
  text: string,
  file: string,
  validate: (
    text: string,
    file: string,
  ) => Promise<ValidationResult> | ValidationResult = validateArticleText,
  /** Who writes, for the write log: a key's name, or the OS user of `kg`. */
  by: string = localWriter(),
): Promise<ImportOutcome> {
  const validation = await validate(text, file);
  if (!validation.ok) return { file, status: 'failed', errors: validation.errors };
  return db.writeTransaction(
    async (tx) => (await logImports(tx, [await importInto(tx, validation, file)], by))[0]!,
  );
}

/** Records the imports that wrote (created or updated) in the write log; passes the outcomes on. */
async function logImports(tx: Tx, outcomes: ImportOutcome[], by: string): Promise<ImportOutcome[]> {
  await recordWrites(
    tx,
    outcomes.flatMap((o) =>
      o.status === 'created' || o.status === 'updated'
        ? [{ operation: 'import' as const, by, targets: [o.articleId], status: o.status }]
        : [],
    ),
  );
  return outcomes;
}

/** Imports one validated article inside `tx`; the caller commits. */
async function importInto(
  tx: Tx,
  { article, locate }: ValidArticle,
  file: string,
): Promise<ImportOutcome> {
  const resolved = await resolveArticle(tx, article, { lock: true, file, locate });
  if ('errors' in resolved) {
    await releaseLocks(tx);
    return { file, status: 'failed', articleId: article.article.id, errors: resolved.errors };
  }
  const plan = planArticle(article, resolved.mapping);
  const previous = resolved.previousHash;
  const base = {
    file,
    articleId: plan.articleId,
    entitiesCreated: resolved.created,
    entitiesMatched: resolved.matched,
    entitiesRenamed: [] as RenamedEntity[],
    facts: plan.facts.length,
    claims: plan.claims.length,
  };
  if (previous === plan.contentHash) {
    await releaseLocks(tx);
    return { ...base, status: 'unchanged', entitiesCreated: [] };
  }
  const status = previous !== undefined ? 'updated' : 'created';
  const touched: Touched = previous
    ? await readTouched(tx, plan.articleId)
    : { entities: [], claims: [], facts: [] };
  const gathered = await gatherArticle(tx, plan, touched);
  // The ids the file uses resolve as identity resolution said (a new entity's to itself).
  const used = new Set([...article.entities.map((e) => e.id), ...referencedIds(article)]);
  const stored = await storeArticle(tx, plan, touched, gathered, (id) =>
    used.has(id) ? (resolved.mapping.get(id) ?? id) : undefined,
  );
  if (stored.stored) return { ...base, status };

  // An entity is renamed: write step by step, reading the graph again after each.
  if (previous) await detachArticle(tx, plan.articleId);
  await writeArticle(tx, plan);
  const { renamed } = await settle(tx, {
    entities: [...touched.entities, ...plan.mentions.map((m) => m.id)],
    claims: [...touched.claims, ...plan.claims.map((c) => c.id)],
    facts: touched.facts,
    drop: previous ? plan.articleId : undefined,
    add: plan.facts,
  });
  await bumpGraphVersion(tx);
  await releaseLocks(tx);
  const rename = (id: string) => renamed.get(id) ?? id;
  return {
    ...base,
    status,
    entitiesCreated: base.entitiesCreated.map(rename),
    entitiesMatched: base.entitiesMatched.map((m) => ({ ...m, id: rename(m.id) })),
    entitiesRenamed: [...renamed].map(([from, to]) => ({ from, to })),
  };
}

/**
 * After an article was written or removed: entities first (their ids may change), then the facts
 * and claims that touch them, rebuilt from the statements and reports that remain.
 */
async function settle(
  tx: Tx,
  changed: {
    entities: readonly string[];
    claims: readonly string[];
    facts: readonly FactGroup[];
    drop?: string | undefined;
    add?: readonly FactRow[];
  },
): Promise<{ entitiesDeleted: string[]; claimsDeleted: string[]; renamed: Map<string, string> }> {
  const { deleted, renamed } = await recomputeEntities(tx, changed.entities);
  const rename = <T extends { from: string; to: string }>(g: T): T => ({
    ...g,
    from: renamed.get(g.from) ?? g.from,
    to: renamed.get(g.to) ?? g.to,
  });
  const olds = [...renamed.keys()];
  await recomputeFacts(tx, [...changed.facts.map(rename), ...(await factGroupsAt(tx, olds))], {
    drop: changed.drop,
    add: (changed.add ?? []).map(rename),
  });
  const claimsDeleted = await recomputeClaims(tx, [
    ...changed.claims,
    ...(await claimsSpeakingFor(tx, olds)),
  ]);
  return { entitiesDeleted: deleted, claimsDeleted, renamed };
}

/**
 * The checks of an import, graph references included, with nothing written. Offline (no
 * database), every id the file uses must be declared in it.
 */
export async function validateArticle(
  db: Database | undefined,
  text: string,
  file: string,
): Promise<{ file: string; ok: boolean; errors: ValidationIssue[]; matched: MatchedEntity[] }> {
  const validation = validateArticleText(text, file);
  if (!validation.ok) return { file, ok: false, errors: validation.errors, matched: [] };
  const { article, locate } = validation;
  if (!db) {
    const errors = checkReferences(file, article, new Map(), locate);
    return { file, ok: errors.length === 0, errors, matched: [] };
  }
  const resolved = await db.readTransaction((tx) =>
    resolveArticle(tx, article, { lock: false, file, locate }),
  );
  return 'errors' in resolved
    ? { file, ok: false, errors: resolved.errors, matched: [] }
    : { file, ok: true, errors: [], matched: resolved.matched };
}

// ---------------------------------------------------------------------------------------------

export interface RetractOutcome {
  articleId: string;
  entitiesDeleted: string[];
  claimsDeleted: string[];
}

/** Removes exactly what only this article supported; everything else stays. */
export async function retractArticle(
  db: Database,
  articleId: string,
  by: string = localWriter(),
): Promise<RetractOutcome> {
  return inImport(db, async (tx) => {
    await lockKeys(tx, [`id:${articleId}`]);
    if ((await articleHash(tx, articleId)) === undefined) {
      throw new UserError(`No article "${articleId}" in the graph.`, 'NOT_FOUND');
    }
    const mentioned = await tx.run(
      'MATCH (:Node:Article {id: $articleId})-[:MENTIONS]->(e) RETURN DISTINCT e.id AS id',
      { articleId },
    );
    await lockKeys(
      tx,
      mentioned.map((r) => `id:${String(r.id)}`),
    );
    const touched = await detachArticle(tx, articleId);
    await deleteArticle(tx, articleId);
    const { entitiesDeleted, claimsDeleted } = await settle(tx, {
      ...touched,
      drop: articleId,
    });
    await bumpGraphVersion(tx);
    await recordWrite(tx, { operation: 'retract', by, targets: [articleId] });
    return { articleId, entitiesDeleted, claimsDeleted };
  });
}

export interface MergeOutcome {
  keptId: string;
  removedId: string;
  relationshipsMoved: number;
  aliases: string[];
}

/**
 * Merges `removeId` into `keepId` (same type): relationships, claims and sources move, aliases are
 * unioned, and `removeId` keeps answering as a redirect to `keepId`.
 */
export async function mergeEntities(
  db: Database,
  keepId: string,
  removeId: string,
  by: string = localWriter(),
): Promise<MergeOutcome> {
  if (keepId === removeId)
    throw new UserError('Cannot merge an entity with itself.', 'BAD_USER_INPUT');
  return inImport(db, async (tx) => {
    await lockKeys(tx, [`id:${keepId}`, `id:${removeId}`]);
    const found = await lookupIds(tx, [keepId, removeId]);
    for (const id of [keepId, removeId]) {
      const node = found.get(id);
      if (!node) throw new UserError(`No entity "${id}" in the graph.`, 'NOT_FOUND');
      if (node.resolved !== id) {
        throw new UserError(
          `"${id}" was already merged into "${node.resolved}".`,
          'BAD_USER_INPUT',
        );
      }
      if (!isEntityType(node.type)) {
        throw new UserError(
          `"${id}" is ${node.type === 'Article' ? 'an' : 'a'} ${node.type}, not an entity: only entities merge.`,
          'BAD_USER_INPUT',
        );
      }
    }
    const keepType = found.get(keepId)!.type;
    const removeType = found.get(removeId)!.type;
    if (keepType !== removeType) {
      throw new UserError(
        `Cannot merge the ${removeType} "${removeId}" into the ${keepType} "${keepId}": types differ.`,
        'BAD_USER_INPUT',
      );
    }
    await markMerged(tx, removeId);
    const relationshipsMoved = await moveRelationships(tx, keepId, removeId);
    await replaceWithRedirect(tx, keepId, removeId);
    const { renamed } = await settle(tx, {
      entities: [keepId],
      claims: await claimsSpeakingFor(tx, [removeId]),
      facts: await factGroupsAt(tx, [keepId, removeId]),
    });
    await bumpGraphVersion(tx);
    const keptId = renamed.get(keepId) ?? keepId;
    await recordWrite(tx, { operation: 'merge', by, targets: [keptId, removeId] });
    const [kept] = await tx.run('MATCH (e:Node {id: $keptId}) RETURN e.aliases AS aliases', {
      keptId,
    });
    return {
      keptId,
      removedId: removeId,
      relationshipsMoved,
      aliases: (kept?.aliases as string[]) ?? [],
    };
  });
}

// ---------------------------------------------------------------------------------------------

export interface ImportSummary {
  articles: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  entitiesCreated: number;
  entitiesMatched: number;
  facts: number;
  claims: number;
}

/** How many transactions `importFiles` runs at once by default. */
export const IMPORT_CONCURRENCY = 2;

/** How many articles `importFiles` writes per transaction by default. */
export const IMPORT_BATCH = 1;

export interface ImportOptions {
  /** Transactions at once (1 to 64). */
  concurrency?: number;
  /** Articles per transaction (1 to 1000). */
  batch?: number;
  /**
   * Resolve and recompute a transaction's articles together in memory (batch.ts) rather than one
   * after the other in Cypher: a handful of statements per batch. Off by default until a rare
   * difference the order property found once (a name match missed) is explained.
   */
  inMemory?: boolean;
  /** Who writes, for the write log; the OS user by default. */
  by?: string;
}

/**
 * Neo4j stopped answering during `importFiles` (down, unreachable, cut off, after the driver's
 * retries): the files whose outcome is known (committed, or refused by validation), and those
 * not imported. Imports are idempotent, so the same command run again finishes the job.
 */
export class ImportInterrupted extends UserError {
  constructor(
    readonly outcomes: ImportOutcome[],
    readonly notImported: string[],
    readonly reason: string,
  ) {
    const done = outcomes.filter((o) => o.status !== 'failed').length;
    super(
      `The database stopped answering during the import (${reason}): ${done} of ` +
        `${outcomes.length + notImported.length} files imported, ${notImported.length} not. ` +
        'Run the same command again to finish: imports are idempotent, so the files already ' +
        'imported stay unchanged.',
      'NEO4J_UNREACHABLE',
    );
  }
}

/**
 * Imports files `batch` articles per transaction, `concurrency` transactions at a time. In a
 * transaction the articles are imported one after the other, as they would be one per
 * transaction, so each sees the ones before it; an article that fails (a bad file, an unknown id)
 * has written nothing and the others go on. Should the transaction itself fail, each of its
 * articles is imported again in a transaction of its own, so one article never takes the others
 * down. A file that fails only because it names ids another file of the same run declares is
 * tried again once the others are in, so neither the order of files on the command line nor which
 * finish first matters (the identity rules make the graph the same). Outcomes come back in the
 * order of `files`; `onDone` hears of each once its transaction has committed. Should Neo4j stop
 * answering, no new transaction starts, and ImportInterrupted says which files were imported.
 */
export async function importFiles(
  db: Database,
  files: readonly string[],
  onDone: (outcome: ImportOutcome, done: number, total: number) => void = () => {},
  {
    concurrency = IMPORT_CONCURRENCY,
    batch = IMPORT_BATCH,
    inMemory = false,
    by = localWriter(),
  }: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const outcomes = new Map<string, ImportOutcome>();
  let settled = 0;
  const settle = (outcome: ImportOutcome) => onDone(outcome, ++settled, files.length);
  let pending = [...files];
  let unreachable: unknown;
  while (pending.length > 0 && !unreachable) {
    const retry: string[] = [];
    const round = pending;
    await eachAtMost(Math.max(1, concurrency), chunks(round, batch), async (chunk) => {
      if (unreachable) return;
      const imported = await importChunk(db, chunk, inMemory, by).catch(async (error: unknown) => {
        // A failure while Neo4j does not answer is the outage's, whatever it says (the driver
        // was seen to throw a TypeError of its own when a connection broke mid-answer).
        if (!isUnreachable(error) && (await db.ready())) throw error;
        unreachable ??= error;
        return [];
      });
      for (const outcome of imported) {
        outcomes.set(outcome.file, outcome);
        const onlyUnknownIds =
          outcome.status === 'failed' &&
          outcome.errors.every((e) => e.code === 'UNKNOWN_REFERENCE');
        if (onlyUnknownIds && round.length > 1) retry.push(outcome.file);
        else settle(outcome);
      }
    });
    // Another round only helps if this one imported something.
    const progressed = retry.length < round.length;
    pending = progressed ? retry.sort() : [];
    if (!progressed) for (const file of retry) settle(outcomes.get(file)!);
    for (const file of retry) if (unreachable) outcomes.delete(file);
  }
  if (unreachable) {
    const known = files.filter((f) => outcomes.has(f));
    throw new ImportInterrupted(
      known.map((f) => outcomes.get(f)!),
      files.filter((f) => !outcomes.has(f)),
      isUnreachable(unreachable)
        ? shortReason(unreachable instanceof Error ? unreachable.message : String(unreachable))
        : 'Neo4j does not answer',
    );
  }
  return files.map((f) => outcomes.get(f)!);
}

/** `items` in consecutive slices of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  return Array.from({ length: Math.ceil(items.length / step) }, (_, i) =>
    items.slice(i * step, (i + 1) * step),
  );
}

/** Imports some files in one transaction (see importFiles); outcomes in the order of `files`. */
async function importChunk(
  db: Database,
  files: readonly string[],
  inMemory: boolean,
  by: string,
): Promise<ImportOutcome[]> {
  const outcomes = new Map<string, ImportOutcome>();
  const valid: { file: string; article: ValidArticle }[] = [];
  for (const file of files) {
    const read = await readArticleFile(file);
    if ('issue' in read) {
      outcomes.set(file, { file, status: 'failed', errors: [read.issue] });
      continue;
    }
    const validation = validateArticleText(read.text, file);
    if (validation.ok) valid.push({ file, article: validation });
    else outcomes.set(file, { file, status: 'failed', errors: validation.errors });
  }
  if (valid.length > 0) {
    const imported = await db
      .writeTransaction(async (tx) => {
        const done: ImportOutcome[] = [];
        if (!inMemory || valid.length === 1) {
          for (const { file, article } of valid) done.push(await importInto(tx, article, file));
          return logImports(tx, done, by);
        }
        let rest = valid;
        while (rest.length > 0) {
          const batch = await importBatch(
            tx,
            rest.map(({ file, article }) => ({
              file,
              article: article.article,
              locate: article.locate,
            })),
          );
          done.push(...batch.outcomes);
          // The article the batch stopped at takes the step-by-step path; a new batch follows.
          const stopped = rest[batch.next];
          if (stopped) done.push(await importInto(tx, stopped.article, stopped.file));
          rest = rest.slice(batch.next + 1);
        }
        return logImports(tx, done, by);
      })
      .catch(async (error: unknown) => {
        if (valid.length === 1 || isUnreachable(error)) throw error;
        // One article at a time, so the one that cannot be written says so alone.
        const done: ImportOutcome[] = [];
        for (const { file, article } of valid) {
          done.push(
            await db.writeTransaction(
              async (tx) => (await logImports(tx, [await importInto(tx, article, file)], by))[0]!,
            ),
          );
        }
        return done;
      });
    for (const outcome of imported) outcomes.set(outcome.file, outcome);
  }
  return files.map((f) => outcomes.get(f)!);
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachAtMost<T>(
  limit: number,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function summarize(outcomes: readonly ImportOutcome[]): ImportSummary {
  const summary: ImportSummary = {
    articles: outcomes.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    entitiesCreated: 0,
    entitiesMatched: 0,
    facts: 0,
    claims: 0,
  };
  for (const o of outcomes) {
    summary[o.status]++;
    if (o.status === 'failed' || o.status === 'unchanged') continue;
    summary.entitiesCreated += o.entitiesCreated.length;
    summary.entitiesMatched += o.entitiesMatched.length;
    summary.facts += o.facts;
    summary.claims += o.claims;
  }
  return summary;
}
