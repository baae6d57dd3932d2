import { graphGazetteer } from '../draft/graph-gazetteer.ts';
import { draftFile } from '../draft/service.ts';
import type { QueryResolvers } from './generated/resolvers-types.ts';

/**
 * The most items each list of a draft answers (the YAML holds them all): what the estimate of a
 * request's size counts them as (src/graphql/result-size.ts).
 */
export const DRAFT_LIST_LIMITS = {
  'ArticleDraft.entities': 1000,
  'ArticleDraft.facts': 1000,
  'ArticleDraft.claims': 1000,
  'ArticleDraft.unclassified': 1000,
  'DraftEntity.mentions': 50,
  'DraftClaim.speakers': 1,
} as const;

/**
 * `draftArticle(text, title, publishedAt)`: a draft annotation of a plain text (src/draft/),
 * linked to the graph through one read of the names and ids it finds. Writes nothing.
 */
export const draftArticleQuery: QueryResolvers['draftArticle'] = async (
  _p,
  { text, title, publishedAt },
  ctx,
) => {
  const { draft, yaml } = await draftFile(
    { text, ...(title != null ? { title } : {}), ...(publishedAt != null ? { publishedAt } : {}) },
    graphGazetteer({ read: ctx.read }),
  );
  return {
    yaml,
    articleId: draft.article.id,
    event: draft.event ?? null,
    entities: draft.entities.slice(0, DRAFT_LIST_LIMITS['ArticleDraft.entities']).map((e) => ({
      ...e,
      mentions: e.mentions.slice(0, DRAFT_LIST_LIMITS['DraftEntity.mentions']),
    })),
    facts: draft.facts
      .slice(0, DRAFT_LIST_LIMITS['ArticleDraft.facts'])
      .map((f) => ({ ...f, ended: f.ended ?? false })),
    claims: draft.claims.slice(0, DRAFT_LIST_LIMITS['ArticleDraft.claims']),
    unclassified: draft.unclassified.slice(0, DRAFT_LIST_LIMITS['ArticleDraft.unclassified']),
  };
};
