import { useEffect, useMemo, useState } from 'preact/hooks';
import { request } from '../api/client.ts';
import { Claims as ClaimsOp, Entity, Neighborhood } from '../api/operations.ts';
import { type QueryResult, useQuery } from '../api/use-query.ts';
import { TypeBadge } from '../components/badges.tsx';
import { ClaimCard, ClaimGroups, type ClaimItem } from '../components/claims.tsx';
import { type GraphEdgeData, type GraphNodeData, GraphView } from '../components/graph-view.tsx';
import { SourceList } from '../components/sources.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import type {
  ClaimWhere,
  ExploreClaimsQuery,
  ExploreEntityQuery,
  ExploreNeighborhoodQuery,
  ExploreParticipationFragment,
  ExploreRoleFragment,
} from '../generated/graphql.ts';
import { DRAWING, hrefs, navigate } from '../router.ts';
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

/** Roles over time, earliest first: a person's at organizations, or an organization's people. */
function Roles({ roles, person }: { roles: readonly ExploreRoleFragment[]; person: boolean }) {
  const sorted = [...roles].sort((a, b) =>
    (a.validFrom?.value ?? '9999').localeCompare(b.validFrom?.value ?? '9999'),
  );
  return (
    <section class="roles" aria-labelledby="roles-heading">
      <h2 id="roles-heading">{person ? 'Roles over time' : 'People'}</h2>
      {sorted.length === 0 ? (
        <Empty>No role in the graph.</Empty>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="roles-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{person ? 'Organization' : 'Person'}</th>
                <th scope="col">Role</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Sources</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((role, i) => {
                const other = person ? role.organization : role.person;
                return (
                  <tr key={`${other.id}-${role.title ?? ''}-${i}`} class="role">
                    <td>
                      <a href={hrefs.entity(other.id)}>{other.name}</a>
                    </td>
                    <td class="role-title">{role.title ?? <span class="muted">not given</span>}</td>
                    <td class="role-from">
                      {role.validFrom ? (
                        <time dateTime={role.validFrom.value}>
                          {formatDate(role.validFrom.value)}
                        </time>
                      ) : (
                        <span class="muted">not given</span>
                      )}
                    </td>
                    <td class="role-to">
                      {role.validTo ? (
                        <time dateTime={role.validTo.value}>{formatDate(role.validTo.value)}</time>
                      ) : (
                        <span class="muted">not given</span>
                      )}
                    </td>
                    <td>
                      <SourceList sources={role.sources} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Participations({
  items,
  heading,
}: {
  items: readonly ExploreParticipationFragment[];
  heading: string;
}) {
  if (items.length === 0) return null;
  return (
    <section class="participations" aria-labelledby="participations-heading">
      <h2 id="participations-heading">{heading}</h2>
      <ul class="plain">
        {items.map((p, i) => (
          <li key={`${p.participant.id}-${p.event.id}-${i}`}>
            <a href={hrefs.entity(p.participant.id)}>{p.participant.name}</a> at{' '}
            <a href={hrefs.entity(p.event.id)}>{p.event.name}</a>
            {p.event.startDate && (
              <span class="muted"> ({formatDate(p.event.startDate.value)})</span>
            )}
            {p.role && <span>, {p.role}</span>}
            {p.representing && (
              <span>
                , for <a href={hrefs.entity(p.representing.id)}>{p.representing.name}</a>
              </span>
            )}
            <SourceList sources={p.sources} />
          </li>
        ))}
      </ul>
    </section>
  );
}

type Hood = NonNullable<ExploreNeighborhoodQuery['neighborhood']>;

/** The drawing: the node's neighbourhood, grown by every node double-clicked. */
function Neighbourhood({
  id,
  name,
  limit,
  hood,
}: {
  id: string;
  name: string;
  limit: number;
  hood: HoodState;
}) {
  const [extra, setExtra] = useState<Hood[]>([]);
  const [expanding, setExpanding] = useState<string | null>(null);
  const [expandError, setExpandError] = useState<string | null>(null);
  useEffect(() => setExtra([]), [id]);

  const first = hood.status === 'done' ? hood.data.neighborhood : null;
  // Only new data makes a new drawing: the lists must stay the same objects between renders.
  const graph = useMemo(() => (first ? mergeHoods([first, ...extra]) : null), [first, extra]);

  const expand = (node: GraphNodeData) => {
    setExpanding(node.id);
    setExpandError(null);
    request(Neighborhood, { id: node.id, depth: 1, limit: 100 }).then(
      (data) => {
        if (data.neighborhood) setExtra((list) => [...list, data.neighborhood as Hood]);
        setExpanding(null);
      },
      (error: Error) => {
        setExpandError(error.message);
        setExpanding(null);
      },
    );
  };

  if (hood.status === 'loading') return <Loading what="the connections" />;
  if (hood.status === 'error') return <ErrorState error={hood.error} onRetry={hood.reload} />;
  if (!graph) return <Empty>Nothing to draw.</Empty>;
  return (
    <>
      {graph.nodes.length <= 1 && <Empty>{name} has no connection in the graph yet.</Empty>}
      <GraphView
        nodes={graph.nodes}
        edges={graph.edges}
        centerId={id}
        label={`The connections of ${name}`}
        hrefOf={(n) => hrefs.entity(n.id)}
        onOpen={(n) => navigate(hrefs.entity(n.id))}
        onExpand={expand}
        expanding={expanding}
      />
      {hood.data.neighborhood?.truncated && (
        <p class="muted">
          Only {limit} nodes are drawn.{' '}
          {limit < DRAWING.most && (
            <a href={hrefs.entity(id, DRAWING.most)}>Draw up to {DRAWING.most}</a>
          )}
        </p>
      )}
      {expandError && <p role="alert">Could not expand: {expandError}</p>}
    </>
  );
}

function mergeHoods(hoods: readonly Hood[]): { nodes: GraphNodeData[]; edges: GraphEdgeData[] } {
  const nodes = new Map<string, GraphNodeData>();
  const edges = new Map<string, GraphEdgeData>();
  for (const hood of hoods) {
    for (const n of hood.nodes) {
      if (!nodes.has(n.id))
        nodes.set(n.id, { id: n.id, type: n.type, label: n.label, distance: n.distance });
    }
    for (const e of hood.edges) {
      edges.set(e.id, {
        id: e.id,
        source: e.source,
        target: e.target,
        relation: e.relation,
        role: e.role,
      });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
