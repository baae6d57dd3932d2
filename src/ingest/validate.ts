/**
 * Validates one kg-article/1 file's text: size, syntax (YAML or JSON), shape (format.ts) and the
 * rules that span the file (unique ids, entity types at both ends of facts and claims, quotes
 * found in the text, date ranges). Pure: no file system, no database. Every problem is reported,
 * each naming the file, the path inside it, what was expected and what was found.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { z } from 'zod';
import { isBefore } from './dates.ts';
import { nameKeys, normalizeQuoteText } from '../model/names.ts';
import { referencedIds } from './references.ts';
import {
  FORMAT,
  articleFileSchema,
  articleSchema,
  claimSchema,
  describeValue,
  entitySchema,
  expected,
  factSchema,
  speakerOf,
  type ArticleFile,
  type Claim,
  type Entity,
  type Fact,
} from './format.ts';
import {
  FACT_TYPES,
  REFERENCE_TYPES,
  describeEndpoints,
  type EntityType,
  type FactEndpoints,
} from './vocabulary.ts';

export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/** A stable, machine-readable kind of problem; the message is for people. */
export type IssueCode =
  | 'FILE_TOO_LARGE'
  | 'UNREADABLE_FILE'
  | 'UNSUPPORTED_FILE_TYPE'
  | 'EMPTY_FILE'
  | 'SYNTAX_ERROR'
  | 'NOT_AN_ARTICLE'
  | 'INVALID_VALUE'
  | 'UNKNOWN_FIELD'
  | 'DUPLICATE'
  | 'WRONG_ENTITY_TYPE'
  | 'UNKNOWN_REFERENCE'
  | 'QUOTE_NOT_IN_TEXT'
  | 'DATE_ORDER';

export interface ValidationIssue {
  file: string;
  /** Where in the file: `claims[3].speakers[1]`, `(file)`, or `line 4, column 7` for syntax errors. */
  path: string;
  /** What was expected and what was found. */
  message: string;
  code: IssueCode;
  /** 1-based position of the path in the text, when known. */
  line?: number;
  column?: number;
}

export type ValidationResult =
  | {
      ok: true;
      article: ArticleFile;
      /** Ids used by facts and claims but not declared in the file: the graph must resolve them. */
      references: string[];
      /** Finds the line and column of a path in the file, for problems found later (identity). */
      locate: Locate;
    }
  | { ok: false; errors: ValidationIssue[] };

export type Path = (string | number)[];
export interface Problem {
  path: Path;
  message: string;
  code: IssueCode;
}
export type Locate = (path: Path) => { line: number; column: number } | undefined;

/** Validates the text of one article file; `file` names it in messages and picks YAML or JSON. */
export function validateArticleText(text: string, file: string): ValidationResult {
  const fail = (problems: Problem[], locate?: Locate): ValidationResult => ({
    ok: false,
    errors: inFileOrder(problems.map((p) => toIssue(file, p, locate))),
  });

  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_ARTICLE_BYTES) return { ok: false, errors: [fileTooLarge(file, bytes)] };
  const syntax = syntaxOf(file);
  if (syntax === undefined) {
    const message = `expected a .yaml, .yml or .json file, found ${JSON.stringify(file)}`;
    return fail([{ path: [], message, code: 'UNSUPPORTED_FILE_TYPE' }]);
  }
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') {
    return fail([
      {
        path: [],
        message: `the file is empty (expected a ${FORMAT} document)`,
        code: 'EMPTY_FILE',
      },
    ]);
  }

  const parsed = syntax === 'json' ? parseJson(source) : parseYaml(source);
  if ('errors' in parsed) return { ok: false, errors: parsed.errors.map((e) => ({ file, ...e })) };
  const locate = locator(source);
  if (parsed.value === null) {
    return fail([
      {
        path: [],
        message: `the file has no content (expected a ${FORMAT} document)`,
        code: 'EMPTY_FILE',
      },
    ]);
  }
  const notArticle = notAnArticle(parsed.value);
  if (notArticle) return fail([notArticle], locate);

  const result = articleFileSchema.safeParse(parsed.value, {
    error: messageFor,
    reportInput: true,
  });
  const problems = result.success ? [] : result.error.issues.flatMap((issue) => fromZod(issue));
  const content = result.success ? contentOf(result.data) : salvage(parsed.value);
  problems.push(...crossCheck(content, declaredTypes(content), false));
  if (!result.success || problems.length > 0) return fail(problems, locate);
  return { ok: true, article: result.data, references: referencesOf(result.data), locate };
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

