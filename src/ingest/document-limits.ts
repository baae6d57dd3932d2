/**
 * How deep and how big a document may be, checked before it is parsed whole. A parse builds a
 * node per value and recurses per level: 2.4 million nested lists (4.8 MB, under the size limit)
 * took 23 s and 2.7 GB. The checks here cost one pass over the text (or the value), stop at the
 * first level or entry over a limit, and never throw.
 */
import { CST, Lexer, LineCounter, Parser } from 'yaml';
import { formatPath, type IssueCode, type Path, type ValidationIssue } from './issues.ts';

export interface DocumentLimits {
  /** Lists and mappings inside each other. */
  depth: number;
  /** Keys and values: each scalar, each collection and each key counts once. */
  entries: number;
}

/** A valid article needs 5 levels and a few thousand entries. */
export const DOCUMENT_LIMITS: DocumentLimits = Object.freeze({ depth: 64, entries: 250_000 });

/** The deepest level and the entries seen, and the first limit passed (then the check stopped). */
export interface Measure {
  depth: number;
  entries: number;
  exceeded?: Omit<ValidationIssue, 'file'>;
}

/**
 * The YAML parser's first stage (lexer and concrete syntax tree), measured as it goes: the tokens
 * for `new Composer().compose(...)`, which builds the nodes and values. They stop at the first
 * level or entry over a limit, with `measure.exceeded` set, so a document over the limits is never
 * composed. Linear in the text: the parser's stack of open collections is at most `depth` long.
 */
export function limitedYamlTokens(
  source: string,
  lineCounter: LineCounter,
  limits: DocumentLimits = DOCUMENT_LIMITS,
): { tokens: Generator<CST.Token>; measure: Measure } {
  const measure: Measure = { depth: 0, entries: 0 };
  const parser = new Parser(lineCounter.addNewLine);
  const stop = (offset: number, code: IssueCode, message: string) => {
    const { line, col: column } = lineCounter.linePos(offset);
    measure.exceeded = { path: `line ${line}, column ${column}`, message, code, line, column };
  };
  function* tokens(): Generator<CST.Token> {
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(source)) {
      const offset = parser.offset;
      if (YAML_ENTRIES.has(CST.tokenType(lexeme) ?? '') && ++measure.entries > limits.entries) {
        return stop(offset, 'TOO_MANY_ENTRIES', tooManyEntries(limits));
      }
      yield* parser.next(lexeme);
      // The stack holds the document, the open collections and at most one scalar or so on top:
      // it is counted only when it grows past the deepest level seen.
      const { stack } = parser;
      if (stack.length - 1 > measure.depth) {
        const open = stack.filter((token) => COLLECTIONS.has(token.type)).length;
        measure.depth = Math.max(measure.depth, open);
        if (open > limits.depth) return stop(offset, 'TOO_DEEPLY_NESTED', tooDeep(limits));
      }
    }
    yield* parser.end();
  }
  return { tokens: tokens(), measure };
}

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);
/** The tokens that begin a key or a value (in JSON text, exactly its keys and values). */
const YAML_ENTRIES = new Set([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'alias',
  'flow-seq-start',
  'flow-map-start',
  'seq-item-ind',
  'explicit-key-ind',
]);

/**
 * Measures JSON text in one pass over its characters, before JSON.parse (and the syntax check,
 * which recurses) see it. Exact for valid JSON; invalid JSON is measured somehow, and rejected
 * by the syntax check if it is within the limits.
 */
export function measureJson(text: string, limits: DocumentLimits = DOCUMENT_LIMITS): Measure {
  const measure: Measure = { depth: 0, entries: 0 };
  let depth = 0;
  let inValue = false; // inside a number or literal
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const scalar = !(c <= 0x20 || c === 0x2c || c === 0x3a || c === 0x5d || c === 0x7d);
    const opens = c === 0x5b || c === 0x7b; // [ {
    if ((opens || c === 0x22 || (scalar && !inValue)) && ++measure.entries > limits.entries) {
      return over(measure, text, i, 'TOO_MANY_ENTRIES', tooManyEntries(limits));
    }
    inValue = scalar && !opens && c !== 0x22;
    if (opens) {
      depth++;
      if (depth > limits.depth) return over(measure, text, i, 'TOO_DEEPLY_NESTED', tooDeep(limits));
      measure.depth = Math.max(measure.depth, depth);
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x22) {
      // Skip the string: a backslash escapes the next character.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++;
      }
    }
  }
  return measure;
}

function over(measure: Measure, text: string, offset: number, code: IssueCode, message: string) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  measure.exceeded = { path: `line ${line}, column ${column}`, message, code, line, column };
  return measure;
}

/**
 * Measures an already parsed value (a GraphQL `document`) the same way, without recursion: the
 * path of the first level or entry over a limit.
 */
export function measureValue(value: unknown, limits: DocumentLimits = DOCUMENT_LIMITS): Measure {
  const measure: Measure = { depth: 0, entries: 0 };
  const pending: { value: unknown; path: Path }[] = [{ value, path: [] }];
  const stop = (path: Path, code: IssueCode, message: string) => {
    measure.exceeded = { path: formatPath(path), message, code };
    return measure;
  };
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (++measure.entries > limits.entries) {
      return stop(path, 'TOO_MANY_ENTRIES', tooManyEntries(limits));
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= limits.depth) return stop(path, 'TOO_DEEPLY_NESTED', tooDeep(limits));
    measure.depth = Math.max(measure.depth, path.length + 1);
    const children: [string | number, unknown][] = Array.isArray(value)
      ? value.map((child, i) => [i, child])
      : Object.entries(value);
    if (!Array.isArray(value)) measure.entries += children.length; // the keys
    // Last first, so that the first child is measured first.
    for (const [key, child] of children.reverse())
      pending.push({ value: child, path: [...path, key] });
  }
  return measure;
}

const tooDeep = (limits: DocumentLimits) =>
  `lists and mappings are nested more than ${limits.depth} levels deep here; the limit is ${limits.depth}`;
const tooManyEntries = (limits: DocumentLimits) =>
  `the document has more than ${limits.entries} keys and values by here; the limit is ${limits.entries}`;
