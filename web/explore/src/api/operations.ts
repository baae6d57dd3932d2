/**
 * The explorer's operations: each is the text of one operations/*.graphql file (imported as it is,
 * so it stays the listed trusted document) with the types the client preset generated for it
 * (`npm run codegen`). A front end of its own can copy this file and client.ts as they are.
 */
import type {
  AboutQuery,
  AboutQueryVariables,
  ExploreArticleQuery,
  ExploreArticleQueryVariables,
  ExploreClaimsQuery,
  ExploreClaimsQueryVariables,
  ExploreEntityQuery,
  ExploreEntityQueryVariables,
  ExploreHomeQuery,
  ExploreHomeQueryVariables,
  ExploreNeighborhoodQuery,
  ExploreNeighborhoodQueryVariables,
  ExplorePathQuery,
  ExplorePathQueryVariables,
  ExploreSearchQuery,
  ExploreSearchQueryVariables,
  ExploreStanceSummaryQuery,
  ExploreStanceSummaryQueryVariables,
  ExploreTimelineQuery,
  ExploreTimelineQueryVariables,
} from '../generated/graphql.ts';
import { operation } from './client.ts';
import about from '../../../../operations/About.graphql?raw';
import exploreArticle from '../../../../operations/ExploreArticle.graphql?raw';
import exploreClaims from '../../../../operations/ExploreClaims.graphql?raw';
import exploreEntity from '../../../../operations/ExploreEntity.graphql?raw';
import exploreHome from '../../../../operations/ExploreHome.graphql?raw';
import exploreNeighborhood from '../../../../operations/ExploreNeighborhood.graphql?raw';
import explorePath from '../../../../operations/ExplorePath.graphql?raw';
import exploreSearch from '../../../../operations/ExploreSearch.graphql?raw';
import exploreStanceSummary from '../../../../operations/ExploreStanceSummary.graphql?raw';
import exploreTimeline from '../../../../operations/ExploreTimeline.graphql?raw';

export const About = operation<AboutQuery, AboutQueryVariables>('About', about);
export const Home = operation<ExploreHomeQuery, ExploreHomeQueryVariables>(
  'ExploreHome',
  exploreHome,
);
export const Search = operation<ExploreSearchQuery, ExploreSearchQueryVariables>(
  'ExploreSearch',
  exploreSearch,
);
export const Entity = operation<ExploreEntityQuery, ExploreEntityQueryVariables>(
  'ExploreEntity',
  exploreEntity,
);
export const Claims = operation<ExploreClaimsQuery, ExploreClaimsQueryVariables>(
  'ExploreClaims',
  exploreClaims,
);
export const Neighborhood = operation<ExploreNeighborhoodQuery, ExploreNeighborhoodQueryVariables>(
  'ExploreNeighborhood',
  exploreNeighborhood,
);
export const Path = operation<ExplorePathQuery, ExplorePathQueryVariables>(
  'ExplorePath',
  explorePath,
);
export const Timeline = operation<ExploreTimelineQuery, ExploreTimelineQueryVariables>(
  'ExploreTimeline',
  exploreTimeline,
);
export const StanceSummary = operation<
  ExploreStanceSummaryQuery,
  ExploreStanceSummaryQueryVariables
>('ExploreStanceSummary', exploreStanceSummary);
export const Article = operation<ExploreArticleQuery, ExploreArticleQueryVariables>(
  'ExploreArticle',
  exploreArticle,
);