/** The issue for a file over the size limit; shells can call it before reading the file. */
export function fileTooLarge(file: string, bytes: number): ValidationIssue {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    file,
    path: '(file)',
    message: `the file is ${mb(bytes)} (${bytes} bytes); the limit is ${mb(MAX_ARTICLE_BYTES)} (${MAX_ARTICLE_BYTES} bytes)`,
    code: 'FILE_TOO_LARGE',
  };
}

export function syntaxOf(file: string): 'yaml' | 'json' | undefined {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  if (extension === 'json') return 'json';
  return undefined;
}

/** One line for a shell: `seed/a.yaml: claims[3].stance (line 12): expected one of ...`. */
export function formatIssue(issue: ValidationIssue): string {
  const where =
    issue.line !== undefined && !issue.path.startsWith('line ') ? ` (line ${issue.line})` : '';
  return `${issue.file}: ${issue.path}${where}: ${issue.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Syntax

type Parsed = { value: unknown } | { errors: Omit<ValidationIssue, 'file'>[] };

function syntaxIssue(message: string, line: number, column: number): Omit<ValidationIssue, 'file'> {
  return { path: `line ${line}, column ${column}`, message, code: 'SYNTAX_ERROR', line, column };
}

function parseYaml(source: string): Parsed {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return syntaxIssue(`invalid YAML: ${error.message}`, line, col);
      }),
    };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { errors: [syntaxIssue(`invalid YAML: ${(error as Error).message}`, 1, 1)] };
  }
}

function parseJson(source: string): Parsed {
  const problem = scanJson(source);
  if (problem) {
    const { line, column } = lineColumn(source, problem.offset);
    return { errors: [syntaxIssue(`invalid JSON: ${problem.message}`, line, column)] };
  }
  try {
    return { value: JSON.parse(source) };
  } catch (error) {
    return { errors: [syntaxIssue(`invalid JSON: ${(error as Error).message}`, 1, 1)] };
  }
}

function lineColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Finds the first syntax error of a JSON text, or a key repeated in one object. V8's messages do
 * not always say where an error is ("Unexpected token '}', ... is not valid JSON"), and JSON.parse
 * silently keeps the last of repeated keys, where YAML rejects them.
 */
function scanJson(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const error = (what: string) => ({
    offset: i,
    message: `expected ${what}, found ${i < text.length ? `'${text.charAt(i)}'` : 'the end of the file'}`,
  });
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text.charAt(i);
      if (c === '') throw error('a closing "');
      if (c === '"') return void i++;
      if (c < ' ') throw error('a closing " before the end of the line');
      if (c === '\\') {
        const escape = text.charAt(i + 1);
        if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (escape !== '' && '"\\/bfnrt'.includes(escape)) i += 2;
        else {
          i++;
          throw error(
            'an escape sequence (\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits)',
          );
        }
      } else i++;
    }
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    space();
    const c = text.charAt(i);
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text.charAt(i) === close) return void i++;
      const keys = new Set<string>();
      for (;;) {
        if (c === '{') {
          space();
          if (text.charAt(i) !== '"') throw error('a property name in double quotes');
          const start = i;
          string();
          const key = JSON.parse(text.slice(start, i)) as string;
          if (keys.has(key)) {
            throw { offset: start, message: `duplicate key ${JSON.stringify(key)} in one object` };
          }
          keys.add(key);
          space();
          if (text.charAt(i) !== ':') throw error('":" after the property name');
          i++;
        }
        value();
        space();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === close) return void i++;
        else
          throw error(`"," or "${close}" after ${c === '{' ? 'a property value' : 'a list item'}`);
      }
    }
    if (c === '"') return string();
    number.lastIndex = i;
    if (/[-0-9]/.test(c) && number.test(text)) return void (i = number.lastIndex);
    const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, i));
    if (literal === undefined) throw error('a JSON value');
    i += literal.length;
  };
  try {
    value();
    space();
    if (i < text.length) throw error('the end of the file');
    return undefined;
  } catch (thrown) {
    if (thrown instanceof RangeError) return undefined; // nested too deeply to scan
    return thrown as { offset: number; message: string };
  }
}

/** Maps a path inside the parsed value back to a line and column (JSON is YAML too). */
function locator(source: string): Locate {
  let doc: ReturnType<typeof parseDocument> | undefined;
  const lineCounter = new LineCounter();
  return (path) => {
    doc ??= parseDocument(source, { lineCounter });
    let node: unknown = doc.contents;
    let offset = isMap(node) || isSeq(node) || isScalar(node) ? node.range?.[0] : undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
        if (!pair || !isScalar(pair.key)) break;
        offset = pair.key.range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item: unknown = node.items[key];
        if (!(isMap(item) || isSeq(item) || isScalar(item))) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

export function toIssue(file: string, problem: Problem, locate?: Locate): ValidationIssue {
  const issue: ValidationIssue = {
    file,
    path: formatPath(problem.path),
    message: problem.message,
    code: problem.code,
  };
  const position = problem.path.length > 0 ? locate?.(problem.path) : undefined;
  return position ? { ...issue, ...position } : issue;
}

/** Issues sorted by position (a stable sort: those without one keep their order, at the end). */
function inFileOrder(issues: ValidationIssue[]): ValidationIssue[] {
  const at = (i: ValidationIssue) => (i.line ?? Infinity) * 1e6 + (i.column ?? 0);
  return issues.sort((x, y) => at(x) - at(y));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notAnArticle(value: unknown): Problem | undefined {
  const code = 'NOT_AN_ARTICLE';
  if (!isRecord(value)) {
    const message = `not a ${FORMAT} file: expected a mapping with "format: ${FORMAT}" at the top, found ${describeValue(value)}`;
    return { path: [], message, code };
  }
  if (!('format' in value)) {
    return {
      path: [],
      message: `not a ${FORMAT} file: the top-level field "format: ${FORMAT}" is missing`,
      code,
    };
  }
  if (value.format !== FORMAT) {
    const message = `not a ${FORMAT} file: expected format ${JSON.stringify(FORMAT)}, found ${describeValue(value.format)}`;
    return { path: ['format'], message, code };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Shape: zod issues as messages that say what was expected and what was found

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (an object)',
  array: 'a list',
};

/** The per-parse error map: schemas in format.ts word their own messages, this words the rest. */
function messageFor(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return expected(TYPE_NAMES[issue.expected] ?? issue.expected, issue.input);
    case 'invalid_value':
      return issue.values.length === 1
        ? expected(JSON.stringify(issue.values[0]), issue.input)
        : expected(`one of ${issue.values.join(', ')}`, issue.input);
    case 'unrecognized_keys': {
      // Carries only the allowed fields; fromZod() writes one message per unknown field.
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def
        ?.shape;
      return shape ? Object.keys(shape).join(', ') : '';
    }
    case 'too_small':
    case 'too_big': {
      const unit = issue.origin === 'array' ? 'item' : 'character';
      const count = (n: number | bigint) => `${n} ${unit}${n === 1 ? '' : 's'}`;
      const bound =
        issue.code === 'too_small'
          ? `at least ${count(issue.minimum)}`
          : `at most ${count(issue.maximum)}`;
      const size = Array.isArray(issue.input) ? issue.input.length : String(issue.input).length;
      return `expected ${bound}, found ${size === 0 ? 'none' : size}`;
    }
    case 'invalid_union': {
      if (!('discriminator' in issue) || typeof issue.discriminator !== 'string') return undefined;
      const options = (issue as { options?: unknown[] }).options ?? [];
      const found = isRecord(issue.input) ? issue.input[issue.discriminator] : issue.input;
      return expected(`one of ${options.join(', ')}`, found);
    }
    default:
      return undefined;
  }
}

function fromZod(issue: z.core.$ZodIssue, prefix: Path = []): Problem[] {
  const path = [...prefix, ...issue.path.map((k) => (typeof k === 'number' ? k : String(k)))];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown field ${JSON.stringify(key)} (allowed: ${issue.message})`,
      code: 'UNKNOWN_FIELD',
    }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // A union of an id and an object: report the branch the value was meant for, if one is clear.
    const meant = issue.errors.filter(
      (branch) => !branch.every((i) => i.path.length === 0 && i.code === 'invalid_type'),
    );
    if (meant.length === 1) return meant[0]!.flatMap((inner) => fromZod(inner, path));
  }
  return [{ path, message: issue.message, code: 'INVALID_VALUE' }];
}

