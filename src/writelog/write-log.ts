import { userInfo } from 'node:os';
import type { Database, Tx } from '../db/database.ts';
import { decodeCursor, type Page, type PageArgs, toPage } from '../graph/paging.ts';

/**
 * The write log: one :WriteLog node per write that changed the graph (an import that created or
 * updated an article, a retraction, a merge), naming who made it (a key's name, `jwt:<sub>` for a
 * token, or the OS user of `kg`) and when. It is written in the write's own transaction, so a
 * write and its entry commit or fail together. An import that changed nothing writes nothing, so
 * it logs nothing either.
 * The log is not knowledge: `kg export` (and so `kg backup`) leave it out, and two graphs of the
 * same articles export byte-identical whoever imported them and when.
 */
export type WriteOperation = 'import' | 'retract' | 'merge';

export interface WriteEntry {
  id: string;
  operation: WriteOperation;
  /**
   * The key's name or `jwt:` and the token's subject (GraphQL), or the OS user running `kg` ("cli"
   * when it has none). Key names have no `:`, so a key and a token's subject are never confused.
   */
  by: string;
  /** When the write's transaction ran, as an ISO date-time in UTC. */
  at: string;
  /** The ids written: the article imported or retracted; the entity kept, then the one removed. */
  targets: string[];
  /** An import's outcome: created or updated; null for the others. */
  status: string | null;
}

/** Who a `kg` command writes as: the OS user, or "cli" when there is none to name. */
export function localWriter(): string {
  try {
    return userInfo().username || 'cli';
  } catch {
    return 'cli';
  }
}

type NewEntry = {
  operation: WriteOperation;
  by: string;
  targets: readonly string[];
  status?: string;
};

/** Adds an entry for a write, inside that write's transaction. */
export async function recordWrite(tx: Tx, entry: NewEntry): Promise<void> {
  await recordWrites(tx, [entry]);
}

/**
 * Adds the entries of a transaction's writes (a batch of imports) in one statement, after the
 * write bumped the graph version: each carries the version's write number (`seq`), by which the
 * change feed finds the writes after the last one it saw (src/writelog/changes.ts).
 */
export async function recordWrites(tx: Tx, entries: readonly NewEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.run(
    `/* recordWrite */ OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
     UNWIND $entries AS e
     CREATE (:WriteLog {id: randomUUID(), operation: e.operation, by: e.by,
       at: datetime(), targets: e.targets, status: e.status, seq: v.seq})`,
    { entries: entries.map((e) => ({ ...e, status: e.status ?? null })) },
  );
}

const ORDER = 'writeLog:newest';

/** A page of the log, newest first (ties by id), after a cursor of this list. */
export async function writeLogPage(db: Database, args: PageArgs): Promise<Page<WriteEntry>> {
  const cursor = args.after ? decodeCursor(ORDER, args.after) : undefined;
  const rows = await db.read(
    `/* writeLogPage */ MATCH (w:WriteLog)
     WHERE $afterKey IS NULL OR w.at < datetime($afterKey)
        OR (w.at = datetime($afterKey) AND w.id < $afterId)
     RETURN w {.id, .operation, .by, .at, .targets, .status} AS entry
     ORDER BY w.at DESC, w.id DESC
     LIMIT toInteger($limit)`,
    { afterKey: cursor?.key ?? null, afterId: cursor?.id ?? null, limit: args.first + 1 },
  );
  return toPage(
    ORDER,
    rows.map((row) => {
      const entry = row.entry as WriteEntry;
      // Neo4j's text carries nanoseconds; the cursor keeps it, clients get milliseconds.
      return { node: { ...entry, at: new Date(entry.at).toISOString() }, sortKey: entry.at };
    }),
    args,
  );
}
