import type { Database } from '../db/database.ts';

/**
 * The graph's changes after a given write, read from the graph version (its write number `seq`
 * and `epoch`, src/db/graph-version.ts) and the write log's entries, which carry the number of the
 * write that made them. Several servers on one Neo4j each read them and all see the same changes.
 */

/** Where a reader of changes stands: the graph's epoch and the last write number it has seen. */
export interface ChangePosition {
  epoch: string;
  version: number;
}

export type ArticleChangeStatus = 'CREATED' | 'UPDATED' | 'RETRACTED';

export interface GraphChange {
  version: number;
  articles: { id: string; status: ArticleChangeStatus }[];
  merges: { keptId: string; removedId: string }[];
}

export interface ChangesRead {
  position: ChangePosition;
  /** What changed after the position asked about; undefined: nothing did. */
  change: GraphChange | undefined;
  /** Writes beyond `position` were left for the next read (at most `most` are read at once). */
  more: boolean;
}

/** One write of the log, as the read returns it. */
interface LoggedWrite {
  seq: number;
  operation: string;
  targets: string[];
  status: string | null;
}

/** Write numbers one read covers at most: a bulk import of thousands arrives as several events. */
export const MOST_WRITES_PER_READ = 100;

/**
 * readChanges: one statement. From `after` (none: only where the graph stands now), the writes
 * numbered after it, up to `most` of them, in order. Another epoch means the graph was emptied and
 * filled again: its writes count from the start. A position ahead of the graph's (a cluster reader
 * that lags behind) reads nothing and keeps the position.
 */
export async function readChanges(
  db: Pick<Database, 'read'>,
  after: ChangePosition | undefined,
  most = MOST_WRITES_PER_READ,
): Promise<ChangesRead> {
  const [row] = await db.read(
    `/* readChanges */ OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
     WITH coalesce(v.epoch, '') AS epoch, coalesce(v.seq, 0) AS seq
     WITH epoch, seq, CASE WHEN epoch = $epoch THEN toInteger($after) ELSE 0 END AS after
     WITH epoch, seq, after, CASE WHEN seq < after + toInteger($most) THEN seq ELSE after + toInteger($most) END AS upTo
     CALL (after, upTo) {
       MATCH (w:WriteLog) WHERE w.seq > after AND w.seq <= upTo
       WITH w ORDER BY w.seq, w.at
       RETURN collect(w {.seq, .operation, .targets, .status}) AS writes
     }
     RETURN epoch, seq, upTo, writes`,
    {
      epoch: after?.epoch ?? null,
      after: after?.version ?? 0,
      // Where nothing was seen yet, the position now is all a reader needs.
      most: after ? most : 0,
    },
  );
  const epoch = String(row?.epoch ?? '');
  const seq = Number(row?.seq ?? 0);
  const upTo = Number(row?.upTo ?? 0);
  const writes = (row?.writes ?? []) as LoggedWrite[];
  if (!after) return { position: { epoch, version: seq }, change: undefined, more: false };
  const reset = epoch !== after.epoch;
  if (!reset && upTo <= after.version) return { position: after, change: undefined, more: false };
  return {
    position: { epoch, version: upTo },
    change: { version: upTo, ...summarize(writes) },
    more: upTo < seq,
  };
}

/**
 * What a run of writes changed: each article once, with what happened to it last, in the order of
 * those last writes; the merges in order. Pure: the feed's tests hand it plain entries.
 */
export function summarize(
  writes: readonly Pick<LoggedWrite, 'operation' | 'targets' | 'status'>[],
): Omit<GraphChange, 'version'> {
  const articles = new Map<string, ArticleChangeStatus>();
  const merges: GraphChange['merges'] = [];
  for (const write of writes) {
    const [first, second] = write.targets;
    if (first === undefined) continue;
    if (write.operation === 'merge') {
      if (second !== undefined) merges.push({ keptId: first, removedId: second });
      continue;
    }
    const status: ArticleChangeStatus | undefined =
      write.operation === 'retract'
        ? 'RETRACTED'
        : write.status === 'created'
          ? 'CREATED'
          : write.status === 'updated'
            ? 'UPDATED'
            : undefined;
    if (!status) continue;
    // Deleted first, so that the article takes the place of its last write.
    articles.delete(first);
    articles.set(first, status);
  }
  return { articles: [...articles].map(([id, status]) => ({ id, status })), merges };
}
