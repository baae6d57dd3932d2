import type { Tx } from '../db/database.ts';
import {
  type FoundNode,
  type IdLookup,
  lockAndLookup,
  type NameProbe,
  resolveIds,
} from './store.ts';
import { compare } from './facts.ts';
import type { ArticleFile } from './format.ts';
import { nameKeys } from '../model/names.ts';
import { referencedIds } from './references.ts';
import { type Locate, type Problem, toIssue, type ValidationIssue } from './issues.ts';
import { checkReferences } from './rules.ts';
import { type EntityType, isEntityType } from '../model/vocabulary.ts';

/**
 * The identity rules, in one place, for files, GraphQL and merges:
 *
 * 1. An id the graph has is that entity; an id a merge or a name match left behind redirects to
 *    the entity it joined.
 * 2. A new id whose normalised name or alias matches a name or alias of exactly one existing
 *    entity of the same type joins that entity; the id is kept as a redirect to it, so later
 *    files and queries can use it. More than one match is an error that names them.
 * 3. Which of an entity's ids is canonical (the node's id; the others redirect) is decided by the
 *    declarations, not by import order: the id declared by the earliest article (its publication
 *    day, then its id), ties by the id itself. Ids a merge removed are never canonical. So the same
 *    files imported in any order give the same graph; importing an older article can rename an
 *    entity, and its previous id keeps answering.
 * 4. Imports that could resolve the same name or id run one after the other: each takes a lock
 *    per normalised name and per id before it reads, inside its transaction.
 */

export interface MatchedEntity {
  /** The id the file used. */
  fileId: string;
  /** The existing entity it resolved to, by name or alias, or by a redirect. */
  id: string;
  name: string;
  by: 'name' | 'redirect';
}

export interface Resolution {
  /** File id -> graph id, for every entity id the file declares or references. */
  mapping: Map<string, string>;
  created: string[];
  matched: MatchedEntity[];
  /** The content hash of the article as the graph has it, if it was imported before. */
  previousHash?: string;
  /** What the lookup found for each id of the file that exists (redirects followed). */
  found: ReadonlyMap<string, FoundNode & { contentHash?: string }>;
}

/** The lock keys of an article: each id it uses, and each normalised name of its entities. */
export function lockKeysOf(article: ArticleFile): string[] {
  return [
    ...article.entities.flatMap((e) => [
      `id:${e.id}`,
      ...nameKeys(e.name, e.aliases ?? []).map((k) => `name:${e.type}:${k}`),
    ]),
    ...referencedIds(article).map((id) => `id:${id}`),
    `id:${article.article.id}`,
  ];
}

/**
 * Resolves every id of an article (rules 1 and 2), reporting what cannot be: unknown ids, ids of
 * the wrong kind, ambiguous names, and two entities of the file that would be one. With `lock`,
 * takes the locks of rule 4 first (imports; a dry run such as `kg validate` takes none).
 */
export async function resolveArticle(
  tx: Tx,
  article: ArticleFile,
  options: { lock: boolean; file: string; locate?: Locate },
): Promise<Resolution | { errors: ValidationIssue[] }> {
  // The locks of rule 4 first (a statement of their own), then in one statement every id of the
  // file, and the names of the entities whose ids the graph does not have.
  const keys = options.lock ? lockKeysOf(article) : [];
  const lookup = await resolveIds(tx, {
    keys,
    ids: idsOf(article),
    probes: probesOf(article),
  });
  const resolution = resolveOnce(article, lookup, options);
  if ('errors' in resolution || !options.lock) return resolution;
  // Lock the entities the ids resolved to (an import that renames one holds its lock), then make
  // sure none was renamed while this import waited; if one was, resolve again. An entity whose id
  // the file uses was locked before the lookup read it: only the others need this.
  const locked = new Set(keys);
  const targets = [...new Set(resolution.mapping.values())];
  const unlocked = targets.filter((id) => !locked.has(`id:${id}`));
  if (unlocked.length === 0) return resolution;
  const now = await lockAndLookup(
    tx,
    unlocked.map((id) => `id:${id}`),
    unlocked,
  );
  return unlocked.every((id) => now.get(id)?.resolved === id)
    ? resolution
    : resolveArticle(tx, article, options);
}

