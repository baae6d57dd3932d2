import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { bearer, graphqlClient } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';
import { runKg } from '../support/processes.ts';
import { childEnv } from '../support/test-config.ts';

/**
 * Identity under concurrency: imports that declare one new name under different ids, at the same
 * time, give one entity (the others redirect to it) and no failure, as they do one after another.
 */

const neo4j = openTestNeo4j();
const WRITE_KEY = 'concurrency-test-write-key-0123456789';
const api = graphqlClient(neo4j.db, { writeKey: WRITE_KEY });
const { uri, password, database } = inject('neo4j');
const env = childEnv({ NEO4J_URI: uri, NEO4J_PASSWORD: password, NEO4J_DATABASE: database });
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-concurrency-'));
  await wipeTestGraph(neo4j.db);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
});

const person = (articleId: string, id: string, name: string) => ({
  format: 'kg-article/1',
  article: { id: articleId, title: articleId, publishedAt: '2010-01' },
  entities: [{ id, type: 'Person', name }],
});

/** The people with this name, each with the ids that redirect to it. */
async function peopleNamed(name: string) {
  return neo4j.db.read(
    `MATCH (p:Person {name: $name})
     OPTIONAL MATCH (r:Redirect)-[:REDIRECTS_TO]->(p)
     WITH p, r ORDER BY r.id
     RETURN p.id AS id, collect(r.id) AS redirects`,
    { name },
  );
}

describe('one new name declared under different ids at the same time', () => {
  it('10 importArticle requests at once give one person, 20 times over', async () => {
    for (let round = 0; round < 20; round++) {
      const name = `Jane Raceone ${round}`;
      const results = await Promise.all(
        [...Array(10).keys()].map((i) =>
          api.query<{ importArticle: { status: string } }>(
            'mutation ($document: JSONObject!) { importArticle(document: $document) { status } }',
            { document: person(`article-race-${round}-${i}`, `race-${round}-${i}`, name) },
            bearer(WRITE_KEY),
          ),
        ),
      );
      for (const result of results) {
        expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
        expect(result.data?.importArticle.status).toBe('CREATED');
      }
      // The earliest article (same month: the smallest article id) names the entity.
      expect(await peopleNamed(name)).toEqual([
        {
          id: `race-${round}-0`,
          redirects: [...Array(9).keys()].map((i) => `race-${round}-${i + 1}`),
        },
      ]);
    }
  });

  it('10 kg import processes, each importing 20 such files, give 20 people and no failure', async () => {
    const processes = 10;
    const names = 20;
    const batches = await Promise.all(
      [...Array(processes).keys()].map(async (p) => {
        const files: string[] = [];
        for (let n = 0; n < names; n++) {
          const file = path.join(dir, `p${p}-n${String(n).padStart(2, '0')}.yaml`);
          const document = person(`article-cli-${n}-${p}`, `cli-racer-${n}-${p}`, `Cli Racer ${n}`);
          await fs.writeFile(file, stringify(document));
          files.push(file);
        }
        return files;
      }),
    );
    const results = await Promise.all(batches.map((files) => runKg(['import', ...files], env)));
    for (const result of results) expect(result.code, result.stdout + result.stderr).toBe(0);
    for (let n = 0; n < names; n++) {
      expect(await peopleNamed(`Cli Racer ${n}`)).toEqual([
        {
          id: `cli-racer-${n}-0`,
          redirects: [...Array(processes - 1).keys()].map((p) => `cli-racer-${n}-${p + 1}`),
        },
      ]);
    }
    const [locks] = await neo4j.db.read('MATCH (l:ImportLock) RETURN count(l) AS n');
    expect(locks?.n).toBe(0);
  });
});
