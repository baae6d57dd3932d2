import type { Role } from '../auth/roles.ts';
import { UserError } from '../model/errors.ts';
import { measureValue } from '../ingest/document-limits.ts';
import { importArticle, mergeEntities, retractArticle } from '../ingest/importer.ts';
import type { ValidationIssue } from '../ingest/issues.ts';
import { fileTooLarge, MAX_ARTICLE_BYTES } from '../ingest/parse.ts';
import type { GraphQLContext } from './context.ts';
import { requireRole } from './require-role.ts';
import type { MutationResolvers } from './generated/resolvers-types.ts';

/**
 * Writing over GraphQL: the same validator and writer as `kg import`, behind a key or token whose
 * role allows it (src/auth/roles.ts). Every mutation checks the role first, so a refused request
 * has touched nothing. Answers the key's name (`jwt:<sub>` for a token): the write log records it.
 */
function requireWriter(ctx: GraphQLContext, needed: Role): string {
  if (!ctx.writable) {
    throw new UserError(
      'Writing over GraphQL is disabled on this server: it has no key that may write (KG_API_KEYS with an editor or admin, or KG_WRITE_KEY) and no JWT (KG_JWT_SECRET or KG_JWKS_URL). Import with `kg import`, or configure a key.',
      'FORBIDDEN',
    );
  }
  return requireRole(ctx, needed, 'Writing');
}

export const mutationResolvers: MutationResolvers = {
  importArticle: async (_p, { document, source }, ctx) => {
    const by = requireWriter(ctx, 'editor');
    if ((document == null) === (source == null)) {
      throw new UserError(
        'Give the article either as `document` (an object) or as `source` (YAML or JSON text), not both or neither.',
        'BAD_USER_INPUT',
      );
    }
    // The name tells the parser the syntax: YAML reads JSON text too.
    const name = document != null ? 'document.json' : 'source.yaml';
    // A parsed document is measured before JSON.stringify walks it (a text, while it is parsed).
    const exceeded = document != null ? measureValue(document).exceeded : undefined;
    if (exceeded) throw invalidArticle([{ file: name, ...exceeded }]);
    const text = document != null ? JSON.stringify(document) : source!;
    // Refused as `kg import` refuses the file: with the issue (FILE_TOO_LARGE), before parsing.
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_ARTICLE_BYTES) throw invalidArticle([fileTooLarge(name, bytes)]);
    const outcome = await importArticle(ctx.db, text, name, ctx.validator.validate, by);
    if (outcome.status === 'created' || outcome.status === 'updated') ctx.graphVersion.written();
    if (outcome.status === 'failed') throw invalidArticle(outcome.errors);
    return outcome;
  },

  retractArticle: async (_p, { id }, ctx) => {
    const by = requireWriter(ctx, 'editor');
    const outcome = await retractArticle(ctx.db, id, by);
    ctx.graphVersion.written();
    return {
      articleId: outcome.articleId,
      entitiesDeleted: outcome.entitiesDeleted,
      claimsDeleted: outcome.claimsDeleted,
    };
  },

  mergeEntities: async (_p, { keep, remove }, ctx) => {
    const by = requireWriter(ctx, 'admin');
    const outcome = await mergeEntities(ctx.db, keep, remove, by);
    ctx.graphVersion.written();
    const entity = await ctx.loaders.node.clear(outcome.keptId).load(outcome.keptId);
    if (!entity) throw new UserError(`"${outcome.keptId}" is no longer in the graph.`, 'NOT_FOUND');
    return {
      entity,
      removedId: outcome.removedId,
      relationshipsMoved: outcome.relationshipsMoved,
    };
  },
};

/** An invalid article: its first problem in the message, every one in `extensions.issues`. */
function invalidArticle(errors: readonly ValidationIssue[]): UserError {
  const [first] = errors;
  const more = errors.length - 1;
  return new UserError(
    `The article is not valid: ${first ? `${first.path}: ${first.message}` : 'unknown problem'}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''}, see extensions.issues)` : ''}`,
    'BAD_USER_INPUT',
    {
      details: {
        issues: errors.map((e) => ({
          path: e.path,
          message: e.message,
          code: e.code,
          ...(e.line !== undefined ? { line: e.line, column: e.column } : {}),
        })),
      },
    },
  );
}
