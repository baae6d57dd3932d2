import { useMemo, useState } from 'preact/hooks';
import { Path } from '../api/operations.ts';
import { useQuery } from '../api/use-query.ts';
import { type GraphEdgeData, type GraphNodeData, GraphView } from '../components/graph-view.tsx';
import { SearchBox } from '../components/search-box.tsx';
import { SourceList } from '../components/sources.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import type { ExplorePathQuery } from '../generated/graphql.ts';
import { hrefs, navigate } from '../router.ts';
import { useTitle } from './use-title.ts';

type PathData = ExplorePathQuery['paths'][number];

/** `/explore/path?from=..&to=..`: the shortest paths between two entities, drawn and explained. */
export function PathView({ from, to }: { from: string; to: string }) {
  const ready = Boolean(from && to);
  const result = useQuery(Path, { from, to, maxHops: 4 }, { skip: !ready });
  const names =
    ready && result.status === 'done'
      ? { from: nameOf(result.data.start) ?? from, to: nameOf(result.data.end) ?? to }
      : { from, to };
  useTitle(ready ? `Paths from ${names.from} to ${names.to}` : 'Path finder');
  const [chosen, setChosen] = useState<{ from: string; to: string }>({ from, to });
  const pick = { from: chosen.from || from, to: chosen.to || to };

  return (
    <div class="path-finder">
      <h1 tabIndex={-1}>
        {ready ? (
          <>
            Paths from {names.from} to {names.to}
          </>
        ) : (
          'Path finder'
        )}
      </h1>
      <p class="lead">
        How are two entities connected? The shortest paths, hop by hop, with sources.
      </p>
      <form
        class="path-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (pick.from && pick.to) navigate(hrefs.path(pick.from, pick.to));
        }}
      >
        <SearchBox
          label="From"
          initialText={ready || from ? names.from : ''}
          onSelect={(entity) => setChosen((c) => ({ ...c, from: entity.id }))}
        />
        <SearchBox
          label="To"
          initialText={ready || to ? names.to : ''}
          onSelect={(entity) => setChosen((c) => ({ ...c, to: entity.id }))}
        />
        <button type="submit" disabled={!pick.from || !pick.to}>
          Find paths
        </button>
      </form>
      {!ready && <Empty>Choose where the path starts and where it ends.</Empty>}
      {ready && result.status === 'loading' && <Loading what="the paths" />}
      {ready && result.status === 'error' && (
        <ErrorState error={result.error} onRetry={result.reload} />
      )}
      {ready && result.status === 'done' && <Paths data={result.data} />}
    </div>
  );
}

function nameOf(node: ExplorePathQuery['start']): string | undefined {
  return node && 'name' in node ? node.name : undefined;
}

function Paths({ data }: { data: ExplorePathQuery }) {
  const graph = useMemo(() => drawing(data.paths), [data]);
  if (data.paths.length === 0) {
    return (
      <Empty>
        No path of 4 hops or fewer.{' '}
        {data.pathLength === null || data.pathLength === undefined
          ? 'There is none within 6 hops either.'
          : `The shortest path has ${data.pathLength} hops.`}
      </Empty>
    );
  }
  const start = data.paths[0]?.nodes[0]?.id;
  return (
    <>
      <section aria-labelledby="path-drawing-heading">
        <h2 id="path-drawing-heading">
          {data.paths.length} shortest {data.paths.length === 1 ? 'path' : 'paths'} of{' '}
          {data.paths[0]?.length} hops
        </h2>
        <GraphView
          nodes={graph.nodes}
          edges={graph.edges}
          centerId={start}
          roots={start ? [start] : undefined}
          layout="breadthfirst"
          label="The paths"
          hrefOf={(n) => hrefs.entity(n.id)}
          onOpen={(n) => navigate(hrefs.entity(n.id))}
        />
      </section>
      <ol class="paths">
        {data.paths.map((path, i) => (
          <li key={i} class="path">
            <h3>
              Path {i + 1}: {path.length} hops
            </h3>
            <ol class="hops">
              {path.hops.map((hop, j) => (
                <li key={j} class="hop" data-relation={hop.relation}>
                  <p class="explanation">{hop.explanation}</p>
                  <SourceList sources={hop.sources} />
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </>
  );
}

function drawing(paths: readonly PathData[]): { nodes: GraphNodeData[]; edges: GraphEdgeData[] } {
  const nodes = new Map<string, GraphNodeData>();
  const edges = new Map<string, GraphEdgeData>();
  for (const path of paths) {
    path.nodes.forEach((node, i) => {
      const label = 'name' in node ? node.name : 'statement' in node ? node.statement : node.id;
      if (!nodes.has(node.id))
        nodes.set(node.id, { id: node.id, type: node.__typename, label, distance: i });
    });
    for (const hop of path.hops) {
      const id = `${hop.from.id}|${hop.relation}|${hop.role ?? ''}|${hop.to.id}`;
      edges.set(id, {
        id,
        source: hop.from.id,
        target: hop.to.id,
        relation: hop.relation,
        role: hop.role,
      });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
