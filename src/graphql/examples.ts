import { parse, print, stripIgnoredCharacters } from 'graphql';

/**
 * The operations GraphiQL opens with, one tab each, the first one "who dismissed Blue Pill?".
 * They are the acceptance operations of the API, run by the tests as written here.
 */
export interface Example {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const EXAMPLES: readonly Example[] = [
  {
    name: 'WhoDismissed',
    query: `# Who dismissed Blue Pill? Claims about a topic with a stance, their speakers and sources.
query WhoDismissed($topic: ID!) {
  claims(where: { about: $topic, stance: DISMISSES }, first: 20) {
    edges { cursor node { id statement stance speakers { id name } sources { quote article { id title } } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { topic: 'blue-pill' },
  },
  {
    name: 'Search',
    query: `# Full-text search over names and aliases, best match first.
query Search { search(text: "Blue Pill", first: 5) { id name __typename } }`,
  },
  {
    name: 'Stances',
    query: `# How the claims about a topic divide by stance.
query Stances($topic: ID!) { stanceSummary(topic: $topic) { stance count } }`,
    variables: { topic: 'blue-pill' },
  },
  {
    name: 'RoleAsOf',
    query: `# What was Simon Crosby's role, and where, as of 11 March 2008?
query RoleAsOf($person: ID!) {
  node(id: $person) { ... on Person { name roles(asOf: "2008-03-11") { title organization { id name } } } }
}`,
    variables: { person: 'simon-crosby' },
  },
  {
    name: 'Path',
    query: `# How is Joanna Rutkowska connected to Citrix? Shortest paths, hop by hop, with sources.
query Path($from: ID!, $to: ID!) {
  paths(from: $from, to: $to, maxHops: 4) { length nodes { id } hops { relation sources { article { id } } } }
}`,
    variables: { from: 'joanna-rutkowska', to: 'citrix' },
  },
  {
    name: 'ArticleAsserts',
    query: `# What does this article assert?
query ArticleAsserts($id: ID!) { node(id: $id) { ... on Article { title claims { id statement } } } }`,
    variables: { id: 'article-n-square-dinner-2008' },
  },
];

/** The operation of an example without its leading comment line. */
export const operationOf = (example: Example) => example.query.replace(/^#.*\n/, '');

/**
 * An example as GraphiQL sends it when its tab is run: Yoga's GraphiQL parses the editor's text
 * and sends it printed, without comments and ignored characters (@graphql-tools/executor-http's
 * default print). The trusted documents list this text too, so that GraphiQL runs its examples
 * when the server runs listed documents only.
 */
export const asGraphiQLSendsIt = (example: Example) =>
  stripIgnoredCharacters(print(parse(example.query)));
