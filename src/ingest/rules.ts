/**
 * Stage 3, rules: what spans a file (unique ids, entity types at both ends of facts and claims,
 * names that would make two entities one, quotes found in the text, date ranges), and, once the
 * graph is known, the references (identity.ts passes what it found).
 */
import { isBefore } from '../model/dates.ts';
import { nameKeys, normalizeQuoteText } from '../model/names.ts';
import {
  FACT_TYPES,
  describeEndpoints,
  type EntityType,
  type FactEndpoints,
} from '../model/vocabulary.ts';
import { describeValue, type ArticleFile, type Claim, type Entity, type Fact } from './format.ts';
import {
  type IssueCode,
  type Locate,
  type Path,
  type Problem,
  type ValidationIssue,
  toIssue,
} from './issues.ts';
import { isRecord } from './parse.ts';
import { claimReferences, factReferences, type Reference } from './references.ts';

/** The rules of one file on its own (ids of the graph unknown, so not reported). */
export function fileRules(content: Content): Problem[] {
  return crossCheck(content, declaredTypes(content), false);
}

/**
 * The checks a file's references need once the graph is known: `known` maps ids that already exist
 * to their entity type. Reports ids found neither in the file nor in `known`, references of the
 * wrong type, and entities the file declares with another type than the graph has.
 */
export function checkReferences(
  file: string,
  article: ArticleFile,
  known: ReadonlyMap<string, EntityType>,
  locate?: Locate,
): ValidationIssue[] {
  const content = contentOf(article);
  const types = declaredTypes(content);
  const problems: Problem[] = [];
  for (const { index, value: entity } of content.entities) {
    const before = known.get(entity.id);
    if (before !== undefined && before !== entity.type) {
      problems.push({
        path: ['entities', index, 'type'],
        message: `expected ${before} ("${entity.id}" is ${a(before)} in the graph), found ${entity.type}`,
        code: 'WRONG_ENTITY_TYPE',
      });
    }
  }
  for (const [id, type] of known) if (!types.has(id)) types.set(id, type);
  problems.push(...crossCheck(content, types, true));
  return problems.map((p) => toIssue(file, p, locate));
}

export interface Indexed<T> {
  index: number;
  value: T;
}

export interface Content {
  articleId: string | undefined;
  text: string | undefined;
  entities: Indexed<Entity>[];
  facts: Indexed<Fact>[];
  claims: Indexed<Claim>[];
  /** Every quote of a fact or claim, even of one that is otherwise invalid. */
  quotes: { path: Path; quote: string }[];
}

const indexed = <T>(items: T[]): Indexed<T>[] => items.map((value, index) => ({ index, value }));

export function contentOf(file: ArticleFile): Content {
  return {
    articleId: file.article.id,
    text: file.article.text,
    entities: indexed(file.entities),
    facts: indexed(file.facts),
    claims: indexed(file.claims),
    quotes: quotesOf(file),
  };
}

export function quotesOf(file: unknown): { path: Path; quote: string }[] {
  const value = isRecord(file) ? file : {};
  return (['facts', 'claims'] as const).flatMap((list) => {
    const items = Array.isArray(value[list]) ? (value[list] as unknown[]) : [];
    return items.flatMap((item, index) =>
      isRecord(item) && typeof item.quote === 'string'
        ? [{ path: [list, index, 'quote'], quote: item.quote }]
        : [],
    );
  });
}

type Kind = EntityType | 'claim' | 'article';

function declaredTypes(content: Content): Map<string, Kind> {
  const types = new Map<string, Kind>();
  for (const { value } of content.entities)
    if (!types.has(value.id)) types.set(value.id, value.type);
  return types;
}

const a = (type: string) => (/^[AEIOU]/.test(type) ? `an ${type}` : `a ${type}`);
const oneOf = (types: readonly string[]) =>
  types.length === 1
    ? a(types[0]!)
    : `${types.slice(0, -1).map(a).join(', ')} or ${a(types.at(-1)!)}`;
const quoted = (id: string) => JSON.stringify(id);

type Report = (path: Path, message: string, code: IssueCode) => void;

interface Checker {
  /** What each id names: an entity type (from the file, or from the graph), a claim, the article. */
  kinds: Map<string, Kind>;
  /** Whether an id of unknown kind is an error (once the graph has been asked) or a reference. */
  reportUnknown: boolean;
  problem: Report;
}

