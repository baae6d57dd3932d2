/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A filter on claims: every field given must hold. */
export type ClaimWhere = {
  /** Claims about this entity. */
  about?: string | null | undefined;
  /** Claims whose date overlaps the range. */
  date?: DateFilter | null | undefined;
  /** Claims made at this event. */
  event?: string | null | undefined;
  /** Claims made by this organization or by people speaking for it. */
  organization?: string | null | undefined;
  /** Claims reported by this article. */
  reportedIn?: string | null | undefined;
  /** Claims made by this person or organization. */
  speaker?: string | null | undefined;
  /**
   * Claims with this stance. With `about`, the stance towards that target (a claim may take
   * different stances towards its targets); otherwise the claim's own stance.
   */
  stance?: Stance | null | undefined;
  /** Claims with any of these stances (same rule as `stance`). */
  stanceIn?: Array<Stance> | null | undefined;
};

/** Filters on a date: the items whose dates overlap the range, bounds included. */
export type DateFilter = {
  from?: string | null | undefined;
  to?: string | null | undefined;
};

/** The types of fact between entities (a closed vocabulary, the same as the import format's). */
export type FactType =
  /** An organization acquired another organization. */
  | 'ACQUIRED'
  /** A person or an organization contributes to a technology or project. */
  | 'CONTRIBUTES_TO'
  /** A person or an organization created a product, technology, threat or concept. */
  | 'CREATED'
  /** An organization or a person develops a product or technology. */
  | 'DEVELOPS'
  /** A topic was discussed at an event. */
  | 'DISCUSSED'
  /** An event took place at a place (a venue or a city). */
  | 'HELD_AT'
  /** An organization or a person hosted (organised) an event. */
  | 'HOSTED'
  /** An organization, a place or an event is located in a place. */
  | 'LOCATED_IN'
  /** A person or an organization took part in an event, in a role, possibly representing an organization. */
  | 'PARTICIPATED_IN'
  /** An organization belongs to another one, or a place lies within a larger place. */
  | 'PART_OF'
  /** A person works for an organization, in a role, over a period. */
  | 'WORKS_FOR';

/** What a hop of a path follows: a fact, or the link between a claim and its speaker, target or event. */
export type RelationType =
  /** A claim is about a target. */
  | 'ABOUT'
  | 'ACQUIRED'
  /** A claim was made at an event. */
  | 'AT_EVENT'
  | 'CONTRIBUTES_TO'
  | 'CREATED'
  | 'DEVELOPS'
  | 'DISCUSSED'
  | 'HELD_AT'
  | 'HOSTED'
  | 'LOCATED_IN'
  /** A speaker made a claim. */
  | 'MADE'
  | 'PARTICIPATED_IN'
  | 'PART_OF'
  | 'WORKS_FOR';

/** What a speaker does to a target (a closed vocabulary). */
export type Stance =
  /** States something as true about the target. */
  | 'ASSERTS'
  /** Finds fault with the target. */
  | 'CRITICIZES'
  /** Says the target does not matter or is not worth attention. */
  | 'DISMISSES'
  /** Says a statement about the target is wrong. */
  | 'DISPUTES'
  /** Says something about the target will happen. */
  | 'PREDICTS'
  /** Advocates the target, typically a product, technology or approach. */
  | 'PROMOTES'
  /** Agrees with or backs the target (an idea, a position, another party). */
  | 'SUPPORTS';

/** What a timeline entry records. */
export type TimelineKind =
  /** A claim the entity made (or its people made for it), or a claim about it. */
  | 'CLAIM'
  /** An event the entity took part in, hosted, or that was held at it or discussed it. */
  | 'EVENT'
  /** A dated fact: an acquisition, a creation. */
  | 'FACT'
  /** A role ended (a WORKS_FOR fact's validTo). */
  | 'ROLE_ENDED'
  /** A role started (a WORKS_FOR fact's validFrom). */
  | 'ROLE_STARTED';

export type AboutQueryVariables = Exact<{ [key: string]: never; }>;


export type AboutQuery = { about: { apiVersion: string, neo4jVersion: string, database: string } };

export type ExploreArticleQueryVariables = Exact<{
  id: string;
}>;


