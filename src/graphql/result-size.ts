import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../model/errors.ts';
import { STANCE_NAMES } from '../model/vocabulary.ts';
import { LIMITS } from './limits.ts';
import { MOST_WRITES_PER_READ } from '../writelog/changes.ts';
import { DRAFT_LIST_LIMITS } from './draft-query.ts';

/**
 * The most values one response may hold, as estimated before it runs: each field counts one, and
 * a list counts its fields as many times as it may have items (its `first` or `limit`, whatever
 * the graph holds). GitHub's API bounds its responses the same way (500,000 nodes).
 */
export const MAX_RESULT_VALUES = LIMITS.values;

/**
 * How many items a list without `first` or `limit` may hold. Each entry is bounded by something
 * other than an argument of its own; a list of objects missing here and from the arguments is
 * refused by `listBound` (and by the test that walks the schema), so a new unbounded list cannot
 * slip in unnoticed.
 */
const BOUNDED_ELSEWHERE: Record<string, (args: Record<string, unknown>) => number> = {
  // `nodes(ids:)` answers one item per id.
  'Query.nodes': (args) => (Array.isArray(args.ids) ? args.ids.length : 1),
  // A connection's page: its size is counted at the connection (`first`).
  ...Object.fromEntries(
    ['Person', 'Organization', 'Event', 'Place', 'Topic', 'Article', 'Claim', 'WriteLog'].map(
      (t) => [`${t}Connection.edges`, () => 1],
    ),
  ),
  // The items of `singleSourced(first:)` and `neighborhood(limit:)`, counted there.
  'SingleSourced.facts': () => 1,
  'SingleSourced.claims': () => 1,
  'Neighborhood.nodes': () => 1,
  'Neighborhood.edges': () => 1,
  // A path has at most 6 hops (`maxHops`), so 7 nodes.
  'Path.nodes': () => 7,
  'Path.hops': () => 6,
  // The reports tied for a claim's first: counted as a page of sources.
  'FirstReport.sources': () => 100,
  // One count per stance.
  'Query.stanceSummary': () => STANCE_NAMES.length,
  'Topic.stanceSummary': () => STANCE_NAMES.length,
  // What one imported article matched or renamed: counted as a page.
  'ImportArticlePayload.entitiesMatched': () => 100,
  'ImportArticlePayload.entitiesRenamed': () => 100,
  // An event of `graphChanged`: the writes one read of the feed covers (src/writelog/changes.ts).
  // Subscriptions are not estimated at execution; the bound is for the walk over the schema.
  'GraphChange.articles': () => MOST_WRITES_PER_READ,
  'GraphChange.merges': () => MOST_WRITES_PER_READ,
  // A draft's proposals, cut to these numbers by its resolver (src/graphql/draft-query.ts).
  ...Object.fromEntries(Object.entries(DRAFT_LIST_LIMITS).map(([field, n]) => [field, () => n])),
};

/** The largest `first` any list takes: what a list with no known bound is counted as. */
const MAX_LIST = 500;

/**
 * How many items a field may hold, from its `first` or `limit` argument (its default when absent
 * or null), or from BOUNDED_ELSEWHERE for a list without one; 1 for a list of scalars; undefined
 * for a field that is not a list and has no such argument, or a list of objects with no known
 * bound (the schema test fails for it; a request counts it as MAX_LIST).
 */
export function listBound(
  parentType: string,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number | undefined {
  const page = field.args.find((a) => a.name === 'first' || a.name === 'limit');
  if (page) {
    // An explicit null means the default, as the resolvers read it.
    const size = args[page.name] ?? page.defaultValue;
    return typeof size === 'number' ? size : MAX_LIST;
  }
  const type = getNullableType(field.type);
  if (!isListType(type)) return undefined;
  if (!isCompositeType(getNamedType(type))) return 1;
  return BOUNDED_ELSEWHERE[`${parentType}.${field.name}`]?.(args);
}

/**
 * A field costs one, plus its selection once per item it may hold. A field with `first` or
 * `limit` that answers an object (`claims(first:)` answering a connection) multiplies like a
 * list: its `edges` then count once.
 */
function estimate({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  // The schema's description of itself (`__schema`, `__type`) is as large as the schema, which
  // is small: counted as 500 items a list, the query GraphiQL and codegen send was refused.
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 1 + childComplexity;
  const items =
    listBound(type.name, field, args) ?? (isListType(getNullableType(field.type)) ? MAX_LIST : 1);
  return 1 + childComplexity * Math.max(items, 0);
}

/** The estimated number of values a request's response may hold. */
export function resultSize(
  schema: GraphQLSchema,
  request: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  return getComplexity({
    schema,
    query: request,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [estimate],
  });
}

/**
 * Refuses, before anything runs, a request whose lists could hold more than MAX_RESULT_VALUES
 * values together: 30 aliases of an article's 500 mentions, each with its 500 articles, would
 * otherwise answer millions of values to a 2 KB request. Depth, aliases, directives and tokens
 * are graphql-armor's (limits.ts); this bound is the one that knows what a list may hold.
 */
export function resultSizePlugin(max = MAX_RESULT_VALUES): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let size: number;
      try {
        size = resultSize(
          args.schema,
          args.document,
          args.variableValues ?? undefined,
          args.operationName ?? undefined,
        );
      } catch {
        // Variables that do not fit the operation: execution reports them, with their path.
        return;
      }
      if (size <= max) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `This request could answer up to ${size.toLocaleString('en-US')} values, over the ` +
              `limit of ${max.toLocaleString('en-US')}: ask for fewer items with \`first\` ` +
              '(or `limit`) on its lists, or split it.',
            { extensions: { code: 'QUERY_TOO_COSTLY' satisfies ErrorCode, http: { status: 400 } } },
          ),
        ],
      });
    },
  };
}
