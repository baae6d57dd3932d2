import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, stripIgnoredCharacters } from 'graphql';
import { projectRoot } from '../config.ts';

/**
 * The operations GraphiQL opens with, one tab each, the first one "who dismissed Blue Pill?".
 * They are the acceptance operations of the API, run by the tests as written in
 * operations/examples/, the one place their text lives: the trusted documents list them, and
 * graphql-codegen's client preset types them for front ends (client/generated/).
 */
export interface Example {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** Where the examples live, one operation per file: GraphiQL, the tests and the typed client read them. */
export const EXAMPLES_DIR = path.join(projectRoot, 'operations', 'examples');

/** An example by the name of its file (and of its operation), with the variables its tab opens with. */
const example = (name: string, variables?: Record<string, unknown>): Example => ({
  name,
  query: readFileSync(path.join(EXAMPLES_DIR, `${name}.graphql`), 'utf8'),
  ...(variables ? { variables } : {}),
});

/** The queries, in the order of GraphiQL's tabs. */
export const EXAMPLES: readonly Example[] = [
  example('WhoDismissed', { topic: 'blue-pill' }),
  example('Search'),
  example('Stances', { topic: 'blue-pill' }),
  example('RoleAsOf', { person: 'simon-crosby' }),
  example('Path', { from: 'joanna-rutkowska', to: 'citrix' }),
  example('ArticleAsserts', { id: 'article-n-square-dinner-2008' }),
];

/**
 * The subscription's example: its first event comes at once (where the graph stands), so Run in
 * GraphiQL shows data, then one event per change until Stop.
 */
export const SUBSCRIPTION_EXAMPLE: Example = example('GraphChanged');

/** GraphiQL's tabs: the queries, then the subscription. */
export const GRAPHIQL_TABS: readonly Example[] = [...EXAMPLES, SUBSCRIPTION_EXAMPLE];

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
