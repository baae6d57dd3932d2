import type { Database } from '../db/database.ts';
import { readGraphVersion } from '../db/graph-version.ts';
import { exportGraph } from '../ingest/export.ts';
import { UserError } from '../model/errors.ts';
import { type BackupCounts, endLine, headerLine } from './backup-format.ts';

export interface BackupSource {
  /** The kg version writing the backup. */
  kg: string;
  /** The Neo4j version it is read from. */
  neo4j: string;
}

/**
 * Writes a kg-backup/1 backup: a header line, the lines of `kg export`, an end line with their
 * counts. The export reads nodes and relationships in two statements, which no transaction
 * makes one snapshot of: so the graph version is read before and after, and a backup during
 * which an import, a retraction or a merge committed is refused rather than left inconsistent.
 */
export async function writeBackup(
  db: Database,
  source: BackupSource,
  write: (line: string) => void | Promise<void>,
  now: () => Date = () => new Date(),
): Promise<BackupCounts> {
  const before = await readGraphVersion(db);
  await write(headerLine({ createdAt: now().toISOString(), kg: source.kg, neo4j: source.neo4j }));
  const counts = await exportGraph(db, write);
  await write(endLine(counts));
  if ((await readGraphVersion(db)) !== before) {
    throw new UserError(
      'The graph changed while it was being backed up (an import, a retraction or a merge): ' +
        'the backup may not be consistent. Run it again when nothing writes.',
      'GRAPH_CHANGED',
    );
  }
  return counts;
}