/** Remembers where each key was first seen: returns that index for a repeat, else undefined. */
function firstSeen(): (key: string, index: number) => number | undefined {
  const first = new Map<string, number>();
  return (key, index) => {
    const at = first.get(key);
    if (at === undefined) first.set(key, index);
    return at;
  };
}

/** The rules across entities, facts and claims. `types` holds the ids whose type is known. */
function crossCheck(content: Content, types: Map<string, Kind>, reportUnknown: boolean): Problem[] {
  const problems: Problem[] = [];
  const kinds = new Map(types);
  for (const { value } of content.claims) if (!kinds.has(value.id)) kinds.set(value.id, 'claim');
  if (content.articleId && !kinds.has(content.articleId)) kinds.set(content.articleId, 'article');
  const checker: Checker = {
    kinds,
    reportUnknown,
    problem: (path, message, code) => problems.push({ path, message, code }),
  };
  checkIds(content, checker.problem);
  checkFacts(content, checker);
  for (const { index, value } of content.claims) checkClaim(value, index, checker);
  checkEventDates(content, checker.problem);
  if (content.text !== undefined) checkQuotes(content.text, content.quotes, checker.problem);
  return problems;
}

/** An id used at `path` must name an entity of one of the `allowed` types. */
function reference(
  checker: Checker,
  path: Path,
  id: string,
  allowed: readonly EntityType[],
  role: string,
): void {
  const kind = checker.kinds.get(id);
  if (kind === undefined) {
    if (!checker.reportUnknown) return;
    const message = `unknown id ${quoted(id)}: not declared in this file and not in the graph`;
    checker.problem(path, message, 'UNKNOWN_REFERENCE');
  } else if (kind === 'claim' || kind === 'article') {
    const message = `expected ${oneOf(allowed)} ${role}, found ${quoted(id)}, the id of ${a(kind)}`;
    checker.problem(path, message, 'WRONG_ENTITY_TYPE');
  } else if (!allowed.includes(kind)) {
    const message = `expected ${oneOf(allowed)} ${role}, found the ${kind} ${quoted(id)}`;
    checker.problem(path, message, 'WRONG_ENTITY_TYPE');
  }
}

function checkIds(content: Content, problem: Report): void {
  const entityAt = firstSeen();
  const entities = new Map<string, number>();
  for (const { index, value } of content.entities) {
    const first = entityAt(value.id, index);
    if (first === undefined) entities.set(value.id, index);
    else {
      const message = `duplicate entity id ${quoted(value.id)} (already declared at entities[${first}])`;
      problem(['entities', index, 'id'], message, 'DUPLICATE');
    }
  }
  // The graph identifies entities of one type by name and alias: two that share one are one.
  const named = new Map<string, number>();
  for (const { index, value } of content.entities) {
    if (entities.get(value.id) !== index) continue;
    const clash = nameKeys(value.name, value.aliases ?? []).find((key) =>
      named.has(`${value.type}:${key}`),
    );
    if (clash !== undefined) {
      const first = named.get(`${value.type}:${clash}`)!;
      const message =
        `expected a ${value.type} whose names differ from those of entities[${first}], found the shared name ` +
        `${quoted(clash)}: entities of one type that share a name or alias are one entity in the graph; ` +
        `declare it once, or drop the shared alias`;
      problem(['entities', index, 'name'], message, 'DUPLICATE');
      continue;
    }
    for (const key of nameKeys(value.name, value.aliases ?? []))
      named.set(`${value.type}:${key}`, index);
  }
  const claimAt = firstSeen();
  const claims = new Map<string, number>();
  for (const { index, value } of content.claims) {
    const first = claimAt(value.id, index);
    const entity = entities.get(value.id);
    if (first !== undefined) {
      const message = `duplicate claim id ${quoted(value.id)} (already used at claims[${first}])`;
      problem(['claims', index, 'id'], message, 'DUPLICATE');
    } else if (entity !== undefined) {
      const message = `expected a claim id unused by entities, found ${quoted(value.id)}, the id of entities[${entity}]`;
      problem(['claims', index, 'id'], message, 'DUPLICATE');
    } else claims.set(value.id, index);
  }
  const id = content.articleId;
  if (id === undefined) return;
  const clash = entities.has(id)
    ? `entities[${entities.get(id)}]`
    : claims.has(id)
      ? `claims[${claims.get(id)}]`
      : undefined;
  if (clash) {
    const message = `expected an article id unused by entities and claims, found ${quoted(id)}, the id of ${clash}`;
    problem(['article', 'id'], message, 'DUPLICATE');
  }
}

