import { checkRange, MAX_PAGE } from '../graph/paging.ts';
import { writeLogPage } from '../writelog/write-log.ts';
import type { QueryResolvers } from './generated/resolvers-types.ts';
import { requireRole } from './require-role.ts';

/** `writeLog(first, after)`: the write log, newest first, for admins (src/writelog/). */
export const writeLogQuery: QueryResolvers['writeLog'] = async (_p, { first, after }, ctx) => {
  requireRole(ctx, 'admin', 'The write log');
  const page = await writeLogPage(ctx.db, {
    first: checkRange('first', first, 1, MAX_PAGE),
    after,
  });
  return {
    pageInfo: page.pageInfo,
    edges: page.edges.map(({ cursor, node }) => ({
      cursor,
      node: {
        operation: node.operation.toUpperCase() as 'IMPORT' | 'RETRACT' | 'MERGE',
        by: node.by,
        at: node.at,
        targets: node.targets,
        status: node.status ? (node.status.toUpperCase() as 'CREATED' | 'UPDATED') : null,
      },
    })),
  };
};
