import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Caller } from './callers.ts';
import { covers, type Role } from './roles.ts';

/** A key the server accepts, as configured: its name, its role and the SHA-256 of the key. */
export interface ApiKey {
  name: string;
  role: Role;
  /** 64 lowercase hex digits: the configuration never holds a key itself. */
  sha256: string;
}

/** What a key's name may be: it is shown in the write log and in errors. */
export const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** The name `KG_WRITE_KEY` goes by among the keys: one editor key. */
export const WRITE_KEY_NAME = 'write-key';

export const sha256Hex = (key: string): string => createHash('sha256').update(key).digest('hex');

/** KG_WRITE_KEY among the keys: an editor named "write-key". */
export const writeKeyAsApiKey = (key: string): ApiKey => ({
  name: WRITE_KEY_NAME,
  role: 'editor',
  sha256: sha256Hex(key),
});

/**
 * A new random key (32 bytes, base64url) and the `KG_API_KEYS` entry that admits it. The key is
 * shown once; the server only ever holds its hash.
 */
export function newApiKey(name: string, role: Role): { key: string; entry: string } {
  const key = `kg_${randomBytes(32).toString('base64url')}`;
  return { key, entry: `${name}:${role}:${sha256Hex(key)}` };
}

/** The credential of an `Authorization: Bearer <credential>` header, if it has one. */
export const bearerOf = (header: string | null | undefined): string | undefined =>
  /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

/**
 * The configured key a credential is, if any. It is hashed and compared with every configured
 * hash in constant time, and the loop never stops early, so response times tell nothing about
 * which key, or how much of one, was right.
 */
export function keyOf(credential: string, keys: readonly ApiKey[]): ApiKey | undefined {
  const presented = createHash('sha256').update(credential).digest();
  let found: ApiKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(presented, Buffer.from(key.sha256, 'hex')) && !found) found = key;
  }
  return found;
}

/** The caller a request's `Authorization: Bearer <key>` names, as far as keys tell. */
export function identify(header: string | null | undefined, keys: readonly ApiKey[]): Caller {
  const credential = bearerOf(header);
  if (credential === undefined) return { kind: 'anonymous' };
  const found = keyOf(credential, keys);
  return found ? { kind: 'key', name: found.name, role: found.role } : { kind: 'wrong-key' };
}

/** Whether any configured key may write (editor or admin): if none, writing is disabled. */
export const anyWriter = (keys: readonly ApiKey[]): boolean =>
  keys.some((k) => covers(k.role, 'editor'));
