import type { Database, Tx } from './database.ts';

/**
 * The graph's version: a token that every write of knowledge (an import that changed something,
 * a retraction, a merge) replaces in its own transaction, from the CLI and GraphQL alike. Response
 * caches key their entries by it, so an answer cached before a write is never served after it.
 * A random token, not a counter: a wiped and refilled graph never meets an old version again.
 */

/* bumpGraphVersion: a new version, committed with the write that made it. */
export async function bumpGraphVersion(tx: Tx): Promise<void> {
  await tx.run(
    `/* bumpGraphVersion */ MERGE (v:GraphVersion {id: 'graph'}) SET v.version = randomUUID()`,
  );
}

/* readGraphVersion: the version now; "none" before the first write. */
export async function readGraphVersion(db: Database): Promise<string> {
  const [row] = await db.read(
    `/* readGraphVersion */ OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN v.version AS version`,
  );
  return typeof row?.version === 'string' ? row.version : 'none';
}
