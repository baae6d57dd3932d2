import { excerpt, UserError } from '../model/errors.ts';

/**
 * Keyset pagination: a page is "the rows after this (sort key, id), in this order", so the
 * database seeks instead of skipping, and a row inserted while a client walks the pages neither
 * repeats nor hides another one. A cursor is opaque to clients: base64url of [order, key, id].
 */

export interface PageArgs {
  first: number;
  after?: string | null;
}

export interface Cursor {
  key: string;
  id: string;
}

export const MAX_PAGE = 100;

export function badInput(message: string): UserError {
  return new UserError(message, 'BAD_USER_INPUT');
}

/** Checks that an integer argument lies in its range, naming it in the error. */
export function checkRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`${name} must be an integer from ${min} to ${max}; got ${value}.`);
  }
  return value;
}

export function encodeCursor(order: string, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([order, cursor.key, cursor.id])).toString('base64url');
}

/** The position a cursor marks, or a BAD_USER_INPUT error when it is not one of this list's. */
export function decodeCursor(order: string, text: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !parsed.every((part) => typeof part === 'string')
  ) {
    throw badInput(
      `after: "${excerpt(text)}" is not a cursor; pass the endCursor of the previous page.`,
    );
  }
  const [cursorOrder, key, id] = parsed as [string, string, string];
  if (cursorOrder !== order) {
    throw badInput(
      `after: the cursor comes from a list sorted by ${excerpt(cursorOrder)}, not ${order}; ask again with the same orderBy.`,
    );
  }
  return { key, id };
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/**
 * A page from rows fetched with LIMIT first + 1: the extra row only says that there is a next
 * page. Each row carries the sort key it was ordered by.
 */
export function toPage<T extends { id: string }>(
  order: string,
  rows: readonly { node: T; sortKey: string }[],
  args: PageArgs,
): Page<T> {
  const edges = rows.slice(0, args.first).map((row) => ({
    cursor: encodeCursor(order, { key: row.sortKey, id: row.node.id }),
    node: row.node,
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > args.first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A sort: the Cypher expression of its key over the row variable, and its direction. */
export interface SortSpec {
  key: string;
  descending: boolean;
  /**
   * The key is a property every row has, under a range index on the list's label: a page is an
   * index seek from the cursor in index order, whatever its depth (the others sort every row).
   */
  indexed?: boolean;
}

/**
 * The WHERE condition that keeps the rows after a cursor ($afterKey, $afterId), and the ORDER BY
 * that goes with it. Keys are strings (missing values are mapped to a sentinel by the sort's
 * expression), so that one comparison works for every sort. The id breaks ties, in the sort's
 * direction. An indexed key is compared as a range (`>=`, then the rows of the same key up to the
 * cursor's id left out), which Neo4j seeks; the first page asks for the key to exist, which lets
 * it read the index in order.
 */
export function keyset(
  sort: SortSpec,
  variable: string,
  hasCursor: boolean,
): { after: string; orderBy: string; sortKey: string } {
  const dir = sort.descending ? 'DESC' : 'ASC';
  const orderBy = `${sort.key} ${dir}, ${variable}.id ${dir}`;
  if (sort.indexed) {
    const [from, back] = sort.descending ? ['<=', '>='] : ['>=', '<='];
    return {
      sortKey: sort.key,
      after: hasCursor
        ? `${sort.key} ${from} $afterKey AND NOT (${sort.key} = $afterKey AND ${variable}.id ${back} $afterId)`
        : `${sort.key} IS NOT NULL`,
      orderBy,
    };
  }
  const op = sort.descending ? '<' : '>';
  return {
    sortKey: sort.key,
    after: hasCursor
      ? `(${sort.key} ${op} $afterKey OR (${sort.key} = $afterKey AND ${variable}.id ${op} $afterId))`
      : 'true',
    orderBy,
  };
}
