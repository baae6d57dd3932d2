import type { ComponentChildren } from 'preact';
import { Article } from '../api/operations.ts';
import { useQuery } from '../api/use-query.ts';
import { StanceBadge, TypeBadge } from '../components/badges.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { hrefs, nodeHref } from '../router.ts';
import { formatDate, relationWords } from '../vocabulary.ts';
import { quoteRanges } from '../quotes.ts';
import { useTitle } from './use-title.ts';

/** `/explore/article/<id>`: what an article asserts, with its quotes highlighted in its text. */
export function ArticleView({ id }: { id: string }) {
  const result = useQuery(Article, { id });
  const article = result.status === 'done' ? result.data.article : undefined;
  useTitle(article?.title ?? id);
  if (result.status === 'loading') return <Loading what="the article" />;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.reload} />;
  if (!article) {
    return (
      <>
        <h1 tabIndex={-1}>Not in the graph</h1>
        <Empty>No article in the graph has the id “{id}”.</Empty>
      </>
    );
  }
  const quoteOf = (sources: readonly { quote: string | null; article: { id: string } }[]) =>
    sources.find((s) => s.article.id === article.id)?.quote ?? null;
  const quotes = [
    ...article.claims.map((c) => quoteOf(c.sources)),
    ...article.facts.map((f) => quoteOf(f.sources)),
  ].filter((q): q is string => Boolean(q));
  return (
    <div class="article-view" data-article-id={article.id}>
      <header class="page-head">
        <TypeBadge type="Article" />
        <h1 tabIndex={-1}>{article.title}</h1>
        <p class="muted">
          {[article.publisher, article.author, formatDate(article.published?.value)]
            .filter(Boolean)
            .join(' · ')}
          {article.url && (
            <>
              {' · '}
              <a href={article.url} rel="noreferrer noopener" target="_blank">
                Read it where it was published
                <span class="visually-hidden"> (opens a new tab)</span>
              </a>
            </>
          )}
        </p>
      </header>
      <div class="article-body">
        <section aria-labelledby="text-heading" class="article-text">
          <h2 id="text-heading">Text</h2>
          {article.text ? (
            <Highlighted text={article.text} quotes={quotes} />
          ) : (
            <Empty>
              The article was imported without its text; its quotes are listed with what it asserts.
            </Empty>
          )}
        </section>
        <div class="asserts">
          <section aria-labelledby="article-claims-heading">
            <h2 id="article-claims-heading">Claims it reports ({article.claims.length})</h2>
            {article.claims.length === 0 && <Empty>No claim.</Empty>}
            <ul class="plain article-claims">
              {article.claims.map((claim) => (
                <li key={claim.id} class="article-claim">
                  <StanceBadge stance={claim.stance} />{' '}
                  <a href={hrefs.entity(claim.id)}>{claim.statement}</a>
                  <span class="muted"> — </span>
                  <Names items={claim.speakers} />
                  {quoteOf(claim.sources) && (
                    <blockquote class="quote">“{quoteOf(claim.sources)}”</blockquote>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="article-facts-heading">
            <h2 id="article-facts-heading">Facts it supports ({article.facts.length})</h2>
            {article.facts.length === 0 && <Empty>No fact.</Empty>}
            <ul class="plain article-facts">
              {article.facts.map((fact, i) => (
                <li key={i}>
                  <a href={nodeHref(fact.from)}>{fact.from.name}</a> {relationWords(fact.type)}{' '}
                  <a href={nodeHref(fact.to)}>{fact.to.name}</a>
                  {fact.role && <span> ({fact.role})</span>}
                  {quoteOf(fact.sources) && (
                    <blockquote class="quote">“{quoteOf(fact.sources)}”</blockquote>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="mentions-heading">
            <h2 id="mentions-heading">Mentions ({article.mentions.length})</h2>
            <ul class="chips">
              {article.mentions.map((entity) => (
                <li key={entity.id}>
                  <a href={nodeHref(entity)}>{entity.name}</a>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}

function Names({ items }: { items: readonly { __typename: string; id: string; name: string }[] }) {
  return (
    <>
      {items.map((item, i) => (
        <span key={item.id}>
          {i > 0 && ', '}
          <a href={nodeHref(item)}>{item.name}</a>
        </span>
      ))}
    </>
  );
}

/** The article's paragraphs, every quote it supports marked where it occurs. */
function Highlighted({ text, quotes }: { text: string; quotes: readonly string[] }) {
  const ranges = quoteRanges(text, quotes);
  const paragraphs: { start: number; end: number }[] = [];
  const splitter = /\n\s*\n/g;
  let at = 0;
  for (const match of text.matchAll(splitter)) {
    paragraphs.push({ start: at, end: match.index });
    at = match.index + match[0].length;
  }
  paragraphs.push({ start: at, end: text.length });
  return (
    <div class="text" data-quotes={ranges.length}>
      {paragraphs
        .filter((p) => text.slice(p.start, p.end).trim())
        .map((p) => (
          <p key={p.start}>{marked(text, p.start, p.end, ranges)}</p>
        ))}
    </div>
  );
}

function marked(
  text: string,
  start: number,
  end: number,
  ranges: readonly [number, number][],
): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= start || from >= end) continue;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={a}>{text.slice(a, b)}</mark>);
    at = b;
  }
  if (at < end) parts.push(text.slice(at, end));
  return parts;
}
