/**
 * Measures `kg backup` and `kg restore` (the library calls behind them) on a generated graph:
 * imports it through the importer (bench/generate.ts at any size), backs it up to a file, empties
 * the graph, restores the file, and checks that the export afterwards is byte-identical.
 * Usage: npm run bench:backup [-- --nodes 30000 --density 1 --copies 1 --port 7696]
 * With --copies k, the imported graph is copied k times (ids suffixed) into the measured graph.
 * Uses its own managed Neo4j (instance "bench-backup", the default heap of 1 GB; Bolt port 7696
 * unless --port says another), whose graph is wiped first; it is stopped at the end if this
 * script started it. KG_NEO4J_HOME is honoured, so the jars already fetched are used.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateGraph } from '../bench/generate.ts';
import { writeBackup } from '../src/backup/backup.ts';
import { restoreGraph } from '../src/backup/restore.ts';
import { emptyGraph } from '../src/backup/restore-store.ts';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { exportGraph } from '../src/ingest/export.ts';
import { importFiles } from '../src/ingest/importer.ts';
import * as managed from '../src/neo4j-server/instance.ts';
import { apiVersion } from '../src/version.ts';
import { benchEnv, option } from './bench-support.ts';

const nodes = option('nodes', 30_000);
const density = option('density', 1);
const port = option('port', 7696);
const copies = option('copies', 1);

const config = loadConfig(
  benchEnv({
    KG_NEO4J_INSTANCE: 'bench-backup',
    NEO4J_BOLT_PORT: String(port),
    ...(process.env.KG_NEO4J_HOME ? { KG_NEO4J_HOME: process.env.KG_NEO4J_HOME } : {}),
  }),
);
const log = (line: string) => process.stderr.write(`${line}\n`);
const since = (start: number) => (performance.now() - start) / 1000;

/** The export's digest and line count: two graphs compared without holding either in memory. */
async function digest(db: Database): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  let lines = 0;
  await exportGraph(db, (line) => {
    hash.update(`${line}\n`);
    lines++;
  });
  return { sha256: hash.digest('hex'), lines };
}

async function backupTo(db: Database, file: string) {
  const handle = await fs.open(file, 'w');
  try {
    return await writeBackup(db, { kg: apiVersion, neo4j: neo4j.server.version }, (line) =>
      handle.write(`${line}\n`).then(() => {}),
    );
  } finally {
    await handle.close();
  }
}

/** `copies` copies of a backup's graph in one backup, the ids of copy k ending in `-k`. */
async function replicate(from: string, to: string, copies: number): Promise<void> {
  const lines = (await fs.readFile(from, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  const header = lines[0];
  const content = lines.slice(1, -1) as {
    kind: string;
    from?: string;
    to?: string;
    properties: { id?: string };
  }[];
  const out = await fs.open(to, 'w');
  const counts = { nodes: 0, relationships: 0 };
  const put = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
  await put(header);
  for (const kind of ['node', 'relationship']) {
    for (let k = 0; k < copies; k++) {
      for (const line of content.filter((l) => l.kind === kind)) {
        if (kind === 'node') {
          counts.nodes++;
          await put({
            ...line,
            properties: { ...line.properties, id: `${line.properties.id}-${k}` },
          });
        } else {
          counts.relationships++;
          await put({ ...line, from: `${line.from}-${k}`, to: `${line.to}-${k}` });
        }
      }
    }
  }
  await put({ kind: 'end', ...counts });
  await out.close();
}

const neo4j = await connect(config, { log });
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-bench-backup-'));
try {
  const { db } = neo4j;
  log('Emptying the bench-backup graph...');
  await emptyGraph(db);
  const { documents } = generateGraph(nodes, density);
  const files: string[] = [];
  for (const [i, doc] of documents.entries()) {
    const file = path.join(dir, `article-${String(i).padStart(6, '0')}.json`);
    await fs.writeFile(file, JSON.stringify(doc));
    files.push(file);
  }
  log(`Importing ${files.length} generated articles (50 per transaction, in memory)...`);
  let start = performance.now();
  const outcomes = await importFiles(db, files, undefined, {
    batch: 50,
    concurrency: 2,
    inMemory: true,
  });
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  if (failed > 0) throw new Error(`${failed} generated articles failed to import`);
  const imported = since(start);
  if (copies > 1) {
    // Importing 100k nodes takes the importer an hour on this machine: the imported graph is
    // copied instead, each copy's ids suffixed, and restored once to become the measured graph.
    const single = path.join(dir, 'single.backup.jsonl');
    await backupTo(db, single);
    const scaled = path.join(dir, 'scaled.backup.jsonl');
    await replicate(single, scaled, copies);
    log(`Restoring ${copies} copies of the imported graph...`);
    await restoreGraph(db, scaled, { replace: true, log });
  }
  const before = await digest(db);

  const backupFile = path.join(dir, 'graph.backup.jsonl');
  start = performance.now();
  const counts = await backupTo(db, backupFile);
  const backedUp = since(start);
  const { size } = await fs.stat(backupFile);

  start = performance.now();
  await emptyGraph(db);
  const emptied = since(start);
  start = performance.now();
  await restoreGraph(db, backupFile, { log });
  const restored = since(start);
  const after = await digest(db);
  const identical = after.sha256 === before.sha256 && after.lines === before.lines;

  const total = counts.nodes + counts.relationships;
  const rows: [string, string][] = [
    [
      'graph',
      `${copies > 1 ? `${copies} copies of ` : ''}${files.length} articles: ` +
        `${counts.nodes} nodes, ${counts.relationships} relationships`,
    ],
    ['import (once)', `${imported.toFixed(1)} s`],
    [
      'kg backup',
      `${backedUp.toFixed(1)} s, ${(size / 1024 / 1024).toFixed(1)} MB, ${Math.round(total / backedUp)} lines/s`,
    ],
    ['emptying (--replace)', `${emptied.toFixed(1)} s`],
    [
      'kg restore',
      `${restored.toFixed(1)} s, ${Math.round(total / restored)} lines/s (check, write, indexes)`,
    ],
    ['export after restore', identical ? 'byte-identical' : 'DIFFERENT'],
  ];
  process.stdout.write(
    `kg backup and kg restore, Neo4j ${neo4j.server.version}, ${os.cpus().length} cores, heap ${config.managed.heap}\n` +
      rows.map(([k, v]) => `${k.padEnd(22)}${v}`).join('\n') +
      '\n',
  );
  if (!identical) process.exitCode = 1;
} finally {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
  if (neo4j.startedManaged) await managed.stop(config.managed);
}
