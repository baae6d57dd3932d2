import { describe, expect, it } from 'vitest';
import {
  dateProblem,
  dateWithPrecision,
  firstDay,
  isBefore,
  lastDay,
} from '../../src/model/dates.ts';

describe('dateWithPrecision', () => {
  it.each([
    ['2008', 'YEAR'],
    ['2008-03', 'MONTH'],
    ['2008-03-11', 'DAY'],
    ['2008-02-29', 'DAY'],
    ['2000-02-29', 'DAY'],
  ] as const)('keeps %s as written, with precision %s', (value, precision) => {
    expect(dateWithPrecision(value)).toEqual({ value, precision });
  });

  it.each([
    ['2008-02-30', 'February 2008 has 29 days, found "2008-02-30"'],
    ['2007-02-29', 'February 2007 has 28 days, found "2007-02-29"'],
    ['1900-02-29', 'February 1900 has 28 days, found "1900-02-29"'],
    ['2008-04-31', 'April 2008 has 30 days, found "2008-04-31"'],
    ['2008-13', 'month 13 does not exist, found "2008-13"'],
    ['2008-00-10', 'month 00 does not exist, found "2008-00-10"'],
    ['2008-03-00', 'March 2008 has 31 days, found "2008-03-00"'],
    ['0000', 'year 0000 does not exist, found "0000"'],
    ['2008-3-1', 'expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD", found "2008-3-1"'],
    ['March 2008', 'expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD", found "March 2008"'],
    ['2008-03-11T10:00', 'expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD"'],
    ['', 'expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD", found ""'],
  ])('rejects %s', (text, problem) => {
    expect(dateProblem(text)).toContain(problem);
    expect(() => dateWithPrecision(text)).toThrow(RangeError);
  });
});

describe('date ranges', () => {
  it('knows the first and last day a date covers', () => {
    expect([firstDay('2008'), lastDay('2008')]).toEqual(['2008-01-01', '2008-12-31']);
    expect([firstDay('2008-02'), lastDay('2008-02')]).toEqual(['2008-02-01', '2008-02-29']);
    expect([firstDay('2008-03-11'), lastDay('2008-03-11')]).toEqual(['2008-03-11', '2008-03-11']);
  });

  it('calls a date before another only when all of it lies before', () => {
    expect(isBefore('2007', '2008-03')).toBe(true);
    expect(isBefore('2008-02', '2008-03-01')).toBe(true);
    expect(isBefore('2008-03-10', '2008-03-11')).toBe(true);
    expect(isBefore('2008', '2008-03')).toBe(false); // overlapping, only less precise
    expect(isBefore('2008-03', '2008-03-11')).toBe(false);
    expect(isBefore('2008-03-11', '2008-03-11')).toBe(false);
    expect(isBefore('2009', '2008')).toBe(false);
  });
});

describe('a long wrong date', () => {
  // Found by the import fuzz test: a 1 MB publishedAt came back whole in the issue's message.
  it('is quoted by its start and its length', () => {
    const problem = dateProblem(`2008${'"'.repeat(1_000_000)}`);
    expect(problem).toBe(
      `expected a date "YYYY", "YYYY-MM" or "YYYY-MM-DD", found ${JSON.stringify(`2008${'"'.repeat(53)}...`)} (1000004 characters)`,
    );
  });
});
