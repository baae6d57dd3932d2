/**
 * Problems found in an article file, as every stage reports them: a stable code for programs, a
 * message for people, the file and the path inside it, and where that path is in the text.
 */

/** A stable, machine-readable kind of problem; the message is for people. */
export type IssueCode =
  | 'FILE_TOO_LARGE'
  | 'TOO_DEEPLY_NESTED'
  | 'TOO_MANY_ENTRIES'
  | 'TOO_COSTLY_TO_PARSE'
  | 'UNREADABLE_FILE'
  | 'SYMBOLIC_LINK'
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

/** A path inside the document, e.g. ['claims', 3, 'speakers', 1]. */
export type Path = (string | number)[];
export interface Problem {
  path: Path;
  message: string;
  code: IssueCode;
}
export type Locate = (path: Path) => { line: number; column: number } | undefined;

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
/** The problems listed for one file; a file with more lists these and counts the rest. */
export const MAX_ISSUES = 100;

/**
 * The issues sorted by their place in the file, at most MAX_ISSUES of them: past that, one more
 * issue (at the place and with the code of the first one left out) says how many were left out,
 * so that a refusal stays readable, and an answer small, whatever the file holds.
 */
export function inFileOrder(issues: ValidationIssue[]): ValidationIssue[] {
  const at = (i: ValidationIssue) => (i.line ?? Infinity) * 1e6 + (i.column ?? 0);
  const sorted = issues.sort((x, y) => at(x) - at(y));
  if (sorted.length <= MAX_ISSUES) return sorted;
  const next = sorted[MAX_ISSUES]!;
  const more = sorted.length - MAX_ISSUES;
  return [
    ...sorted.slice(0, MAX_ISSUES),
    {
      ...next,
      message: `${more} more problems from here on (only the first ${MAX_ISSUES} of a file are listed)`,
    },
  ];
}

/** One line for a shell: `seed/a.yaml: claims[3].stance (line 12): expected one of ...`. */
export function formatIssue(issue: ValidationIssue): string {
  const where =
    issue.line !== undefined && !issue.path.startsWith('line ') ? ` (line ${issue.line})` : '';
  return `${issue.file}: ${issue.path}${where}: ${issue.message}`;
}

/** The longest key a path shows whole. */
const MAX_KEY_SHOWN = 60;

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      // A key of any length may be a file's mistake: the path quotes its start.
      if (key.length > MAX_KEY_SHOWN) {
        return `[${JSON.stringify(`${key.slice(0, MAX_KEY_SHOWN)}…`)} (${key.length} characters)]`;
      }
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}
