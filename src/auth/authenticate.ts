import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../model/errors.ts';
import type { RequestAuth } from './callers.ts';
import { isInternal } from '../http/internal-requests.ts';

/**
 * Refuses, with HTTP 401 before the body is parsed, a request whose token (JWT) is not valid
 * (expired, badly signed, not for this server: whatever it asks), and with KG_READS=key every
 * GraphQL request without a valid key or token. A refused caller costs the server no parsing,
 * validation or cache lookup. Only GraphQL requests pass this hook: /health, /ready and
 * GraphiQL's page stay open.
 */
export function authenticate(auth: RequestAuth, reads: 'public' | 'key'): Plugin {
  return {
    async onRequestParse({ request }) {
      if (isInternal(request)) return;
      const caller = await auth.callerOf(request);
      if (caller.kind === 'bad-token') throw unauthenticated(caller.problem, 'invalid_token');
      if (reads === 'public' || caller.kind === 'key' || caller.kind === 'token') return;
      throw unauthenticated(
        caller.kind === 'anonymous'
          ? 'This server answers only requests with the header "Authorization: Bearer <key>".'
          : 'The key in the Authorization header is not valid.',
      );
    },
  };
}

/** RFC 6750's answer: 401, and a challenge that names the problem of a bad token. */
const unauthenticated = (message: string, error?: 'invalid_token') =>
  createGraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED' satisfies ErrorCode,
      http: {
        status: 401,
        headers: { 'WWW-Authenticate': error ? `Bearer error="${error}"` : 'Bearer' },
      },
    },
  });
