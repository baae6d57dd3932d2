import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../model/errors.ts';
import type { ApiKeyAuth } from './api-keys.ts';

/**
 * KG_READS=key: every GraphQL request needs a valid key of any role, checked before its body is
 * parsed, so a caller without one costs the server no parsing, validation or cache lookup. Only
 * GraphQL requests pass this hook: /health, /ready and GraphiQL's page stay open.
 */
export function readsNeedKey(auth: ApiKeyAuth): Plugin {
  return {
    onRequestParse({ request }) {
      const caller = auth.callerOf(request);
      if (caller.kind === 'key') return;
      throw createGraphQLError(
        caller.kind === 'anonymous'
          ? 'This server answers only requests with the header "Authorization: Bearer <key>".'
          : 'The key in the Authorization header is not valid.',
        {
          extensions: {
            code: 'UNAUTHENTICATED' satisfies ErrorCode,
            http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
          },
        },
      );
    },
  };
}
