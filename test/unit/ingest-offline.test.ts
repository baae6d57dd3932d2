import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateArticle } from '../../src/ingest/importer.ts';

describe('kg validate --offline (no graph)', () => {
  it('reports an id that is neither declared in the file nor can be looked up, with its place', async () => {
    const text = stringify({
      format: 'kg-article/1',
      article: { id: 'article-offline', title: 'Offline', publishedAt: '2009' },
      entities: [{ id: 'ana-ruiz', type: 'Person', name: 'Ana Ruiz' }],
      facts: [{ type: 'WORKS_FOR', from: 'ana-ruiz', to: 'nowhere-inc' }],
    });
    const result = await validateArticle(undefined, text, 'offline.yaml');
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        file: 'offline.yaml',
        path: 'facts[0].to',
        code: 'UNKNOWN_REFERENCE',
        message: 'unknown id "nowhere-inc": not declared in this file and not in the graph',
        line: text.split('\n').findIndex((l) => l.includes('to: nowhere-inc')) + 1,
        column: 5,
      },
    ]);
  });

  it('accepts a file whose every id is declared in it', async () => {
    const text = stringify({
      format: 'kg-article/1',
      article: { id: 'article-offline', title: 'Offline', publishedAt: '2009' },
      entities: [
        { id: 'ana-ruiz', type: 'Person', name: 'Ana Ruiz' },
        { id: 'ruiz-labs', type: 'Organization', name: 'Ruiz Labs' },
      ],
      facts: [{ type: 'WORKS_FOR', from: 'ana-ruiz', to: 'ruiz-labs' }],
    });
    expect(await validateArticle(undefined, text, 'offline.yaml')).toMatchObject({
      ok: true,
      errors: [],
    });
  });
});
