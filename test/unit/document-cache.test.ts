import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_CACHE, documentCaches } from '../../src/graphql/document-cache.ts';

const limits = { ...DOCUMENT_CACHE, maxBytes: 1024 * 1024 };
/** A document of about `fields` + 4 tokens. */
const document = (i: number, fields: number) => `query Q${i} { ${'__typename '.repeat(fields)}}`;

describe('documentCaches', () => {
  it('keeps a document by its text, counting its text and its tokens', () => {
    const caches = documentCaches(limits);
    const text = document(1, 96);
    const parsed = parse(text);
    caches.documentCache.set(text, parsed);
    expect(caches.documentCache.get(text)).toBe(parsed);
    // 100 tokens, with the start and the end of the text, at 500 bytes each; and the text.
    expect(caches.bytes()).toBe(text.length + 102 * 500);
  });

  it('holds no more than maxBytes, dropping the least recently used', () => {
    const caches = documentCaches(limits);
    const texts = Array.from({ length: 50 }, (_, i) => document(i, 200));
    for (const text of texts) {
      caches.documentCache.get(texts[0]!); // the first one stays in use
      caches.documentCache.set(text, parse(text));
      expect(caches.bytes()).toBeLessThanOrEqual(limits.maxBytes);
    }
    expect(caches.entries()).toBeLessThan(15);
    expect(caches.documentCache.get(texts[0]!)).toBeDefined();
    expect(caches.documentCache.get(texts[1]!)).toBeUndefined();
  });

  it('keeps no text over maxTextLength, and no document estimated over maxEntryBytes', () => {
    const caches = documentCaches(limits);
    const commented = `{ __typename } # ${'x'.repeat(limits.maxTextLength)}`;
    caches.documentCache.set(commented, parse(commented));
    caches.errorCache.set(commented, new Error('a parse error'));
    // Under 100,000 characters, but a token per line: about 10 MB estimated.
    const lines = `{ __typename }${'\n#'.repeat(20_000)}`;
    caches.documentCache.set(lines, parse(lines));
    expect(caches.entries()).toBe(0);
  });

  it('keeps parse errors by the same rules, and nothing that is not an error', () => {
    const caches = documentCaches(limits);
    const error = new Error('Syntax Error');
    caches.errorCache.set('{', error);
    caches.errorCache.set('}', 'not an error');
    expect(caches.errorCache.get('{')).toBe(error);
    expect(caches.errorCache.get('}')).toBeUndefined();
    expect(caches.bytes()).toBe(1 + 1024);
  });
});