/** Every id an article uses: its own, its entities', its claims' and those it references. */
export function idsOf(article: ArticleFile): string[] {
  return [
    article.article.id,
    ...article.entities.map((e) => e.id),
    ...article.claims.map((c) => c.id),
    ...referencedIds(article),
  ];
}

/** The name lookups of an article: one per entity it declares. */
export function probesOf(article: ArticleFile): NameProbe[] {
  return article.entities.map((e) => ({
    id: e.id,
    type: e.type,
    keys: nameKeys(e.name, e.aliases ?? []),
  }));
}

/** Rules 1 and 2 applied to what the lookup found: no statement of its own. */
export function resolveOnce(
  article: ArticleFile,
  { found, candidates }: IdLookup,
  { file, locate }: { file: string; locate?: Locate },
): Resolution | { errors: ValidationIssue[] } {
  const problems: Problem[] = [];
  const problem = (path: Problem['path'], message: string, code: Problem['code']) =>
    problems.push({ path, message, code });
  const declared = new Set(article.entities.map((e) => e.id));
  const kindOf = (id: string) => found.get(id)?.type;

  const articleKind = kindOf(article.article.id);
  if (articleKind && articleKind !== 'Article') {
    problem(
      ['article', 'id'],
      `expected an id not used by anything else, found the ${articleKind} "${article.article.id}"`,
      'DUPLICATE',
    );
  }
  article.claims.forEach((claim, i) => {
    const kind = kindOf(claim.id);
    if (kind && kind !== 'Claim') {
      problem(
        ['claims', i, 'id'],
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
      matched.push({ fileId: id, id: node.resolved, name: node.name, by: 'redirect' });
    }
  }
  article.entities.forEach((entity, i) => {
    const kind = kindOf(entity.id);
    if (kind && !isEntityType(kind)) {
      problem(
        ['entities', i, 'id'],
        `expected an entity id, found the id of the ${kind} "${entity.id}" in the graph`,
        'DUPLICATE',
      );
    }
  });

  const newEntities = article.entities.filter((e) => !found.has(e.id));
  const created: string[] = [];
  for (const entity of newEntities) {
    const index = article.entities.indexOf(entity);
    const matches = (candidates.get(entity.id) ?? []).filter((c) => !declared.has(c.id));
    if (matches.length === 1) {
      const [match] = matches as [{ id: string; name: string }];
      mapping.set(entity.id, match.id);
      known.set(entity.id, entity.type);
      matched.push({ fileId: entity.id, id: match.id, name: match.name, by: 'name' });
    } else if (matches.length > 1) {
      problem(
        ['entities', index],
        `expected "${entity.name}" to match at most one existing ${entity.type} by name or alias, found ${matches.length}: ` +
          `${matches.map((m) => `${m.id} (${m.name})`).join(', ')}; use one of their ids`,
        'DUPLICATE',
      );
    } else {
      created.push(entity.id);
    }
  }

  // Two entities the file tells apart must not resolve to one (by a name match or a redirect).
  const firstWith = new Map<string, number>();
  article.entities.forEach((entity, i) => {
    const target = mapping.get(entity.id);
    if (target === undefined) return;
    const first = firstWith.get(target);
    if (first === undefined) firstWith.set(target, i);
    else {
      problem(
        ['entities', i, 'id'],
        `expected an entity other than entities[${first}] ("${article.entities[first]!.id}"), found "${entity.id}", ` +
          `which is the same entity in the graph ("${target}"): declare it once`,
        'DUPLICATE',
      );
    }
  });

  const errors = [
    ...problems.map((p) => toIssue(file, p, locate)),
    ...checkReferences(file, article, known, locate),
  ];
  if (errors.length > 0) return { errors };
  created.sort(compare);
  matched.sort((a, b) => compare(a.fileId, b.fileId));
  const previous = found.get(article.article.id);
  return {
    mapping,
    created,
    matched,
    found,
    ...(previous?.type === 'Article' ? { previousHash: String(previous.contentHash ?? null) } : {}),
  };
}
