import type { Database } from '../db/database.ts';
import { FACT_TYPE_NAMES, type EntityType } from '../model/vocabulary.ts';
import {
  articleCondition,
  type ArticleWhere,
  entityCondition,
  type EntityWhere,
  Params,
} from './filters.ts';
import { excerpt } from '../model/errors.ts';
import { badInput, decodeCursor, keyset, type PageArgs, type SortSpec } from './paging.ts';
import { type NodeRecord, nodeRecord } from '../model/records.ts';

/** How lists of entities and articles can be sorted: each a key expression over `n`. */
export const SORTS = {
  NAME: { key: 'n.name', descending: false, indexed: true },
  // Read in order from the unique index on :Node(id): list queries match `n:<Label>:Node`.
  ID: { key: 'n.id', descending: false, indexed: true },
  TITLE: { key: 'n.title', descending: false, indexed: true },
  // Undated rows go last in both directions.
  START_DATE: { key: "coalesce(n.startDateDay, '9999-12-31')", descending: false },
  START_DATE_DESC: { key: "coalesce(n.startDateDay, '')", descending: true },
  // Every article has a publication date (the import format requires one).
  PUBLISHED: { key: 'n.publishedDay', descending: false, indexed: true },
  PUBLISHED_DESC: { key: 'n.publishedDay', descending: true, indexed: true },
} as const satisfies Record<string, SortSpec>;
export type SortName = keyof typeof SORTS;

export type ListLabel = EntityType | 'Article';

export interface ListQuery {
  label: ListLabel;
  where?: EntityWhere | ArticleWhere | null;
  order: SortName;
}

/** The WHERE condition of a list's filter over `n`. */
export const listCondition = (query: Omit<ListQuery, 'order'>, params: Params) =>
  query.label === 'Article'
    ? articleCondition('n', query.where as ArticleWhere, params)
    : entityCondition('n', query.where as EntityWhere, params);

/**
 * The longest word a search takes. Lucene refuses a prefix query past about 1,000 characters
 * ("input automaton is too large"), and its index cuts names into words of at most 255: no name
 * has a word near this long, so a longer one can only be a mistake or an attack.
 */
export const MAX_SEARCH_WORD = 100;

/** The words of a search's text: letters and digits, lowercase; 1 to 10 of them, none too long. */
export function searchWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  if (words.length === 0) throw badInput('text: give at least one word to search for.');
  if (words.length > 10) throw badInput(`text: at most 10 words; got ${words.length}.`);
  const long = words.find((w) => w.length > MAX_SEARCH_WORD);
  if (long) {
    throw badInput(
      `text: a word is at most ${MAX_SEARCH_WORD} characters; got one of ${long.length} ("${excerpt(long, 20)}").`,
    );
  }
  return words;
}

/**
 * The Lucene query of a search: words are letters and digits only (no Lucene syntax), each
 * matching exactly (ranked first), as a prefix, or, from five letters on, with one typo.
 */
export const searchQuery = (words: readonly string[]) =>
  words.map((w) => `(${w}^3 OR ${w}*${w.length >= 5 ? ` OR ${w}~1` : ''})`).join(' AND ');

/** Reads nodes: by id (following merge redirects), in keyset pages, and by full-text search. */
export function nodeReader(db: Database) {
  const condition = listCondition;

  return {
    /* nodesByIds: each id's node, or the node its redirect points at; absent ids are left out. */
    async byIds(ids: readonly string[]): Promise<Map<string, NodeRecord>> {
      const rows = await db.read(
        `UNWIND $ids AS id
         OPTIONAL MATCH (n:Node {id: id})
         OPTIONAL MATCH (:Redirect {id: id})-[:REDIRECTS_TO]->(t:Node)
         WITH id, coalesce(n, t) AS found
         WHERE found IS NOT NULL
         RETURN id, ${nodeRecord('found')} AS node`,
        { ids: [...new Set(ids)] },
      );
      return new Map(rows.map((r) => [String(r.id), r.node as NodeRecord]));
    },

    /* listPage: one page of a type's nodes, filtered, sorted, after a cursor; first + 1 rows. */
    async page(query: ListQuery, args: PageArgs) {
      const params = new Params();
      const where = condition(query, params);
      const cursor = args.after ? decodeCursor(query.order, args.after) : null;
      const sort = keyset(SORTS[query.order], 'n', cursor !== null);
      // The label comes from a closed list (the GraphQL enum), never from free text.
      const rows = await db.read(
        `MATCH (n:${query.label}:Node)
         WHERE ${where} AND ${sort.after}
         WITH n, ${sort.sortKey} AS sortKey
         ORDER BY ${sort.orderBy}
         LIMIT toInteger($limit)
         RETURN ${nodeRecord('n')} AS node, sortKey`,
        {
          ...params.values,
          afterKey: cursor?.key ?? null,
          afterId: cursor?.id ?? null,
          limit: args.first + 1,
        },
      );
      return rows as unknown as { node: NodeRecord; sortKey: string }[];
    },

    /* listCount: how many nodes a filter matches. */
    async count(query: Omit<ListQuery, 'order'>): Promise<number> {
      const params = new Params();
      const [row] = await db.read(
        `MATCH (n:${query.label}) WHERE ${condition(query, params)} RETURN count(n) AS count`,
        params.values,
      );
      return Number(row?.count ?? 0);
    },

    /**
     * searchEntities: full-text matches over names and aliases, best first; then, unless
     * `directOnly`, the entities one fact away from the best matches, ranked by the match they
     * hang from.
     */
    async search(
      words: readonly string[],
      types: readonly EntityType[],
      first: number,
      directOnly: boolean,
    ): Promise<NodeRecord[]> {
      const lucene = searchQuery(words);
      const direct = await db.read(
        `CALL db.index.fulltext.queryNodes('entity_names_fulltext', $lucene) YIELD node, score
         WHERE NOT node:Article AND any(l IN labels(node) WHERE l IN $types)
         WITH node, score ORDER BY score DESC, node.id LIMIT toInteger($first)
         RETURN ${nodeRecord('node')} AS node`,
        { lucene, types, first },
      );
      const hits = direct.map((r) => r.node as NodeRecord);
      if (directOnly || hits.length >= first || hits.length === 0) return hits;
      const related = await db.read(
        `UNWIND range(0, size($ids) - 1) AS rank
         MATCH (m:Node {id: $ids[rank]})-[r]-(o:Node)
         WHERE type(r) IN $factTypes AND NOT o.id IN $exclude
           AND any(l IN labels(o) WHERE l IN $types)
         WITH o, min(rank) AS rank
         ORDER BY rank, o.name, o.id
         LIMIT toInteger($rest)
         RETURN ${nodeRecord('o')} AS node`,
        {
          ids: hits.map((h) => h.id).slice(0, 3),
          exclude: hits.map((h) => h.id),
          factTypes: FACT_TYPE_NAMES,
          types,
          rest: first - hits.length,
        },
      );
      const seen = new Set(hits.map((h) => h.id));
      return [...hits, ...related.map((r) => r.node as NodeRecord).filter((n) => !seen.has(n.id))];
    },
  };
}

export type NodeReader = ReturnType<typeof nodeReader>;
