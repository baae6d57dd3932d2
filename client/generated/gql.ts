/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ArticleAsserts($id: ID!) {\n  node(id: $id) {\n    ... on Article {\n      title\n      claims {\n        id\n        statement\n      }\n    }\n  }\n}": typeof types.ArticleAssertsDocument,
    "subscription GraphChanged {\n  graphChanged {\n    version\n    articles {\n      id\n      status\n    }\n    merges {\n      keptId\n      removedId\n    }\n  }\n}": typeof types.GraphChangedDocument,
    "query Path($from: ID!, $to: ID!) {\n  paths(from: $from, to: $to, maxHops: 4) {\n    length\n    nodes {\n      id\n    }\n    hops {\n      relation\n      sources {\n        article {\n          id\n        }\n      }\n    }\n  }\n}": typeof types.PathDocument,
    "query RoleAsOf($person: ID!) {\n  node(id: $person) {\n    ... on Person {\n      name\n      roles(asOf: \"2008-03-11\") {\n        title\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n}": typeof types.RoleAsOfDocument,
    "query Search {\n  search(text: \"Blue Pill\", first: 5) {\n    id\n    name\n    __typename\n  }\n}": typeof types.SearchDocument,
    "query Stances($topic: ID!) {\n  stanceSummary(topic: $topic) {\n    stance\n    count\n  }\n}": typeof types.StancesDocument,
    "query WhoDismissed($topic: ID!) {\n  claims(where: {about: $topic, stance: DISMISSES}, first: 20) {\n    edges {\n      cursor\n      node {\n        id\n        statement\n        stance\n        speakers {\n          id\n          name\n        }\n        sources {\n          quote\n          article {\n            id\n            title\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.WhoDismissedDocument,
};
const documents: Documents = {
    "query ArticleAsserts($id: ID!) {\n  node(id: $id) {\n    ... on Article {\n      title\n      claims {\n        id\n        statement\n      }\n    }\n  }\n}": types.ArticleAssertsDocument,
    "subscription GraphChanged {\n  graphChanged {\n    version\n    articles {\n      id\n      status\n    }\n    merges {\n      keptId\n      removedId\n    }\n  }\n}": types.GraphChangedDocument,
    "query Path($from: ID!, $to: ID!) {\n  paths(from: $from, to: $to, maxHops: 4) {\n    length\n    nodes {\n      id\n    }\n    hops {\n      relation\n      sources {\n        article {\n          id\n        }\n      }\n    }\n  }\n}": types.PathDocument,
    "query RoleAsOf($person: ID!) {\n  node(id: $person) {\n    ... on Person {\n      name\n      roles(asOf: \"2008-03-11\") {\n        title\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n}": types.RoleAsOfDocument,
    "query Search {\n  search(text: \"Blue Pill\", first: 5) {\n    id\n    name\n    __typename\n  }\n}": types.SearchDocument,
    "query Stances($topic: ID!) {\n  stanceSummary(topic: $topic) {\n    stance\n    count\n  }\n}": types.StancesDocument,
    "query WhoDismissed($topic: ID!) {\n  claims(where: {about: $topic, stance: DISMISSES}, first: 20) {\n    edges {\n      cursor\n      node {\n        id\n        statement\n        stance\n        speakers {\n          id\n          name\n        }\n        sources {\n          quote\n          article {\n            id\n            title\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.WhoDismissedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ArticleAsserts($id: ID!) {\n  node(id: $id) {\n    ... on Article {\n      title\n      claims {\n        id\n        statement\n      }\n    }\n  }\n}"): typeof import('./graphql').ArticleAssertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription GraphChanged {\n  graphChanged {\n    version\n    articles {\n      id\n      status\n    }\n    merges {\n      keptId\n      removedId\n    }\n  }\n}"): typeof import('./graphql').GraphChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Path($from: ID!, $to: ID!) {\n  paths(from: $from, to: $to, maxHops: 4) {\n    length\n    nodes {\n      id\n    }\n    hops {\n      relation\n      sources {\n        article {\n          id\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').PathDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RoleAsOf($person: ID!) {\n  node(id: $person) {\n    ... on Person {\n      name\n      roles(asOf: \"2008-03-11\") {\n        title\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql').RoleAsOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Search {\n  search(text: \"Blue Pill\", first: 5) {\n    id\n    name\n    __typename\n  }\n}"): typeof import('./graphql').SearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Stances($topic: ID!) {\n  stanceSummary(topic: $topic) {\n    stance\n    count\n  }\n}"): typeof import('./graphql').StancesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WhoDismissed($topic: ID!) {\n  claims(where: {about: $topic, stance: DISMISSES}, first: 20) {\n    edges {\n      cursor\n      node {\n        id\n        statement\n        stance\n        speakers {\n          id\n          name\n        }\n        sources {\n          quote\n          article {\n            id\n            title\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): typeof import('./graphql').WhoDismissedDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
