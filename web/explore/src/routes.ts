/**
 * The explorer's URLs, as pure functions (no DOM): every view has its own, under /explore, so a
 * shared link opens the same view. router.ts follows them in the browser's history.
 */
export const BASE = '/explore';

export type Route =
  | { view: 'home' }
  | { view: 'entity'; id: string; nodes: number }
  | { view: 'path'; from: string; to: string }
  | { view: 'timeline'; id: string }
  | { view: 'stance'; id: string }
  | { view: 'article'; id: string }
  | { view: 'not-found'; path: string };

export function parseRoute(location: { pathname: string; search: string }): Route {
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  const parts = rest.split('/').filter(Boolean).map(safeDecode);
  const query = new URLSearchParams(location.search);
  const [view, id, ...extra] = parts;
  if (!view) return { view: 'home' };
  if (view === 'path' && !id) {
    return { view: 'path', from: query.get('from') ?? '', to: query.get('to') ?? '' };
  }
  if (id && extra.length === 0) {
    if (view === 'entity') return { view, id, nodes: drawingSize(query.get('nodes')) };
    if (view === 'timeline' || view === 'stance' || view === 'article') {
      return { view, id };
    }
  }
  return { view: 'not-found', path: location.pathname };
}

/** How many nodes the entity view draws: 100 unless the URL asks for up to 500 (the API's most). */
export const DRAWING = { default: 100, most: 500 } as const;

function drawingSize(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, DRAWING.most) : DRAWING.default;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export const hrefs = {
  home: () => `${BASE}/`,
  entity: (id: string, nodes?: number) =>
    `${BASE}/entity/${encodeURIComponent(id)}${nodes && nodes !== DRAWING.default ? `?nodes=${nodes}` : ''}`,
  timeline: (id: string) => `${BASE}/timeline/${encodeURIComponent(id)}`,
  stance: (id: string) => `${BASE}/stance/${encodeURIComponent(id)}`,
  article: (id: string) => `${BASE}/article/${encodeURIComponent(id)}`,
  path: (from: string, to: string) => {
    const query = new URLSearchParams();
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    const search = query.toString();
    return `${BASE}/path${search ? `?${search}` : ''}`;
  },
};

/** The link to a node's own view: articles have theirs, everything else the entity view. */
export function nodeHref(node: { __typename?: string; id: string }): string {
  return node.__typename === 'Article' ? hrefs.article(node.id) : hrefs.entity(node.id);
}
