import { isBefore } from '../model/dates.ts';

export interface FirstReport<T> {
  /** The earliest report first, then the reports that tie with it, in the order given. */
  sources: T[];
  /** More than one report may be the first one. */
  tie: boolean;
}

/**
 * The reports that may be the first one, from a claim's reports oldest first (by the first day of
 * their publication, then by article id): those that no other report was published strictly
 * before, at their precisions. "2008-03" and "2008-03-11" tie, "2008-02" and "2008-03" do not;
 * of "2008", "2008-02-15" and "2008-11", the last cannot be first. A report without a publication
 * date cannot be compared, so it only counts when it comes first.
 */
export function firstReport<T>(
  oldestFirst: readonly T[],
  published: (report: T) => string | null,
): FirstReport<T> {
  const [earliest, ...others] = oldestFirst;
  if (earliest === undefined) return { sources: [], tie: false };
  if (published(earliest) === null) return { sources: [earliest], tie: false };
  const dates = oldestFirst.map(published).filter((d): d is string => d !== null);
  const ties = others.filter((report) => {
    const date = published(report);
    return date !== null && !dates.some((other) => isBefore(other, date));
  });
  return { sources: [earliest, ...ties], tie: ties.length > 0 };
}