export type ExploreArticleQuery = { article: { id: string, title: string, url: string | null, publisher: string | null, author: string | null, text: string | null, published: { value: string } | null, claims: Array<{ id: string, statement: string, stance: Stance, speakers: Array<
        | { __typename: 'Event', id: string, name: string }
        | { __typename: 'Organization', id: string, name: string }
        | { __typename: 'Person', id: string, name: string }
        | { __typename: 'Place', id: string, name: string }
        | { __typename: 'Topic', id: string, name: string }
      >, sources: Array<{ quote: string | null, article: { id: string } }> }>, facts: Array<{ type: FactType, role: string | null, from:
        | { __typename: 'Event', id: string, name: string }
        | { __typename: 'Organization', id: string, name: string }
        | { __typename: 'Person', id: string, name: string }
        | { __typename: 'Place', id: string, name: string }
        | { __typename: 'Topic', id: string, name: string }
      , to:
        | { __typename: 'Event', id: string, name: string }
        | { __typename: 'Organization', id: string, name: string }
        | { __typename: 'Person', id: string, name: string }
        | { __typename: 'Place', id: string, name: string }
        | { __typename: 'Topic', id: string, name: string }
      , sources: Array<{ quote: string | null, article: { id: string } }> }>, mentions: Array<
      | { __typename: 'Event', id: string, name: string }
      | { __typename: 'Organization', id: string, name: string }
      | { __typename: 'Person', id: string, name: string }
      | { __typename: 'Place', id: string, name: string }
      | { __typename: 'Topic', id: string, name: string }
    > } | null };

export type ExploreClaimsQueryVariables = Exact<{
  where?: ClaimWhere | null | undefined;
  first?: number | null | undefined;
  id?: string | null | undefined;
  one?: boolean | null | undefined;
}>;


export type ExploreClaimsQuery = { claims?: { totalCount: number, edges: Array<{ node: { id: string, statement: string, stance: Stance, date: { value: string } | null, attributions: Array<{ role: string | null, speaker:
            | { __typename: 'Event', id: string, name: string }
            | { __typename: 'Organization', id: string, name: string }
            | { __typename: 'Person', id: string, name: string }
            | { __typename: 'Place', id: string, name: string }
            | { __typename: 'Topic', id: string, name: string }
          , organization: { id: string, name: string } | null }>, targets: Array<{ stance: Stance, entity:
            | { __typename: 'Event', id: string, name: string }
            | { __typename: 'Organization', id: string, name: string }
            | { __typename: 'Person', id: string, name: string }
            | { __typename: 'Place', id: string, name: string }
            | { __typename: 'Topic', id: string, name: string }
           }>, event: { id: string, name: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }>, firstReport: { tie: boolean, sources: Array<{ article: { id: string } }> } } }> }, claim?: { id: string, statement: string, stance: Stance, date: { value: string } | null, attributions: Array<{ role: string | null, speaker:
        | { __typename: 'Event', id: string, name: string }
        | { __typename: 'Organization', id: string, name: string }
        | { __typename: 'Person', id: string, name: string }
        | { __typename: 'Place', id: string, name: string }
        | { __typename: 'Topic', id: string, name: string }
      , organization: { id: string, name: string } | null }>, targets: Array<{ stance: Stance, entity:
        | { __typename: 'Event', id: string, name: string }
        | { __typename: 'Organization', id: string, name: string }
        | { __typename: 'Person', id: string, name: string }
        | { __typename: 'Place', id: string, name: string }
        | { __typename: 'Topic', id: string, name: string }
       }>, event: { id: string, name: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }>, firstReport: { tie: boolean, sources: Array<{ article: { id: string } }> } } | null };

export type ClaimFieldsFragment = { id: string, statement: string, stance: Stance, date: { value: string } | null, attributions: Array<{ role: string | null, speaker:
      | { __typename: 'Event', id: string, name: string }
      | { __typename: 'Organization', id: string, name: string }
      | { __typename: 'Person', id: string, name: string }
      | { __typename: 'Place', id: string, name: string }
      | { __typename: 'Topic', id: string, name: string }
    , organization: { id: string, name: string } | null }>, targets: Array<{ stance: Stance, entity:
      | { __typename: 'Event', id: string, name: string }
      | { __typename: 'Organization', id: string, name: string }
      | { __typename: 'Person', id: string, name: string }
      | { __typename: 'Place', id: string, name: string }
      | { __typename: 'Topic', id: string, name: string }
     }>, event: { id: string, name: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }>, firstReport: { tie: boolean, sources: Array<{ article: { id: string } }> } };

