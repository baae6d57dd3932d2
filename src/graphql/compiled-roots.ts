import { type FieldNode, getNamedType, type GraphQLResolveInfo, isObjectType } from 'graphql';
import {
  CLAIM_ID_FILTERS,
  CLAIM_SORTS,
  type ClaimSort,
  claimFilter,
  type ClaimWhere,
} from '../claims/claim-reader.ts';
import { walkPattern } from '../graph/explore-reader.ts';
import { listCondition, type ListQuery, SORTS, searchQuery } from '../graph/node-reader.ts';
import { decodeCursor, keyset, type PageArgs, toPage } from '../graph/paging.ts';
import { UserError } from '../model/errors.ts';
import type { NodeRecord } from '../model/records.ts';
import { FACT_TYPE_NAMES, type EntityType } from '../model/vocabulary.ts';
import { type Compiled, Compiler } from './compiler.ts';
import type { GraphQLContext } from './context.ts';
import type { ConnectionModel, PathModel } from './models.ts';
import { PROJECTIONS } from './projections.ts';

/**
 * Root fields as one Cypher statement each: the root's own query (a node by id, a page of a
 * list, a search) with the compiled projection of everything selected under it. Each returns
 * undefined when the selection cannot be compiled (one response key standing for fields that
 * differ, across aliases): the caller then resolves it field by field, as before.
 */

type NodeType = EntityType | 'Article' | 'Claim';

/** A compiled object where a NodeRecord is expected: resolvers and __resolveType read it alike. */
const asRecord = (value: unknown) => value as NodeRecord | null;

/**
 * `n` bound to the node with an id, or to the node its merge redirect points at (or null),
 * keeping the variables in `carry`.
 */
function byId(c: Compiler, id: string, n: string, carry: readonly string[] = []): string {
  const [direct, moved, p] = [c.fresh('d'), c.fresh('m'), c.param(id)];
  return `OPTIONAL MATCH (${direct}:Node {id: ${p}})
    OPTIONAL MATCH (:Redirect {id: ${p}})-[:REDIRECTS_TO]->(${moved}:Node)
    WITH ${[...carry, `coalesce(${direct}, ${moved}) AS ${n}`].join(', ')}`;
}

/**
 * The two ends of a path, after merge redirects, and `body` run on them when both exist and
 * differ; NOT_FOUND names an unknown end, as the field-by-field resolver does.
 */
async function betweenEnds(
  ctx: GraphQLContext,
  c: Compiler,
  ends: { from: string; to: string },
  body: (a: string, b: string) => string,
): Promise<{ same: boolean; value: unknown }> {
  const [a, b] = [c.fresh('a'), c.fresh('b')];
  const [row] = await ctx.read(
    `${byId(c, ends.from, a)}
     ${byId(c, ends.to, b, [a])}
     CALL (${a}, ${b}) {
       WITH ${a}, ${b} WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND ${a} <> ${b}
       ${body(a, b)}
     }
     RETURN ${a} IS NOT NULL AS fromFound, ${b} IS NOT NULL AS toFound, ${a} = ${b} AS same, value`,
    c.params.values,
  );
  for (const end of ['from', 'to'] as const) {
    if (!row?.[`${end}Found`]) {
      throw new UserError(`${end}: no node "${ends[end]}" in the graph.`, 'NOT_FOUND');
    }
  }
  return { same: row!.same === true, value: row!.value };
}

/** paths(from, to): the shortest paths, by the ids along them, each projected. */
export async function pathsRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  ends: { from: string; to: string },
  maxHops: number,
  limit: number,
): Promise<PathModel[] | undefined> {
  const c = new Compiler(info, PROJECTIONS);
  const p = c.fresh('p');
  const object = c.object('Path', { p }, info.fieldNodes);
  if (!object) return undefined;
  const { value } = await betweenEnds(
    ctx,
    c,
    ends,
    (a, b) => `MATCH ${p} = ALL SHORTEST (${a})${walkPattern(maxHops)}(${b})
      WITH ${p} LIMIT toInteger(${c.param(limit)})
      WITH ${p} ORDER BY [x IN nodes(${p}) | x.id]
      RETURN collect(${object}) AS value`,
  );
  return (value ?? []) as PathModel[];
}

/** pathLength(from, to): the hops of a shortest path; 0 from a node to itself; null: none. */
export async function pathLengthRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  ends: { from: string; to: string },
  maxHops: number,
): Promise<number | null> {
  const c = new Compiler(info, PROJECTIONS);
  const p = c.fresh('p');
  const { same, value } = await betweenEnds(
    ctx,
    c,
    ends,
    (a, b) => `MATCH ${p} = SHORTEST 1 (${a})${walkPattern(maxHops)}(${b})
      RETURN min(length(${p})) AS value`,
  );
  return same ? 0 : value == null ? null : Number(value);
}

