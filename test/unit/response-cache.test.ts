import { describe, expect, it } from 'vitest';
import { byteBoundedCache, cacheable } from '../../src/graphql/response-cache.ts';

describe('the response cache store', () => {
  const result = (bytes: number) => ({ data: { text: 'x'.repeat(bytes) } });

  it('keeps results up to its size in bytes, the least recently used leaving first', async () => {
    const cache = byteBoundedCache(1000);
    cache.set('a', result(400), [], Infinity);
    cache.set('b', result(400), [], Infinity);
    expect(await cache.get('a')).toMatchObject(result(400)); // a is now the most recently used
    cache.set('c', result(400), [], Infinity);
    expect(await cache.get('a')).toBeDefined();
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBeDefined();
  });

  it('keeps each result with its JSON text, which Yoga sends instead of serialising it again', async () => {
    const cache = byteBoundedCache(1000);
    const stored = { data: { person: { id: 'p', names: ['a', 'b'] } } };
    cache.set('k', stored, [], Infinity);
    const hit = (await cache.get('k')) as { stringify: () => string };
    expect(hit.stringify()).toBe(JSON.stringify(stored));
    // The headers Yoga's plugins keep in extensions.http are not part of the answer.
    cache.set('h', { ...stored, extensions: { http: { headers: { ETag: 'x' } } } }, [], Infinity);
    const withHeaders = (await cache.get('h')) as { stringify: () => string };
    expect(withHeaders.stringify()).toBe(JSON.stringify(stored));
  });

  it('does not keep a result larger than the whole cache', async () => {
    const cache = byteBoundedCache(100);
    cache.set('big', result(500), [], Infinity);
    expect(await cache.get('big')).toBeUndefined();
  });

  it('caches no error and no introspection', () => {
    expect(cacheable({ data: { person: null } })).toBe(true);
    expect(cacheable({ data: null, errors: [{ message: 'x' } as never] })).toBe(false);
    expect(cacheable({ data: { __schema: {} } })).toBe(false);
    expect(cacheable({ data: { __type: null } })).toBe(false);
  });
});