export type ClaimSourceFragment = { quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } };

export type ExploreEntityQueryVariables = Exact<{
  id: string;
}>;


export type ExploreEntityQuery = { node:
    | { __typename: 'Article', title: string, id: string }
    | { __typename: 'Claim', statement: string, id: string }
    | { __typename: 'Event', name: string, aliases: Array<string>, description: string | null, kind: string | null, id: string, startDate: { value: string } | null, endDate: { value: string } | null, participants: Array<{ role: string | null, participant:
          | { __typename: 'Event', id: string, name: string }
          | { __typename: 'Organization', id: string, name: string }
          | { __typename: 'Person', id: string, name: string }
          | { __typename: 'Place', id: string, name: string }
          | { __typename: 'Topic', id: string, name: string }
        , event: { id: string, name: string, startDate: { value: string } | null }, representing: { id: string, name: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> }> }
    | { __typename: 'Organization', name: string, aliases: Array<string>, description: string | null, kind: string | null, id: string, people: Array<{ title: string | null, person: { id: string, name: string }, organization: { id: string, name: string }, validFrom: { value: string } | null, validTo: { value: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> }>, participations: Array<{ role: string | null, participant:
          | { __typename: 'Event', id: string, name: string }
          | { __typename: 'Organization', id: string, name: string }
          | { __typename: 'Person', id: string, name: string }
          | { __typename: 'Place', id: string, name: string }
          | { __typename: 'Topic', id: string, name: string }
        , event: { id: string, name: string, startDate: { value: string } | null }, representing: { id: string, name: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> }> }
    | { __typename: 'Person', name: string, aliases: Array<string>, description: string | null, id: string, roles: Array<{ title: string | null, person: { id: string, name: string }, organization: { id: string, name: string }, validFrom: { value: string } | null, validTo: { value: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> }>, participations: Array<{ role: string | null, participant:
          | { __typename: 'Event', id: string, name: string }
          | { __typename: 'Organization', id: string, name: string }
          | { __typename: 'Person', id: string, name: string }
          | { __typename: 'Place', id: string, name: string }
          | { __typename: 'Topic', id: string, name: string }
        , event: { id: string, name: string, startDate: { value: string } | null }, representing: { id: string, name: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> }> }
    | { __typename: 'Place', name: string, aliases: Array<string>, description: string | null, kind: string | null, id: string }
    | { __typename: 'Topic', name: string, aliases: Array<string>, description: string | null, kind: string | null, id: string }
   | null };

export type ExploreSourceFragment = { quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } };

export type ExploreRoleFragment = { title: string | null, person: { id: string, name: string }, organization: { id: string, name: string }, validFrom: { value: string } | null, validTo: { value: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> };

export type ExploreParticipationFragment = { role: string | null, participant:
    | { __typename: 'Event', id: string, name: string }
    | { __typename: 'Organization', id: string, name: string }
    | { __typename: 'Person', id: string, name: string }
    | { __typename: 'Place', id: string, name: string }
    | { __typename: 'Topic', id: string, name: string }
  , event: { id: string, name: string, startDate: { value: string } | null }, representing: { id: string, name: string } | null, sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> };

export type ExploreHomeQueryVariables = Exact<{ [key: string]: never; }>;


export type ExploreHomeQuery = { articles: { edges: Array<{ node: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> }, topics: { edges: Array<{ node: { id: string, name: string, kind: string | null } }> } };

export type ExploreNeighborhoodQueryVariables = Exact<{
  id: string;
  depth?: number | null | undefined;
  limit?: number | null | undefined;
}>;


export type ExploreNeighborhoodQuery = { neighborhood: { truncated: boolean, center:
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
    , nodes: Array<{ id: string, type: string, label: string, distance: number }>, edges: Array<{ id: string, relation: RelationType, source: string, target: string, role: string | null, sourceArticles: Array<string> }> } | null };

export type ExplorePathQueryVariables = Exact<{
  from: string;
  to: string;
  maxHops?: number | null | undefined;
}>;


export type ExplorePathQuery = { pathLength: number | null, start:
    | { __typename: 'Article', id: string }
    | { __typename: 'Claim', id: string }
    | { __typename: 'Event', name: string, id: string }
    | { __typename: 'Organization', name: string, id: string }
    | { __typename: 'Person', name: string, id: string }
    | { __typename: 'Place', name: string, id: string }
    | { __typename: 'Topic', name: string, id: string }
   | null, end:
    | { __typename: 'Article', id: string }
    | { __typename: 'Claim', id: string }
    | { __typename: 'Event', name: string, id: string }
    | { __typename: 'Organization', name: string, id: string }
    | { __typename: 'Person', name: string, id: string }
    | { __typename: 'Place', name: string, id: string }
    | { __typename: 'Topic', name: string, id: string }
   | null, paths: Array<{ length: number, nodes: Array<
      | { __typename: 'Article', id: string }
      | { __typename: 'Claim', statement: string, id: string }
      | { __typename: 'Event', name: string, id: string }
      | { __typename: 'Organization', name: string, id: string }
      | { __typename: 'Person', name: string, id: string }
      | { __typename: 'Place', name: string, id: string }
      | { __typename: 'Topic', name: string, id: string }
    >, hops: Array<{ relation: RelationType, reversed: boolean, role: string | null, explanation: string, from:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      , to:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      , sources: Array<{ quote: string | null, article: { id: string, title: string, publisher: string | null, published: { value: string } | null } }> }> }> };

export type ExploreSearchQueryVariables = Exact<{
  text: string;
  first?: number | null | undefined;
}>;


export type ExploreSearchQuery = { search: Array<
    | { __typename: 'Event', id: string, name: string, aliases: Array<string>, description: string | null }
    | { __typename: 'Organization', id: string, name: string, aliases: Array<string>, description: string | null }
    | { __typename: 'Person', id: string, name: string, aliases: Array<string>, description: string | null }
    | { __typename: 'Place', id: string, name: string, aliases: Array<string>, description: string | null }
    | { __typename: 'Topic', id: string, name: string, aliases: Array<string>, description: string | null }
  > };

export type ExploreStanceSummaryQueryVariables = Exact<{
  topic: string;
}>;


export type ExploreStanceSummaryQuery = { node:
    | { __typename: 'Article', id: string }
    | { __typename: 'Claim', id: string }
    | { __typename: 'Event', name: string, id: string }
    | { __typename: 'Organization', name: string, id: string }
    | { __typename: 'Person', name: string, id: string }
    | { __typename: 'Place', name: string, id: string }
    | { __typename: 'Topic', name: string, id: string }
   | null, stanceSummary: Array<{ stance: Stance, count: number, claims: Array<{ id: string, statement: string, date: { value: string } | null, speakers: Array<
        | { __typename: 'Event', id: string, name: string }
        | { __typename: 'Organization', id: string, name: string }
        | { __typename: 'Person', id: string, name: string }
        | { __typename: 'Place', id: string, name: string }
        | { __typename: 'Topic', id: string, name: string }
      > }> }> | null };

export type ExploreTimelineQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
}>;


export type ExploreTimelineQuery = { node:
    | { __typename: 'Article', id: string }
    | { __typename: 'Claim', id: string }
    | { __typename: 'Event', name: string, id: string }
    | { __typename: 'Organization', name: string, id: string }
    | { __typename: 'Person', name: string, id: string }
    | { __typename: 'Place', name: string, id: string }
    | { __typename: 'Topic', name: string, id: string }
   | null, timeline: Array<{ kind: TimelineKind, summary: string, date: { value: string, firstDay: string }, node:
      | { __typename: 'Article', id: string }
      | { __typename: 'Claim', id: string }
      | { __typename: 'Event', id: string }
      | { __typename: 'Organization', id: string }
      | { __typename: 'Person', id: string }
      | { __typename: 'Place', id: string }
      | { __typename: 'Topic', id: string }
     | null, sources: Array<{ quote: string | null, article: { id: string, title: string, published: { value: string } | null } }> }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ClaimSourceFragmentDoc = new TypedDocumentString(`
    fragment ClaimSource on Source {
  quote
  article {
    id
    title
    publisher
    published {
      value
    }
  }
}
    `, {"fragmentName":"ClaimSource"}) as unknown as TypedDocumentString<ClaimSourceFragment, unknown>;
export const ClaimFieldsFragmentDoc = new TypedDocumentString(`
    fragment ClaimFields on Claim {
  id
  statement
  stance
  date {
    value
  }
  attributions(first: 20) {
    role
    speaker {
      __typename
      id
      name
    }
    organization {
      id
      name
    }
  }
  targets(first: 20) {
    stance
    entity {
      __typename
      id
      name
    }
  }
  event {
    id
    name
  }
  sources(first: 20) {
    ...ClaimSource
  }
  firstReport {
    tie
    sources {
      article {
        id
      }
    }
  }
}
    fragment ClaimSource on Source {
  quote
  article {
    id
    title
    publisher
    published {
      value
    }
  }
}`, {"fragmentName":"ClaimFields"}) as unknown as TypedDocumentString<ClaimFieldsFragment, unknown>;
export const ExploreSourceFragmentDoc = new TypedDocumentString(`
    fragment ExploreSource on Source {
  quote
  article {
    id
    title
    publisher
    published {
      value
    }
  }
}
    `, {"fragmentName":"ExploreSource"}) as unknown as TypedDocumentString<ExploreSourceFragment, unknown>;
export const ExploreRoleFragmentDoc = new TypedDocumentString(`
    fragment ExploreRole on Role {
  title
  person {
    id
    name
  }
  organization {
    id
    name
  }
  validFrom {
    value
  }
  validTo {
    value
  }
  sources(first: 10) {
    ...ExploreSource
  }
}
    fragment ExploreSource on Source {
  quote
  article {
    id
    title
    publisher
    published {
      value
    }
  }
}`, {"fragmentName":"ExploreRole"}) as unknown as TypedDocumentString<ExploreRoleFragment, unknown>;
export const ExploreParticipationFragmentDoc = new TypedDocumentString(`
    fragment ExploreParticipation on Participation {
  role
  participant {
    __typename
    id
    name
  }
  event {
    id
    name
    startDate {
      value
    }
  }
  representing {
    id
    name
  }
  sources(first: 10) {
    ...ExploreSource
  }
}
    fragment ExploreSource on Source {
  quote
  article {
    id
    title
    publisher
    published {
      value
    }
  }
}`, {"fragmentName":"ExploreParticipation"}) as unknown as TypedDocumentString<ExploreParticipationFragment, unknown>;
export const AboutDocument = new TypedDocumentString(`
    query About {
  about {
    apiVersion
    neo4jVersion
    database
  }
}
    `) as unknown as TypedDocumentString<AboutQuery, AboutQueryVariables>;
export const ExploreArticleDocument = new TypedDocumentString(`
    query ExploreArticle($id: ID!) {
  article(id: $id) {
    id
    title
    url
    publisher
    author
    published {
      value
    }
    text
    claims(first: 200) {
      id
      statement
      stance
      speakers(first: 20) {
        __typename
        id
        name
      }
      sources(first: 50) {
        quote
        article {
          id
        }
      }
    }
    facts(first: 200) {
      type
      role
      from {
        __typename
        id
        name
      }
      to {
        __typename
        id
        name
      }
      sources(first: 50) {
        quote
        article {
          id
        }
      }
    }
    mentions(first: 200) {
      __typename
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreArticleQuery, ExploreArticleQueryVariables>;
export const ExploreClaimsDocument = new TypedDocumentString(`
    query ExploreClaims($where: ClaimWhere, $first: Int = 100, $id: ID = "", $one: Boolean = false) {
  claims(where: $where, first: $first) @skip(if: $one) {
    totalCount
    edges {
      node {
        ...ClaimFields
      }
    }
  }
  claim(id: $id) @include(if: $one) {
    ...ClaimFields
  }
}
    fragment ClaimFields on Claim {
  id
  statement
  stance
  date {
    value
  }
  attributions(first: 20) {
    role
    speaker {
      __typename
      id
      name
    }
    organization {
      id
      name
    }
  }
  targets(first: 20) {
    stance
    entity {
      __typename
      id
      name
    }
  }
  event {
    id
    name
  }
  sources(first: 20) {
    ...ClaimSource
  }
  firstReport {
    tie
    sources {
      article {
        id
      }
    }
  }
}
fragment ClaimSource on Source {
  quote
  article {
    id
    title
    publisher
    published {
      value
    }
  }
}`) as unknown as TypedDocumentString<ExploreClaimsQuery, ExploreClaimsQueryVariables>;
export const ExploreEntityDocument = new TypedDocumentString(`
    query ExploreEntity($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Entity {
      name
      aliases
      description
    }
    ... on Person {
      roles(first: 50) {
        ...ExploreRole
      }
      participations(first: 50) {
        ...ExploreParticipation
      }
    }
    ... on Organization {
      kind
      people(first: 100) {
        ...ExploreRole
      }
      participations(first: 50) {
        ...ExploreParticipation
      }
    }
    ... on Event {
      kind
      startDate {
        value
      }
      endDate {
        value
      }
      participants(first: 100) {
        ...ExploreParticipation
      }
    }
    ... on Place {
      kind
    }
    ... on Topic {
      kind
    }
    ... on Claim {
      statement
    }
    ... on Article {
      title
    }
  }
}
    fragment ExploreSource on Source {
  quote
  article {
    id
    title
    publisher
    published {
      value
    }
  }
}
fragment ExploreRole on Role {
  title
  person {
    id
    name
  }
  organization {
    id
    name
  }
  validFrom {
    value
  }
  validTo {
    value
  }
  sources(first: 10) {
    ...ExploreSource
  }
}
fragment ExploreParticipation on Participation {
  role
  participant {
    __typename
    id
    name
  }
  event {
    id
    name
    startDate {
      value
    }
  }
  representing {
    id
    name
  }
  sources(first: 10) {
    ...ExploreSource
  }
}`) as unknown as TypedDocumentString<ExploreEntityQuery, ExploreEntityQueryVariables>;
export const ExploreHomeDocument = new TypedDocumentString(`
    query ExploreHome {
  articles(first: 10) {
    edges {
      node {
        id
        title
        publisher
        published {
          value
        }
      }
    }
  }
  topics(first: 30) {
    edges {
      node {
        id
        name
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreHomeQuery, ExploreHomeQueryVariables>;
export const ExploreNeighborhoodDocument = new TypedDocumentString(`
    query ExploreNeighborhood($id: ID!, $depth: Int = 1, $limit: Int = 100) {
  neighborhood(id: $id, depth: $depth, limit: $limit) {
    center {
      id
    }
    truncated
    nodes {
      id
      type
      label
      distance
    }
    edges {
      id
      relation
      source
      target
      role
      sourceArticles
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreNeighborhoodQuery, ExploreNeighborhoodQueryVariables>;
export const ExplorePathDocument = new TypedDocumentString(`
    query ExplorePath($from: ID!, $to: ID!, $maxHops: Int = 4) {
  start: node(id: $from) {
    __typename
    id
    ... on Entity {
      name
    }
  }
  end: node(id: $to) {
    __typename
    id
    ... on Entity {
      name
    }
  }
  paths(from: $from, to: $to, maxHops: $maxHops, limit: 10) {
    length
    nodes {
      __typename
      id
      ... on Entity {
        name
      }
      ... on Claim {
        statement
      }
    }
    hops {
      relation
      reversed
      role
      explanation
      from {
        id
      }
      to {
        id
      }
      sources(first: 10) {
        quote
        article {
          id
          title
          publisher
          published {
            value
          }
        }
      }
    }
  }
  pathLength(from: $from, to: $to, maxHops: 6)
}
    `) as unknown as TypedDocumentString<ExplorePathQuery, ExplorePathQueryVariables>;
export const ExploreSearchDocument = new TypedDocumentString(`
    query ExploreSearch($text: String!, $first: Int = 8) {
  search(text: $text, first: $first) {
    __typename
    id
    name
    aliases
    description
  }
}
    `) as unknown as TypedDocumentString<ExploreSearchQuery, ExploreSearchQueryVariables>;
export const ExploreStanceSummaryDocument = new TypedDocumentString(`
    query ExploreStanceSummary($topic: ID!) {
  node(id: $topic) {
    __typename
    id
    ... on Entity {
      name
    }
  }
  stanceSummary(topic: $topic) {
    stance
    count
    claims(first: 50) {
      id
      statement
      date {
        value
      }
      speakers(first: 10) {
        __typename
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreStanceSummaryQuery, ExploreStanceSummaryQueryVariables>;
export const ExploreTimelineDocument = new TypedDocumentString(`
    query ExploreTimeline($id: ID!, $first: Int = 200) {
  node(id: $id) {
    __typename
    id
    ... on Entity {
      name
    }
  }
  timeline(id: $id, first: $first) {
    date {
      value
      firstDay
    }
    kind
    summary
    node {
      __typename
      id
    }
    sources(first: 10) {
      quote
      article {
        id
        title
        published {
          value
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ExploreTimelineQuery, ExploreTimelineQueryVariables>;