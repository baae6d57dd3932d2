import { afterAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  describeSchema,
  MIGRATIONS,
  migrationsApplied,
  RETIRED_INDEXES,
} from '../../src/db/migrations.ts';
import { openTestNeo4j } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

describe('schema migrations', () => {
  it('applied twice leave the same constraints and indexes', async () => {
    await applyMigrations(neo4j.db);
    const first = await describeSchema(neo4j.db);
    await applyMigrations(neo4j.db);
    const second = await describeSchema(neo4j.db);
    expect(second).toEqual(first);
    const names = first.map((s) => s.name);
    for (const migration of MIGRATIONS) expect(names).toContain(migration.name);
    expect(first.find((s) => s.name === 'node_id_unique')).toMatchObject({
      kind: 'constraint',
      labels: ['Node'],
      properties: ['id'],
    });
    expect(first.find((s) => s.name === 'entity_names_fulltext')?.type).toBe('FULLTEXT');
  });

  it('are skipped after one read when all are there, and applied when one is missing', async () => {
    await applyMigrations(neo4j.db);
    expect(await migrationsApplied(neo4j.db)).toBe(true);
    const statements: string[] = [];
    const watched = openTestNeo4j({ onQuery: (cypher) => statements.push(cypher) });
    try {
      await applyMigrations(watched.db);
      expect(statements).toHaveLength(1);
      await neo4j.db.write('DROP INDEX topic_kind');
      expect(await migrationsApplied(neo4j.db)).toBe(false);
      await applyMigrations(watched.db);
      expect(statements.some((s) => s.includes('CREATE INDEX topic_kind'))).toBe(true);
      expect(await migrationsApplied(neo4j.db)).toBe(true);
      // A constraint is recognised as one: a plain index of its name does not stand in for it.
      await neo4j.db.write('DROP CONSTRAINT redirect_id_unique');
      await neo4j.db.write('CREATE INDEX redirect_id_unique FOR (r:Redirect) ON (r.id)');
      await neo4j.db.write('CALL db.awaitIndexes(60)');
      expect(await migrationsApplied(neo4j.db)).toBe(false);
      await neo4j.db.write('DROP INDEX redirect_id_unique');
      await applyMigrations(neo4j.db);
      expect(await migrationsApplied(neo4j.db)).toBe(true);
    } finally {
      await watched.close();
    }
  });

  it('drop the indexes of earlier versions that no query uses', async () => {
    await neo4j.db.write('CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date)');
    expect((await describeSchema(neo4j.db)).map((s) => s.name)).toContain('claim_date');
    await applyMigrations(neo4j.db);
    const names = (await describeSchema(neo4j.db)).map((s) => s.name);
    for (const retired of RETIRED_INDEXES) expect(names).not.toContain(retired);
  });

  it('keep ids unique across the whole graph, not only per type', async () => {
    await neo4j.db.write('CREATE (:Node:Person {id: $id})', { id: 'shared-id' });
    await expect(
      neo4j.db.write('CREATE (:Node:Organization {id: $id})', { id: 'shared-id' }),
    ).rejects.toThrow(/already exists/);
  });

  it('index names and aliases for full-text search', async () => {
    await neo4j.db.write(
      `CREATE (:Node:Organization {id: 'fts-xensource', name: 'XenSource', aliases: ['Xen Source Inc']})`,
    );
    await neo4j.db.write('CALL db.awaitIndexes(60)');
    // Full-text indexes are eventually consistent: poll briefly.
    let ids: unknown[] = [];
    for (let i = 0; i < 40 && ids.length === 0; i++) {
      const rows = await neo4j.db.read(
        `CALL db.index.fulltext.queryNodes('entity_names_fulltext', $q) YIELD node RETURN node.id AS id`,
        { q: 'source' },
      );
      ids = rows.map((r) => r.id);
      if (ids.length === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ids).toEqual(['fts-xensource']);
  });
});
