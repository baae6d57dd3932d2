import cytoscape, { type Core, type ElementDefinition, type LayoutOptions } from 'cytoscape';
import { useEffect, useRef, useState } from 'preact/hooks';
import { NODE_STYLES, type NodeKind, nodeStyle, relationWords } from '../vocabulary.ts';
import { Shape } from './badges.tsx';

export interface GraphNodeData {
  id: string;
  type: string;
  label: string;
  /** Hops from the centre, when the drawing has one. */
  distance?: number;
}

export interface GraphEdgeData {
  id: string;
  source: string;
  target: string;
  relation: string;
  role?: string | null;
}

export type GraphLayout = 'auto' | 'breadthfirst';

/** Drawings of up to this many nodes are laid out by force (cose); larger ones in rings. */
const FORCE_LAYOUT_MAX = 80;
/** The length cose aims at for an edge: the first ring of nodes added around an expanded one. */
const EDGE_LENGTH = 110;
/** How far a node added to a drawing is kept from every other node: room for most labels. */
const ROOM = 80;

const shorten = (text: string, max = 42) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * Nodes and edges drawn with cytoscape.js: each type of node in its own shape and colour (see the
 * legend), edges labelled with their relation. A click on a node opens it, a double-click expands
 * it (`onExpand`). The canvas is not readable by assistive technology, so the same nodes are
 * listed below it, each with a link to open it and a button to expand it.
 *
 * The first drawing is laid out whole. When it then grows (an expansion), the nodes already drawn
 * stay where the reader saw them and only the new ones are placed, around the node expanded.
 *
 * When a drawing is complete it records `explore:graph-drawn` (a performance measure from when its
 * data arrived), which `npm run bench:explore` reads.
 */
