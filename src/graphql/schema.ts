import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { projectRoot } from '../config.ts';
import type { GraphQLContext } from './context.ts';
import { withCompiledFields } from './compiler.ts';
import { PROJECTIONS } from './projections.ts';
import { resolvers } from './resolvers.ts';

/** schema.graphql is the contract; resolvers only pass arguments on to the domain code. */
export const typeDefs = readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8');

export function buildSchema(): GraphQLSchema {
  return withCompiledFields(
    makeExecutableSchema<GraphQLContext>({
      typeDefs,
      resolvers,
      resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    }),
    PROJECTIONS,
  );
}
