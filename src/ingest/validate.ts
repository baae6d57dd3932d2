/**
 * Validates one kg-article/1 file's text, stage by stage: parse (parse.ts), shape (shape.ts) and
 * the rules across the file (rules.ts). Pure: no file system, no database. Every problem is
 * reported, each naming the file, the path inside it, what was expected and what was found. The
 * graph's part (identity.ts) and the writing (plan.ts, store.ts) come after.
 */
import type { ArticleFile } from './format.ts';
import { type Locate, type ValidationIssue, inFileOrder, toIssue } from './issues.ts';
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
  const shape = shapeOf(value);
  const problems = shape.ok
    ? fileRules(contentOf(shape.article))
    : [...shape.problems, ...fileRules(shape.salvaged)];
  if (!shape.ok || problems.length > 0) {
    return { ok: false, errors: inFileOrder(problems.map((p) => toIssue(file, p, locate))) };
  }
  return { ok: true, article: shape.article, references: referencesOf(shape.article), locate };
}

/** Ids the file uses without declaring them: the graph must know them. */
function referencesOf(file: ArticleFile): string[] {
  const declared = new Set(file.entities.map((e) => e.id));
  return referencedIds(file).filter((id) => !declared.has(id));
}
