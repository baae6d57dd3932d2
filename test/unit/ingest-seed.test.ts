import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { firstDay, lastDay } from '../../src/model/dates.ts';
import { speakerOf, targetOf, type ArticleFile } from '../../src/ingest/format.ts';
import { formatIssue } from '../../src/ingest/issues.ts';
import { checkReferences } from '../../src/ingest/rules.ts';
import { validateArticleText } from '../../src/ingest/validate.ts';
import type { EntityType } from '../../src/model/vocabulary.ts';

const seedDir = path.join(projectRoot, 'seed');

/** Every annotation file under seed/, in the order an import takes them: by path. */
const seedFiles = readdirSync(seedDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .map((name) => path.posix.join('seed', name.split(path.sep).join('/')))
  .sort();

function load(file: string): ArticleFile {
  const result = validateArticleText(readFileSync(path.join(projectRoot, file), 'utf8'), file);
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
  return result.article;
}

let loaded: (ArticleFile & { file: string })[] | undefined;
const all = () => (loaded ??= seedFiles.map((file) => ({ file, ...load(file) })));
const claims = () => all().flatMap((f) => f.claims);
const facts = () => all().flatMap((f) => f.facts.map((fact) => ({ ...fact, source: f.article })));

describe('seed/', () => {
  it('holds the seed article and the background sources', () => {
    expect(seedFiles[0]).toBe('seed/000-n-square-dinner-2008.yaml');
    expect(seedFiles.filter((f) => f.startsWith('seed/background/')).length).toBeGreaterThan(3);
  });

  it.each(seedFiles)('%s is a valid kg-article/1 file', (file) => {
    const result = validateArticleText(readFileSync(path.join(projectRoot, file), 'utf8'), file);
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([]);
  });

  it('declares each entity once, before any file in path order refers to it', () => {
    const known = new Map<string, EntityType>();
    for (const file of seedFiles) {
      const article = load(file);
      expect(checkReferences(file, article, known).map(formatIssue)).toEqual([]);
      for (const entity of article.entities) {
        expect(known.has(entity.id), `${file} declares ${entity.id} again`).toBe(false);
        known.set(entity.id, entity.type);
      }
    }
  });

  it('keeps article and claim ids unique across the files', () => {
    const ids = all().flatMap((f) => [f.article.id, ...f.claims.map((c) => c.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the seed article', () => {
  const seed = () => load('seed/000-n-square-dinner-2008.yaml');

  it('carries the article text once, without the truncated first paragraph of the source', () => {
    const text = seed().article.text ?? '';
    expect(text.startsWith('VMware and Citrix XenServer cordially traded shots')).toBe(true);
    expect(text.split('cordially traded shots')).toHaveLength(2);
    expect(text.trimEnd().endsWith('continues to move forward in 2008.')).toBe(true);
  });

  it('words every claim in our own words, not as a copy of the article', () => {
    const text = seed().article.text!.toLowerCase();
    for (const claim of seed().claims) expect(text).not.toContain(claim.statement.toLowerCase());
  });

  it('answers "who dismissed Blue Pill?" with exactly Crosby, Mulchandani and Christy', () => {
    const dismissers = claims()
      .filter((c) => c.targets.some((t) => targetOf(t, c.stance).id === 'blue-pill'))
      .filter((c) => c.targets.some((t) => targetOf(t, c.stance).stance === 'DISMISSES'))
      .flatMap((c) => c.speakers.map((s) => speakerOf(s).id));
    expect(new Set(dismissers)).toEqual(
      new Set(['simon-crosby', 'nand-mulchandani', 'peter-christy']),
    );
  });

  it('says who took part in the N-Square dinner, in what role, representing whom', () => {
    const participants = facts()
      .filter((f) => f.type === 'PARTICIPATED_IN' && f.to === 'n-square-dinner-2008')
      .map((f) => (f.type === 'PARTICIPATED_IN' ? [f.from, f.role, f.representing] : []));
    expect(participants).toEqual([
      ['peter-christy', 'moderator', 'internet-research-group'],
      ['nand-mulchandani', 'panelist', 'vmware'],
      ['simon-crosby', 'panelist', 'xensource'],
    ]);
  });

  it('gives Crosby the role of CTO at XenSource as of 2008-03-11', () => {
    const asOf = '2008-03-11';
    const roles = facts().filter(
      (f) =>
        f.type === 'WORKS_FOR' &&
        f.from === 'simon-crosby' &&
        (f.validFrom === undefined || firstDay(f.validFrom) <= asOf) &&
        (f.validTo === undefined || lastDay(f.validTo) >= asOf) &&
        firstDay(f.source.publishedAt) <= asOf,
    );
    expect(roles).toContainEqual(
      expect.objectContaining({ to: 'xensource', role: 'CTO', source: expect.anything() }),
    );
  });
});

describe('the seed graph', () => {
  /** Undirected edges: facts, and claims joining their speakers to their targets through the claim. */
  function neighbours(): Map<string, Set<string>> {
    const graph = new Map<string, Set<string>>();
    const link = (a: string, b: string) => {
      graph.set(a, (graph.get(a) ?? new Set()).add(b));
      graph.set(b, (graph.get(b) ?? new Set()).add(a));
    };
    for (const fact of facts()) link(fact.from, fact.to);
    for (const claim of claims()) {
      for (const s of claim.speakers) link(speakerOf(s).id, claim.id);
      for (const t of claim.targets) link(claim.id, targetOf(t, claim.stance).id);
    }
    return graph;
  }

  function shortestPath(from: string, to: string): string[] | undefined {
    const graph = neighbours();
    const previous = new Map<string, string>([[from, from]]);
    const queue = [from];
    while (queue.length > 0) {
      const node = queue.shift()!;
      if (node === to) break;
      for (const next of graph.get(node) ?? []) {
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    if (!previous.has(to)) return undefined;
    const path = [to];
    while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
    return path;
  }

  it('connects Joanna Rutkowska to Citrix', () => {
    const path = shortestPath('joanna-rutkowska', 'citrix');
    expect(path).toBeDefined();
    expect(path!.length).toBeLessThanOrEqual(5);
  });

  it('records that Rutkowska created Blue Pill and that Citrix acquired XenSource', () => {
    expect(facts()).toContainEqual(
      expect.objectContaining({ type: 'CREATED', from: 'joanna-rutkowska', to: 'blue-pill' }),
    );
    expect(facts()).toContainEqual(
      expect.objectContaining({
        type: 'ACQUIRED',
        from: 'citrix',
        to: 'xensource',
        date: '2007-10',
      }),
    );
  });
});
