import type { Database } from './database.ts';

/**
 * The graph's schema: constraints and indexes of the domain model (see README, "Data model").
 * Each statement is idempotent (IF NOT EXISTS), so the list is applied in full at every start
 * of the server, the CLI and the tests; adding a line here is how the schema evolves.
 *
 * Every identified node (entities, claims, articles) carries the label :Node besides its type,
 * so one constraint keeps ids unique across the whole graph, not only per type.
 */
export const MIGRATIONS: readonly { name: string; cypher: string }[] = [
  {
    name: 'node_id_unique',
    cypher: 'CREATE CONSTRAINT node_id_unique IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE',
  },
  {
    // Redirects left behind when two entities are merged: the removed id keeps answering.
    name: 'redirect_id_unique',
    cypher:
      'CREATE CONSTRAINT redirect_id_unique IF NOT EXISTS FOR (r:Redirect) REQUIRE r.id IS UNIQUE',
  },
  {
    name: 'entity_names_fulltext',
    cypher: `CREATE FULLTEXT INDEX entity_names_fulltext IF NOT EXISTS
      FOR (n:Person|Organization|Event|Place|Topic|Article)
      ON EACH [n.name, n.aliases, n.title]`,
  },
  {
    // Identity resolution: normalised names and aliases of an entity, looked up on import.
    name: 'node_name_keys',
    cypher: 'CREATE INDEX node_name_keys IF NOT EXISTS FOR (n:Node) ON (n.nameKeys)',
  },
  {
    name: 'claim_stance',
    cypher: 'CREATE INDEX claim_stance IF NOT EXISTS FOR (c:Claim) ON (c.stance)',
  },
  {
    name: 'claim_date',
    cypher: 'CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date)',
  },
  {
    name: 'event_start',
    cypher: 'CREATE INDEX event_start IF NOT EXISTS FOR (e:Event) ON (e.startDate)',
  },
  {
    name: 'article_published',
    cypher: 'CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.publishedAt)',
  },
  {
    name: 'topic_kind',
    cypher: 'CREATE INDEX topic_kind IF NOT EXISTS FOR (t:Topic) ON (t.kind)',
  },
];

/** Applies every migration (each a no-op when already there) and waits for indexes to be online. */
export async function applyMigrations(db: Database): Promise<void> {
  for (const migration of MIGRATIONS) {
    await db.write(migration.cypher);
  }
  await db.write('CALL db.awaitIndexes(300)');
}

export interface SchemaObject {
  kind: 'constraint' | 'index';
  name: string;
  type: string;
  labels: string[];
  properties: string[];
}

/** The constraints and indexes the database has, sorted: what a migration test compares. */
export async function describeSchema(db: Database): Promise<SchemaObject[]> {
  const constraints = await db.read(
    'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties',
  );
  const indexes = await db.read(
    `SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint
     WHERE owningConstraint IS NULL AND type <> 'LOOKUP'
     RETURN name, type, labelsOrTypes, properties`,
  );
  const toObject = (kind: SchemaObject['kind']) => (row: Record<string, unknown>) => ({
    kind,
    name: String(row.name),
    type: String(row.type),
    labels: ((row.labelsOrTypes as string[] | null) ?? []).slice().sort(),
    properties: ((row.properties as string[] | null) ?? []).slice(),
  });
  return [...constraints.map(toObject('constraint')), ...indexes.map(toObject('index'))].sort(
    (a, b) => a.name.localeCompare(b.name),
  );
}
