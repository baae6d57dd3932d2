import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../config.ts';
import { isUserError } from '../errors.ts';
import type { GraphQLContext } from './context.ts';
import { resolvers } from './resolvers.ts';

/** schema.graphql is the contract; resolvers only pass arguments on to the domain code. */
export const typeDefs = readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8');

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema<GraphQLContext>({
    typeDefs,
    resolvers: withUserErrors(resolvers as unknown as ResolverMap),
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}

type ResolverMap = Record<string, Record<string, unknown> | object>;

/**
 * A user's mistake reported by the domain code (a UserError: bad input, unknown article) becomes
 * a GraphQL error with its message and code at the edge of the API; anything else stays an
 * unexpected error, which Yoga masks and logs.
 */
function toGraphQLError(error: unknown): unknown {
  return isUserError(error)
    ? new GraphQLError(error.message, { extensions: { code: error.code } })
    : error;
}

function wrap(fn: (...args: unknown[]) => unknown) {
  return (...args: unknown[]) => {
    try {
      const result = fn(...args);
      return result instanceof Promise
        ? result.catch((e) => Promise.reject(toGraphQLError(e)))
        : result;
    } catch (error) {
      throw toGraphQLError(error);
    }
  };
}

function withUserErrors(map: ResolverMap): ResolverMap {
  return Object.fromEntries(
    Object.entries(map).map(([type, fields]) => {
      // Scalars are GraphQLScalarType instances: they are left as they are.
      if (Object.getPrototypeOf(fields) !== Object.prototype) return [type, fields];
      return [
        type,
        Object.fromEntries(
          Object.entries(fields).map(([name, value]) => [
            name,
            typeof value === 'function' && !name.startsWith('__')
              ? wrap(value as (...args: unknown[]) => unknown)
              : value,
          ]),
        ),
      ];
    }),
  );
}
