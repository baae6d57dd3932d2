import type { IResolvers } from '@graphql-tools/utils';
import type { GraphQLContext } from './context.ts';

export const resolvers: IResolvers<unknown, GraphQLContext> = {
  Query: {
    about: (_parent, _args, { server, apiVersion }) => ({
      apiVersion,
      neo4jVersion: server.version,
      database: server.database,
    }),
  },
};
