import type { Database, Tx } from '../db/database.ts';
import { UserError } from '../errors.ts';
import {
  articleHash,
  deleteArticle,
  detachArticle,
  findByNameKeys,
  lookupIds,
  moveRelationships,
  recomputeClaims,
  recomputeEntities,
  replaceWithRedirect,
  writeArticle,
} from './article-store.ts';
import type { ArticleFile } from './format.ts';
import { nameKeys, planArticle } from './plan.ts';
import { checkReferences, type ValidationIssue, validateArticleText } from './validate.ts';
import { ENTITY_TYPES, type EntityType } from './vocabulary.ts';
import { readArticleFile } from './files.ts';

/**
 * The importer: read -> validate -> resolve identities -> write, one article per transaction.
 * Expected failures (a bad file, an unknown id) come back as data, with the file, the path inside
 * it and what was expected; nothing of a failed article is written.
 */

export interface MatchedEntity {
  /** The id the file used. */
  fileId: string;
  /** The existing entity it resolved to, by name or alias, or by a redirect left by a merge. */
  id: string;
  name: string;
  by: 'name' | 'redirect';
}

export type ImportOutcome =
  | {
      file: string;
      status: 'created' | 'updated' | 'unchanged';
      articleId: string;
      entitiesCreated: string[];
      entitiesMatched: MatchedEntity[];
      facts: number;
      claims: number;
    }
  | { file: string; status: 'failed'; articleId?: string; errors: ValidationIssue[] };

interface Resolved {
  article: ArticleFile;
  mapping: Map<string, string>;
  created: string[];
  matched: MatchedEntity[];
}

/** Imports one article file's text; `file` names it in messages. */
export async function importArticle(
  db: Database,
  text: string,
  file: string,
): Promise<ImportOutcome> {
  const validation = validateArticleText(text, file);
  if (!validation.ok) return { file, status: 'failed', errors: validation.errors };
  return db.writeTransaction(async (tx) => {
    const resolved = await resolveArticle(tx, validation.article, file);
    if ('errors' in resolved) {
      return {
        file,
        status: 'failed',
        articleId: validation.article.article.id,
        errors: resolved.errors,
      };
    }
    const plan = planArticle(resolved.article, resolved.mapping);
    const previous = await articleHash(tx, plan.articleId);
    const base = {
      file,
      articleId: plan.articleId,
      entitiesCreated: resolved.created,
      entitiesMatched: resolved.matched,
      facts: Object.values(plan.facts).reduce((n, rows) => n + (rows?.length ?? 0), 0),
      claims: plan.claims.length,
    };
    if (previous === plan.contentHash) {
      return { ...base, status: 'unchanged', entitiesCreated: [] } as const;
    }
    const touched = previous
      ? await detachArticle(tx, plan.articleId)
      : { entities: [], claims: [] };
    await writeArticle(tx, plan);
    await recomputeClaims(tx, [...touched.claims, ...plan.claims.map((c) => c.id)]);
    await recomputeEntities(tx, [...touched.entities, ...plan.mentions.map((m) => m.id)]);
    return { ...base, status: previous ? 'updated' : 'created' } as const;
  });
}

/** The checks of an import, graph references included, with nothing written. */
export async function validateArticle(
  db: Database | undefined,
  text: string,
  file: string,
): Promise<{ file: string; ok: boolean; errors: ValidationIssue[]; matched: MatchedEntity[] }> {
  const validation = validateArticleText(text, file);
  if (!validation.ok) return { file, ok: false, errors: validation.errors, matched: [] };
  if (!db) return { file, ok: true, errors: [], matched: [] };
  const resolved = await db.readTransaction((tx) => resolveArticle(tx, validation.article, file));
  return 'errors' in resolved
    ? { file, ok: false, errors: resolved.errors, matched: [] }
    : { file, ok: true, errors: [], matched: resolved.matched };
}

/**
 * Identity: an id the graph has (or redirects) is that entity; a new id whose normalised name or
 * alias matches exactly one entity of the same type attaches to it; more than one is an error.
 * Ids must not change kind (an entity id used by a claim, a claim id used by an article...).
 */
