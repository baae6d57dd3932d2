import { Timeline } from '../api/operations.ts';
import { useQuery } from '../api/use-query.ts';
import { SourceList } from '../components/sources.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { hrefs, nodeHref } from '../router.ts';
import { formatDate } from '../vocabulary.ts';
import { useTitle } from './use-title.ts';

const KIND_WORDS: Record<string, string> = {
  EVENT: 'Event',
  CLAIM: 'Claim',
  ROLE_STARTED: 'Role started',
  ROLE_ENDED: 'Role ended',
  FACT: 'Fact',
};

/** `/explore/timeline/<id>`: what happened around an entity, in date order. */
export function TimelineView({ id }: { id: string }) {
  const result = useQuery(Timeline, { id, first: 200 });
  const node = result.status === 'done' ? result.data.node : undefined;
  const name = node && 'name' in node ? node.name : id;
  useTitle(`Timeline of ${name}`);
  if (result.status === 'loading') return <Loading what="the timeline" />;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.reload} />;
  const entries = result.data.timeline;
  if (!node || !entries) {
    return (
      <>
        <h1 tabIndex={-1}>Not in the graph</h1>
        <Empty>Nothing in the graph has the id “{id}”.</Empty>
      </>
    );
  }
  return (
    <div class="timeline-view">
      <h1 tabIndex={-1}>
        Timeline of <a href={hrefs.entity(node.id)}>{name}</a>
      </h1>
      <p class="lead">Events, claims and roles, earliest first. Undated items are left out.</p>
      {entries.length === 0 ? (
        <Empty>Nothing dated happened around {name} in the graph.</Empty>
      ) : (
        <ol class="timeline">
          {entries.map((entry, i) => (
            <li
              key={i}
              class="timeline-entry"
              data-kind={entry.kind}
              data-first-day={entry.date.firstDay}
            >
              <time dateTime={entry.date.value}>{formatDate(entry.date.value)}</time>
              <span class="badge kind">{KIND_WORDS[entry.kind] ?? entry.kind}</span>
              <p class="summary">
                {entry.node ? <a href={nodeHref(entry.node)}>{entry.summary}</a> : entry.summary}
              </p>
              <SourceList sources={entry.sources} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
