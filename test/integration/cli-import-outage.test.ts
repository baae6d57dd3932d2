import fs from 'node:fs/promises';
import { createServer, type Server, type Socket, connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { openTestNeo4j } from '../support/neo4j.ts';
import { runKg, STACK_FRAME } from '../support/processes.ts';
import { childEnv } from '../support/test-config.ts';

const neo4j = openTestNeo4j();
const { uri, password, database } = inject('neo4j');
const FILES = 40;
let dir: string;
let files: string[];

/** An article of its own: its entities are declared in it and named after it. */
const article = (n: number) => ({
  format: 'kg-article/1',
  article: { id: `article-outage-${n}`, title: `Outage ${n}`, publishedAt: '2009-01' },
  entities: [
    { id: `outage-person-${n}`, type: 'Person', name: `Outage Person ${n}` },
    { id: `outage-company-${n}`, type: 'Organization', name: `Outage Company ${n}` },
  ],
  facts: [{ type: 'WORKS_FOR', from: `outage-person-${n}`, to: `outage-company-${n}` }],
});

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-import-outage-'));
  files = await Promise.all(
    Array.from({ length: FILES }, async (_, n) => {
      const file = path.join(dir, `${String(n).padStart(2, '0')}.yaml`);
      await fs.writeFile(file, stringify(article(n)));
      return file;
    }),
  );
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
});

/**
 * A TCP relay to the test Neo4j: `kg import` talks to the database through it, and `cut()` is the
 * outage (connections dropped, and nothing listens any more), while the test Neo4j runs on.
 */
async function relay(): Promise<{ uri: string; cut: () => Promise<void> }> {
  const target = new URL(uri.replace(/^\w+:/, 'http:'));
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    uri: `bolt://127.0.0.1:${port}`,
    cut: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

const articlesInGraph = async () =>
  (
    await neo4j.db.read(
      "MATCH (a:Article) WHERE a.id STARTS WITH 'article-outage-' RETURN collect(a.id) AS ids",
    )
  )[0]?.ids as string[];

/** Runs `kg import` through a relay, and cuts the relay once `after` articles are in the graph. */
async function importCutShort(args: string[], after: number) {
  const link = await relay();
  const env = childEnv({ NEO4J_URI: link.uri, NEO4J_PASSWORD: password, NEO4J_DATABASE: database });
  const running = runKg(['import', '--concurrency', '1', ...args, ...files], env);
  while ((await articlesInGraph()).length < after) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await link.cut();
  return running;
}

const idOf = (file: string) => `article-outage-${Number(path.basename(file, '.yaml'))}`;

describe('an import cut short by the database', () => {
  it('says which files were imported and which not, and the same command finishes the job', async () => {
    const told = await importCutShort([], 3);
    expect(told.code).toBe(1);
    expect(told.stdout + told.stderr).not.toMatch(STACK_FRAME);
    expect(told.stdout).toMatch(/The database stopped answering during the import: .+/);
    expect(told.stdout).toMatch(/Imported \(committed\): \d+ files?\n/);
    expect(told.stdout).toMatch(/Not imported: \d+ files?\n/);
    expect(told.stdout).toContain(
      'Run the same command again to finish: imports are idempotent, so the files already imported stay unchanged.',
    );

    const asData = await importCutShort(['--json'], (await articlesInGraph()).length + 3);
    expect(asData.code).toBe(1);
    const report = JSON.parse(asData.stdout) as {
      outcomes: { file: string; status: string }[];
      notImported: string[];
      interrupted: string;
    };
    expect(report.interrupted).toMatch(/\S/);
    const imported = report.outcomes.filter((o) => o.status !== 'failed').map((o) => o.file);
    expect(report.outcomes.every((o) => o.status !== 'failed')).toBe(true);
    expect([...imported, ...report.notImported].sort()).toEqual([...files].sort());
    expect(report.notImported.length).toBeGreaterThan(0);
    // What it says was imported is in the graph.
    const inGraph = new Set(await articlesInGraph());
    for (const file of imported) expect(inGraph.has(idOf(file))).toBe(true);

    const env = childEnv({ NEO4J_URI: uri, NEO4J_PASSWORD: password, NEO4J_DATABASE: database });
    const again = await runKg(['import', '--json', ...files], env);
    expect(again.code).toBe(0);
    const { summary } = JSON.parse(again.stdout) as { summary: Record<string, number> };
    expect(summary).toMatchObject({ articles: FILES, failed: 0 });
    expect(summary.unchanged).toBeGreaterThanOrEqual(imported.length);
    expect(await articlesInGraph()).toHaveLength(FILES);
  }, 240_000);
});