/** How a reference reads in a message: "as a speaker", "at the to end of WORKS_FOR (...)". */
function useOf(ref: Reference, fact?: Fact): string {
  switch (ref.use) {
    case 'from':
    case 'to':
      return `at the ${ref.use} end of ${fact!.type} (${describeEndpoints(fact!.type)})`;
    case 'representing':
      return 'as the organization represented';
    case 'speaker':
      return 'as a speaker';
    case 'speakerOrganization':
      return "as the speaker's organization";
    case 'target':
      return 'as a target';
    case 'event':
      return "as the claim's event";
  }
}

function checkFacts(content: Content, checker: Checker): void {
  const factAt = firstSeen();
  for (const { index, value: fact } of content.facts) {
    const at = (...rest: Path): Path => ['facts', index, ...rest];
    if (fact.from === fact.to) {
      const message = `expected an entity other than ${quoted(fact.from)}: a fact cannot connect an entity to itself`;
      checker.problem(at('to'), message, 'INVALID_VALUE');
    }
    for (const ref of factReferences(fact, index)) {
      const allowed = ref.use === 'to' ? allowedTo(fact, checker) : ref.allowed;
      reference(checker, ref.path, ref.id, allowed, useOf(ref, fact));
    }
    if ('validFrom' in fact && fact.validFrom && fact.validTo) {
      if (isBefore(fact.validTo, fact.validFrom)) {
        const message = `expected validTo on or after validFrom "${fact.validFrom}", found "${fact.validTo}"`;
        checker.problem(at('validTo'), message, 'DATE_ORDER');
      }
    }
    // The same fact twice (quotes aside) is a copy-and-paste slip: the graph would keep one.
    const key = JSON.stringify(
      Object.entries(fact)
        .filter(([name]) => name !== 'quote')
        .sort(([x], [y]) => x.localeCompare(y)),
    );
    const first = factAt(key, index);
    if (first !== undefined) {
      checker.problem(
        at(),
        `duplicate fact: the same ${fact.type} as facts[${first}]`,
        'DUPLICATE',
      );
    }
  }
}

/** With a valid source, the target must fit a pair of the fact type that starts with its type. */
function allowedTo(fact: Fact, checker: Checker): EntityType[] {
  const pairs: readonly FactEndpoints[] = FACT_TYPES[fact.type].endpoints;
  const fromKind = checker.kinds.get(fact.from) ?? '';
  const matching = pairs.filter((p) => (p.from as readonly string[]).includes(fromKind));
  return [...new Set((matching.length > 0 ? matching : pairs).flatMap((p) => p.to))];
}

function checkClaim(claim: Claim, index: number, checker: Checker): void {
  const seen = { speaker: firstSeen(), target: firstSeen() };
  for (const ref of claimReferences(claim, index)) {
    reference(checker, ref.path, ref.id, ref.allowed, useOf(ref));
    if (ref.use !== 'speaker' && ref.use !== 'target') continue;
    const position = ref.path[3] as number;
    const first = seen[ref.use](ref.id, position);
    if (first !== undefined) {
      const list = ref.use === 'speaker' ? 'speakers' : 'targets';
      const message = `duplicate ${ref.use} ${quoted(ref.id)} (already at ${list}[${first}])`;
      checker.problem(ref.path, message, 'DUPLICATE');
    }
  }
}

function checkEventDates(content: Content, problem: Report): void {
  for (const { index, value: entity } of content.entities) {
    if (entity.type === 'Event' && entity.endDate && isBefore(entity.endDate, entity.startDate)) {
      const message = `expected endDate on or after startDate "${entity.startDate}", found "${entity.endDate}"`;
      problem(['entities', index, 'endDate'], message, 'DATE_ORDER');
    }
  }
}

function checkQuotes(articleText: string, quotes: Content['quotes'], problem: Report): void {
  const text = normalizeQuoteText(articleText);
  const lower = text.toLowerCase();
  // Each search scans the text, so a quote repeated across claims is searched once.
  const found = new Map<string, boolean>();
  for (const { path, quote } of quotes) {
    const wanted = normalizeQuoteText(quote);
    if (!found.has(wanted)) found.set(wanted, text.includes(wanted));
    if (found.get(wanted)) continue;
    const hint = lower.includes(wanted.toLowerCase())
      ? ' (it differs from the text in letter case)'
      : '';
    const message = `expected a quote that occurs in article.text, found ${describeValue(quote)}${hint}`;
    problem(path, message, 'QUOTE_NOT_IN_TEXT');
  }
}
