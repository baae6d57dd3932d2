import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Yoga keeps every parsed query document, keyed by its text, so that a repeated operation is not
 * parsed and validated again; its validation results are kept per document object (a WeakMap), so
 * they go when the document goes. By default it keeps 1,024 of each, whatever their size: a client
 * sending distinct large documents (a comment makes any size) made the server hold gigabytes.
 * These caches are bounded by what they hold instead:
 *
 * - a document whose text is over `maxTextLength` characters is never kept (ours are a few KB);
 * - each document is counted as its text plus what its tokens cost (BYTES_PER_TOKEN), and one
 *   estimated over `maxEntryBytes` is never kept: a document at armor's limit of 5,000 tokens
 *   is, but not one whose 100,000 characters are mostly comments (each line is a token);
 * - all of them together hold at most `maxBytes`, least recently used out first.
 *
 * Parse errors (armor's token limit included) are kept by the same rules, by text.
 */
export const DOCUMENT_CACHE = {
  maxTextLength: 100_000,
  maxEntryBytes: 3 * 1024 * 1024,
  maxBytes: 32 * 1024 * 1024,
  maxEntries: 1024,
} as const;

export type DocumentCacheLimits = { [K in keyof typeof DOCUMENT_CACHE]: number };

/**
 * Heap per token of a kept document, measured in this server (graphql 16, Node 20): 600 distinct
 * documents of 4,900 tokens held 1,389 MB, 460 bytes a token. A parsed document alone is about 300
 * (its nodes, their locations, and the tokens, which its `loc` links together, comments
 * included); the rest is what plugins keep for as long as the document lives (its validation
 * result, the response cache's copy with `__typename` added).
 */
const BYTES_PER_TOKEN = 500;
/** What a kept parse error costs beside its text (which it holds through its `source`). */
const BYTES_PER_ERROR = 1024;

interface Cache<T> {
  get(text: string): T | undefined;
  set(text: string, value: T): void;
}

export interface DocumentCaches {
  /** For Yoga's `parserAndValidationCache`. */
  documentCache: Cache<DocumentNode>;
  errorCache: Cache<unknown>;
  /** Estimated bytes held by both, and how many entries: for tests and measurements. */
  bytes(): number;
  entries(): number;
}

export function documentCaches(limits: DocumentCacheLimits = DOCUMENT_CACHE): DocumentCaches {
  const lru = <T extends object>(size: (value: T, text: string) => number) =>
    new LRUCache<string, T>({
      max: limits.maxEntries,
      maxSize: limits.maxBytes,
      maxEntrySize: limits.maxEntryBytes,
      sizeCalculation: (value, text) => Math.max(1, size(value, text)),
    });
  const documents = lru<DocumentNode>((doc, text) => text.length + BYTES_PER_TOKEN * tokens(doc));
  const errors = lru<Error>((_error, text) => text.length + BYTES_PER_ERROR);
  // lru-cache skips an entry over maxEntrySize by itself; this spares counting a long one's tokens.
  const short = (text: string) => text.length <= limits.maxTextLength;
  return {
    documentCache: {
      get: (text) => documents.get(text),
      set: (text, document) => void (short(text) && documents.set(text, document)),
    },
    errorCache: {
      get: (text) => errors.get(text),
      set: (text, error) => void (short(text) && error instanceof Error && errors.set(text, error)),
    },
    bytes: () => documents.calculatedSize + errors.calculatedSize,
    entries: () => documents.size + errors.size,
  };
}

/** The tokens of a parsed document, comments included (each is kept in its token list). */
function tokens(document: DocumentNode): number {
  let count = 0;
  for (let token = document.loc?.startToken; token; token = token.next ?? undefined) count++;
  return count;
}
