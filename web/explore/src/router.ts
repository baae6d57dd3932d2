/**
 * Every view has its own URL under /explore, kept in the browser's history: links are real links
 * (a new tab works), and an ordinary click on one is turned into a pushState, so back and forward
 * move between views without reloading the page.
 */
import { useEffect, useState } from 'preact/hooks';
import { BASE, parseRoute, type Route } from './routes.ts';

export { BASE, DRAWING, hrefs, nodeHref, parseRoute, type Route } from './routes.ts';

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
