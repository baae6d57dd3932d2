/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What happened to an article. */
export type ArticleChangeStatus =
  /** Imported for the first time. */
  | 'CREATED'
  /** Retracted: it, and what only it supported, left the graph. */
  | 'RETRACTED'
  /** Imported again with different content: what it asserts was replaced. */
  | 'UPDATED';

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

export type ArticleAssertsQueryVariables = Exact<{
  id: string;
}>;


export type ArticleAssertsQuery = { node:
    | { title: string, claims: Array<{ id: string, statement: string }> }
    | Record<PropertyKey, never>
   | null };

export type GraphChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type GraphChangedSubscription = { graphChanged: { version: number, articles: Array<{ id: string, status: ArticleChangeStatus }>, merges: Array<{ keptId: string, removedId: string }> } };

export type PathQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type PathQuery = { paths: Array<{ length: number, nodes: Array<
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
    >, hops: Array<{ relation: RelationType, sources: Array<{ article: { id: string } }> }> }> };

export type RoleAsOfQueryVariables = Exact<{
  person: string;
}>;


export type RoleAsOfQuery = { node:
    | { name: string, roles: Array<{ title: string | null, organization: { id: string, name: string } }> }
    | Record<PropertyKey, never>
   | null };

export type SearchQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchQuery = { search: Array<
    | { __typename: 'Event', id: string, name: string }
    | { __typename: 'Organization', id: string, name: string }
    | { __typename: 'Person', id: string, name: string }
    | { __typename: 'Place', id: string, name: string }
    | { __typename: 'Topic', id: string, name: string }
  > };

export type StancesQueryVariables = Exact<{
  topic: string;
}>;


export type StancesQuery = { stanceSummary: Array<{ stance: Stance, count: number }> | null };

export type WhoDismissedQueryVariables = Exact<{
  topic: string;
}>;


export type WhoDismissedQuery = { claims: { edges: Array<{ cursor: string, node: { id: string, statement: string, stance: Stance, speakers: Array<
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
          | { id: string, name: string }
        >, sources: Array<{ quote: string | null, article: { id: string, title: string } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

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

export const ArticleAssertsDocument = new TypedDocumentString(`
    query ArticleAsserts($id: ID!) {
  node(id: $id) {
    ... on Article {
      title
      claims {
        id
        statement
      }
    }
  }
}
    `, {"hash":"sha256:fbe13c8f2ad5d08d0cd66a209de3aa3c7f84361178906a2a2c0ab082f1bcdc2b"}) as unknown as TypedDocumentString<ArticleAssertsQuery, ArticleAssertsQueryVariables>;
export const GraphChangedDocument = new TypedDocumentString(`
    subscription GraphChanged {
  graphChanged {
    version
    articles {
      id
      status
    }
    merges {
      keptId
      removedId
    }
  }
}
    `, {"hash":"sha256:aaa69b766c53376a4fe4bdbd0529a3ea9a72e4a4d89b12aa4344355c329d52e7"}) as unknown as TypedDocumentString<GraphChangedSubscription, GraphChangedSubscriptionVariables>;
export const PathDocument = new TypedDocumentString(`
    query Path($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 4) {
    length
    nodes {
      id
    }
    hops {
      relation
      sources {
        article {
          id
        }
      }
    }
  }
}
    `, {"hash":"sha256:739313926cd1d24537a6dfd04e18f3ab90184ac9b412b7fb83bf64224d4b442a"}) as unknown as TypedDocumentString<PathQuery, PathQueryVariables>;
export const RoleAsOfDocument = new TypedDocumentString(`
    query RoleAsOf($person: ID!) {
  node(id: $person) {
    ... on Person {
      name
      roles(asOf: "2008-03-11") {
        title
        organization {
          id
          name
        }
      }
    }
  }
}
    `, {"hash":"sha256:0c34eb05ed9dd1e870afd54e7598b5882b1780a18f6cadfd5653a3f29b4e43cf"}) as unknown as TypedDocumentString<RoleAsOfQuery, RoleAsOfQueryVariables>;
export const SearchDocument = new TypedDocumentString(`
    query Search {
  search(text: "Blue Pill", first: 5) {
    id
    name
    __typename
  }
}
    `, {"hash":"sha256:61fe0ca7a7a91dcf9d8e4354867ab84fdd1a0969ce9e19c73d54c320536995a8"}) as unknown as TypedDocumentString<SearchQuery, SearchQueryVariables>;
export const StancesDocument = new TypedDocumentString(`
    query Stances($topic: ID!) {
  stanceSummary(topic: $topic) {
    stance
    count
  }
}
    `, {"hash":"sha256:696c5d6129d63d887860f0cc789137248f511f0561e59435b99394564faadb5a"}) as unknown as TypedDocumentString<StancesQuery, StancesQueryVariables>;
export const WhoDismissedDocument = new TypedDocumentString(`
    query WhoDismissed($topic: ID!) {
  claims(where: {about: $topic, stance: DISMISSES}, first: 20) {
    edges {
      cursor
      node {
        id
        statement
        stance
        speakers {
          id
          name
        }
        sources {
          quote
          article {
            id
            title
          }
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `, {"hash":"sha256:44fd9870f77f8db6284e0c78857ad5fd1bb57528e42420e5947ee97c5292a881"}) as unknown as TypedDocumentString<WhoDismissedQuery, WhoDismissedQueryVariables>;