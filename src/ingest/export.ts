import type { Database, Row } from '../db/database.ts';
import { canonicalJson } from '../model/canonical-json.ts';

/**
 * The whole graph as canonical JSON Lines: one node or relationship per line, with sorted labels
 * and sorted keys, nodes ordered by id, relationships by type, start id, end id and properties.
 * Two exports of the same graph are byte-identical, so `diff` compares two graphs; it is also a
 * backup, and the oracle the import tests use for idempotency and retraction.
 */
export async function exportGraph(
  db: Database,
  write: (line: string) => void | Promise<void>,
): Promise<{ nodes: number; relationships: number }> {
  let nodes = 0;
  let relationships = 0;
  await db.stream(
    /* exportNodes */ `MATCH (n) WHERE NOT n:GraphVersion AND NOT n:WriteLog
     RETURN labels(n) AS labels, properties(n) AS properties
     ORDER BY n.id, elementId(n)`,
    {},
    async (row) => {
      nodes++;
      await write(
        canonicalJson({
          kind: 'node',
          labels: (row.labels as string[]).slice().sort(),
          properties: row.properties,
        }),
      );
    },
  );
  // Relationships between the same two nodes with the same type differ only by properties:
  // they are buffered and sorted by their canonical form, so the order never depends on storage.
  let group: { key: string; lines: string[] } = { key: '', lines: [] };
  const flush = async () => {
    for (const line of group.lines.sort()) await write(line);
  };
  await db.stream(
    /* exportRelationships */ `MATCH (a)-[r]->(b)
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS properties
     ORDER BY type, from, to`,
    {},
    async (row: Row) => {
      relationships++;
      const key = `${String(row.type)}\u0000${String(row.from)}\u0000${String(row.to)}`;
      if (key !== group.key) {
        await flush();
        group = { key, lines: [] };
      }
      group.lines.push(
        canonicalJson({
          kind: 'relationship',
          type: row.type,
          from: row.from,
          to: row.to,
          properties: row.properties,
        }),
      );
    },
  );
  await flush();
  return { nodes, relationships };
}
