import { badInput } from './paging.ts';

/**
 * `where` arguments compiled to Cypher: every value becomes a parameter, and property names come
 * from the fixed shapes below, never from the request. The result is one boolean expression over
 * the row variable, ready to AND with the rest of a query.
 */

export interface StringFilter {
  eq?: string | null;
  in?: readonly string[] | null;
  contains?: string | null;
  startsWith?: string | null;
}

export interface IdFilter {
  eq?: string | null;
  in?: readonly string[] | null;
}

export interface DateFilter {
  from?: string | null;
  to?: string | null;
}

export interface EntityWhere {
  id?: IdFilter | null;
  name?: StringFilter | null;
  nameOrAlias?: StringFilter | null;
  kind?: StringFilter | null;
  date?: DateFilter | null;
  AND?: readonly EntityWhere[] | null;
  OR?: readonly EntityWhere[] | null;
  NOT?: EntityWhere | null;
}

export interface ArticleWhere {
  id?: IdFilter | null;
  title?: StringFilter | null;
  publisher?: StringFilter | null;
  published?: DateFilter | null;
  mentions?: string | null;
  AND?: readonly ArticleWhere[] | null;
  OR?: readonly ArticleWhere[] | null;
  NOT?: ArticleWhere | null;
}

/** Collects parameters under generated names ($w0, $w1...). */
export class Params {
  readonly values: Record<string, unknown> = {};
  private next = 0;
  add(value: unknown): string {
    const name = `w${this.next++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

const MAX_DEPTH = 8;

/** The last day a date with precision covers, in Cypher: "2008-03" gives "2008-03-31". */
export function lastDayCypher(value: string, precision: string): string {
  return `CASE ${precision} WHEN 'YEAR' THEN ${value} + '-12-31'
    WHEN 'MONTH' THEN toString(date(${value} + '-01') + duration({months: 1}) - duration({days: 1}))
    ELSE ${value} END`;
}

function all(parts: string[]): string {
  return parts.length === 0 ? 'true' : parts.map((p) => `(${p})`).join(' AND ');
}

export function stringCondition(expr: string, filter: StringFilter, params: Params): string[] {
  const parts: string[] = [];
  if (filter.eq != null) parts.push(`${expr} = ${params.add(filter.eq)}`);
  if (filter.in != null) parts.push(`${expr} IN ${params.add(filter.in)}`);
  if (filter.contains != null) parts.push(`${expr} CONTAINS ${params.add(filter.contains)}`);
  if (filter.startsWith != null) parts.push(`${expr} STARTS WITH ${params.add(filter.startsWith)}`);
  return parts;
}

/** Items whose [first, last] days overlap the filter's range, bounds included. */
export function dateCondition(
  firstDay: string,
  lastDay: string,
  filter: DateFilter,
  params: Params,
): string[] {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw badInput(`date: from (${filter.from}) is after to (${filter.to}).`);
  }
  const parts: string[] = [];
  if (filter.from) parts.push(`${lastDay} >= ${params.add(filter.from)}`);
  if (filter.to) parts.push(`${firstDay} <= ${params.add(filter.to)}`);
  if (parts.length) parts.unshift(`${firstDay} IS NOT NULL`);
  return parts;
}

function idConditions(n: string, filter: IdFilter, params: Params): string[] {
  const parts: string[] = [];
  if (filter.eq != null) parts.push(`${n}.id = ${params.add(filter.eq)}`);
  if (filter.in != null) parts.push(`${n}.id IN ${params.add(filter.in)}`);
  return parts;
}

function combine<W>(
  where: W & { AND?: readonly W[] | null; OR?: readonly W[] | null; NOT?: W | null },
  own: string[],
  recurse: (w: W, depth: number) => string,
  depth: number,
): string {
  const parts = [...own];
  for (const w of where.AND ?? []) parts.push(recurse(w, depth + 1));
  if (where.OR) {
    parts.push(
      where.OR.length ? where.OR.map((w) => `(${recurse(w, depth + 1)})`).join(' OR ') : 'false',
    );
  }
  if (where.NOT) parts.push(`NOT (${recurse(where.NOT, depth + 1)})`);
  return all(parts);
}

function checkDepth(depth: number): void {
  if (depth > MAX_DEPTH) throw badInput(`where: nested deeper than ${MAX_DEPTH} levels.`);
}

export function entityCondition(n: string, where: EntityWhere | null | undefined, params: Params) {
  const compile = (w: EntityWhere, depth: number): string => {
    checkDepth(depth);
    const own: string[] = [];
    if (w.id) own.push(...idConditions(n, w.id, params));
    if (w.name) own.push(...stringCondition(`${n}.name`, w.name, params));
    if (w.nameOrAlias) {
      const onName = all(stringCondition(`${n}.name`, w.nameOrAlias, params));
      const onAlias = all(stringCondition('alias', w.nameOrAlias, params));
      own.push(`${onName} OR any(alias IN coalesce(${n}.aliases, []) WHERE ${onAlias})`);
    }
    if (w.kind) own.push(...stringCondition(`${n}.kind`, w.kind, params));
    if (w.date) {
      own.push(
        ...dateCondition(
          `${n}.startDateDay`,
          `coalesce(${n}.endDateDay, ${lastDayCypher(`${n}.startDate`, `${n}.startDatePrecision`)})`,
          w.date,
          params,
        ),
      );
    }
    return combine(w, own, compile, depth);
  };
  return where ? compile(where, 0) : 'true';
}

export function articleCondition(
  n: string,
  where: ArticleWhere | null | undefined,
  params: Params,
) {
  const compile = (w: ArticleWhere, depth: number): string => {
    checkDepth(depth);
    const own: string[] = [];
    if (w.id) own.push(...idConditions(n, w.id, params));
    if (w.title) own.push(...stringCondition(`${n}.title`, w.title, params));
    if (w.publisher) own.push(...stringCondition(`${n}.publisher`, w.publisher, params));
    if (w.published) {
      own.push(
        ...dateCondition(
          `${n}.publishedDay`,
          lastDayCypher(`${n}.published`, `${n}.publishedPrecision`),
          w.published,
          params,
        ),
      );
    }
    if (w.mentions != null) {
      own.push(`EXISTS { (${n})-[:MENTIONS]->(:Node {id: ${params.add(w.mentions)}}) }`);
    }
    return combine(w, own, compile, depth);
  };
  return where ? compile(where, 0) : 'true';
}
