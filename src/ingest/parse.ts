/**
 * Stage 1, parse: an article file's text to a value. Size, file type, syntax (YAML or JSON, with
 * the line and column of a mistake), emptiness, and the `format` field that says it is an article.
 * Also finds where a path inside the document stands in the text, for the later stages' problems.
 */
import { Composer, LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { limitedYamlTokens, measureJson } from './document-limits.ts';
import { FORMAT, describeValue } from './format.ts';
import { excerpt, MAX_ECHO } from '../model/errors.ts';
import { type Locate, type Problem, type ValidationIssue, inFileOrder, toIssue } from './issues.ts';

export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/**
 * YAML syntax problems listed for one file. After the first few, most follow from the first (a
 * stray character on every line gave 3,000 of them): the rest are counted, not listed.
 */
const MAX_SYNTAX_ISSUES = 20;

/** Parses the text of one article file; `file` names it in messages and picks YAML or JSON. */
export function parseArticleText(
  text: string,
  file: string,
): { value: Record<string, unknown>; locate: Locate } | { errors: ValidationIssue[] } {
  const fail = (problems: Problem[], locate?: Locate) => ({
    errors: inFileOrder(problems.map((p) => toIssue(file, p, locate))),
  });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_ARTICLE_BYTES) return { errors: [fileTooLarge(file, bytes)] };
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
  if ('errors' in parsed) return { errors: parsed.errors.map((e) => ({ file, ...e })) };
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
  return { value: parsed.value as Record<string, unknown>, locate };
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

type Parsed = { value: unknown } | { errors: Omit<ValidationIssue, 'file'>[] };

/**
 * A syntax problem at its place. The parsers' messages quote the token they stopped at, which can
 * be a whole 1 MB string: each quoted part is cut to what an error may echo (MAX_ECHO).
 */
function syntaxIssue(message: string, line: number, column: number): Omit<ValidationIssue, 'file'> {
  const short = message.replace(/"((?:[^"\\]|\\.)*)"/gs, (quoted, inner: string) =>
    inner.length > MAX_ECHO ? `"${excerpt(inner)}"` : quoted,
  );
  return {
    path: `line ${line}, column ${column}`,
    message: excerpt(short, 1000),
    code: 'SYNTAX_ERROR',
    line,
    column,
  };
}

/** As `parseDocument`, but its first stage stops at the document limits (document-limits.ts). */
function parseYaml(source: string): Parsed {
  const lineCounter = new LineCounter();
  const { tokens, measure } = limitedYamlTokens(source, lineCounter);
  const [doc, more] = new Composer({ uniqueKeys: true }).compose(tokens, true, source.length);
  if (measure.exceeded) return { errors: [measure.exceeded] };
  if (!doc) return { value: null };
  if (more) {
    const { line, col } = lineCounter.linePos(more.range[0]);
    return {
      errors: [syntaxIssue('invalid YAML: the file holds more than one document', line, col)],
    };
  }
  if (doc.errors.length > 0) {
    const shown = doc.errors.slice(0, MAX_SYNTAX_ISSUES).map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return syntaxIssue(`invalid YAML: ${error.message}`, line, col);
    });
    const more = doc.errors.length - shown.length;
    if (more > 0) {
      const { line, col } = lineCounter.linePos(doc.errors[MAX_SYNTAX_ISSUES]!.pos[0]);
      shown.push(syntaxIssue(`invalid YAML: ${more} more problems from here on`, line, col));
    }
    return { errors: shown };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    return { errors: [syntaxIssue(`invalid YAML: ${(error as Error).message}`, 1, 1)] };
  }
}

function parseJson(source: string): Parsed {
  const { exceeded } = measureJson(source);
  if (exceeded) return { errors: [exceeded] };
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
            throw { offset: start, message: `duplicate key ${describeValue(key)} in one object` };
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

export function isRecord(value: unknown): value is Record<string, unknown> {
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
