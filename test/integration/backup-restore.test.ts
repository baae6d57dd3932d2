import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { generateGraph } from '../../bench/generate.ts';
import { writeBackup } from '../../src/backup/backup.ts';
import { restoreGraph } from '../../src/backup/restore.ts';
import { projectRoot } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { readGraphVersion } from '../../src/db/graph-version.ts';
import { MIGRATIONS } from '../../src/db/migrations.ts';
import { importFiles, mergeEntities } from '../../src/ingest/importer.ts';
import { exportLines, followUpArticle, importDocument } from '../support/articles.ts';
import { dataOf, graphqlClient } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';
import { runKg, STACK_FRAME } from '../support/processes.ts';
import { childEnv } from '../support/test-config.ts';

const neo4j = openTestNeo4j();
const { uri, password, database } = inject('neo4j');
const env = childEnv({ NEO4J_URI: uri, NEO4J_PASSWORD: password, NEO4J_DATABASE: database });
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-backup-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
});

const write = async (name: string, content: string) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
};
const kg = async (args: string[], input?: string) => {
  const result = await runKg(args, env, input);
  expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  return result;
};
const kgExport = async () => {
  const result = await kg(['export']);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};
/** What the graph holds besides its version node. */
const size = async (db: Database) => {
  const [row] = await db.read(
    `CALL () { MATCH (n) WHERE NOT n:GraphVersion RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     RETURN nodes, relationships`,
  );
  return row;
};
const EMPTY = { nodes: 0, relationships: 0 };

/** The seed graph after an import, a match by name, a merge and a retraction: its export. */
let original: string;
/** Its backup, as `kg backup --out` wrote it. */
let backup: string;
let backupFile: string;

