import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify, parse } from 'yaml';
import { projectRoot } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { exportGraph } from '../../src/ingest/export.ts';
import type { ArticleFileInput } from '../../src/ingest/format.ts';
import { importArticle, type ImportOutcome } from '../../src/ingest/importer.ts';

export const SEED_ARTICLE = path.join(projectRoot, 'seed', '000-n-square-dinner-2008.yaml');
export const SEED_ARTICLE_ID = 'article-n-square-dinner-2008';

/** The seed article as an object, to derive corrected or broken versions from. */
export function seedArticle(): ArticleFileInput {
  return parse(readFileSync(SEED_ARTICLE, 'utf8')) as ArticleFileInput;
}

export async function importDocument(
  db: Database,
  document: unknown,
  file = 'test-article.yaml',
): Promise<ImportOutcome> {
  return importArticle(db, stringify(document), file);
}

/** One line of `kg export`, parsed. */
export interface ExportedLine {
  kind: 'node' | 'relationship';
  labels?: string[];
  type?: string;
  from?: string;
  to?: string;
  properties: { id?: string; sources?: string[]; [key: string]: unknown };
}

export const parseLine = (line: string): ExportedLine => JSON.parse(line) as ExportedLine;

export async function exportLines(db: Database): Promise<string[]> {
  const lines: string[] = [];
  await exportGraph(db, (line) => {
    lines.push(line);
  });
  return lines;
}

/** A small article of its own, about entities the seed declares, for retraction and merge tests. */
export function followUpArticle(): ArticleFileInput {
  return {
    format: 'kg-article/1',
    article: {
      id: 'article-follow-up-2008',
      title: 'A follow-up on the N-Square dinner',
      publisher: 'Test Gazette',
      publishedAt: '2008-04-02',
      text: 'Crosby repeated that Blue Pill should be ignored. Citrix Systems now ships XenServer 4.1.',
    },
    entities: [
      {
        id: 'citrix-systems',
        type: 'Organization',
        name: 'Citrix Systems',
        aliases: ['CTXS'],
      },
      { id: 'xenserver-4-1', type: 'Topic', name: 'XenServer 4.1', kind: 'product' },
    ],
    facts: [
      {
        type: 'DEVELOPS',
        from: 'citrix-systems',
        to: 'xenserver-4-1',
        quote: 'Citrix Systems now ships XenServer 4.1',
      },
      { type: 'WORKS_FOR', from: 'simon-crosby', to: 'xensource', role: 'CTO' },
    ],
    claims: [
      {
        id: 'crosby-dismisses-blue-pill',
        statement: 'Blue Pill is not worth any attention.',
        stance: 'DISMISSES',
        speakers: ['simon-crosby'],
        targets: ['blue-pill'],
        date: '2008-04-01',
        quote: 'Crosby repeated that Blue Pill should be ignored',
      },
    ],
  };
}
