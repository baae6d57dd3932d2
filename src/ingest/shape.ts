/**
 * Stage 2, shape: a parsed value checked against the kg-article/1 schemas (format.ts), with zod's
 * issues turned into messages that say what was expected and what was found. When the shape is
 * wrong, the parts that are valid on their own are salvaged, so the rules still check them.
 */
import type { z } from 'zod';
import {
  articleFileSchema,
  articleSchema,
  claimSchema,
  describeValue,
  entitySchema,
  expected,
  factSchema,
  type ArticleFile,
} from './format.ts';
import type { Path, Problem } from './issues.ts';
import { isRecord } from './parse.ts';
import { type Content, type Indexed, quotesOf } from './rules.ts';

/** The article, or every problem of its shape and what of it is valid. */
export function shapeOf(
  value: unknown,
): { ok: true; article: ArticleFile } | { ok: false; problems: Problem[]; salvaged: Content } {
  const result = articleFileSchema.safeParse(value, { error: messageFor, reportInput: true });
  if (result.success) return { ok: true, article: result.data };
  return {
    ok: false,
    problems: result.error.issues.flatMap((issue) => fromZod(issue)),
    salvaged: salvage(value),
  };
}

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
      message: `unknown field ${describeValue(key)} (allowed: ${issue.message})`,
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
