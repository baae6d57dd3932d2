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
    // Import locks (src/ingest/identity.ts): one node per name or id an import is resolving, made
    // and deleted inside its transaction; the constraint makes a second import wait for the first.
    name: 'import_lock_key_unique',
    cypher:
      'CREATE CONSTRAINT import_lock_key_unique IF NOT EXISTS FOR (l:ImportLock) REQUIRE l.key IS UNIQUE',
  },
  {
    // The graph's version (src/db/graph-version.ts): one node, bumped by every write.
    name: 'graph_version_id_unique',
    cypher:
      'CREATE CONSTRAINT graph_version_id_unique IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.id IS UNIQUE',
  },
  {
    // The change feed (src/writelog/changes.ts) reads the write log's entries after a write number.
    name: 'write_log_seq',
    cypher: 'CREATE INDEX write_log_seq IF NOT EXISTS FOR (w:WriteLog) ON (w.seq)',
  },
  {
    name: 'entity_names_fulltext',
    cypher: `CREATE FULLTEXT INDEX entity_names_fulltext IF NOT EXISTS
      FOR (n:Person|Organization|Event|Place|Topic|Article)
      ON EACH [n.name, n.aliases, n.title]`,
  },
  {
    // Identity resolution (src/ingest/identity.ts): the entities that answer to a normalised name
    // or alias, found by an exact key (keyword analyzer: one token per list element), not by a
    // scan of every entity of a type.
    name: 'entity_name_keys',
    cypher: `CREATE FULLTEXT INDEX entity_name_keys IF NOT EXISTS
      FOR (n:Person|Organization|Event|Place|Topic)
      ON EACH [n.nameKeys]
      OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'keyword' } }`,
  },
  {
    name: 'claim_stance',
    cypher: 'CREATE INDEX claim_stance IF NOT EXISTS FOR (c:Claim) ON (c.stance)',
  },
  {
    // Claim lists sort and filter on the first day a claim's date covers.
    name: 'claim_date_day',
    cypher: 'CREATE INDEX claim_date_day IF NOT EXISTS FOR (c:Claim) ON (c.dateDay)',
  },
  {
    name: 'event_start_day',
    cypher: 'CREATE INDEX event_start_day IF NOT EXISTS FOR (e:Event) ON (e.startDateDay)',
  },
  {
    name: 'article_published_day',
    cypher: 'CREATE INDEX article_published_day IF NOT EXISTS FOR (a:Article) ON (a.publishedDay)',
  },
  {
    // "Claims made for an organization": the organization a speaker spoke for, on MADE.
    name: 'made_organization',
    cypher: 'CREATE INDEX made_organization IF NOT EXISTS FOR ()-[m:MADE]-() ON (m.organization)',
  },
  {
    // "Events around an organization": the organization a participant represented.
    name: 'participated_representing',
    cypher:
      'CREATE INDEX participated_representing IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.representing)',
  },
  {
    name: 'topic_kind',
    cypher: 'CREATE INDEX topic_kind IF NOT EXISTS FOR (t:Topic) ON (t.kind)',
  },
  // Lists sorted by name or title read these in order from the cursor (keyset in src/graph/paging.ts).
  ...(['Person', 'Organization', 'Event', 'Place', 'Topic'] as const).map((label) => ({
    name: `${label.toLowerCase()}_name`,
    cypher: `CREATE INDEX ${label.toLowerCase()}_name IF NOT EXISTS FOR (n:${label}) ON (n.name)`,
  })),
  {
    name: 'article_title',
    cypher: 'CREATE INDEX article_title IF NOT EXISTS FOR (a:Article) ON (a.title)',
  },
];

/**
 * Indexes of earlier versions that no query uses any more (they indexed properties under names the
 * graph does not store, or a list that a range index cannot search): dropped at start if present.
 */
export const RETIRED_INDEXES: readonly string[] = [
  'node_name_keys',
  'claim_date',
  'event_start',
  'article_published',
];

/**
 * Applies every migration (each a no-op when already there) and waits for indexes to be online.
 * When one read shows that everything is there and online already (every start after the first),
 * nothing more is sent: about 25 statements less at each start. A migration is recognised by its
 * name, as IF NOT EXISTS recognises it: a changed definition needs a new name (and the old one in
 * RETIRED_INDEXES).
 */
export async function applyMigrations(db: Database): Promise<void> {
  if (await migrationsApplied(db)) return;
  for (const name of RETIRED_INDEXES) {
    // Names come from the closed list above; DROP INDEX takes no parameter for its name.
    await db.write(`DROP INDEX ${name} IF EXISTS`);
  }
  for (const migration of MIGRATIONS) {
    await db.write(migration.cypher);
  }
  await db.write('CALL db.awaitIndexes(300)');
}

/** Whether every migration is there and online, a constraint as a constraint, and none retired. */
export async function migrationsApplied(db: Database): Promise<boolean> {
  const rows = await db.read(
    '/* schemaState */ SHOW INDEXES YIELD name, state, owningConstraint RETURN name, state, owningConstraint',
  );
  const found = new Map(rows.map((row) => [String(row.name), row]));
  if (RETIRED_INDEXES.some((name) => found.has(name))) return false;
  return MIGRATIONS.every(({ name, cypher }) => {
    const index = found.get(name);
    // A constraint's index has the constraint's name.
    const owner = cypher.startsWith('CREATE CONSTRAINT') ? name : null;
    return index?.state === 'ONLINE' && (index.owningConstraint ?? null) === owner;
  });
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
