import { createHash } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json.ts';
import { compare, dateProps, roleKey, type Statement, withoutUndefined } from './facts.ts';
import {
  type ArticleFile,
  type Claim,
  type Entity,
  type Fact,
  speakerOf,
  targetOf,
} from './format.ts';
import { claimReferences, factReferences } from './references.ts';
import { nameKeys, normalizeName } from '../model/names.ts';
import type { EntityType, FactType } from '../model/vocabulary.ts';
import { type DeclarationSummary, summarize, withoutBookkeeping } from './summary.ts';

/**
 * Pure planning of an import: what one validated article file writes, once its ids are resolved
 * to graph ids. Everything here is plain data, so the rules are unit-tested without a database;
 * src/ingest/store.ts turns a plan into Cypher.
 *
 * How provenance is kept:
 * - `(article)-[:MENTIONS {declaredAs, declaration}]->(entity)` for every entity a file declares or
 *   references; an entity no article mentions any more is deleted.
 * - An entity's properties are recomputed from the declarations of every article that mentions it
 *   (see mergeEntity), so they never depend on import order and a retraction restores them.
 * - A fact is a typed relationship carrying `sources` (article ids, sorted), `quotes` (aligned)
 *   and `statements` (what each source stated); facts are rebuilt from the statements of their
 *   group (see facts.ts), and a fact disappears with its last statement.
 * - A claim is a node `REPORTED_IN` each article that reports it (with that article's quote and
 *   declaration); its speakers, targets and event come from the first report.
 * - What an article states is kept in the file's own ids (declarations, statements): they stay
 *   the same whatever the graph resolved them to, so the graph does not depend on import order.
 *   Ids are resolved when entities, facts and claims are recomputed from them.
 */

export type Props = Record<string, unknown>;

export interface EntityRow {
  id: string;
  type: EntityType;
}

export interface MentionRow {
  id: string;
  /** The id the file used (differs from `id` when it resolved to an existing entity). */
  declaredAs: string;
  /** Canonical JSON of what the file declares about the entity, or null for a bare reference. */
  declaration: string | null;
}

/** One statement of a fact, between two resolved entities. */
export interface FactRow {
  type: FactType;
  from: string;
  to: string;
  /** The group the statement belongs to: facts of one type, ends and role. */
  roleKey: string;
  statement: Statement;
}

export interface ClaimRow {
  id: string;
  declaration: string;
  quote: string | null;
}

export interface ArticlePlan {
  articleId: string;
  contentHash: string;
  article: Props;
  entities: EntityRow[];
  mentions: MentionRow[];
  facts: FactRow[];
  claims: ClaimRow[];
}

/** `mapping` sends ids used in the file to graph ids (identity resolution); others map to themselves. */
export function planArticle(file: ArticleFile, mapping: ReadonlyMap<string, string>): ArticlePlan {
  const resolve = (id: string) => mapping.get(id) ?? id;
  const articleId = file.article.id;

  const entities = new Map<string, EntityRow>();
  const mentions = new Map<string, MentionRow>();
  const mention = (fileId: string, declaration: string | null) => {
    const key = `${resolve(fileId)}\u0000${fileId}`;
    const existing = mentions.get(key);
    if (existing && (existing.declaration !== null || declaration === null)) return;
    mentions.set(key, { id: resolve(fileId), declaredAs: fileId, declaration });
  };
  for (const entity of file.entities) {
    entities.set(resolve(entity.id), { id: resolve(entity.id), type: entity.type });
    mention(entity.id, canonicalJson(declarationOf(entity)));
  }

  const facts = file.facts.map((fact, index) => {
    for (const { id } of factReferences(fact, index)) mention(id, null);
    return factRow(fact, articleId, resolve);
  });

  const claims = file.claims.map((claim, index) => {
    for (const { id } of claimReferences(claim, index)) mention(id, null);
    return {
      id: claim.id,
      declaration: canonicalJson(claimDeclaration(claim)),
      quote: claim.quote ?? null,
    };
  });

  return {
    articleId,
    contentHash: contentHash(file),
    article: articleProps(file),
    entities: [...entities.values()],
    mentions: [...mentions.values()].sort((a, b) =>
      compare(a.id + a.declaredAs, b.id + b.declaredAs),
    ),
    facts,
    claims,
  };
}

