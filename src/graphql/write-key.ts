import { createHash, timingSafeEqual } from 'node:crypto';
import type { GraphQLContext } from './context.ts';

/**
 * Whether a request may write: the server must have a write key, and the request must present it
 * as `Authorization: Bearer <key>`. Digests are compared in constant time, so the key cannot be
 * guessed byte by byte from response times.
 */
export function writerOf(
  header: string | null | undefined,
  writeKey: string | undefined,
): GraphQLContext['writer'] {
  if (!writeKey) return 'no-key-configured';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return 'missing';
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(writeKey)) ? 'allowed' : 'wrong';
}
