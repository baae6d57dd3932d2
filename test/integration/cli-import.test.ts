import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { projectRoot } from '../../src/config.ts';
import { followUpArticle, seedArticle } from '../support/articles.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';
import { runKg, STACK_FRAME } from '../support/processes.ts';
import { childEnv } from '../support/test-config.ts';

const neo4j = openTestNeo4j();
const { uri, password, database } = inject('neo4j');
const env = childEnv({ NEO4J_URI: uri, NEO4J_PASSWORD: password, NEO4J_DATABASE: database });
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-cli-import-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
});

const write = async (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
};
const kgExport = async () => {
  const result = await runKg(['export'], env);
  expect(result.code).toBe(0);
  return result.stdout;
};

describe('kg import, export and retract', () => {
  it('imports seed/, says so, and a second import changes nothing', async () => {
    await wipeTestGraph(neo4j.db);
    const first = await runKg(['import', path.join(projectRoot, 'seed')], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /created {3}.*000-n-square-dinner-2008\.yaml \(article-n-square-dinner-2008\): 25 entities created/,
    );
    expect(first.stdout).toMatch(/7 files: 7 created, 0 updated, 0 unchanged, 0 failed/);
    const before = await kgExport();
    expect(before.split('\n').length).toBeGreaterThan(100);

    const refused = await runKg(['import', '--batch', '0', path.join(projectRoot, 'seed')], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--batch.*expected a whole number from 1 to 1000/);

    const second = await runKg(
      ['import', '--json', '--batch', '2', '--concurrency', '3', path.join(projectRoot, 'seed')],
      env,
    );
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).summary).toMatchObject({ articles: 7, unchanged: 7 });
    expect(await kgExport()).toBe(before);

    const out = path.join(dir, 'export.jsonl');
    const toFile = await runKg(['export', '--out', out], env);
    expect(toFile.stderr).toMatch(/Exported \d+ nodes and \d+ relationships/);
    expect(await fs.readFile(out, 'utf8')).toBe(before);
  });

  it('retracts an article to exactly the graph before it', async () => {
    const before = await kgExport();
    const file = await write('follow-up.yaml', stringify(followUpArticle()));
    const imported = await runKg(['import', file], env);
    expect(imported.stdout).toContain(
      '"citrix-systems" is the existing "citrix" (same name: Citrix)',
    );
    expect(await kgExport()).not.toBe(before);
    const retracted = await runKg(['retract', 'article-follow-up-2008'], env);
    expect(retracted.code).toBe(0);
    expect(retracted.stdout).toContain('entities removed: xenserver-4-1');
    expect(await kgExport()).toBe(before);

    const unknown = await runKg(['retract', 'article-that-never-was'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('kg: No article "article-that-never-was" in the graph.');
  });

  it('two processes importing articles that share entities create no duplicate', async () => {
    const shared = (n: number) => ({
      format: 'kg-article/1',
      article: { id: `article-concurrent-${n}`, title: `Concurrent ${n}`, publishedAt: '2009-01' },
      entities: [
        { id: 'shared-new-company', type: 'Organization', name: 'Shared New Company' },
        { id: 'simon-crosby', type: 'Person', name: 'Simon Crosby' },
      ],
      facts: [
        { type: 'WORKS_FOR', from: 'simon-crosby', to: 'shared-new-company', role: `advisor ${n}` },
      ],
    });
    const [a, b] = await Promise.all(
      [1, 2].map((n) => write(`concurrent-${n}.yaml`, stringify(shared(n)))),
    );
    const results = await Promise.all([runKg(['import', a!], env), runKg(['import', b!], env)]);
    for (const r of results) expect(r.code, r.stdout + r.stderr).toBe(0);
    const [counts] = await neo4j.db.read(
      `MATCH (n:Node) WITH n.id AS id, count(*) AS copies WHERE copies > 1 RETURN count(id) AS duplicated`,
    );
    expect(counts?.duplicated).toBe(0);
    const [company] = await neo4j.db.read(
      `MATCH (p:Person {id: 'simon-crosby'})-[r:WORKS_FOR]->(c:Organization {id: 'shared-new-company'})
       MATCH (c)<-[:MENTIONS]-(a:Article)
       RETURN count(DISTINCT r) AS roles, count(DISTINCT a) AS articles`,
    );
    expect(company).toEqual({ roles: 2, articles: 2 });
  });

  it('validate checks without writing, and merge keeps the old id answering', async () => {
    const before = await kgExport();
    const ok = await runKg(['validate', path.join(projectRoot, 'seed')], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid   ');
    const offline = await runKg(
      ['validate', '--offline', path.join(projectRoot, 'seed', '000-n-square-dinner-2008.yaml')],
      childEnv({}),
    );
    expect(offline.code).toBe(0);

    const merged = await runKg(['merge', '--json', 'simon-crosby', 'peter-christy'], env);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({
      keptId: 'simon-crosby',
      removedId: 'peter-christy',
      aliases: expect.arrayContaining(['Peter Christy']),
    });
    expect(await kgExport()).not.toBe(before);
    const again = await runKg(['merge', 'simon-crosby', 'peter-christy'], env);
    expect(again.stderr.trim()).toBe('kg: "peter-christy" was already merged into "simon-crosby".');
    const wrongType = await runKg(['merge', 'citrix', 'blue-pill'], env);
    expect(wrongType.stderr.trim()).toBe(
      'kg: Cannot merge the Topic "blue-pill" into the Organization "citrix": types differ.',
    );
  });
});

describe('bad input: a clear error naming file, path and problem, and nothing written', () => {
  type Editable = Record<'entities' | 'facts' | 'claims', Record<string, unknown>[]> & {
    article: { id: string };
  };
  const seedWith = (change: (doc: Editable) => void) => {
    const doc = seedArticle() as unknown as Editable;
    doc.article.id = 'article-bad-input';
    change(doc);
    return stringify(doc);
  };
  const cases: [string, string, () => string | Buffer, RegExp][] = [
    [
      'malformed YAML',
      'malformed.yaml',
      () => 'format: kg-article/1\narticle: [unclosed\n',
      /malformed\.yaml: line \d+, column \d+: /,
    ],
    [
      'malformed JSON',
      'malformed.json',
      () => '{"format": "kg-article/1", "article": {',
      /malformed\.json: line \d+, column \d+: /,
    ],
    [
      'valid YAML that is not an article',
      'shopping.yaml',
      () => 'milk: 2\neggs: 12\n',
      /shopping\.yaml: \(file\): .*kg-article\/1/,
    ],
    [
      'unknown entity type',
      'entity-type.yaml',
      () => seedWith((d) => (d.entities[0]!.type = 'Company')),
      /entity-type\.yaml: entities\[0\]\.type.*expected one of Person, Organization, Event, Place, Topic.*"Company"/,
    ],
    [
      'unknown fact type',
      'fact-type.yaml',
      () => seedWith((d) => (d.facts[0]!.type = 'OWNS')),
      /fact-type\.yaml: facts\[0\]\.type.*found "OWNS"/,
    ],
    [
      'unknown stance',
      'stance.yaml',
      () => seedWith((d) => (d.claims[3]!.stance = 'LOVES')),
      /stance\.yaml: claims\[3\]\.stance.*expected one of ASSERTS.*found "LOVES"/,
    ],
    [
      'dangling id',
      'dangling.yaml',
      () => seedWith((d) => (d.claims[1]!.speakers = ['nobody-at-all'])),
      /dangling\.yaml: claims\[1\]\.speakers\[0\].*"nobody-at-all"/,
    ],
    [
      'duplicate id in a file',
      'duplicate.yaml',
      () => seedWith((d) => d.entities.push({ ...d.entities[0]! })),
      /duplicate\.yaml: entities\[\d+\]\.id.*"peter-christy"/,
    ],
    [
      'a quote not in the text',
      'quote.yaml',
      () => seedWith((d) => (d.claims[0]!.quote = 'words nobody wrote')),
      /quote\.yaml: claims\[0\]\.quote.*words nobody wrote/,
    ],
    [
      'an impossible date',
      'date.yaml',
      () => seedWith((d) => (d.claims[0]!.date = '2008-02-30')),
      /date\.yaml: claims\[0\]\.date.*2008-02-30/,
    ],
    [
      'wrong field types',
      'types.yaml',
      () => seedWith((d) => (d.entities[0]!.aliases = 'Christy')),
      /types\.yaml: entities\[0\]\.aliases.*expected/,
    ],
    ['an empty file', 'empty.yaml', () => '', /empty\.yaml: \(file\): the file is empty/],
    [
      'a 10 MB file',
      'huge.json',
      () => Buffer.alloc(10 * 1024 * 1024, 0x20),
      /huge\.json: \(file\): the file is 10\.0 MB .*limit is 5\.0 MB/,
    ],
  ];

  it.each(cases)('%s', async (_name, fileName, content, expected) => {
    const before = await kgExport();
    const file = await write(fileName, content());
    const result = await runKg(['import', file], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`failed {4}${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(result.stdout).toMatch(expected);
    expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
    expect(await kgExport()).toBe(before);
  });

  it('a failing file does not stop the others, and the exit code says one failed', async () => {
    const good = await write(
      'good.yaml',
      stringify({
        ...followUpArticle(),
        article: { ...followUpArticle().article, id: 'article-good-one' },
      }),
    );
    const bad = await write('bad.yaml', 'format: kg-article/1\n');
    const result = await runKg(
      ['import', '--json', good, bad, path.join(dir, 'missing.yaml')],
      env,
    );
    expect(result.code).toBe(1);
    const { outcomes, summary } = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ articles: 3, created: 1, failed: 2 });
    expect(outcomes.map((o: { status: string }) => o.status).sort()).toEqual([
      'created',
      'failed',
      'failed',
    ]);
  });
});

describe('symbolic links are never followed', () => {
  it('a link named or found in a folder fails as its own file, without a word of its target', async () => {
    const secret = await write('secret.txt', 'root-password: the first line nobody may read\n');
    const folder = path.join(dir, 'with-links');
    await fs.mkdir(path.join(folder, 'real'), { recursive: true });
    await fs.writeFile(
      path.join(folder, 'real', 'linked-good.yaml'),
      stringify({
        format: 'kg-article/1',
        article: { id: 'article-beside-links', title: 'Beside links', publishedAt: '2009-02' },
        entities: [{ id: 'link-company', type: 'Organization', name: 'Link Company' }],
      }),
    );
    await fs.symlink(secret, path.join(folder, 'inside.yaml'));
    await fs.symlink(path.join(folder, 'real'), path.join(folder, 'elsewhere'));
    const named = path.join(dir, 'named.yaml');
    await fs.symlink(secret, named);

    const result = await runKg(['import', '--json', named, folder], env);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toContain('nobody may read');
    const { outcomes, summary } = JSON.parse(result.stdout) as {
      outcomes: { file: string; status: string; errors?: { code: string }[] }[];
      summary: Record<string, number>;
    };
    expect(summary).toMatchObject({ articles: 4, created: 1, failed: 3 });
    const links = outcomes
      .filter((o) => o.errors?.[0]?.code === 'SYMBOLIC_LINK')
      .map((o) => o.file);
    expect(links.sort()).toEqual(
      [named, path.join(folder, 'elsewhere'), path.join(folder, 'inside.yaml')].sort(),
    );

    const told = await runKg(['import', named], env);
    expect(told.code).toBe(1);
    expect(told.stdout).toContain(
      `${named}: (file): a symbolic link, not followed: name the file it points to instead`,
    );
    expect(told.stdout).not.toContain('nobody may read');
    const validated = await runKg(['validate', '--offline', named], childEnv({}));
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain('a symbolic link, not followed');
  });
});

describe('documents nested or sized to exhaust the parser', () => {
  it('kg validate --offline refuses 2.4 million nested lists (4.8 MB) at once, saying where', async () => {
    const deep = 2_400_000;
    const file = await write(
      'deep.yaml',
      `format: kg-article/1\narticle: ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
    );
    expect((await fs.stat(file)).size).toBeGreaterThan(4.5 * 1024 * 1024);
    // Node and tsx start in this time too: the check itself takes milliseconds.
    const started = performance.now();
    const result = await runKg(['validate', '--offline', file], childEnv({}));
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`kg validate --offline of deep.yaml took ${seconds.toFixed(2)} s\n`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${file}: line 2, column 73: lists and mappings are nested more than 64 levels deep here; the limit is 64`,
    );
    expect(seconds).toBeLessThan(5);
  });
});