/** A hash of the file's meaning (not its formatting): the same article again is a no-op. */
export function contentHash(file: ArticleFile): string {
  const { $schema: _ignored, ...content } = file;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function articleProps(file: ArticleFile): Props {
  const a = file.article;
  return withoutUndefined({
    id: a.id,
    title: a.title,
    url: a.url,
    publisher: a.publisher,
    author: a.author,
    language: a.language,
    text: a.text,
    ...dateProps('published', a.publishedAt),
    contentHash: contentHash(file),
  });
}

/** What a file says about an entity, without its id: the input of mergeEntity. */
function declarationOf(entity: Entity): Props {
  const { id: _id, ...rest } = entity;
  return withoutUndefined({ ...rest, aliases: rest.aliases?.length ? rest.aliases : undefined });
}

function factRow(fact: Fact, article: string, resolve: (id: string) => string): FactRow {
  const q = fact as Fact &
    Partial<Record<'role' | 'validFrom' | 'validTo' | 'date' | 'representing', string>>;
  return {
    type: fact.type,
    from: resolve(fact.from),
    to: resolve(fact.to),
    roleKey: roleKey(q.role),
    statement: withoutUndefined({
      article,
      role: q.role,
      validFrom: q.validFrom,
      validTo: q.validTo,
      date: q.date,
      representing: q.representing,
      quote: fact.quote,
    }),
  };
}

export interface ClaimDeclaration {
  statement: string;
  stance: Claim['stance'];
  date?: string;
  event?: string;
  quote?: string;
  speakers: { id: string; role?: string; organization?: string }[];
  targets: { id: string; stance: Claim['stance'] }[];
}

/** A claim as its file states it, in the file's own ids. */
function claimDeclaration(claim: Claim): ClaimDeclaration {
  return withoutUndefined({
    statement: claim.statement,
    stance: claim.stance,
    date: claim.date,
    event: claim.event,
    speakers: claim.speakers.map((ref) => withoutUndefined({ ...speakerOf(ref) })),
    targets: claim.targets.map((ref) => targetOf(ref, claim.stance)),
  }) as ClaimDeclaration;
}

// ---------------------------------------------------------------------------------------------
// Recomputing what several articles say about one entity or claim

export interface EntityDeclaration {
  article: string;
  /** The first day of the article's publication date: declarations are applied oldest first. */
  publishedDay: string;
  declaredAs: string;
  declaration: string | null;
}

/**
 * An entity's properties from every declaration that mentions it. Declarations made under the
 * entity's own id decide its name and fields, the newest article last (ties by article id);
 * declarations made under another id (a name match, or an entity merged into this one) and the
 * names of merged entities only add aliases. Returns undefined when no declaration is made under
 * the entity's own id: the entity then keeps the fields it has.
 */
export function mergeEntity(
  id: string,
  current: Props,
  declarations: readonly EntityDeclaration[],
  mergedNames: readonly string[] = [],
): Props {
  return entityFromSummary(summarize(id, declarations), current, mergedNames);
}

/** mergeEntity from what the declarations add up to (see summary.ts): the entity `summary.id`. */
export function entityFromSummary(
  summary: DeclarationSummary,
  current: Props,
  mergedNames: readonly string[] = [],
): Props {
  const { id } = summary;
  const own = summary.own > 0;
  const fields: Props = own
    ? Object.fromEntries(Object.entries(summary.fields).map(([k, [, , v]]) => [k, v]))
    : withoutKeys(withoutBookkeeping(current), ['id', 'aliases', 'nameKeys']);
  const name = String(fields.name ?? current.name ?? id);
  const names = new Set(summary.names);
  if (!own) for (const alias of (current.aliases as string[] | undefined) ?? []) names.add(alias);
  for (const n of mergedNames) names.add(n);
  names.delete(name);
  const aliases = [...names].filter((n) => normalizeName(n) !== '').sort(compare);
  const event = fields as Partial<Record<'startDate' | 'endDate', string>>;
  return withoutUndefined({
    ...withoutKeys(fields, [
      'startDate',
      'endDate',
      'startDatePrecision',
      'startDateDay',
      'endDatePrecision',
      'endDateDay',
    ]),
    ...dateProps('startDate', event.startDate),
    ...dateProps('endDate', event.endDate, 'end'),
    id,
    name,
    aliases,
    nameKeys: nameKeys(name, aliases),
  });
}

export interface ClaimReport {
  article: string;
  publishedDay: string;
  declaration: string;
}

/** A claim's content comes from its first report (oldest article, ties by article id). */
export function primaryReport(reports: readonly ClaimReport[]): ClaimDeclaration | undefined {
  const first = [...reports].sort(
    (a, b) => compare(a.publishedDay, b.publishedDay) || compare(a.article, b.article),
  )[0];
  return first ? (JSON.parse(first.declaration) as ClaimDeclaration) : undefined;
}

export function claimProps(id: string, declaration: ClaimDeclaration): Props {
  return withoutUndefined({
    id,
    statement: declaration.statement,
    stance: declaration.stance,
    ...dateProps('date', declaration.date),
  });
}

// ---------------------------------------------------------------------------------------------

function withoutKeys(value: Props, keys: string[]): Props {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}
