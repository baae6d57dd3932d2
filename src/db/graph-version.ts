import type { Database, Tx } from './database.ts';

/**
 * The graph's version: a token that every write of knowledge (an import that changed something,
 * a retraction, a merge) replaces in its own transaction, from the CLI and GraphQL alike. Response
 * caches key their entries by it, so an answer cached before a write is never served after it.
 * A random token, not a counter: a wiped and refilled graph never meets an old version again.
 *
 * Beside the token, the same node counts the writes (`seq`), which the write log's entries carry
 * (src/writelog/): the change feed reads "every write after the one I saw" by it. Reading `seq`
 * in the SET that replaces it makes Cypher lock the node first, so two writes never take the same
 * number, and numbers follow the order of commits. `epoch` is drawn when the node is made: a graph
 * wiped and filled again counts from 1 under another epoch.
 */
export const BUMP_GRAPH_VERSION = `MERGE (v:GraphVersion {id: 'graph'})
    ON CREATE SET v.epoch = randomUUID()
    SET v.version = randomUUID(), v.seq = coalesce(v.seq, 0) + 1`;

/* bumpGraphVersion: a new version, committed with the write that made it. */
export async function bumpGraphVersion(tx: Tx): Promise<void> {
  await tx.run(`/* bumpGraphVersion */ ${BUMP_GRAPH_VERSION}`);
}

/* readGraphVersion: the version now; "none" before the first write. */
export async function readGraphVersion(db: Database): Promise<string> {
  const [row] = await db.read(
    `/* readGraphVersion */ OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN v.version AS version`,
  );
  return typeof row?.version === 'string' ? row.version : 'none';
}
