import { canonicalJson } from '../model/canonical-json.ts';
import { firstDay, lastDay, dateWithPrecision, isBefore } from '../model/dates.ts';
import { roleKey } from '../model/names.ts';

export { roleKey };

/**
 * Facts from statements. Every article that states a fact leaves a *statement*: the fact's
 * qualifiers as that article gives them. A fact is identified by its type, its two ends and its
 * role; its dates and the organization represented refine it:
 *
 * - Two statements are compatible when, qualifier by qualifier, one value contains the other: an
 *   absent value contains every value, "2006" contains "2006-05" and "2006-05-14", an
 *   organization contains only itself. Dates at year, month and day precision are either nested
 *   or disjoint, so compatibility is decided value by value; a role start and end must also stay
 *   in order ("from 2007" and "to 2005" contradict each other).
 * - Each largest set of mutually compatible statements is one fact, with the most precise value
 *   of each qualifier and every article of the set as its sources. So "undated" and "2006" are
 *   one fact dated 2006 with two sources; "2006" and "2007" are two facts.
 * - Two facts of one group (type, ends, role) are always incompatible: they conflict, and the API
 *   shows each as a conflict of the other.
 *
 * Everything here is a function of the set of statements, so the facts do not depend on the
 * order articles were imported in, and removing an article's statements restores the facts as
 * they were without it.
 */

const QUALIFIERS = ['validFrom', 'validTo', 'date', 'representing'] as const;
type Qualifier = (typeof QUALIFIERS)[number];

/** What one article states about one fact. Ids are the file's own (resolved when facts are built). */
export interface Statement {
  article: string;
  role?: string;
  validFrom?: string;
  validTo?: string;
  date?: string;
  representing?: string;
  quote?: string;
}

export type Props = Record<string, unknown>;

/** A fact as stored on its relationship. */
export interface FactValue {
  /** The role and the qualifiers in one string: what tells facts of one group apart. */
  key: string;
  props: Props;
}

/** Whether date `outer` covers every day of `inner` ("2006" covers "2006-05"). */
function covers(outer: string, inner: string): boolean {
  return firstDay(outer) <= firstDay(inner) && lastDay(inner) <= lastDay(outer);
}

/** The more precise of two values when one contains the other; undefined when they contradict. */
function meetOf(
  qualifier: Qualifier,
  a: string | undefined,
  b: string | undefined,
): { value: string | undefined } | undefined {
  if (a === undefined) return { value: b };
  if (b === undefined || a === b) return { value: a };
  if (qualifier === 'representing') return undefined;
  if (covers(a, b)) return { value: b };
  if (covers(b, a)) return { value: a };
  return undefined;
}

type Qualifiers = Partial<Record<Qualifier, string>>;

/** The qualifiers two statements agree on, or undefined when they contradict each other. */
function meet(a: Qualifiers, b: Qualifiers): Qualifiers | undefined {
  const result: Qualifiers = {};
  for (const q of QUALIFIERS) {
    const m = meetOf(q, a[q], b[q]);
    if (!m) return undefined;
    if (m.value !== undefined) result[q] = m.value;
  }
  if (result.validFrom && result.validTo && isBefore(result.validTo, result.validFrom)) {
    return undefined;
  }
  return result;
}

/**
 * The largest sets of mutually compatible items (Bron-Kerbosch with pivoting). Groups are small
 * (the statements of one fact), so this stays cheap.
 */
function maximalCliques(size: number, compatible: (i: number, j: number) => boolean): number[][] {
  const cliques: number[][] = [];
  const neighbours = (v: number) =>
    new Set([...Array(size).keys()].filter((u) => u !== v && compatible(u, v)));
  const adjacency = [...Array(size).keys()].map(neighbours);
  const expand = (r: number[], p: Set<number>, x: Set<number>) => {
    if (p.size === 0 && x.size === 0) {
      cliques.push(r);
      return;
    }
    const pivot = [...p, ...x][0]!;
    for (const v of [...p].filter((v) => !adjacency[pivot]!.has(v))) {
      const n = adjacency[v]!;
      expand(
        [...r, v],
        new Set([...p].filter((u) => n.has(u))),
        new Set([...x].filter((u) => n.has(u))),
      );
      p.delete(v);
      x.add(v);
    }
  };
  expand([], new Set(adjacency.keys()), new Set());
  return cliques.map((c) => c.sort((a, b) => a - b));
}

