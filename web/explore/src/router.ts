/**
 * Every view has its own URL under /explore, kept in the browser's history: links are real links
 * (a new tab works), and an ordinary click on one is turned into a pushState, so back and forward
 * move between views without reloading the page.
 */
import { useEffect, useState } from 'preact/hooks';

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

const CHANGE = 'explore:navigate';

export function navigate(href: string, { replace = false } = {}): void {
  if (href === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}

/** The current route, following pushState, back and forward. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}

/**
 * Turns ordinary clicks on links inside the explorer into history entries; clicks with a modifier
 * key (new tab, new window) and links elsewhere are left to the browser.
 */
export function interceptLinks(root: HTMLElement): () => void {
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