async function resolveArticle(
  tx: Tx,
  article: ArticleFile,
  file: string,
): Promise<Resolved | { errors: ValidationIssue[] }> {
  const errors: ValidationIssue[] = [];
  const issue = (path: string, message: string, code: ValidationIssue['code']) =>
    errors.push({ file, path, message, code });
  const declared = new Set(article.entities.map((e) => e.id));
  const found = await lookupIds(tx, [
    article.article.id,
    ...article.entities.map((e) => e.id),
    ...article.claims.map((c) => c.id),
    ...referencedIds(article),
  ]);
  const kindOf = (id: string) => found.get(id)?.type;

  const articleKind = kindOf(article.article.id);
  if (articleKind && articleKind !== 'Article') {
    issue(
      'article.id',
      `expected an id not used by anything else, found the ${articleKind} "${article.article.id}"`,
      'DUPLICATE',
    );
  }
  article.claims.forEach((claim, i) => {
    const kind = kindOf(claim.id);
    if (kind && kind !== 'Claim') {
      issue(
        `claims[${i}].id`,
        `expected a claim id, found the id of the ${kind} "${claim.id}" in the graph`,
        'DUPLICATE',
      );
    }
  });

  const mapping = new Map<string, string>();
  const matched: MatchedEntity[] = [];
  const known = new Map<string, EntityType>();
  for (const [id, node] of found) {
    if (!isEntityType(node.type)) continue;
    known.set(id, node.type);
    mapping.set(id, node.resolved);
    if (node.resolved !== id) {
      matched.push({ fileId: id, id: node.resolved, name: id, by: 'redirect' });
    }
  }
  article.entities.forEach((entity, i) => {
    const kind = kindOf(entity.id);
    if (kind && !isEntityType(kind)) {
      issue(
        `entities[${i}].id`,
        `expected an entity id, found the id of the ${kind} "${entity.id}" in the graph`,
        'DUPLICATE',
      );
    }
  });

  const newEntities = article.entities.filter((e) => !found.has(e.id));
  const candidates = await findByNameKeys(
    tx,
    newEntities.map((e) => ({ id: e.id, type: e.type, keys: nameKeys(e.name, e.aliases ?? []) })),
  );
  const created: string[] = [];
  for (const entity of newEntities) {
    const matches = (candidates.get(entity.id) ?? []).filter((c) => !declared.has(c.id));
    if (matches.length === 1) {
      const [match] = matches as [{ id: string; name: string }];
      mapping.set(entity.id, match.id);
      known.set(entity.id, entity.type);
      matched.push({ fileId: entity.id, id: match.id, name: match.name, by: 'name' });
    } else if (matches.length > 1) {
      const index = article.entities.indexOf(entity);
      issue(
        `entities[${index}]`,
        `expected "${entity.name}" to match at most one existing ${entity.type} by name or alias, found ${matches.length}: ` +
          `${matches.map((m) => `${m.id} (${m.name})`).join(', ')}; use one of their ids`,
        'DUPLICATE',
      );
    } else {
      created.push(entity.id);
    }
  }

  errors.push(...checkReferences(file, article, known));
  if (errors.length > 0) return { errors };
  return { article, mapping, created, matched };
}

function referencedIds(article: ArticleFile): string[] {
  const ids: string[] = [];
  for (const fact of article.facts) {
    ids.push(fact.from, fact.to);
    if ('representing' in fact && fact.representing) ids.push(fact.representing);
  }
  for (const claim of article.claims) {
    for (const s of claim.speakers) {
      if (typeof s === 'string') ids.push(s);
      else ids.push(s.id, ...(s.organization ? [s.organization] : []));
    }
    for (const t of claim.targets) ids.push(typeof t === 'string' ? t : t.id);
    if (claim.event) ids.push(claim.event);
  }
  return ids;
}

function isEntityType(type: string | undefined): type is EntityType {
  return ENTITY_TYPES.includes(type as EntityType);
}

// ---------------------------------------------------------------------------------------------

export interface RetractOutcome {
  articleId: string;
  entitiesDeleted: string[];
  claimsDeleted: string[];
}

/** Removes exactly what only this article supported; everything else stays. */
export async function retractArticle(db: Database, articleId: string): Promise<RetractOutcome> {
  return db.writeTransaction(async (tx) => {
    if ((await articleHash(tx, articleId)) === undefined) {
      throw new UserError(`No article "${articleId}" in the graph.`, 'NOT_FOUND');
    }
    const touched = await detachArticle(tx, articleId);
    await deleteArticle(tx, articleId);
    const claimsDeleted = await recomputeClaims(tx, touched.claims);
    const entitiesDeleted = await recomputeEntities(tx, touched.entities);
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
): Promise<MergeOutcome> {
  if (keepId === removeId)
    throw new UserError('Cannot merge an entity with itself.', 'BAD_USER_INPUT');
  return db.writeTransaction(async (tx) => {
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
    const relationshipsMoved = await moveRelationships(tx, keepId, removeId);
    await replaceWithRedirect(tx, keepId, removeId);
    await recomputeEntities(tx, [keepId]);
    const [kept] = await tx.run('MATCH (e:Node {id: $keepId}) RETURN e.aliases AS aliases', {
      keepId,
    });
    return {
      keptId: keepId,
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

/**
 * Imports files one article per transaction: a file that fails writes nothing and the others go
 * on. A file that fails only because it names ids another file of the same run declares is tried
 * again once the others are in, so the order of files on the command line does not matter.
 */
export async function importFiles(
  db: Database,
  files: readonly string[],
  onDone: (outcome: ImportOutcome, done: number, total: number) => void = () => {},
): Promise<ImportOutcome[]> {
  const outcomes = new Map<string, ImportOutcome>();
  let pending = [...files];
  for (let round = 0; pending.length > 0; round++) {
    const retry: string[] = [];
    for (const file of pending) {
      const read = await readArticleFile(file);
      const outcome: ImportOutcome =
        'issue' in read
          ? { file, status: 'failed', errors: [read.issue] }
          : await importArticle(db, read.text, file);
      const onlyUnknownIds =
        outcome.status === 'failed' && outcome.errors.every((e) => e.code === 'UNKNOWN_REFERENCE');
      outcomes.set(file, outcome);
      if (onlyUnknownIds && pending.length > 1) retry.push(file);
      else onDone(outcome, [...outcomes.values()].length - retry.length, files.length);
    }
    // Another round only helps if this one imported something.
    const progressed = retry.length < pending.length;
    pending = progressed ? retry : [];
    if (!progressed)
      for (const file of retry) onDone(outcomes.get(file)!, files.length, files.length);
  }
  return files.map((f) => outcomes.get(f)!);
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
