import { type ApiKey, anyWriter, bearerOf, keyOf } from './api-keys.ts';
import { type JwtConfig, looksLikeJwt, tokenVerifier } from './jwt.ts';
import type { Role } from './roles.ts';

/**
 * Who sent a request, as far as its Authorization header tells: nobody, a configured key, a
 * verified token (JWT), or a credential that is neither (a wrong key, a bad token).
 */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'wrong-key' }
  | { kind: 'bad-token'; problem: string }
  | { kind: 'key'; name: string; role: Role }
  | { kind: 'token'; subject: string; role: Role };

/** The callers that have a role: a configured key, a verified token. */
export type KnownCaller = Extract<Caller, { role: Role }>;

export const roleOf = (caller: Caller): Role | undefined =>
  caller.kind === 'key' || caller.kind === 'token' ? caller.role : undefined;

/**
 * Who the write log says made a write: a key's name, or `jwt:` and a token's subject. Key names
 * have no `:`, so the two never meet.
 */
export const writerOf = (caller: KnownCaller): string =>
  caller.kind === 'key' ? caller.name : `jwt:${caller.subject}`;

/** A caller as messages name it: `the key "ci-import"`, `the token of "alice"`. */
export const describeCaller = (caller: KnownCaller): string =>
  caller.kind === 'key' ? `the key "${caller.name}"` : `the token of "${caller.subject}"`;

/**
 * The callers of one server's requests, each request's worked out once (the request check, the
 * body limit and the GraphQL context all ask). A Bearer credential that is a configured key is
 * that key; else, with JWT on, one shaped as a JWT is verified as a token; anything else is a
 * wrong key. So no configured key is ever read as a token.
 */
export function requestAuth(keys: readonly ApiKey[], jwt: JwtConfig | undefined) {
  const verify = jwt ? tokenVerifier(jwt) : undefined;
  const seen = new WeakMap<Request, Promise<Caller>>();
  const identify = async (header: string | null): Promise<Caller> => {
    const credential = bearerOf(header);
    if (credential === undefined) return { kind: 'anonymous' };
    const key = keyOf(credential, keys);
    if (key) return { kind: 'key', name: key.name, role: key.role };
    if (!verify || !looksLikeJwt(credential)) return { kind: 'wrong-key' };
    const check = await verify(credential);
    return check.ok
      ? { kind: 'token', subject: check.subject, role: check.role }
      : { kind: 'bad-token', problem: check.problem };
  };
  return {
    keys,
    /** Whether anyone may write: an editor or admin key, or tokens (which may carry those roles). */
    writable: anyWriter(keys) || jwt !== undefined,
    callerOf(request: Request): Promise<Caller> {
      let caller = seen.get(request);
      if (!caller) {
        caller = identify(request.headers.get('authorization'));
        seen.set(request, caller);
      }
      return caller;
    },
  };
}

export type RequestAuth = ReturnType<typeof requestAuth>;