// ---------------------------------------------------------------------------------------------
// Rules across the file

interface Indexed<T> {
  index: number;
  value: T;
}

interface Content {
  articleId: string | undefined;
  text: string | undefined;
  entities: Indexed<Entity>[];
  facts: Indexed<Fact>[];
  claims: Indexed<Claim>[];
  /** Every quote of a fact or claim, even of one that is otherwise invalid. */
  quotes: { path: Path; quote: string }[];
}

const indexed = <T>(items: T[]): Indexed<T>[] => items.map((value, index) => ({ index, value }));

function contentOf(file: ArticleFile): Content {
  return {
    articleId: file.article.id,
    text: file.article.text,
    entities: indexed(file.entities),
    facts: indexed(file.facts),
    claims: indexed(file.claims),
    quotes: quotesOf(file),
  };
}

function quotesOf(file: unknown): { path: Path; quote: string }[] {
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

/** The parts of an invalid file that are valid on their own, so every rule still gets checked. */
function salvage(file: unknown): Content {
  const value = isRecord(file) ? file : {};
  const valid = <T>(items: unknown, schema: z.ZodType<T>): Indexed<T>[] =>
    Array.isArray(items)
      ? items.flatMap((item, index) => {
          const parsed = schema.safeParse(item);
          return parsed.success ? [{ index, value: parsed.data }] : [];
        })
      : [];
  const article = articleSchema.safeParse(value.article);
  const raw = isRecord(value.article) ? value.article : {};
  return {
    articleId: article.data?.id,
    text: typeof raw.text === 'string' ? raw.text : undefined,
    entities: valid(value.entities, entitySchema),
    facts: valid(value.facts, factSchema),
    claims: valid(value.claims, claimSchema),
    quotes: quotesOf(value),
  };
}

type Kind = EntityType | 'claim' | 'article';

function declaredTypes(content: Content): Map<string, Kind> {
  const types = new Map<string, Kind>();
  for (const { value } of content.entities)
    if (!types.has(value.id)) types.set(value.id, value.type);
  return types;
}

/** Ids the file uses without declaring them: the graph must know them. */
function referencesOf(file: ArticleFile): string[] {
  const declared = new Set(file.entities.map((e) => e.id));
  return referencedIds(file).filter((id) => !declared.has(id));
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

function checkFacts(content: Content, checker: Checker): void {
  const factAt = firstSeen();
  for (const { index, value: fact } of content.facts) {
    const at = (...rest: Path): Path => ['facts', index, ...rest];
    checkEndpoints(fact, at, checker);
    if ('representing' in fact && fact.representing) {
      const role = 'as the organization represented';
      reference(checker, at('representing'), fact.representing, REFERENCE_TYPES.representing, role);
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

function checkEndpoints(fact: Fact, at: (...rest: Path) => Path, checker: Checker): void {
  const pairs: readonly FactEndpoints[] = FACT_TYPES[fact.type].endpoints;
  const role = (side: 'from' | 'to') =>
    `at the ${side} end of ${fact.type} (${describeEndpoints(fact.type)})`;
  const union = (list: readonly FactEndpoints[], side: 'from' | 'to') => [
    ...new Set(list.flatMap((p) => p[side])),
  ];
  if (fact.from === fact.to) {
    const message = `expected an entity other than ${quoted(fact.from)}: a fact cannot connect an entity to itself`;
    checker.problem(at('to'), message, 'INVALID_VALUE');
  }
  reference(checker, at('from'), fact.from, union(pairs, 'from'), role('from'));
  // With a valid source, the target must fit a pair that starts with the source's type.
  const fromKind = checker.kinds.get(fact.from) ?? '';
  const matching = pairs.filter((p) => (p.from as readonly string[]).includes(fromKind));
  const allowedTo = union(matching.length > 0 ? matching : pairs, 'to');
  reference(checker, at('to'), fact.to, allowedTo, role('to'));
}

function checkClaim(claim: Claim, index: number, checker: Checker): void {
  const at = (...rest: Path): Path => ['claims', index, ...rest];
  const speakerAt = firstSeen();
  claim.speakers.forEach((ref, k) => {
    const speaker = speakerOf(ref);
    const path = typeof ref === 'string' ? at('speakers', k) : at('speakers', k, 'id');
    reference(checker, path, speaker.id, REFERENCE_TYPES.speaker, 'as a speaker');
    if (speaker.organization) {
      const role = "as the speaker's organization";
      const allowed = REFERENCE_TYPES.speakerOrganization;
      reference(checker, at('speakers', k, 'organization'), speaker.organization, allowed, role);
    }
    const first = speakerAt(speaker.id, k);
    if (first !== undefined) {
      const message = `duplicate speaker ${quoted(speaker.id)} (already at speakers[${first}])`;
      checker.problem(path, message, 'DUPLICATE');
    }
  });
  const targetAt = firstSeen();
  claim.targets.forEach((ref, k) => {
    const id = typeof ref === 'string' ? ref : ref.id;
    const path = typeof ref === 'string' ? at('targets', k) : at('targets', k, 'id');
    reference(checker, path, id, REFERENCE_TYPES.target, 'as a target');
    const first = targetAt(id, k);
    if (first !== undefined) {
      const message = `duplicate target ${quoted(id)} (already at targets[${first}])`;
      checker.problem(path, message, 'DUPLICATE');
    }
  });
  if (claim.event) {
    reference(checker, at('event'), claim.event, REFERENCE_TYPES.event, "as the claim's event");
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
