/**
 * Validates one kg-article/1 file's text, stage by stage: parse (parse.ts), shape (shape.ts) and
 * the rules across the file (rules.ts). Pure: no file system, no database. Every problem is
 * reported, each naming the file, the path inside it, what was expected and what was found. The
 * graph's part (identity.ts) and the writing (plan.ts, store.ts) come after.
 */
import type { ArticleFile } from './format.ts';
import {
  type Locate,
  type Path,
  type Problem,
  type ValidationIssue,
  inFileOrder,
  toIssue,
} from './issues.ts';
import { parseArticleText } from './parse.ts';
import { referencedIds } from './references.ts';
import { contentOf, fileRules } from './rules.ts';
import { shapeOf } from './shape.ts';

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

/** Validates the text of one article file; `file` names it in messages and picks YAML or JSON. */
export function validateArticleText(text: string, file: string): ValidationResult {
  const parsed = parseArticleText(text, file);
  if ('errors' in parsed) return { ok: false, errors: parsed.errors };
  const { value, locate } = parsed;
  const broken = brokenText(value);
  if (broken.length > 0) {
    return { ok: false, errors: inFileOrder(broken.map((p) => toIssue(file, p, locate))) };
  }
  const shape = shapeOf(value);
  const problems = shape.ok
    ? fileRules(contentOf(shape.article))
    : [...shape.problems, ...fileRules(shape.salvaged)];
  if (!shape.ok || problems.length > 0) {
    return { ok: false, errors: inFileOrder(problems.map((p) => toIssue(file, p, locate))) };
  }
  return { ok: true, article: shape.article, references: referencesOf(shape.article), locate };
}

/** A UTF-16 surrogate without its pair: text no UTF-8 store can keep as it is. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every string and key of the document that is not well-formed Unicode (a JSON escape such as
 * "\uD800" alone): Neo4j stores text as UTF-8, which would turn it into U+FFFD, so the article
 * would not read back as it was written. Refused rather than changed.
 */
function brokenText(value: unknown, path: Path = [], found: Problem[] = []): Problem[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    const at = value.search(LONE_SURROGATE);
    if (at >= 0) {
      const unit = value.charCodeAt(at).toString(16).toUpperCase();
      found.push({
        path,
        message: `expected well-formed Unicode text, found a lone surrogate (U+${unit}) at character ${at + 1}`,
        code: 'INVALID_VALUE',
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => brokenText(item, [...path, i], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) {
        found.push({
          path,
          message: 'expected well-formed Unicode text, found a key with a lone surrogate',
          code: 'INVALID_VALUE',
        });
      } else brokenText(item, [...path, key], found);
    }
  }
  return found;
}

/** Ids the file uses without declaring them: the graph must know them. */
function referencesOf(file: ArticleFile): string[] {
  const declared = new Set(file.entities.map((e) => e.id));
  return referencedIds(file).filter((id) => !declared.has(id));
}