/** node(id), person(id), ...: the node (of that type), or null. */
export async function nodeRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  id: string,
  type: NodeType | null,
): Promise<NodeRecord | null | undefined> {
  const c = new Compiler(info, PROJECTIONS);
  const n = c.fresh('n');
  const object = c.object(getNamedType(info.returnType).name, { n }, info.fieldNodes, n);
  if (!object) return undefined;
  const [row] = await ctx.read(
    `${byId(c, id, n)}
     RETURN CASE WHEN ${n} IS NULL${type ? ` OR NOT ${n}:${type}` : ''} THEN null ELSE ${object} END AS value`,
    c.params.values,
  );
  return asRecord(row?.value ?? null);
}

/** nodes(ids): each id's node or null, in the order asked. */
export async function nodesRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  ids: readonly string[],
): Promise<(NodeRecord | null)[] | undefined> {
  const c = new Compiler(info, PROJECTIONS);
  const [i, n, d, m] = [c.fresh('i'), c.fresh('n'), c.fresh('d'), c.fresh('m')];
  const object = c.object('Node', { n }, info.fieldNodes, n);
  if (!object) return undefined;
  const p = c.param(ids);
  const rows = await ctx.read(
    `UNWIND range(0, size(${p}) - 1) AS ${i}
     OPTIONAL MATCH (${d}:Node {id: ${p}[${i}]})
     OPTIONAL MATCH (:Redirect {id: ${p}[${i}]})-[:REDIRECTS_TO]->(${m}:Node)
     WITH ${i}, coalesce(${d}, ${m}) AS ${n}
     RETURN ${i} AS i, CASE WHEN ${n} IS NULL THEN null ELSE ${object} END AS value`,
    c.params.values,
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), asRecord(r.value)]));
  return ids.map((_, index) => byIndex.get(index) ?? null);
}

/** stanceSummary(topic): how the claims about a node divide by stance; null for no node. */
export async function stanceSummaryRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  topic: string,
): Promise<unknown[] | null | undefined> {
  const c = new Compiler(info, PROJECTIONS);
  const n = c.fresh('n');
  const summary = PROJECTIONS.Topic!.fields.stanceSummary!(
    c,
    { n },
    { name: 'stanceSummary', args: {}, nodes: info.fieldNodes },
  );
  if (!summary) return undefined;
  const [row] = await ctx.read(
    `${byId(c, topic, n)}
     RETURN CASE WHEN ${n} IS NULL THEN null ELSE ${summary} END AS value`,
    c.params.values,
  );
  return (row?.value as unknown[] | null) ?? null;
}

/** search(...): direct matches best first, then (unless directOnly) their neighbours. */
export async function searchRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  words: readonly string[],
  types: readonly EntityType[],
  first: number,
  directOnly: boolean,
): Promise<NodeRecord[] | undefined> {
  const c = new Compiler(info, PROJECTIONS);
  const x = c.fresh('x');
  const object = c.object('Entity', { n: x }, info.fieldNodes, x);
  if (!object) return undefined;
  const [lucene, typeList, limit] = [c.param(searchQuery(words)), c.param(types), c.param(first)];
  // As nodeReader.search, in one statement: the neighbours of the three best matches, ranked by
  // the match they hang from, fill the page when direct matches do not.
  const rows = await ctx.read(
    `CALL () {
       CALL db.index.fulltext.queryNodes('entity_names_fulltext', ${lucene}) YIELD node, score
       WHERE NOT node:Article AND any(l IN labels(node) WHERE l IN ${typeList})
       WITH node, score ORDER BY score DESC, node.id LIMIT toInteger(${limit})
       RETURN collect(node) AS hits
     }
     CALL (hits) {
       WITH hits WHERE NOT ${c.param(directOnly)} AND 0 < size(hits) < ${limit}
       UNWIND range(0, size(hits[..3]) - 1) AS rank
       WITH hits, rank, hits[rank] AS hit
       MATCH (hit)-[:${FACT_TYPE_NAMES.join('|')}]-(o:Node)
       WHERE NOT o IN hits AND any(l IN labels(o) WHERE l IN ${typeList})
       WITH hits, o, min(rank) AS rank
       ORDER BY rank, o.name, o.id
       LIMIT toInteger(${limit})
       RETURN collect(o) AS related
     }
     UNWIND hits + related[..(${limit} - size(hits))] AS ${x}
     RETURN ${object} AS value`,
    c.params.values,
  );
  return rows.map((r) => r.value as NodeRecord);
}

/** The `node` selections under a connection's `edges`, and whether totalCount is asked. */
function connectionSelection(c: Compiler, info: GraphQLResolveInfo) {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return null;
  const fields = c.fields(connection, info.fieldNodes);
  const edgeType = getNamedType(connection.getFields().edges!.type);
  if (!fields || !isObjectType(edgeType)) return null;
  const nodes: FieldNode[] = [];
  for (const field of fields.values()) {
    if (field.name !== 'edges') continue;
    const edgeFields = c.fields(edgeType, field.nodes);
    if (!edgeFields) return null;
    for (const edge of edgeFields.values()) if (edge.name === 'node') nodes.push(...edge.nodes);
  }
  const nodeType = getNamedType(edgeType.getFields().node!.type).name;
  return { nodes, nodeType, count: [...fields.values()].some((f) => f.name === 'totalCount') };
}

