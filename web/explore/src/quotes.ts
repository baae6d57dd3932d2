/** Where each quote occurs (spaces and line breaks may differ), merged where they overlap. */
export function quoteRanges(text: string, quotes: readonly string[]): [number, number][] {
  const found: [number, number][] = [];
  for (const quote of new Set(quotes)) {
    const words = quote
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (words.length === 0 || !words[0]) continue;
    const pattern = new RegExp(words.join('\\s+'), 'g');
    for (const match of text.matchAll(pattern))
      found.push([match.index, match.index + match[0].length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
