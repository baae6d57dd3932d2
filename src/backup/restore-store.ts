import type { Database } from '../db/database.ts';
import { bumpGraphVersion } from '../db/graph-version.ts';
import { toNeo4jProperties } from '../db/values.ts';
import type { NodeLine, RelationshipLine } from './backup-format.ts';

/**
 * Every statement restore sends. Labels and relationship types travel as parameters
 * (`$(row.labels)`, `$(row.type)`), and only after BackupReader checked them against the closed
 * vocabulary; property values always travel as parameters.
 */

/*
 * countGraph: the knowledge in the graph (the version node and the write log are bookkeeping, not
 * knowledge, and no backup holds them).
 */
export async function countGraph(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [row] = await db.read(
    `/* countGraph */ CALL () { MATCH (n) WHERE NOT n:GraphVersion AND NOT n:WriteLog RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     RETURN nodes, relationships`,
  );
  return { nodes: Number(row?.nodes ?? 0), relationships: Number(row?.relationships ?? 0) };
}

/**
 * emptyGraph: deletes every relationship, then every node but the version, a bounded batch per
 * transaction, so that a large graph never has to fit in one transaction's memory.
 */
export async function emptyGraph(db: Database): Promise<void> {
  for (;;) {
    const [row] = await db.write(
      `/* emptyRelationships */ MATCH ()-[r]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS deleted`,
    );
    if (Number(row?.deleted ?? 0) === 0) break;
  }
  for (;;) {
    const [row] = await db.write(
      `/* emptyNodes */ MATCH (n) WHERE NOT n:GraphVersion
       WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted`,
    );
    if (Number(row?.deleted ?? 0) === 0) break;
  }
}

/* createNodes: one batch of node lines, in one transaction. */
export async function createNodes(db: Database, nodes: readonly NodeLine[]): Promise<void> {
  await db.write(
    `/* restoreNodes */ UNWIND $rows AS row
     CREATE (n:$(row.labels))
     SET n = row.properties`,
    { rows: nodes.map((n) => ({ labels: n.labels, properties: toNeo4jProperties(n.properties) })) },
  );
}

/**
 * createRelationships: one batch of relationship lines, in one transaction. Ends are found
 * through the unique indexes: a redirect's own (REDIRECTS_TO starts at a :Redirect, which
 * BackupReader checked) or every identified node's.
 */
export async function createRelationships(
  db: Database,
  relationships: readonly RelationshipLine[],
): Promise<void> {
  const rows = (list: readonly RelationshipLine[]) =>
    list.map((r) => ({
      type: r.type,
      from: r.from,
      to: r.to,
      properties: toNeo4jProperties(r.properties),
    }));
  const redirects = relationships.filter((r) => r.type === 'REDIRECTS_TO');
  const others = relationships.filter((r) => r.type !== 'REDIRECTS_TO');
  if (others.length > 0) {
    await db
      .write(
        `/* restoreRelationships */ UNWIND $rows AS row
       MATCH (a:Node {id: row.from})
       MATCH (b:Node {id: row.to})
       CREATE (a)-[r:$(row.type)]->(b)
       SET r = row.properties
       RETURN count(r) AS created`,
        { rows: rows(others) },
      )
      .then((result) => expectCreated(result, others.length));
  }
  if (redirects.length > 0) {
    await db
      .write(
        `/* restoreRedirects */ UNWIND $rows AS row
       MATCH (a:Redirect {id: row.from})
       MATCH (b:Node {id: row.to})
       CREATE (a)-[r:REDIRECTS_TO]->(b)
       SET r = row.properties
       RETURN count(r) AS created`,
        { rows: rows(redirects) },
      )
      .then((result) => expectCreated(result, redirects.length));
  }
}

/** A relationship whose end was not found would be dropped silently by MATCH: refuse instead. */
function expectCreated(result: Record<string, unknown>[], expected: number): void {
  const created = Number(result[0]?.created ?? 0);
  if (created !== expected) {
    throw new Error(`created ${created} of ${expected} relationships: an end was not found`);
  }
}

/**
 * markChanged: a new graph version, so that every response cache drops what it holds. A new
 * random token, never the backed-up one: caches may hold answers of the graph a restore replaced,
 * or of a restore half done, under any earlier token.
 */
export async function markChanged(db: Database): Promise<void> {
  await db.writeTransaction((tx) => bumpGraphVersion(tx));
}

/* awaitIndexes: the full-text indexes are filled after commit; a restore returns once they are. */
export async function awaitIndexes(db: Database): Promise<void> {
  await db.write('/* awaitIndexes */ CALL db.awaitIndexes(300)');
}