interface PageQuery {
  /** Cypher before the page: binds variables the match uses (none by default). */
  prelude?: string;
  /** Those variables, imported into the page's subqueries. */
  imports?: string[];
  match: string;
  where: string;
  /** Claims can match a row per target: keep each once. */
  distinct?: boolean;
  sort: { key: string; descending: boolean };
  order: string;
  variable: string;
}

/**
 * A page of a list (with its count when asked) in one statement, as a connection. `build` states
 * the list's query, its parameters taken on the compiler the page's projection then shares.
 */
async function pageRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  page: PageArgs,
  build: (c: Compiler) => PageQuery,
): Promise<ConnectionModel | undefined> {
  const c = new Compiler(info, PROJECTIONS);
  const query: Required<PageQuery> = { prelude: '', imports: [], distinct: false, ...build(c) };
  const selection = connectionSelection(c, info);
  if (!selection) return undefined;
  const v = query.variable;
  const object = selection.nodes.length
    ? c.object(selection.nodeType, { n: v }, selection.nodes, v)
    : `{__c: {}}`;
  if (!object) return undefined;
  const cursor = page.after ? decodeCursor(query.order, page.after) : null;
  const sort = keyset(query.sort, v, cursor !== null);
  Object.assign(c.params.values, {
    afterKey: cursor?.key ?? null,
    afterId: cursor?.id ?? null,
    limit: page.first + 1,
  });
  const imports = query.imports.join(', ');
  const distinct = query.distinct ? `WITH DISTINCT ${v}` : '';
  const count = selection.count
    ? `CALL (${imports}) {
         ${query.match} WHERE ${query.where} RETURN count(DISTINCT ${v}) AS count
       }`
    : 'WITH rows, null AS count';
  const [row] = await ctx.read(
    `${query.prelude}
     CALL (${imports}) {
       ${query.match}
       WHERE ${query.where} AND ${sort.after}
       ${distinct}
       WITH ${v}, ${sort.sortKey} AS sortKey
       ORDER BY ${sort.orderBy}
       LIMIT toInteger($limit)
       RETURN collect({id: ${v}.id, sortKey: sortKey, node: ${object}}) AS rows
     }
     ${count}
     RETURN rows, count`,
    c.params.values,
  );
  const rows = (row?.rows ?? []) as { id: string; sortKey: string; node: Compiled }[];
  const total = Number(row?.count ?? 0);
  return {
    ...toPage(
      query.order,
      rows.map((r) => ({
        node: { ...r.node, id: r.id } as unknown as NodeRecord,
        sortKey: r.sortKey,
      })),
      page,
    ),
    count: () => Promise.resolve(total),
  };
}

/** people, organizations, events, places, topics, articles: one page. */
export function listRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  query: ListQuery,
  page: PageArgs,
): Promise<ConnectionModel | undefined> {
  return pageRoot(ctx, info, page, (c) => ({
    // The label comes from a closed list (the GraphQL enum), never from free text.
    match: `MATCH (n:${query.label}:Node)`,
    where: listCondition(query, c.params),
    sort: SORTS[query.order],
    order: query.order,
    variable: 'n',
  }));
}

/** claims(where, ...): one page; ids in the filter follow merge redirects in the same statement. */
export function claimsRoot(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  where: ClaimWhere,
  order: ClaimSort,
  page: PageArgs,
): Promise<ConnectionModel | undefined> {
  return pageRoot(ctx, info, page, (c) => {
    const resolved = new Map<string, string>();
    const bindings: string[] = [];
    for (const field of CLAIM_ID_FILTERS) {
      const id = where[field];
      if (id == null) continue;
      const [v, p] = [`id_${field}`, c.param(id)];
      resolved.set(field, v);
      // An unknown id resolves to null, which no node has: the page is empty.
      bindings.push(
        `coalesce(head(COLLECT { MATCH (x:Node {id: ${p}}) RETURN x.id }),
         head(COLLECT { MATCH (:Redirect {id: ${p}})-[:REDIRECTS_TO]->(x:Node) RETURN x.id })) AS ${v}`,
      );
    }
    const filter = claimFilter(where, c.params, (field) => resolved.get(field)!);
    return {
      prelude: bindings.length ? `WITH ${bindings.join(', ')}` : '',
      imports: [...resolved.values()],
      match: filter.match,
      where: filter.where,
      distinct: true,
      sort: CLAIM_SORTS[order],
      order,
      variable: 'c',
    };
  });
}
