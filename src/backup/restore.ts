import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Database } from '../db/database.ts';
import { UserError } from '../model/errors.ts';
import { BackupReader, type BackupCounts, type ContentLine } from './backup-format.ts';
import {
  countGraph,
  createNodes,
  createRelationships,
  emptyGraph,
  awaitIndexes,
  markChanged,
} from './restore-store.ts';

export interface RestoreOptions {
  /** Empty a graph that holds data first; without it, such a graph is refused. */
  replace?: boolean;
  /** Lines per write transaction (a batch is also cut at `batchBytes` of JSON). */
  batchLines?: number;
  batchBytes?: number;
  /** How messages name the file (standard input is read from a temporary copy). */
  name?: string;
  /** Progress for people: what is happening, one line at a time. */
  log?: (line: string) => void;
  /** Called after each committed batch with the lines restored so far. */
  onBatch?: (restored: BackupCounts) => void | Promise<void>;
}

export interface RestoreResult extends BackupCounts {
  /** "backup" for a kg-backup/1 file, "export" for a plain `kg export`. */
  kind: 'backup' | 'export';
  /** What --replace removed (zeros when the graph was empty). */
  replaced: BackupCounts;
}

export const RESTORE_BATCH_LINES = 5_000;
export const RESTORE_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Restores a backup (or a plain `kg export`) from `file` into the graph, so that `kg export`
 * afterwards is byte-identical to the one the backup holds.
 *
 * 1. The whole file is read and checked first (BackupReader): a file that fails any check writes
 *    nothing, and a graph --replace would have emptied keeps its data.
 * 2. A graph that holds data is refused, or with `replace` emptied.
 * 3. The lines are written in batches of a few thousand, one transaction each, so that a graph of
 *    any size restores within a default heap; should a batch fail, everything written is deleted
 *    again and the graph is left empty.
 * 4. A new graph version is written (after an emptying and after a failure too, so that no
 *    response cache serves the graph that was there) and the indexes are awaited.
 *
 * The schema (constraints and indexes) is applied by `connect` before any of this.
 */
export async function restoreGraph(
  db: Database,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const checked = new BackupReader();
  for await (const line of readLines(file)) checked.read(line);
  const counts = checked.finish();
  const kind = checked.kind!;
  log(
    `Checked ${options.name ?? file}: ${kind === 'backup' ? 'a backup' : 'a plain `kg export` (no header: a file cut short between lines cannot be told)'}, ` +
      `${counts.nodes} nodes and ${counts.relationships} relationships.`,
  );

  const existing = await countGraph(db);
  if (existing.nodes > 0 || existing.relationships > 0) {
    if (!options.replace) {
      throw new UserError(
        `The graph is not empty (${existing.nodes} nodes, ${existing.relationships} relationships): ` +
          'restore writes only into an empty graph. Use --replace to delete everything in it first.',
        'GRAPH_NOT_EMPTY',
      );
    }
    log(
      `Emptying the graph first (--replace): deleting ${existing.nodes} nodes and ${existing.relationships} relationships.`,
    );
    await emptyGraph(db);
    await markChanged(db);
  }

  let started = performance.now();
  try {
    await writeLines(db, file, options);
  } catch (error) {
    log('The restore failed: deleting what it wrote, so that the graph is left empty.');
    try {
      await emptyGraph(db);
      await markChanged(db);
    } catch (cleanup) {
      log(
        `Deleting it failed too (${(cleanup as Error).message}): the graph holds part of the ` +
          'backup; run the restore again with --replace.',
      );
    }
    throw error;
  }
  log(`Wrote them in ${seconds(started)} s; waiting for the indexes...`);
  started = performance.now();
  // Indexes first: a server that sees the new version must find the restored names too.
  await awaitIndexes(db);
  await markChanged(db);
  log(`Indexes online in ${seconds(started)} s.`);
  return {
    kind,
    ...counts,
    replaced: { nodes: existing.nodes, relationships: existing.relationships },
  };
}

/** The second pass: the same checks again (the file could have changed), then the writes. */
async function writeLines(db: Database, file: string, options: RestoreOptions): Promise<void> {
  const maxLines = options.batchLines ?? RESTORE_BATCH_LINES;
  const maxBytes = options.batchBytes ?? RESTORE_BATCH_BYTES;
  const reader = new BackupReader();
  let batch: ContentLine[] = [];
  let bytes = 0;
  let lineNumber = 0;
  let [first, last] = [0, 0];
  const restored: BackupCounts = { nodes: 0, relationships: 0 };
  const flush = async () => {
    if (batch.length === 0) return;
    const nodes = batch.filter((l) => l.kind === 'node');
    const relationships = batch.filter((l) => l.kind === 'relationship');
    try {
      if (nodes.length > 0) await createNodes(db, nodes);
      if (relationships.length > 0) await createRelationships(db, relationships);
    } catch (error) {
      throw new UserError(
        `lines ${first}-${last}: Neo4j refused them: ${(error as Error).message}`,
        'NEO4J_ERROR',
        { cause: error },
      );
    }
    restored.nodes += nodes.length;
    restored.relationships += relationships.length;
    batch = [];
    bytes = 0;
    await options.onBatch?.({ ...restored });
  };
  for await (const text of readLines(file)) {
    lineNumber++;
    const line = reader.read(text);
    // The header and the end line have nothing to write.
    if (line === undefined) continue;
    // Nodes come first and relationships need every node written: never mix them in a batch.
    if (batch.length > 0 && batch[0]!.kind !== line.kind) await flush();
    if (batch.length === 0) first = lineNumber;
    last = lineNumber;
    batch.push(line);
    bytes += text.length;
    if (batch.length >= maxLines || bytes >= maxBytes) await flush();
  }
  await flush();
  reader.finish();
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function* readLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file, { encoding: 'utf8' });
  try {
    yield* createInterface({ input, crlfDelay: Infinity });
  } finally {
    input.destroy();
  }
}
