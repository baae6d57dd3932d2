/**
 * The benchmark's results as files: `bench/results/<size>.json` (everything measured),
 * `<size>.md` (the table printed at the end) and `p50-by-size.svg` (median latency at one
 * connection against graph size, one panel per question, one line per contender, drawn from
 * whichever sizes' JSON files exist). The SVG is written by hand: no chart library.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';

export interface Cell {
  p50: number | null;
  p99: number | null;
  rps16: number | null;
  p99at16: number | null;
  errors: number;
  statements: number | null;
  match: string;
  note?: string | undefined;
}

interface ImportRow {
  articles: number;
  facts: number;
  seconds: number;
  articlesPerSecond: number;
  factsPerSecond: number;
  concurrency?: number;
  batch?: number;
  inMemory?: boolean;
  reused?: boolean;
}

export interface Results {
  size: string;
  generatorVersion: number;
  date: string;
  machine: { cores: number; neo4j: string; node: string };
  graph: { nodes: number; relationships: number; labels: Record<string, number> };
  import: { importer: unknown; raw: unknown; generatedSeconds: number };
  picks: Record<string, unknown>;
  method: Record<string, unknown>;
  contenders: Record<string, string>;
  questions: { key: string; title: string; cells: Record<string, Cell> }[];
  rssMb: Record<string, { rss: number; peak: number }>;
  phases: Record<string, number>;
}

export const RESULTS_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');

const ms = (x: number | null) => (x === null ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
const int = (x: number | null) => (x === null ? '—' : Math.round(x).toLocaleString('en-US'));

export function markdown(r: Results): string {
  const names = Object.keys(r.contenders);
  const lines = [
    `# Benchmark at ${r.size} (${r.graph.nodes.toLocaleString('en-US')} nodes, ${r.graph.relationships.toLocaleString('en-US')} relationships)`,
    '',
    `${r.date}; Neo4j ${r.machine.neo4j}, Node ${r.machine.node}, ${r.machine.cores} cores shared by Neo4j, ` +
      'the servers and the load generator. Cells: p50 / p99 ms at 1 connection; req/s and p99 ms at 16 ' +
      'connections; Cypher statements per request; errors. Interleaved rounds: p50/p99 at 1 connection over every request of every round, req/s and p99 at 16 connections the median of rounds.',
    '',
    `Asked about: ${Object.entries(r.picks)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k} \`${String(v)}\``)
      .join(', ')}.`,
    '',
    `Contenders: ${names.map((n) => `**${n}**: ${r.contenders[n]}`).join('; ')}.`,
    '',
    '| question | contender | p50 ms (1 conn) | p99 ms (1 conn) | req/s (16 conn) | p99 ms (16 conn) | statements | errors | same answer as raw |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const q of r.questions) {
    for (const name of names) {
      const c = q.cells[name];
      if (!c) continue;
      lines.push(
        `| ${q.title} | ${name} | ${ms(c.p50)} | ${ms(c.p99)} | ${int(c.rps16)} | ${ms(c.p99at16)} | ` +
          `${c.statements ?? '—'} | ${c.errors} | ${cut(c.match)}${c.note ? ` (${c.note})` : ''} |`,
      );
    }
  }
  const imp = r.import as { importer: ImportRow; raw: ImportRow };
  lines.push(
    '',
    '| import | articles | facts | seconds | articles/s | facts/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...(['importer', 'raw'] as const).map((k) => {
      const x = imp[k];
      const label =
        k === 'importer'
          ? `kg importer (${x.batch ?? 1} per transaction${x.inMemory ? ' in memory' : ''}, ${x.concurrency ?? '?'} at a time${x.reused ? ', measured when the graph was loaded' : ''})`
          : 'raw UNWIND/MERGE batches of 10k';
      return `| ${label} | ${int(x.articles)} | ${int(x.facts)} | ${x.seconds.toFixed(1)} | ${x.articlesPerSecond.toFixed(1)} | ${int(x.factsPerSecond)} |`;
    }),
    '',
    `Server memory (MB, RSS after the run / peak): ${Object.entries(r.rssMb)
      .map(([k, v]) => `${k} ${v.rss} / ${v.peak}`)
      .join('; ')}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** p50 at one connection against graph size, a small panel per question. */