/**
 * The facts of one group (same type, ends and role) from its statements. `resolve` maps the ids
 * of `representing` (as the files wrote them) to graph ids. Returns the facts sorted by key.
 */
export function factsOf(
  statements: readonly Statement[],
  resolve: (id: string) => string = (id) => id,
): FactValue[] {
  const unique = [...new Map(statements.map((s) => [canonicalJson(s), s] as const)).values()].sort(
    (a, b) => compare(canonicalJson(a), canonicalJson(b)),
  );
  if (unique.length === 0) return [];
  const qualifiers: Qualifiers[] = unique.map((s) => {
    const q: Qualifiers = {};
    for (const name of QUALIFIERS) {
      const value = s[name];
      if (value !== undefined) q[name] = name === 'representing' ? resolve(value) : value;
    }
    return q;
  });
  const cliques = maximalCliques(
    unique.length,
    (i, j) => meet(qualifiers[i]!, qualifiers[j]!) !== undefined,
  );
  const facts = new Map<string, FactValue>();
  for (const clique of cliques) {
    const members = clique.map((i) => unique[i]!);
    const q = clique.slice(1).reduce((m, i) => meet(m, qualifiers[i]!)!, qualifiers[clique[0]!]!);
    const role = members
      .map((s) => s.role)
      .filter((r): r is string => r !== undefined)
      .sort(compare)[0];
    const key = factKey({ role, ...q });
    const previous = facts.get(key);
    const all = previous
      ? [...(previous.props.statements as string[]).map(parse), ...members]
      : members;
    facts.set(key, { key, props: factProps(key, role, q, all) });
  }
  return [...facts.values()].sort((a, b) => compare(a.key, b.key));
}

const parse = (json: string) => JSON.parse(json) as Statement;

function factProps(key: string, role: string | undefined, q: Qualifiers, members: Statement[]) {
  const articles = [...new Set(members.map((s) => s.article))].sort(compare);
  const quotes = articles.map(
    (article) =>
      members
        .filter((s) => s.article === article && s.quote)
        .map((s) => s.quote!)
        .sort(compare)[0] ?? '',
  );
  return withoutUndefined({
    key,
    roleKey: roleKey(role),
    role,
    representing: q.representing,
    ...dateProps('validFrom', q.validFrom, 'start'),
    ...dateProps('validTo', q.validTo, 'end'),
    ...dateProps('date', q.date, 'start'),
    sources: articles,
    quotes,
    statements: [...new Set(members.map((s) => canonicalJson(s)))].sort(compare),
  });
}

/**
 * The qualifiers that tell two facts of one type between the same two entities apart, as one
 * string (edge ids and sorting use it).
 */
export function factKey(q: {
  role?: string | undefined;
  validFrom?: string | undefined;
  validTo?: string | undefined;
  date?: string | undefined;
  representing?: string | undefined;
}): string {
  return [roleKey(q.role), q.validFrom, q.validTo, q.date, q.representing]
    .map((v) => v ?? '')
    .join('|');
}

/**
 * Date properties: the value as given ("2008-03"), its precision, and the first (or last) day it
 * covers, so that "as of" filters compare plain ISO days: a role held "to 2008" still holds on
 * 2008-06-01.
 */
export function dateProps(
  name: string,
  value: string | undefined,
  bound: 'start' | 'end' = 'start',
): Props {
  if (value === undefined) return {};
  return {
    [name]: value,
    [`${name}Precision`]: dateWithPrecision(value).precision,
    [`${name}Day`]: bound === 'start' ? firstDay(value) : lastDay(value),
  };
}

/**
 * The statements a stored fact holds. Facts written before statements were kept carry only their
 * sources, quotes and qualifiers: each source then stated exactly those.
 */
export function statementsOf(props: Props): Statement[] {
  if (Array.isArray(props.statements)) return (props.statements as string[]).map(parse);
  const sources = (props.sources as string[] | undefined) ?? [];
  const quotes = (props.quotes as string[] | undefined) ?? [];
  return sources.map((article, i) =>
    withoutUndefined({
      article,
      role: props.role as string | undefined,
      validFrom: props.validFrom as string | undefined,
      validTo: props.validTo as string | undefined,
      date: props.date as string | undefined,
      representing: props.representing as string | undefined,
      quote: quotes[i] || undefined,
    }),
  );
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function withoutUndefined<T extends Props>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
