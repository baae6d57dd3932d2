import { useEffect } from 'preact/hooks';

/** Each view names itself in the tab and in the history list. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Explorer · Industry knowledge graph`;
  }, [title]);
}
