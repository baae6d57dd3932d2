/**
 * Dates with precision: "2008" (a year), "2008-03" (a month) or "2008-03-11" (a day). Sources often
 * give only a month or a year, and padding "2008-03" to "2008-03-01" would invent a day, so the
 * original string is kept together with its precision.
 */

export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';

export interface DateWithPrecision {
  /** The date as written: "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  value: string;
  precision: DatePrecision;
}

/** The shape of a date with precision (months 01-12, days 01-31); calendar checks come on top. */
export const DATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;

const LOOSE_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * What is wrong with a date string, in words, or undefined when it is a real date with precision.
 * Examples: "month 13 does not exist", "February 2008 has 29 days, found day 30".
 */
/** A wrong date as a message quotes it: whole when short, else its start and its length. */
function quoted(text: string): string {
  return text.length > 60
    ? `${JSON.stringify(`${text.slice(0, 57)}...`)} (${text.length} characters)`
    : JSON.stringify(text);
}

export function dateProblem(text: string): string | undefined {
  const match = LOOSE_DATE.exec(text);
  if (!match) return `expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD", found ${quoted(text)}`;
  const [, y, m, d] = match;
  const year = Number(y);
  if (year === 0) return `year 0000 does not exist, found ${quoted(text)}`;
  if (m === undefined) return undefined;
  const month = Number(m);
  if (month < 1 || month > 12) return `month ${m} does not exist, found ${quoted(text)}`;
  if (d === undefined) return undefined;
  const day = Number(d);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return `${MONTH_NAMES[month - 1]} ${y} has ${days} days, found ${quoted(text)}`;
  }
  return undefined;
}

export function isDateWithPrecision(text: string): boolean {
  return dateProblem(text) === undefined;
}

/** Parses "2008-03" into { value: "2008-03", precision: "MONTH" }; throws a RangeError if invalid. */
export function dateWithPrecision(text: string): DateWithPrecision {
  const problem = dateProblem(text);
  if (problem !== undefined) throw new RangeError(problem);
  const precision = text.length === 4 ? 'YEAR' : text.length === 7 ? 'MONTH' : 'DAY';
  return { value: text, precision };
}

/** The first day a date covers: "2008-03" -> "2008-03-01". */
export function firstDay(text: string): string {
  const { value, precision } = dateWithPrecision(text);
  if (precision === 'YEAR') return `${value}-01-01`;
  if (precision === 'MONTH') return `${value}-01`;
  return value;
}

/** The last day a date covers: "2008-02" -> "2008-02-29". */
export function lastDay(text: string): string {
  const { value, precision } = dateWithPrecision(text);
  if (precision === 'YEAR') return `${value}-12-31`;
  if (precision === 'MONTH') {
    const [y, m] = value.split('-').map(Number) as [number, number];
    return `${value}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
  }
  return value;
}

/**
 * True when every day `a` covers lies before every day `b` covers, so "2008" is not before
 * "2008-03" (they overlap) while "2008-02" is. Used for "validTo is before validFrom" checks, which
 * must not reject dates that are merely less precise.
 */
export function isBefore(a: string, b: string): boolean {
  return lastDay(a) < firstDay(b);
}
