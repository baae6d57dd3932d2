import { GraphQLError, GraphQLScalarType, type GraphQLResolveInfo, Kind } from 'graphql';
import { JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';
import { excerpt, MAX_ECHO, UserError } from '../model/errors.ts';
import type { ClaimWhere } from '../claims/claim-reader.ts';
import { firstReport } from '../claims/first-report.ts';
import { firstDay, lastDay, dateWithPrecision } from '../model/dates.ts';
import { MAX_HOPS } from '../graph/explore-reader.ts';
import type { ArticleWhere, EntityWhere } from '../graph/filters.ts';
import { type ListLabel, searchWords, type SortName } from '../graph/node-reader.ts';
import { badInput, checkRange, MAX_PAGE, toPage } from '../graph/paging.ts';
import {
  conflicting,
  factSources,
  holdsOn,
  type NodeRecord,
  type RelationRecord,
} from '../model/records.ts';
import type { Direction } from '../graph/relation-reader.ts';
import { FACT_TYPE_NAMES, type Stance } from '../model/vocabulary.ts';
import type { GraphQLContext } from './context.ts';
import type { ConnectionModel, StanceCountModel } from './models.ts';
import type { Resolvers } from './generated/resolvers-types.ts';
import { mutationResolvers } from './mutations.ts';
import { explainHop, hopSources, timelineSummary } from './explain.ts';
import {
  claimsRoot,
  listRoot,
  nodeRoot,
  nodesRoot,
  pathLengthRoot,
  pathsRoot,
  searchRoot,
  stanceSummaryRoot,
} from './compiled-roots.ts';
import { writeLogQuery } from './write-log-query.ts';
import { draftArticleQuery } from './draft-query.ts';
import type { GraphChange } from '../writelog/changes.ts';

type Ctx = GraphQLContext;

/**
 * A root field compiled into one statement (src/graphql/compiled-roots.ts) when the server
 * compiles and the selection allows (undefined: it did not); else resolved field by field.
 */
async function compiled<T>(
  ctx: Ctx,
  compile: () => Promise<T | undefined>,
  fieldByField: () => Promise<T> | T,
): Promise<T> {
  const value = ctx.compile ? await compile() : undefined;
  return value === undefined ? fieldByField() : value;
}

// ---------------------------------------------------------------------------------------------
// Loading nodes referred to by id: one batched query per level of the request.

async function load(ctx: Ctx, id: string): Promise<NodeRecord> {
  const node = await ctx.loaders.node.load(id);
  // A node read a moment ago by another query can vanish when an article is retracted meanwhile.
  if (!node) throw new UserError(`"${id}" is no longer in the graph.`, 'NOT_FOUND');
  return node;
}

async function loadAll(ctx: Ctx, ids: readonly string[]): Promise<NodeRecord[]> {
  const nodes = await ctx.loaders.node.loadMany(ids);
  return nodes.filter((n): n is NodeRecord => n !== null && !(n instanceof Error));
}

const maybe = (ctx: Ctx, id: string | null | undefined) =>
  id ? ctx.loaders.node.load(id) : Promise.resolve(null);

function ofType(
  ctx: Ctx,
  info: GraphQLResolveInfo,
  id: string,
  type: Exclude<NodeRecord['__typename'], undefined>,
) {
  return compiled(
    ctx,
    () => nodeRoot(ctx, info, id, type),
    async () => {
      const node = await ctx.loaders.node.load(id);
      return node?.__typename === type ? node : null;
    },
  );
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

// ---------------------------------------------------------------------------------------------
// Lists

function pageSize(first: number | null | undefined): number {
  return checkRange('first', first ?? 20, 1, MAX_PAGE);
}

async function listConnection(
  ctx: Ctx,
  info: GraphQLResolveInfo,
  label: ListLabel,
  args: {
    where?: EntityWhere | ArticleWhere | null;
    orderBy?: SortName | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<ConnectionModel> {
  const page = { first: pageSize(args.first), after: args.after ?? null };
  const query = { label, where: args.where, order: args.orderBy ?? 'NAME' };
  return compiled(
    ctx,
    () => listRoot(ctx, info, query, page),
    async () => {
      const reader = ctx.loaders.readers.nodes;
      const rows = await reader.page(query, page);
      return {
        ...toPage(query.order, rows, page),
        count: () => reader.count({ label, where: args.where }),
      };
    },
  );
}

const emptyConnection = (): ConnectionModel => ({
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  count: async () => 0,
});

/** Ids in a claim filter follow merge redirects (one batched lookup); an unknown id matches none. */
async function resolveClaimWhere(ctx: Ctx, where: ClaimWhere): Promise<ClaimWhere | null> {
  const fields = (['about', 'speaker', 'organization', 'event', 'reportedIn'] as const).filter(
    (field) => where[field] != null,
  );
  const nodes = await Promise.all(fields.map((field) => ctx.loaders.node.load(where[field]!)));
  if (nodes.some((node) => !node)) return null;
  return { ...where, ...Object.fromEntries(fields.map((field, i) => [field, nodes[i]!.id])) };
}

// ---------------------------------------------------------------------------------------------
// Paths

/** The ids a path runs between, after merge redirects; NOT_FOUND names an unknown end. */
async function pathEnds(ctx: Ctx, fromId: string, toId: string) {
  const [from, to] = await Promise.all([
    ctx.loaders.node.load(fromId),
    ctx.loaders.node.load(toId),
  ]);
  for (const [name, id, node] of [
    ['from', fromId, from],
    ['to', toId, to],
  ] as const) {
    if (!node) {
      throw new UserError(`${name}: no node "${id}" in the graph.`, 'NOT_FOUND');
    }
  }
  return { from: from!.id, to: to!.id };
}

// ---------------------------------------------------------------------------------------------
// Facts

/**
 * Sorts items by a property of a node they refer to (loaded in one batch), then by a tie-break:
 * sources by their article's publication, participations by their event's date.
 */
async function sortByNode<T>(
  ctx: Ctx,
  items: T[],
  nodeId: (item: T) => string,
  key: (node: NodeRecord) => string,
  tie: (item: T) => string,
): Promise<T[]> {
  const nodes = await loadAll(ctx, items.map(nodeId));
  const keys = new Map(nodes.map((n) => [n.id, key(n)]));
  const keyOf = (item: T) => keys.get(nodeId(item)) ?? '';
  return items.sort((a, b) => keyOf(a).localeCompare(keyOf(b)) || tie(a).localeCompare(tie(b)));
}

/** A fact's sources, oldest article first. */
const sourcesOf = (ctx: Ctx, relation: RelationRecord) =>
  sortByNode(
    ctx,
    factSources(relation),
    (s) => s.article,
    (a) => String(a.publishedDay ?? ''),
    (s) => s.article,
  );

const relationsOf = (ctx: Ctx, id: string, types: readonly string[], direction: Direction) =>
  ctx.loaders.relations.load({ id, types: [...types].sort(), direction });

/** The facts that contradict this one (same type, ends and role), through the relations loader. */
const conflictsOf = async (ctx: Ctx, relation: RelationRecord) =>
  (await relationsOf(ctx, relation.from, [relation.type], 'OUT')).filter((other) =>
    conflicting(relation, other),
  );

/** Participations in event date order (undated last), then by participant. */
const byEventDate = (ctx: Ctx, relations: RelationRecord[]) =>
  sortByNode(
    ctx,
    relations,
    (r) => r.to,
    (e) => String(e.startDateDay ?? '9999-12-31'),
    (r) => r.from,
  );

const claimsLinked = async (
  ctx: Ctx,
  id: string,
  link: 'ABOUT' | 'MADE' | 'AT_EVENT' | 'REPORTED_IN',
  stance?: Stance | null,
) => ctx.loaders.claimsLinked.load({ id, link, stance: stance ?? null });

// ---------------------------------------------------------------------------------------------

const entityFields = {
  aliases: (n: NodeRecord) => (n.aliases as string[] | undefined) ?? [],
  description: (n: NodeRecord) => str(n.description),
  relations: (
    n: NodeRecord,
    args: { types?: readonly string[] | null; direction?: Direction | null },
    ctx: Ctx,
  ) => relationsOf(ctx, n.id, args.types ?? FACT_TYPE_NAMES, args.direction ?? 'BOTH'),
  claimsAbout: (n: NodeRecord, args: { stance?: Stance | null }, ctx: Ctx) =>
    claimsLinked(ctx, n.id, 'ABOUT', args.stance),
  mentionedIn: async (n: NodeRecord, _args: unknown, ctx: Ctx) =>
    loadAll(ctx, await ctx.loaders.articlesMentioning.load(n.id)),
};

const kind = (n: NodeRecord) => str(n.kind);
const madeClaims = async (n: NodeRecord, _args: unknown, ctx: Ctx) =>
  (await claimsLinked(ctx, n.id, 'MADE')).map((c) => c.claim);
const participationsOf = async (n: NodeRecord, _args: unknown, ctx: Ctx) =>
  byEventDate(ctx, [...(await relationsOf(ctx, n.id, ['PARTICIPATED_IN'], 'OUT'))]);

/** A LocalDate is 10 characters (2008-03-11); graphql-scalars quotes a wrong value whole. */
const LOCAL_DATE_LENGTH = 10;
const notALocalDate = (value: string) =>
  new GraphQLError(`Value is not a valid LocalDate: ${excerpt(value)}`);

/** graphql-scalars' LocalDate, with a value too long to be a date refused by its start. */
const LocalDate = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  parseValue(value) {
    // graphql-scalars would quote a list or an object whole, as its text.
    if (typeof value !== 'string') {
      throw new GraphQLError(
        `Value is not a string: a LocalDate is a string such as "2008-03-11", not ${Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`}.`,
      );
    }
    if (value.length > LOCAL_DATE_LENGTH) throw notALocalDate(value);
    return LocalDateResolver.parseValue(value);
  },
  parseLiteral(ast, variables) {
    if (ast.kind === Kind.STRING && ast.value.length > LOCAL_DATE_LENGTH) {
      throw notALocalDate(ast.value);
    }
    return LocalDateResolver.parseLiteral(ast, variables);
  },
});

/**
 * `scalar` whose refusals quote what was sent as an excerpt. graphql-scalars writes the value
 * into its message as it came ("JSONObject cannot represent non-object value: <value>"), outside
 * any quotes, so a 1 MB string would come back whole; every scalar of the schema goes through this.
 */
function quotingShortly(scalar: GraphQLScalarType): GraphQLScalarType {
  const config = scalar.toConfig();
  const shortened = (error: unknown, value: unknown): unknown => {
    if (!(error instanceof Error)) return error;
    let message = error.message;
    for (const text of echoesOf(value)) message = message.split(text).join(excerpt(text));
    return message === error.message ? error : new GraphQLError(message);
  };
  return new GraphQLScalarType({
    ...config,
    parseValue(value) {
      try {
        return config.parseValue ? config.parseValue(value) : value;
      } catch (error) {
        throw shortened(error, value);
      }
    },
    parseLiteral(ast, variables) {
      try {
        return config.parseLiteral(ast, variables);
      } catch (error) {
        throw shortened(error, 'value' in ast ? ast.value : undefined);
      }
    },
  });
}

/** The forms in which a scalar may write `value` into its message, when too long to quote. */
function echoesOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const forms = new Set<string>([String(value)]);
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) forms.add(json);
  } catch {
    // A value JSON cannot write is not written by the scalar as JSON either.
  }
  return [...forms].filter((form) => form.length > MAX_ECHO).sort((a, b) => b.length - a.length);
}

export const resolvers: Resolvers = {
  LocalDate: quotingShortly(LocalDate),
  JSONObject: quotingShortly(JSONObjectResolver),

  Query: {
    about: (_parent, _args, { server, apiVersion, writable }) => ({
      apiVersion,
      neo4jVersion: server.version,
      database: server.database,
      writable,
    }),
    writeLog: writeLogQuery,
    draftArticle: draftArticleQuery,
    node: (_p, { id }, ctx, info) =>
      compiled(
        ctx,
        () => nodeRoot(ctx, info, id, null),
        () => ctx.loaders.node.load(id),
      ),
    nodes: async (_p, { ids }, ctx, info) => {
      if (ids.length > MAX_PAGE) throw badInput(`ids: at most ${MAX_PAGE} ids; got ${ids.length}.`);
      return compiled(
        ctx,
        () => nodesRoot(ctx, info, ids),
        async () =>
          (await ctx.loaders.node.loadMany(ids)).map((n) => (n instanceof Error ? null : n)),
      );
    },
    person: (_p, { id }, ctx, info) => ofType(ctx, info, id, 'Person'),
    organization: (_p, { id }, ctx, info) => ofType(ctx, info, id, 'Organization'),
    event: (_p, { id }, ctx, info) => ofType(ctx, info, id, 'Event'),
    place: (_p, { id }, ctx, info) => ofType(ctx, info, id, 'Place'),
    topic: (_p, { id }, ctx, info) => ofType(ctx, info, id, 'Topic'),
    article: (_p, { id }, ctx, info) => ofType(ctx, info, id, 'Article'),
    claim: (_p, { id }, ctx, info) => ofType(ctx, info, id, 'Claim'),
    people: (_p, args, ctx, info) => listConnection(ctx, info, 'Person', args),
    organizations: (_p, args, ctx, info) => listConnection(ctx, info, 'Organization', args),
    events: (_p, args, ctx, info) =>
      listConnection(ctx, info, 'Event', { ...args, orderBy: args.orderBy ?? 'START_DATE' }),
    places: (_p, args, ctx, info) => listConnection(ctx, info, 'Place', args),
    topics: (_p, args, ctx, info) => listConnection(ctx, info, 'Topic', args),
    articles: (_p, args, ctx, info) =>
      listConnection(ctx, info, 'Article', {
        ...args,
        orderBy: args.orderBy ?? 'PUBLISHED_DESC',
      }),

    search: (_p, { text, types, directOnly, first }, ctx, info) => {
      const args = [
        searchWords(text),
        types?.length ? types : (['Person', 'Organization', 'Event', 'Place', 'Topic'] as const),
        checkRange('first', first ?? 10, 1, MAX_PAGE),
        directOnly ?? false,
      ] as const;
      return compiled(
        ctx,
        () => searchRoot(ctx, info, ...args),
        () => ctx.loaders.readers.nodes.search(...args),
      );
    },

    claims: async (_p, args, ctx, info) => {
      const page = { first: pageSize(args.first), after: args.after ?? null };
      const order = args.orderBy ?? 'DATE';
      return compiled(
        ctx,
        () => claimsRoot(ctx, info, (args.where ?? {}) as ClaimWhere, order, page),
        async () => {
          const where = await resolveClaimWhere(ctx, (args.where ?? {}) as ClaimWhere);
          if (!where) return emptyConnection();
          const reader = ctx.loaders.readers.claims;
          const rows = await reader.page(where, order, page);
          return { ...toPage(order, rows, page), count: () => reader.count(where) };
        },
      );
    },

    paths: async (_p, args, ctx, info) => {
      const maxHops = checkRange('maxHops', args.maxHops ?? 4, 1, MAX_HOPS);
      const limit = checkRange('limit', args.limit ?? 10, 1, 50);
      return compiled(
        ctx,
        () => pathsRoot(ctx, info, args, maxHops, limit),
        async () => {
          const { from, to } = await pathEnds(ctx, args.from, args.to);
          if (from === to) return [];
          return ctx.loaders.readers.explore.paths(from, to, maxHops, limit);
        },
      );
    },

    pathLength: async (_p, args, ctx, info) => {
      const maxHops = checkRange('maxHops', args.maxHops ?? MAX_HOPS, 1, MAX_HOPS);
      return compiled(
        ctx,
        () => pathLengthRoot(ctx, info, args, maxHops),
        async () => {
          const { from, to } = await pathEnds(ctx, args.from, args.to);
          if (from === to) return 0;
          return ctx.loaders.readers.explore.pathLength(from, to, maxHops);
        },
      );
    },

    neighborhood: async (_p, args, ctx) => {
      const depth = checkRange('depth', args.depth ?? 1, 1, 3);
      const limit = checkRange('limit', args.limit ?? 100, 1, 500);
      const center = await ctx.loaders.node.load(args.id);
      if (!center) return null;
      return ctx.loaders.readers.explore.neighborhood(center.id, depth, limit);
    },

    timeline: async (_p, args, ctx) => {
      if (args.from && args.to && args.from > args.to) {
        throw badInput(`from (${args.from}) is after to (${args.to}).`);
      }
      const first = checkRange('first', args.first ?? 100, 1, 500);
      const node = await ctx.loaders.node.load(args.id);
      if (!node) return null;
      return ctx.loaders.readers.explore.timeline(
        node.id,
        args.from ?? null,
        args.to ?? null,
        first,
      );
    },

    singleSourced: async (_p, args, ctx) => {
      const first = checkRange('first', args.first ?? 100, 1, 500);
      let article: string | null = null;
      if (args.article != null) {
        const node = await ctx.loaders.node.load(args.article);
        if (node?.__typename !== 'Article') return { facts: [], claims: [] };
        article = node.id;
      }
      const { relations, claims } = ctx.loaders.readers;
      const [facts, claimNodes] = await Promise.all([
        relations.singleSourced(article, first),
        claims.singleSourced(article, first),
      ]);
      return { facts, claims: claimNodes };
    },

    stanceSummary: (_p, { topic }, ctx, info) =>
      compiled(
        ctx,
        () => stanceSummaryRoot(ctx, info, topic) as Promise<StanceCountModel[] | null | undefined>,
        async () => {
          const node = await ctx.loaders.node.load(topic);
          return node ? ctx.loaders.stanceSummary.load(node.id) : null;
        },
      ),
  },

  Mutation: mutationResolvers,

  Subscription: {
    // One feed per server (src/graphql/graph-changes.ts); each event is the field's value.
    graphChanged: {
      subscribe: (_p, _a, ctx) => ctx.changes.subscribe(),
      resolve: (change: GraphChange) => change,
    },
  },

  Node: { __resolveType: (n) => n.__typename },
  Entity: {
    __resolveType: (n) => n.__typename as 'Person' | 'Organization' | 'Event' | 'Place' | 'Topic',
  },

  Person: {
    ...entityFields,
    roles: async (n, { asOf }, ctx) =>
      (await relationsOf(ctx, n.id, ['WORKS_FOR'], 'OUT')).filter((r) => holdsOn(r, asOf)),
    claimsMade: madeClaims,
    participations: participationsOf,
  },
  Organization: {
    ...entityFields,
    kind,
    people: async (n, { asOf }, ctx) =>
      (await relationsOf(ctx, n.id, ['WORKS_FOR'], 'IN')).filter((r) => holdsOn(r, asOf)),
    claimsMade: madeClaims,
    participations: participationsOf,
  },
  Event: {
    ...entityFields,
    kind,
    startDate: (n) => str(n.startDate),
    endDate: (n) => str(n.endDate),
    participants: (n, _a, ctx) => relationsOf(ctx, n.id, ['PARTICIPATED_IN'], 'IN'),
    places: async (n, _a, ctx) =>
      loadAll(
        ctx,
        (await relationsOf(ctx, n.id, ['HELD_AT'], 'OUT')).map((r) => r.to),
      ),
    hosts: async (n, _a, ctx) =>
      loadAll(
        ctx,
        (await relationsOf(ctx, n.id, ['HOSTED'], 'IN')).map((r) => r.from),
      ),
    claims: async (n, _a, ctx) => (await claimsLinked(ctx, n.id, 'AT_EVENT')).map((c) => c.claim),
  },
  Place: { ...entityFields, kind },
  Topic: {
    ...entityFields,
    kind,
    stanceSummary: (n, _a, ctx) => ctx.loaders.stanceSummary.load(n.id),
  },
  Article: {
    title: (n) => String(n.title),
    url: (n) => str(n.url),
    publisher: (n) => str(n.publisher),
    author: (n) => str(n.author),
    language: (n) => str(n.language),
    published: (n) => str(n.published),
    text: (n) => str(n.text),
    claims: async (n, _a, ctx) =>
      (await claimsLinked(ctx, n.id, 'REPORTED_IN')).map((c) => c.claim),
    facts: (n, _a, ctx) => ctx.loaders.articleFacts.load(n.id),
    mentions: async (n, _a, ctx) => loadAll(ctx, await ctx.loaders.entitiesMentioned.load(n.id)),
  },

  PartialDate: {
    value: (d) => d,
    precision: (d) => dateWithPrecision(d).precision,
    firstDay: (d) => firstDay(d),
    lastDay: (d) => lastDay(d),
  },

  Claim: {
    statement: (c) => String(c.statement),
    stance: (c) => c.stance as Stance,
    date: (c) => str(c.date),
    speakers: async (c, _a, ctx) =>
      loadAll(
        ctx,
        (await ctx.loaders.claimDetails.load(c.id)).attributions.map((a) => a.speaker),
      ),
    attributions: async (c, _a, ctx) => (await ctx.loaders.claimDetails.load(c.id)).attributions,
    targets: async (c, _a, ctx) => (await ctx.loaders.claimDetails.load(c.id)).targets,
    event: async (c, _a, ctx) => maybe(ctx, (await ctx.loaders.claimDetails.load(c.id)).event),
    sources: async (c, _a, ctx) => (await ctx.loaders.claimDetails.load(c.id)).sources,
    firstReport: async (c, _a, ctx) => {
      const { sources } = await ctx.loaders.claimDetails.load(c.id);
      const articles = await loadAll(
        ctx,
        sources.map((s) => s.article),
      );
      const published = new Map(articles.map((a) => [a.id, str(a.published)]));
      return firstReport(sources, (s) => published.get(s.article) ?? null);
    },
  },
  FirstReport: {
    sources: (f) => f.sources,
    tie: (f) => f.tie,
  },
  Attribution: {
    speaker: (a, _args, ctx) => load(ctx, a.speaker),
    organization: (a, _args, ctx) => maybe(ctx, a.organization),
  },
  ClaimTarget: { entity: (t, _args, ctx) => load(ctx, t.entity) },
  Source: { article: (s, _args, ctx) => load(ctx, s.article) },

  Relation: {
    type: (r) => r.type as (typeof FACT_TYPE_NAMES)[number],
    from: (r, _a, ctx) => load(ctx, r.from),
    to: (r, _a, ctx) => load(ctx, r.to),
    role: (r) => r.props.role ?? null,
    validFrom: (r) => r.props.validFrom ?? null,
    validTo: (r) => r.props.validTo ?? null,
    date: (r) => r.props.date ?? null,
    representing: (r, _a, ctx) => maybe(ctx, r.props.representing),
    sources: (r, _a, ctx) => sourcesOf(ctx, r),
    conflicts: (r, _a, ctx) => conflictsOf(ctx, r),
  },
  Role: {
    person: (r, _a, ctx) => load(ctx, r.from),
    organization: (r, _a, ctx) => load(ctx, r.to),
    title: (r) => r.props.role ?? null,
    validFrom: (r) => r.props.validFrom ?? null,
    validTo: (r) => r.props.validTo ?? null,
    sources: (r, _a, ctx) => sourcesOf(ctx, r),
    conflicts: (r, _a, ctx) => conflictsOf(ctx, r),
  },
  Participation: {
    participant: (r, _a, ctx) => load(ctx, r.from),
    event: (r, _a, ctx) => load(ctx, r.to),
    role: (r) => r.props.role ?? null,
    representing: (r, _a, ctx) => maybe(ctx, r.props.representing),
    sources: (r, _a, ctx) => sourcesOf(ctx, r),
    conflicts: (r, _a, ctx) => conflictsOf(ctx, r),
  },

  Path: {
    length: (p) => p.relations.length,
    nodes: (p) => p.nodes,
    hops: (p) =>
      p.relations.map((relation, i) => ({ relation, reversed: relation.from !== p.nodes[i]?.id })),
  },
  Hop: {
    relation: (h) => h.relation.type as 'WORKS_FOR',
    from: (h, _a, ctx) => load(ctx, h.relation.from),
    to: (h, _a, ctx) => load(ctx, h.relation.to),
    reversed: (h) => h.reversed,
    role: (h) => h.relation.props.role ?? null,
    explanation: (h, _a, ctx) => explainHop(ctx, h.relation),
    sources: (h, _a, ctx) => hopSources(ctx, h.relation, sourcesOf),
  },

  Neighborhood: {
    center: (n) => n.nodes[0]!.node,
    nodes: (n) => n.nodes,
    edges: (n) => n.edges,
    truncated: (n) => n.truncated,
  },
  GraphNode: {
    id: (g) => g.node.id,
    type: (g) => g.node.__typename,
    label: (g) => String(g.node.name ?? g.node.title ?? g.node.statement ?? g.node.id),
    distance: (g) => g.distance,
    node: (g) => g.node,
  },
  GraphEdge: {
    id: (r) => [r.type, r.from, r.to, r.props.key ?? ''].join(':'),
    relation: (r) => r.type as 'WORKS_FOR',
    source: (r) => r.from,
    target: (r) => r.to,
    role: (r) => r.props.role ?? null,
    sourceArticles: async (r, _a, ctx) =>
      (await hopSources(ctx, r, async (_ctx, rel) => factSources(rel))).map((s) => s.article),
  },

  TimelineEntry: {
    date: (t) => t.date,
    kind: (t) => t.kind,
    summary: (t) => timelineSummary(t),
    node: (t) => t.node,
    relation: (t) => t.relation,
    sources: async (t, _a, ctx) => {
      if (t.relation) return sourcesOf(ctx, t.relation);
      if (t.node?.__typename === 'Claim') {
        return (await ctx.loaders.claimDetails.load(t.node.id)).sources;
      }
      if (!t.node) return [];
      const articles = await ctx.loaders.articlesMentioning.load(t.node.id);
      return articles.map((article) => ({ article, quote: null }));
    },
  },

  ImportArticlePayload: {
    status: (o) => o.status.toUpperCase() as 'CREATED' | 'UPDATED' | 'UNCHANGED',
    article: (o, _a, ctx) => load(ctx, o.articleId),
    entitiesCreated: (o) => o.entitiesCreated,
    entitiesMatched: (o) => o.entitiesMatched,
    entitiesRenamed: (o) => o.entitiesRenamed,
    facts: (o) => o.facts,
    claims: (o) => o.claims,
  },
  EntityMatch: {
    declaredAs: (m) => m.fileId,
    entity: (m, _a, ctx) => load(ctx, m.id),
    by: (m) => m.by.toUpperCase(),
  },

  PersonConnection: connectionFields(),
  OrganizationConnection: connectionFields(),
  EventConnection: connectionFields(),
  PlaceConnection: connectionFields(),
  TopicConnection: connectionFields(),
  ArticleConnection: connectionFields(),
  ClaimConnection: connectionFields(),
};

function connectionFields() {
  return { totalCount: (c: ConnectionModel) => c.count() };
}