// Each step runs `kg` as a process (a few seconds each on a busy machine): minutes, not seconds.
describe('kg backup and kg restore of the seed graph', { timeout: 240_000 }, () => {
  it('backs up the export, between a header and an end line that counts it', async () => {
    await wipeTestGraph(neo4j.db);
    expect((await kg(['import', path.join(projectRoot, 'seed')])).code).toBe(0);
    // A second name for Citrix joins it by name (a redirect "by name"), a merge leaves a
    // redirect "by merge", and a retraction removes what only its article supported.
    const followUp = await write('follow-up.yaml', stringify(followUpArticle()));
    expect((await kg(['import', followUp])).stdout).toContain('"citrix-systems" is the existing');
    expect((await kg(['merge', 'simon-crosby', 'peter-christy'])).code).toBe(0);
    const retracted = await kg(['retract', 'article-rsa-conference-2008']);
    expect(retracted.code, retracted.stderr).toBe(0);
    original = await kgExport();
    expect(original).toContain('"by":"merge","id":"peter-christy"');
    expect(original).toContain('"by":"name","id":"citrix-systems"');
    expect(original).not.toContain('article-rsa-conference-2008');

    backupFile = path.join(dir, 'seed.backup.jsonl');
    const made = await kg(['backup', '--out', backupFile]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toMatch(
      /Backed up \d+ nodes and \d+ relationships to .*seed\.backup\.jsonl/,
    );
    backup = await fs.readFile(backupFile, 'utf8');
    const lines = backup.trimEnd().split('\n');
    const exported = original.trimEnd().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({
      kind: 'backup',
      format: 'kg-backup/1',
      kg: expect.any(String),
      neo4j: expect.stringMatching(/^\d{1,4}\.\d+/),
    });
    expect(lines.slice(1, -1)).toEqual(exported);
    const counts = { nodes: 0, relationships: 0 };
    for (const line of exported)
      counts[JSON.parse(line).kind === 'node' ? 'nodes' : 'relationships']++;
    expect(JSON.parse(lines.at(-1)!)).toEqual({ kind: 'end', ...counts });
    expect(await fs.readdir(dir)).not.toContain('seed.backup.jsonl.partial');

    const toStdout = await kg(['backup']);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout.split('\n').slice(1)).toEqual(backup.split('\n').slice(1));
  });

  it('restores it into an empty graph: the same export byte for byte, a new version, indexes online', async () => {
    const versionBefore = await readGraphVersion(neo4j.db);
    await wipeTestGraph(neo4j.db);
    const restored = await kg(['restore', backupFile]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(
      /Restored \d+ nodes and \d+ relationships from .*seed\.backup\.jsonl/,
    );
    expect(await kgExport()).toBe(original);

    const version = await readGraphVersion(neo4j.db);
    expect(version).not.toBe('none');
    expect(version).not.toBe(versionBefore);
    const indexes = await neo4j.db.read('SHOW INDEXES YIELD name, state RETURN name, state');
    for (const { name } of MIGRATIONS) {
      expect(indexes.find((i) => i.name === name)).toMatchObject({ state: 'ONLINE' });
    }
  });

  it('answers through the redirects and takes one more article after the restore', async () => {
    const client = graphqlClient(neo4j.db);
    const read = () =>
      client.query<{
        merged: { id: string } | null;
        byName: { id: string } | null;
        search: { id: string }[];
      }>(`{
        merged: node(id: "peter-christy") { id }
        byName: node(id: "citrix-systems") { id }
        search(text: "Christy", directOnly: true) { id }
      }`);
    expect(dataOf(await read())).toEqual({
      merged: { id: 'simon-crosby' },
      byName: { id: 'citrix' },
      search: [{ id: 'simon-crosby' }],
    });

    const more = await write(
      'after-restore.yaml',
      stringify({
        format: 'kg-article/1',
        article: {
          id: 'article-after-restore',
          title: 'After the restore',
          publishedAt: '2009-01',
        },
        entities: [
          {
            id: 'xen-summit-2009',
            type: 'Event',
            name: 'Xen Summit 2009',
            kind: 'conference',
            startDate: '2009-01',
          },
        ],
        facts: [
          {
            type: 'PARTICIPATED_IN',
            from: 'peter-christy',
            to: 'xen-summit-2009',
            role: 'speaker',
          },
          { type: 'HOSTED', from: 'citrix-systems', to: 'xen-summit-2009' },
        ],
      }),
    );
    const imported = await kg(['import', more]);
    expect(imported.code, imported.stdout).toBe(0);
    expect(imported.stdout).toMatch(/created {3}.*after-restore\.yaml/);
    const [row] = await neo4j.db.read(
      `MATCH (:Person {id: 'simon-crosby'})-[:PARTICIPATED_IN]->(e:Event {id: 'xen-summit-2009'})
       MATCH (:Organization {id: 'citrix'})-[:HOSTED]->(e)
       RETURN count(*) AS found`,
    );
    expect(row?.found).toBe(1);
  });

  it('refuses a graph that holds data and writes nothing; --replace empties it first', async () => {
    const before = await kgExport();
    expect(before).not.toBe(original);
    const refused = await kg(['restore', backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /kg: The graph is not empty \(\d+ nodes, \d+ relationships\).*Use --replace/,
    );
    expect(await kgExport()).toBe(before);

    const replaced = await kg(['restore', '--replace', backupFile]);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toMatch(/Emptying the graph first \(--replace\): deleting \d+ nodes/);
    expect(await kgExport()).toBe(original);
  });

  it('reads a backup from standard input, and a plain kg export', async () => {
    await wipeTestGraph(neo4j.db);
    const fromStdin = await kg(['restore', '-'], backup);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toMatch(/from standard input/);
    expect(await kgExport()).toBe(original);

    const plain = await kg(['restore', '--replace', '--json', '-'], original);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/a plain `kg export`/);
    expect(JSON.parse(plain.stdout)).toMatchObject({ kind: 'export' });
    expect(await kgExport()).toBe(original);
  });
});

describe('a file restore cannot take: the line, and nothing written', { timeout: 120_000 }, () => {
  const lines = () => backup.trimEnd().split('\n');
  const firstOf = (kind: string, type?: string) =>
    lines().findIndex((l) => {
      const parsed = JSON.parse(l) as { kind: string; type?: string };
      return parsed.kind === kind && (type === undefined || parsed.type === type);
    });
  const replaceLine = (index: number, edit: (line: Record<string, unknown>) => unknown) => {
    const all = lines();
    all[index] = JSON.stringify(edit(JSON.parse(all[index]!) as Record<string, unknown>));
    return { text: `${all.join('\n')}\n`, line: index + 1 };
  };
  const cases: [string, () => { text: string; line: number }, RegExp][] = [
    [
      'bad JSON',
      () => {
        const all = lines();
        const index = Math.floor(all.length / 2);
        all[index] = all[index]!.slice(0, -5);
        return { text: `${all.join('\n')}\n`, line: index + 1 };
      },
      /not JSON/,
    ],
    [
      'an unknown label',
      () => replaceLine(firstOf('node'), (l) => ({ ...l, labels: ['Node', 'Spaceship'] })),
      /unknown labels \["Node","Spaceship"\]/,
    ],
    [
      'an unknown relationship type',
      () => replaceLine(firstOf('relationship'), (l) => ({ ...l, type: 'OWNS' })),
      /unknown relationship type "OWNS"/,
    ],
    [
      'a dangling relationship',
      () =>
        replaceLine(firstOf('relationship', 'MENTIONS'), (l) => ({ ...l, to: 'nobody-at-all' })),
      /MENTIONS to "nobody-at-all", which no node line before it has/,
    ],
    [
      'a property Neo4j cannot store',
      () =>
        replaceLine(firstOf('node'), (l) => ({
          ...l,
          properties: { ...(l.properties as object), founded: { year: 1969 } },
        })),
      /property "founded" is a map/,
    ],
    [
      'a backup cut short',
      () => {
        const all = lines().slice(0, -1);
        return { text: `${all.join('\n')}\n`, line: all.length };
      },
      /cut short/,
    ],
  ];

  it.each(cases)('%s', async (name, corrupt, expected) => {
    await wipeTestGraph(neo4j.db);
    const { text, line } = corrupt();
    const file = await write(`${name.replaceAll(' ', '-')}.jsonl`, text);
    const result = await kg(['restore', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`kg: ${file}: line ${line}: `);
    expect(result.stderr).toMatch(expected);
    expect(await size(neo4j.db)).toEqual(EMPTY);
  });

  it('a corrupt file leaves the graph --replace would have emptied as it was', async () => {
    const restored = await kg(['restore', backupFile]);
    expect(restored.code, restored.stderr).toBe(0);
    const file = await write('corrupt.jsonl', `${lines().slice(0, -1).join('\n')}\n{"kind":\n`);
    const result = await kg(['restore', '--replace', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line \d+: not JSON/);
    expect(result.stderr).not.toMatch(/Emptying/);
    expect(await kgExport()).toBe(original);
  });

  it('a file that is not a backup, and one that is not there', async () => {
    await wipeTestGraph(neo4j.db);
    const article = await kg(['restore', path.join(projectRoot, 'package.json')]);
    expect(article.code).toBe(1);
    expect(article.stderr).toMatch(/package\.json: line 1: not JSON/);
    const missing = await kg(['restore', path.join(dir, 'nothing.jsonl')]);
    expect(missing.stderr.trim()).toBe(`kg: No file ${path.join(dir, 'nothing.jsonl')}.`);
    expect(await size(neo4j.db)).toEqual(EMPTY);
  });

  it('a restore that fails after some batches deletes what they wrote', async () => {
    await wipeTestGraph(neo4j.db);
    const failure = restoreGraph(neo4j.db, backupFile, {
      batchLines: 20,
      onBatch: (restored) => {
        // Past the nodes and into the relationships: then the connection "drops".
        if (restored.relationships > 0) throw new Error('the connection dropped');
      },
    });
    await expect(failure).rejects.toThrow('the connection dropped');
    expect(await size(neo4j.db)).toEqual(EMPTY);
  });
});

describe('values and consistency', () => {
  it('integers stay integers, floats floats, lists lists, date-like strings strings', async () => {
    await wipeTestGraph(neo4j.db);
    const exported = [
      '{"kind":"node","labels":["Node","Topic"],"properties":{"day":"2008-03-11","empty":[],"flag":true,"id":"t","rank":3,"ratio":0.5,"years":[2008,2009]}}',
      '{"from":"t","kind":"relationship","properties":{"weight":7},"to":"t","type":"DISCUSSED"}',
      '',
    ].join('\n');
    const file = await write('values.jsonl', exported);
    await restoreGraph(neo4j.db, file);
    const [types] = await neo4j.db.read(
      `MATCH (t:Topic {id: 't'})-[r]->()
       RETURN valueType(t.rank) AS rank, valueType(t.ratio) AS ratio, valueType(t.years) AS years,
              valueType(t.day) AS day, valueType(t.flag) AS flag, valueType(r.weight) AS weight`,
    );
    expect(types).toEqual({
      rank: 'INTEGER NOT NULL',
      ratio: 'FLOAT NOT NULL',
      years: 'LIST<INTEGER NOT NULL> NOT NULL',
      day: 'STRING NOT NULL',
      flag: 'BOOLEAN NOT NULL',
      weight: 'INTEGER NOT NULL',
    });
    expect(`${(await exportLines(neo4j.db)).join('\n')}\n`).toBe(exported);
  });

  it('a backup during which the graph changed is refused', async () => {
    await wipeTestGraph(neo4j.db);
    expect((await importDocument(neo4j.db, followUpArticleAlone())).status).toBe('created');
    let wrote = false;
    const backup = writeBackup(neo4j.db, { kg: 'test', neo4j: 'test' }, async () => {
      if (wrote) return;
      wrote = true;
      const meanwhile = followUpArticleAlone();
      const outcome = await importDocument(neo4j.db, {
        ...meanwhile,
        article: { ...meanwhile.article, id: 'article-meanwhile' },
      });
      expect(outcome.status).toBe('created');
    });
    await expect(backup).rejects.toThrow(/The graph changed while it was being backed up/);
  });
});

/** The follow-up article with the entities it references declared, so it imports on its own. */
function followUpArticleAlone() {
  const doc = followUpArticle();
  return {
    ...doc,
    entities: [
      ...(doc.entities ?? []),
      { id: 'simon-crosby', type: 'Person', name: 'Simon Crosby' },
      { id: 'xensource', type: 'Organization', name: 'XenSource' },
      { id: 'blue-pill', type: 'Topic', name: 'Blue Pill', kind: 'threat' },
    ],
  };
}

describe('a generated graph of 300 articles', () => {
  it('restores to a byte-identical export, in many batches', { timeout: 600_000 }, async () => {
    await wipeTestGraph(neo4j.db);
    const { documents } = generateGraph(3_000, 1);
    expect(documents.length).toBeGreaterThanOrEqual(250);
    const articles = path.join(dir, 'generated');
    await fs.mkdir(articles);
    const files: string[] = [];
    for (const [i, doc] of documents.entries()) {
      const file = path.join(articles, `article-${String(i).padStart(4, '0')}.json`);
      await fs.writeFile(file, JSON.stringify(doc));
      files.push(file);
    }
    const outcomes = await importFiles(neo4j.db, files, undefined, {
      batch: 50,
      concurrency: 1,
      inMemory: true,
    });
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    // A merge, so that the generated graph has a redirect too.
    const [pair] = await neo4j.db.read(
      `MATCH (o:Organization) WITH o ORDER BY o.id LIMIT 2 RETURN collect(o.id) AS ids`,
    );
    const [keep, remove] = pair?.ids as string[];
    await mergeEntities(neo4j.db, keep!, remove!);
    const before = await exportLines(neo4j.db);
    expect(before.length).toBeGreaterThan(10_000);

    const file = path.join(dir, 'generated.backup.jsonl');
    const handle = await fs.open(file, 'w');
    await writeBackup(neo4j.db, { kg: 'test', neo4j: 'test' }, async (line) => {
      await handle.write(`${line}\n`);
    });
    await handle.close();
    await wipeTestGraph(neo4j.db);
    let batches = 0;
    const result = await restoreGraph(neo4j.db, file, {
      batchLines: 1_000,
      onBatch: () => void batches++,
    });
    expect(batches).toBeGreaterThan(10);
    expect(result.nodes + result.relationships).toBe(before.length);
    const after = await exportLines(neo4j.db);
    expect(after.length).toBe(before.length);
    expect(after.join('\n')).toBe(before.join('\n'));
  });
});
