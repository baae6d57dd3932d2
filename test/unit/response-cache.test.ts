import { describe, expect, it } from 'vitest';
import { byteBoundedCache, cacheable } from '../../src/graphql/response-cache.ts';

describe('the response cache store', () => {
  const result = (bytes: number) => ({ data: { text: 'x'.repeat(bytes) } });

  it('keeps results up to its size in bytes, the least recently used leaving first', async () => {
    const cache = byteBoundedCache(1000);
    cache.set('a', result(400), [], Infinity);
    cache.set('b', result(400), [], Infinity);
    expect(await cache.get('a')).toEqual(result(400)); // a is now the most recently used
    cache.set('c', result(400), [], Infinity);
    expect(await cache.get('a')).toBeDefined();
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('c')).toBeDefined();
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
