import { describe, expect, it } from 'vitest';
import { firstReport } from '../../src/claims/first-report.ts';

interface Report {
  article: string;
  published: string | null;
}

/** Reports oldest first, as the claim details give them: by first day, then by article id. */
const reports = (...dates: [string, string | null][]): Report[] =>
  dates.map(([article, published]) => ({ article, published }));
const firstOf = (list: Report[]) => {
  const result = firstReport(list, (r) => r.published);
  return { articles: result.sources.map((r) => r.article), tie: result.tie };
};

describe('firstReport', () => {
  it.each([
    [
      'two reports of one month',
      [
        ['a', '2008-03'],
        ['b', '2008-03'],
      ],
      ['a', 'b'],
      true,
    ],
    [
      'a month and a day in it',
      [
        ['a', '2008-03'],
        ['b', '2008-03-11'],
      ],
      ['a', 'b'],
      true,
    ],
    [
      'a day and the month it lies in',
      [
        ['b', '2008-03-01'],
        ['a', '2008-03'],
      ],
      ['b', 'a'],
      true,
    ],
    [
      'a year and a day in it',
      [
        ['a', '2008'],
        ['b', '2008-12-31'],
      ],
      ['a', 'b'],
      true,
    ],
    [
      'two days of one month',
      [
        ['a', '2008-03-10'],
        ['b', '2008-03-11'],
      ],
      ['a'],
      false,
    ],
    [
      'two consecutive months',
      [
        ['a', '2008-02'],
        ['b', '2008-03'],
      ],
      ['a'],
      false,
    ],
    [
      'a year and the next one',
      [
        ['a', '2008'],
        ['b', '2009-01-01'],
      ],
      ['a'],
      false,
    ],
    ['one report', [['a', '2008-03']], ['a'], false],
  ] as [string, [string, string][], string[], boolean][])('%s', (_name, dates, articles, tie) => {
    expect(firstOf(reports(...dates))).toEqual({ articles, tie });
  });

  it('keeps every report that may be first, in the order given, and no later one', () => {
    const list = reports(
      ['c', '2008-03'],
      ['a', '2008-03-05'],
      ['d', '2008-03-31'],
      ['b', '2008-04'],
      ['e', '2008-04-01'],
    );
    // "2008-03-31" overlaps "2008-03" but comes after "2008-03-05": it cannot be first.
    expect(firstOf(list)).toEqual({ articles: ['c', 'a'], tie: true });
  });

  it('leaves out a report that another report was published strictly before', () => {
    // "2008" overlaps both others, but "2008-02-15" is before "2008-11": that one cannot be first.
    const list = reports(['a', '2008'], ['b', '2008-02-15'], ['c', '2008-11']);
    expect(firstOf(list)).toEqual({ articles: ['a', 'b'], tie: true });
  });

  it('has no first report without reports', () => {
    expect(firstReport([], () => null)).toEqual({ sources: [], tie: false });
  });

  it('counts a report without a publication date only when it comes first', () => {
    expect(firstOf(reports(['a', '2008-03'], ['b', null]))).toEqual({
      articles: ['a'],
      tie: false,
    });
    expect(firstOf(reports(['a', null], ['b', '2008-03']))).toEqual({
      articles: ['a'],
      tie: false,
    });
  });
});
