import { useEffect, useMemo, useState } from 'preact/hooks';
import { request } from '../api/client.ts';
import { Neighborhood } from '../api/operations.ts';
import type { QueryResult } from '../api/use-query.ts';
import type { ExploreNeighborhoodQuery } from '../generated/graphql.ts';
import { DRAWING, hrefs, navigate } from '../router.ts';
import { type GraphEdgeData, type GraphNodeData, GraphView } from './graph-view.tsx';
import { Empty, ErrorState, Loading } from './states.tsx';

type Hood = NonNullable<ExploreNeighborhoodQuery['neighborhood']>;

/** The drawing: the node's neighbourhood, grown by every node double-clicked. */
export function Neighbourhood({
  id,
  name,
  limit,
  hood,
}: {
  id: string;
  name: string;
  limit: number;
  hood: QueryResult<ExploreNeighborhoodQuery>;
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
