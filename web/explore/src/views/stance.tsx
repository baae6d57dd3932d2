import { StanceSummary } from '../api/operations.ts';
import { useQuery } from '../api/use-query.ts';
import { StanceBadge } from '../components/badges.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { hrefs, nodeHref } from '../router.ts';
import { formatDate, STANCE_COLOURS } from '../vocabulary.ts';
import { useTitle } from './use-title.ts';

/** `/explore/stance/<id>`: how the claims about a topic divide by stance, as a bar chart. */
export function StanceView({ id }: { id: string }) {
  const result = useQuery(StanceSummary, { topic: id });
  const node = result.status === 'done' ? result.data.node : undefined;
  const name = node && 'name' in node ? node.name : id;
  useTitle(`Stances on ${name}`);
  if (result.status === 'loading') return <Loading what="the stances" />;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.reload} />;
  const counts = result.data.stanceSummary;
  if (!node || !counts) {
    return (
      <>
        <h1 tabIndex={-1}>Not in the graph</h1>
        <Empty>Nothing in the graph has the id “{id}”.</Empty>
      </>
    );
  }
  const max = Math.max(1, ...counts.map((c) => c.count));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <div class="stance-view">
      <h1 tabIndex={-1}>
        Stances on <a href={hrefs.entity(node.id)}>{name}</a>
      </h1>
      <p class="lead">
        {total} {total === 1 ? 'claim' : 'claims'} about {name}, by the stance they take towards it.
      </p>
      {counts.length === 0 ? (
        <Empty>No claim about {name} in the graph.</Empty>
      ) : (
        <>
          <ul class="chart" aria-label={`Claims about ${name} by stance`}>
            {counts.map((c) => (
              <li key={c.stance} class="bar-row" data-stance={c.stance} data-count={c.count}>
                <span class="bar-label">
                  <StanceBadge stance={c.stance} />
                </span>
                <span class="bar-track" aria-hidden="true">
                  <span
                    class="bar"
                    style={{
                      width: `${(100 * c.count) / max}%`,
                      background: STANCE_COLOURS[c.stance],
                    }}
                  />
                </span>
                <span class="bar-count">
                  {c.count}{' '}
                  <span class="visually-hidden">{c.count === 1 ? 'claim' : 'claims'}</span>
                </span>
              </li>
            ))}
          </ul>
          {counts.map((c) => (
            <section
              key={c.stance}
              class="stance-group"
              data-stance={c.stance}
              aria-labelledby={`stance-${c.stance}`}
            >
              <h2 id={`stance-${c.stance}`}>
                <StanceBadge stance={c.stance} /> {c.count}
              </h2>
              <ul class="plain">
                {c.claims.map((claim) => (
                  <li key={claim.id}>
                    <a href={hrefs.entity(claim.id)}>{claim.statement}</a>
                    <span class="muted">
                      {' — '}
                      {claim.speakers.map((speaker, i) => (
                        <>
                          {i > 0 && ', '}
                          <a key={speaker.id} href={nodeHref(speaker)}>
                            {speaker.name}
                          </a>
                        </>
                      ))}
                      {claim.date ? `, ${formatDate(claim.date.value)}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