export function GraphView({
  nodes,
  edges,
  centerId,
  roots,
  layout = 'auto',
  label,
  hrefOf,
  onOpen,
  onExpand,
  expanding,
}: {
  nodes: readonly GraphNodeData[];
  edges: readonly GraphEdgeData[];
  centerId?: string;
  roots?: readonly string[];
  layout?: GraphLayout;
  label: string;
  hrefOf: (node: GraphNodeData) => string;
  onOpen: (node: GraphNodeData) => void;
  onExpand?: (node: GraphNodeData) => void;
  expanding?: string | null;
}) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  // The node expanded last, for its new neighbours to be placed around it.
  const grownFrom = useRef<string | null>(null);
  const expand = (node: GraphNodeData) => {
    grownFrom.current = node.id;
    onExpand?.(node);
  };
  const handlers = useRef({ onOpen, expand });
  handlers.current = { onOpen, expand };
  // What the drawing on screen was laid out for: a new centre is laid out afresh.
  const laidOutFor = useRef<string | null>(null);
  const [drawn, setDrawn] = useState<{ nodes: number; edges: number; ms: number } | null>(null);

  // One cytoscape instance per mounted view; clicks and double-clicks go to the latest handlers.
  useEffect(() => {
    if (!container.current) return;
    const instance = cytoscape({
      container: container.current,
      style: graphStyle(layout),
      minZoom: 0.1,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
    });
    let pending: ReturnType<typeof setTimeout> | undefined;
    const dataOf = (target: cytoscape.NodeSingular): GraphNodeData =>
      target.data() as GraphNodeData;
    instance.on('tap', 'node', (event) => {
      // A second tap within the double-click delay is an expansion, not an opening.
      clearTimeout(pending);
      const node = dataOf(event.target as cytoscape.NodeSingular);
      pending = setTimeout(() => handlers.current.onOpen(node), 300);
    });
    instance.on('dbltap', 'node', (event) => {
      clearTimeout(pending);
      handlers.current.expand(dataOf(event.target as cytoscape.NodeSingular));
    });
    cy.current = instance;
    (container.current as HTMLDivElement & { cy?: Core }).cy = instance;
    return () => {
      clearTimeout(pending);
      instance.destroy();
      cy.current = null;
    };
  }, []);

  // New data: add what is new, remove what is gone, lay out the whole drawing or only what is new.
  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    const started = performance.now();
    const wanted = new Set([...nodes.map((n) => n.id), ...edges.map((e) => `edge:${e.id}`)]);
    let fresh = instance.collection();
    instance.batch(() => {
      instance.elements().forEach((element) => {
        if (!wanted.has(element.id())) instance.remove(element);
      });
      const added: ElementDefinition[] = [];
      for (const node of nodes) {
        if (instance.getElementById(node.id).nonempty()) continue;
        added.push({
          group: 'nodes',
          data: {
            ...node,
            display: shorten(node.label, node.type === 'Claim' ? 28 : 36),
            colour: nodeStyle(node.type).colour,
            shape: nodeStyle(node.type).shape,
          },
          classes: node.id === centerId ? 'center' : '',
        });
      }
      const ids = new Set(nodes.map((n) => n.id));
      for (const edge of edges) {
        if (!ids.has(edge.source) || !ids.has(edge.target)) continue;
        if (instance.getElementById(`edge:${edge.id}`).nonempty()) continue;
        added.push({
          group: 'edges',
          data: {
            id: `edge:${edge.id}`,
            source: edge.source,
            target: edge.target,
            display: relationWords(edge.relation) + (edge.role ? ` (${edge.role})` : ''),
          },
        });
      }
      fresh = instance.add(added);
    });
    // The frame after the layout is the one that shows it.
    const shown = () =>
      requestAnimationFrame(() => {
        const ms = performance.now() - started;
        performance.measure('explore:graph-drawn', { start: started, end: performance.now() });
        setDrawn({ nodes: instance.nodes().length, edges: instance.edges().length, ms });
      });
    // Only an expansion grows a drawing in place; new data of any other kind (a first drawing, a
    // new centre, a new route) is laid out whole.
    const scheme = JSON.stringify([layout, centerId, roots]);
    const grows =
      onExpand !== undefined &&
      laidOutFor.current === scheme &&
      instance.nodes().length > fresh.nodes().length;
    laidOutFor.current = scheme;
    if (grows) {
      placeAround(instance, fresh.nodes(), grownFrom.current);
      // The view zooms out to take in the new nodes: it moves no node within the drawing.
      instance.animate({
        fit: { eles: instance.elements(), padding: 30 },
        duration: 300,
        complete: shown,
      });
      return;
    }
    const run = instance.layout(layoutOptions(layout, nodes.length, centerId, roots));
    run.one('layoutstop', () => {
      instance.fit(undefined, 30);
      shown();
    });
    run.run();
  }, [nodes, edges, centerId, layout, roots]);

  return (
    <figure class="graph">
      <div
        ref={container}
        class="graph-canvas"
        role="img"
        aria-label={`${label}: ${nodes.length} nodes and ${edges.length} edges. The same nodes are listed below the drawing.`}
        data-drawn={drawn ? 'true' : 'false'}
        data-nodes={drawn?.nodes ?? 0}
        data-edges={drawn?.edges ?? 0}
      />
      <figcaption>
        <Legend types={[...new Set(nodes.map((n) => n.type))]} />
        <p class="muted hint">
          Click a node to open it{onExpand ? ', double-click to expand it' : ''}; drag to move,
          scroll to zoom.
          {expanding && <span role="status"> Expanding…</span>}
        </p>
        <details class="graph-nodes">
          <summary>The {nodes.length} nodes of the drawing, as a list</summary>
          <ul>
            {nodes.map((node) => (
              <li key={node.id}>
                <Shape type={node.type} /> <a href={hrefOf(node)}>{shorten(node.label, 80)}</a>{' '}
                <span class="muted">({nodeStyle(node.type).word})</span>
                {onExpand && node.type !== 'Claim' && (
                  <>
                    {' '}
                    <button type="button" class="link-button" onClick={() => expand(node)}>
                      Expand<span class="visually-hidden"> {node.label}</span>
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
}

export function Legend({ types }: { types: readonly string[] }) {
  const shown = (Object.keys(NODE_STYLES) as NodeKind[]).filter((t) => types.includes(t));
  return (
    <ul class="legend" aria-label="Legend">
      {shown.map((type) => (
        <li key={type}>
          <Shape type={type} /> {nodeStyle(type).word}
        </li>
      ))}
    </ul>
  );
}

function layoutOptions(
  layout: GraphLayout,
  count: number,
  centerId: string | undefined,
  roots: readonly string[] | undefined,
): LayoutOptions {
  if (layout === 'breadthfirst') {
    return {
      name: 'breadthfirst',
      directed: false,
      roots: roots ? [...roots] : undefined,
      spacingFactor: 1.1,
      animate: false,
    } as LayoutOptions;
  }
  if (count <= FORCE_LAYOUT_MAX) {
    return {
      name: 'cose',
      animate: false,
      randomize: false,
      nodeRepulsion: () => 400_000,
      idealEdgeLength: () => EDGE_LENGTH,
      nodeOverlap: 40,
      gravity: 40,
      numIter: 1000,
    } as LayoutOptions;
  }
  return {
    name: 'concentric',
    animate: false,
    concentric: (node: cytoscape.NodeSingular) =>
      node.id() === centerId ? 100 : 10 - Number(node.data('distance') ?? 5),
    levelWidth: () => 1,
    minNodeSpacing: 6,
  } as LayoutOptions;
}

/**
 * Places the nodes just added to a drawing around the node they hang from (the one expanded, else
 * a drawn neighbour), on rings out from it: nearest ring first, and on each ring the side facing
 * away from the middle of the drawing first, where there is most room. A place closer than ROOM to
 * another node is skipped. The nodes already drawn do not move.
 *
 * Not cose with the drawn nodes locked: cose leaves locked nodes alone, but then moves every other
 * node of a connected part to pack the parts at the origin, so the new nodes would drift away.
 */
function placeAround(instance: Core, added: cytoscape.NodeCollection, grownFrom: string | null) {
  const kept = instance.nodes().difference(added) as cytoscape.NodeCollection;
  const box = kept.boundingBox();
  const middle = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
  const taken = kept.map((node) => ({ ...node.position() }));
  const free = (p: cytoscape.Position) =>
    taken.every((q) => Math.hypot(q.x - p.x, q.y - p.y) >= ROOM);
  added.forEach((node) => {
    const drawnNeighbours = node.neighborhood().difference(added).nodes();
    const expanded = drawnNeighbours.getElementById(grownFrom ?? '');
    const from = expanded.nonempty() ? expanded : drawnNeighbours.first();
    const at = from.nonempty() ? from.position() : middle;
    const away = Math.atan2(at.y - middle.y, at.x - middle.x);
    for (let radius = EDGE_LENGTH; ; radius += ROOM) {
      const places = Math.floor((2 * Math.PI * radius) / ROOM);
      for (let i = 0; i < places; i++) {
        // 0, +1, -1, +2, -2... places round from the one facing away.
        const turn = (i % 2 ? 1 : -1) * Math.ceil(i / 2) * ((2 * Math.PI) / places);
        const p = {
          x: at.x + radius * Math.cos(away + turn),
          y: at.y + radius * Math.sin(away + turn),
        };
        if (free(p)) {
          node.position(p);
          taken.push(p);
          return;
        }
      }
    }
  });
}

/** Edge labels follow their edges in a force layout; a top-down path reads better with them level. */
function graphStyle(layout: GraphLayout): cytoscape.StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        shape: 'data(shape)' as never,
        label: 'data(display)',
        width: 26,
        height: 26,
        'font-size': 11,
        color: '#1a1a1a',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '140px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
        'border-width': 1.5,
        'border-color': '#ffffff',
      },
    },
    {
      selector: 'node.center',
      style: {
        width: 38,
        height: 38,
        'border-width': 3,
        'border-color': '#1a1a1a',
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node[type = "Claim"]',
      style: { width: 18, height: 18, 'font-size': 9 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.3,
        'line-color': '#8a9099',
        'target-arrow-color': '#8a9099',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        label: 'data(display)',
        'font-size': 9,
        color: '#3b3f45',
        'text-rotation': layout === 'breadthfirst' ? 'none' : 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'min-zoomed-font-size': 8,
      },
    },
  ];
}
