import { describe, expect, it } from 'vitest';
import {
  anyWriter,
  identify,
  newApiKey,
  sha256Hex,
  writeKeyAsApiKey,
} from '../../src/auth/api-keys.ts';
import { covers } from '../../src/auth/roles.ts';

const editorKey = 'e'.repeat(32);
const adminKey = 'a'.repeat(32);
const keys = [
  { name: 'ci', role: 'editor' as const, sha256: sha256Hex(editorKey) },
  { name: 'ops', role: 'admin' as const, sha256: sha256Hex(adminKey) },
];

describe('identify', () => {
  it('names the key a Bearer token presents, whatever the case of the scheme', () => {
    expect(identify(`Bearer ${editorKey}`, keys)).toEqual({
      kind: 'key',
      name: 'ci',
      role: 'editor',
    });
    expect(identify(`bearer ${adminKey} `, keys)).toEqual({
      kind: 'key',
      name: 'ops',
      role: 'admin',
    });
  });

  it('tells a wrong key from none at all', () => {
    expect(identify(`Bearer ${editorKey}x`, keys)).toEqual({ kind: 'wrong-key' });
    expect(identify(`Bearer ${editorKey}`, [])).toEqual({ kind: 'wrong-key' });
    expect(identify(editorKey, keys)).toEqual({ kind: 'anonymous' }); // no Bearer scheme
    expect(identify(null, keys)).toEqual({ kind: 'anonymous' });
    expect(identify('Basic dXNlcjpwdw==', keys)).toEqual({ kind: 'anonymous' });
  });
});

describe('roles', () => {
  it('each role may do what the ones below it may', () => {
    expect(covers('admin', 'editor')).toBe(true);
    expect(covers('admin', 'reader')).toBe(true);
    expect(covers('editor', 'reader')).toBe(true);
    expect(covers('editor', 'admin')).toBe(false);
    expect(covers('reader', 'editor')).toBe(false);
  });

  it('writing is possible only with an editor or admin key', () => {
    expect(anyWriter([])).toBe(false);
    expect(anyWriter([{ name: 'r', role: 'reader', sha256: sha256Hex('r') }])).toBe(false);
    expect(anyWriter([writeKeyAsApiKey(editorKey)])).toBe(true);
  });
});

describe('newApiKey', () => {
  it('makes a random key and the KG_API_KEYS entry of its hash, which admits it', () => {
    const first = newApiKey('ci', 'editor');
    const second = newApiKey('ci', 'editor');
    expect(first.key).not.toBe(second.key);
    expect(first.key.length).toBeGreaterThanOrEqual(40);
    expect(first.entry).toBe(`ci:editor:${sha256Hex(first.key)}`);
    expect(first.entry).not.toContain(first.key);
    const [name, role, sha256] = first.entry.split(':') as [string, 'editor', string];
    expect(identify(`Bearer ${first.key}`, [{ name, role, sha256 }])).toEqual({
      kind: 'key',
      name: 'ci',
      role: 'editor',
    });
  });
});