export function svg(all: Results[]): string {
  const sizes = all.map((r) => r.graph.nodes);
  const contenders = [...new Set(all.flatMap((r) => Object.keys(r.contenders)))];
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd'];
  const questions = all[0]?.questions.map((q) => ({ key: q.key, title: q.title })) ?? [];
  const [w, h, pad] = [320, 200, 40];
  const cols = 2;
  const parts: string[] = [];
  const xMin = Math.log10(Math.min(...sizes) / 2);
  const xMax = Math.log10(Math.max(...sizes) * 2);
  questions.forEach((q, i) => {
    const [ox, oy] = [(i % cols) * (w + 20) + 10, Math.floor(i / cols) * (h + 30) + 40];
    const points = contenders.map((c) =>
      all
        .map((r) => ({
          x: r.graph.nodes,
          y: r.questions.find((x) => x.key === q.key)?.cells[c]?.p50,
        }))
        .filter((p): p is { x: number; y: number } => typeof p.y === 'number' && p.y > 0),
    );
    const ys = points.flat().map((p) => p.y);
    const yMax = Math.log10(Math.max(1, ...ys) * 2);
    const yMin = Math.log10(Math.max(0.1, Math.min(...ys, 1) / 2));
    const X = (x: number) => ox + pad + ((Math.log10(x) - xMin) / (xMax - xMin)) * (w - pad - 10);
    const Y = (y: number) => oy + h - 20 - ((Math.log10(y) - yMin) / (yMax - yMin)) * (h - 40);
    parts.push(
      `<g><rect x="${ox}" y="${oy}" width="${w}" height="${h}" fill="none" stroke="#ccc"/>`,
      `<text x="${ox + 6}" y="${oy + 14}" font-size="11">${escape(q.title.length > 56 ? `${q.title.slice(0, 53)}...` : q.title)}</text>`,
      `<text x="${ox + 4}" y="${oy + h / 2}" font-size="9">ms (log)</text>`,
      ...sizes.map(
        (s) =>
          `<text x="${X(s)}" y="${oy + h - 6}" font-size="9" text-anchor="middle">${s.toLocaleString('en-US')}</text>`,
      ),
      ...[yMin, yMax].map(
        (l) =>
          `<text x="${ox + pad - 4}" y="${Y(10 ** l)}" font-size="9" text-anchor="end">${ms(10 ** l)}</text>`,
      ),
      ...points.map((ps, k) =>
        ps.length === 0
          ? ''
          : `<polyline fill="none" stroke="${colours[k % colours.length]}" stroke-width="2" points="${ps
              .map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`)
              .join(' ')}"/>` +
            ps
              .map(
                (p) =>
                  `<circle cx="${X(p.x).toFixed(1)}" cy="${Y(p.y).toFixed(1)}" r="3" fill="${colours[k % colours.length]}"/>`,
              )
              .join(''),
      ),
      '</g>',
    );
  });
  const legend = contenders
    .map(
      (c, k) =>
        `<text x="${10 + k * 170}" y="20" font-size="12" fill="${colours[k % colours.length]}">■ ${escape(c)}</text>`,
    )
    .join('');
  const height = Math.ceil(questions.length / cols) * (h + 30) + 50;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * (w + 20) + 10}" height="${height}" font-family="sans-serif">
<title>p50 latency at 1 connection against graph size (nodes), per question</title>
${legend}
${parts.join('\n')}
</svg>
`;
}

const cut = (s: string) => (s.length > 220 ? `${s.slice(0, 217)}...` : s).replace(/\|/g, '/');
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export async function writeResults(r: Results): Promise<string> {
  await fs.mkdir(RESULTS_DIR, { recursive: true });
  // Formatted as the repository formats files, so that the results pass `prettier --check`.
  const format = async (text: string, file: string) =>
    prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  const json = path.join(RESULTS_DIR, `${r.size}.json`);
  await fs.writeFile(json, await format(JSON.stringify(r, null, 2), json));
  const mdFile = path.join(RESULTS_DIR, `${r.size}.md`);
  const md = await format(markdown(r), mdFile);
  await fs.writeFile(mdFile, md);
  const all: Results[] = [];
  for (const size of ['10k', '100k', '1m']) {
    try {
      all.push(
        JSON.parse(await fs.readFile(path.join(RESULTS_DIR, `${size}.json`), 'utf8')) as Results,
      );
    } catch {
      // That size has not been run.
    }
  }
  await fs.writeFile(path.join(RESULTS_DIR, 'p50-by-size.svg'), svg(all));
  return md;
}
