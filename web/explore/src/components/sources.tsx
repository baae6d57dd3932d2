import { formatDate } from '../vocabulary.ts';
import { hrefs } from '../router.ts';

/** A source as every operation asks for it (ExploreSource, ClaimSource...). */
export interface SourceData {
  quote: string | null;
  article: {
    id: string;
    title: string;
    publisher?: string | null;
    published?: { value: string } | null;
  };
}

/**
 * The articles behind a fact or a claim, with their quotes. `first` marks the reports that may be
 * the first one (Claim.firstReport); they are listed first.
 */
export function SourceList({
  sources,
  first,
  tie = false,
}: {
  sources: readonly SourceData[];
  first?: ReadonlySet<string>;
  tie?: boolean;
}) {
  if (sources.length === 0) return <p class="muted">No source.</p>;
  const ordered = first
    ? [
        ...sources.filter((s) => first.has(s.article.id)),
        ...sources.filter((s) => !first.has(s.article.id)),
      ]
    : sources;
  return (
    <ol class="sources">
      {ordered.map((source, i) => (
        <li key={`${source.article.id}-${i}`} class="source">
          <a href={hrefs.article(source.article.id)} class="source-article">
            {source.article.title}
          </a>
          <span class="muted">
            {[source.article.publisher, formatDate(source.article.published?.value)]
              .filter(Boolean)
              .map((part) => ` · ${part}`)
              .join('')}
          </span>
          {first?.has(source.article.id) && (
            <span class="badge first-report">{tie ? 'first report (tie)' : 'first report'}</span>
          )}
          {source.quote && <blockquote class="quote">“{source.quote}”</blockquote>}
        </li>
      ))}
    </ol>
  );
}
