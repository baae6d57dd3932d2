import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { excerpt, MAX_ECHO } from '../model/errors.ts';

/** What `excerpt` made: a quoted part already cut where the error was raised. */
const EXCERPT = new RegExp(`^[^]{0,${MAX_ECHO}}… \\(\\d+ characters\\)$`);
/** The longest string an error carries (a message, or a string in its extensions). */
const MAX_ERROR_TEXT = 500;

/**
 * Errors quote what a client sent: graphql-js quotes a bad value, field name or cursor in full,
 * and Yoga's JSON parse error carries the whole body in `extensions.originalError`. So 1 MB sent
 * made 1 MB answered. Every error leaves with each quoted part cut to an excerpt and every string
 * cut to MAX_ERROR_TEXT characters. It runs on every result Yoga sends, whatever raised the
 * error (request parsing, validation, execution), so no path is forgotten; the errors are cut in
 * place, which is idempotent (Yoga keeps parse and validation errors of cached documents).
 */
export function useShortErrors(): Plugin {
  return {
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        if (!('errors' in one) || !one.errors) continue;
        for (const error of one.errors as GraphQLError[]) shorten(error);
      }
    },
  };
}

function shorten(error: GraphQLError): void {
  const message = shortText(error.message);
  if (message !== error.message) error.message = message;
  const extensions = shortValue(error.extensions);
  if (extensions !== error.extensions) {
    (error as { extensions: unknown }).extensions = extensions;
  }
}

/** `text` with each "quoted part" over MAX_ECHO characters cut, and at most MAX_ERROR_TEXT long. */
function shortText(text: string): string {
  if (text.length <= MAX_ECHO) return text;
  const quoted = text.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) =>
    inner.length > MAX_ECHO && !EXCERPT.test(inner) ? `"${excerpt(inner)}"` : whole,
  );
  return excerpt(quoted, MAX_ERROR_TEXT);
}

/** The same value with its strings shortened, or the very same object when none needed it. */
function shortValue<T>(value: T): T {
  if (typeof value === 'string') return shortText(value) as T;
  if (Array.isArray(value)) {
    const items = value.map(shortValue);
    return items.some((item, i) => item !== value[i]) ? (items as T) : value;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => [k, shortValue(v)] as const);
    const changed = entries.some(([k, v]) => v !== value[k]);
    return changed ? (Object.fromEntries(entries) as T) : value;
  }
  return value;
}

/** An object literal (GraphQL errors' extensions have no prototype): not a Date, Headers... */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
