/**
 * Dates written in an article's sentences ("on March 11", "in October 2007", "in 2006"), with the
 * precision the text gives; a day or month without a year takes the article's year.
 */
/** Month names, lowercase, January first. */
export const MONTHS: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

export interface FoundDate {
  /** "2008", "2008-03" or "2008-03-11". */
  value: string;
  start: number;
  end: number;
}

const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const DATE = new RegExp(
  `\\b${MONTH}(?:\\s+(\\d{1,2})(?:st|nd|rd|th)?)?(?:,?\\s+((?:19|20)\\d\\d))?\\b|\\b(?:in|since|during|by|of)\\s+((?:19|20)\\d\\d)\\b`,
  'g',
);

const pad = (n: number) => String(n).padStart(2, '0');

/** The dates in `text` (offsets relative to it), given the year the article was published. */
export function findDates(text: string, articleYear: string | undefined): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(DATE)) {
    const at = m.index;
    if (m[4]) {
      found.push({ value: m[4], start: at + m[0].length - 4, end: at + m[0].length });
      continue;
    }
    const monthWord = m[1]!.toLowerCase().replace('.', '');
    const month = MONTHS.findIndex((name) => name.startsWith(monthWord.slice(0, 3))) + 1;
    const year = m[3] ?? articleYear;
    // "May" alone is too often the verb; a month needs a day or a year beside it.
    if (!year || (!m[2] && !m[3])) continue;
    const day = m[2] ? Number(m[2]) : undefined;
    if (day !== undefined && (day < 1 || day > 31)) continue;
    found.push({
      value: day ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`,
      start: at,
      end: at + m[0].length,
    });
  }
  return found;
}
