import { useEffect } from 'preact/hooks';
import { Claims as ClaimsOp, Entity, Neighborhood } from '../api/operations.ts';
import { type QueryResult, useQuery } from '../api/use-query.ts';
import { TypeBadge } from '../components/badges.tsx';
import { ClaimCard, ClaimGroups, type ClaimItem } from '../components/claims.tsx';
import { Neighbourhood } from '../components/neighbourhood.tsx';
import { Participations, Roles } from '../components/roles.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import type {
  ClaimWhere,
  ExploreClaimsQuery,
  ExploreEntityQuery,
  ExploreNeighborhoodQuery,
} from '../generated/graphql.ts';
import { hrefs, navigate } from '../router.ts';
import { formatDate } from '../vocabulary.ts';
import { useTitle } from './use-title.ts';

type EntityNode = NonNullable<ExploreEntityQuery['node']>;

/** `/explore/entity/<id>`: the neighbourhood drawn, the names, roles over time, and the claims. */
export function EntityView({ id, nodes }: { id: string; nodes: number }) {
  // Asked at once, side by side: the drawing and the claims about it need only the id.
  const entity = useQuery(Entity, { id });
  const hood = useQuery(Neighborhood, { id, depth: 1, limit: nodes });
  const about = useQuery(ClaimsOp, { where: { about: id }, first: 100 });
  const node = entity.status === 'done' ? entity.data.node : undefined;
  useTitle(node && 'name' in node ? node.name : id);

  useEffect(() => {
    // An article has a view of its own; a merged id answers with the entity it was merged into.
    if (node?.__typename === 'Article') navigate(hrefs.article(node.id), { replace: true });
    else if (node && node.id !== id) navigate(hrefs.entity(node.id, nodes), { replace: true });
  }, [node]);

  useEffect(() => {
    if (entity.status !== 'done') return;
    performance.mark('explore:entity-shown');
  }, [entity.status]);

  if (entity.status === 'loading') return <Loading what="the entity" />;
  if (entity.status === 'error') return <ErrorState error={entity.error} onRetry={entity.reload} />;
  if (!node) {
    return (
      <>
        <h1 tabIndex={-1}>Not in the graph</h1>
        <Empty>
          Nothing in the graph has the id “{id}”. <a href={hrefs.home()}>Search</a> for it by name.
        </Empty>
      </>
    );
  }
  return <EntityPage node={node} nodes={nodes} hood={hood} about={about} />;
}

type HoodState = QueryResult<ExploreNeighborhoodQuery>;
type ClaimsState = QueryResult<ExploreClaimsQuery>;

function EntityPage({
  node,
  nodes,
  hood,
  about,
}: {
  node: EntityNode;
  nodes: number;
  hood: HoodState;
  about: ClaimsState;
}) {
  const name = 'name' in node ? node.name : 'statement' in node ? node.statement : node.id;
  return (
    <div class="entity" data-entity-id={node.id} data-type={node.__typename}>
      <header class="page-head">
        <TypeBadge type={node.__typename} />
        <h1 tabIndex={-1}>{name}</h1>
        {'aliases' in node && node.aliases.length > 0 && (
          <p class="aliases">
            Also known as: <span class="alias-list">{node.aliases.join(', ')}</span>
          </p>
        )}
        {'description' in node && node.description && <p class="lead">{node.description}</p>}
        <Facts node={node} />
        <nav class="actions" aria-label={`More about ${name}`}>
          <a href={hrefs.timeline(node.id)}>Timeline</a>
          <a href={hrefs.stance(node.id)}>Stances of the claims about it</a>
          <a href={hrefs.path(node.id, '')}>Find a path from here</a>
        </nav>
      </header>
      <div class="entity-body">
        <section class="drawing" aria-labelledby="drawing-heading">
          <h2 id="drawing-heading">Connections</h2>
          <Neighbourhood id={node.id} name={name} limit={nodes} hood={hood} />
        </section>
        <div class="details">
          {node.__typename === 'Person' && <Roles roles={node.roles} person />}
          {node.__typename === 'Organization' && <Roles roles={node.people} person={false} />}
          {(node.__typename === 'Person' || node.__typename === 'Organization') && (
            <Participations items={node.participations} heading="Events taken part in" />
          )}
          {node.__typename === 'Event' && (
            <Participations items={node.participants} heading="Who took part" />
          )}
          <Claims node={node} name={name} about={about} />
        </div>
      </div>
    </div>
  );
}

function Facts({ node }: { node: EntityNode }) {
  const rows: [string, string][] = [];
  if ('kind' in node && node.kind) rows.push(['Kind', node.kind]);
  if (node.__typename === 'Event') {
    if (node.startDate)
      rows.push([node.endDate ? 'From' : 'Date', formatDate(node.startDate.value)]);
    if (node.endDate) rows.push(['To', formatDate(node.endDate.value)]);
  }
  if (rows.length === 0) return null;
  return (
    <dl class="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The claims of a page, by their filters: about the node, and by it (or made at it). */
function Claims({ node, name, about }: { node: EntityNode; name: string; about: ClaimsState }) {
  if (node.__typename === 'Claim') return <OneClaim id={node.id} />;
  if (node.__typename === 'Article') return null;
  const made =
    node.__typename === 'Person'
      ? { where: { speaker: node.id }, heading: `Claims by ${name}` }
      : node.__typename === 'Organization'
        ? { where: { organization: node.id }, heading: `Claims by ${name} and its people` }
        : node.__typename === 'Event'
          ? { where: { event: node.id }, heading: `Claims made at ${name}` }
          : undefined;
  return (
    <>
      {made && (
        <ClaimQuery
          where={made.where}
          heading={made.heading}
          idPrefix="claims-made"
          emptyText={`No claim in the graph.`}
        />
      )}
      <ClaimResult
        result={about}
        towards={node.id}
        heading={`Claims about ${name}`}
        idPrefix="claims-about"
        emptyText={`No claim about ${name} in the graph.`}
      />
    </>
  );
}

function ClaimQuery(props: {
  where: ClaimWhere;
  heading: string;
  idPrefix: string;
  emptyText: string;
}) {
  const result = useQuery(ClaimsOp, { where: props.where, first: 100 });
  return <ClaimResult result={result} {...props} />;
}

function ClaimResult({
  result,
  towards,
  heading,
  idPrefix,
  emptyText,
}: {
  result: ClaimsState;
  /** Group by the stance towards this target (a claim may take another towards its others). */
  towards?: string;
  heading: string;
  idPrefix: string;
  emptyText: string;
}) {
  if (result.status === 'loading') return <Loading what={heading.toLowerCase()} />;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.reload} />;
  const items: ClaimItem[] = (result.data.claims?.edges ?? []).map(({ node: claim }) => ({
    claim,
    stance: claim.targets.find((t) => t.entity.id === towards)?.stance ?? claim.stance,
  }));
  return <ClaimGroups items={items} heading={heading} idPrefix={idPrefix} emptyText={emptyText} />;
}

function OneClaim({ id }: { id: string }) {
  const result = useQuery(ClaimsOp, { one: true, id });
  if (result.status === 'loading') return <Loading what="the claim" />;
  if (result.status === 'error') return <ErrorState error={result.error} onRetry={result.reload} />;
  const claim = result.data.claim;
  return claim ? <ClaimCard claim={claim} /> : <Empty>The claim is no longer in the graph.</Empty>;
}
