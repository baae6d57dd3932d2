import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseOptions } from '../../src/db/database.ts';
import { createLogger } from '../../src/logger.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());

describe('database helpers against a real Neo4j', () => {
  it('writes a node and reads it back as plain values', async () => {
    await neo4j.db.write(
      `CREATE (p:Node:Person {id: $id, name: $name, born: date($born), score: $score, at: datetime($at)})`,
      {
        id: 'helper-test-person',
        name: 'Ada Example',
        born: '1970-01-02',
        score: 42,
        at: '2008-03-11T19:00:00Z',
      },
    );
    const rows = await neo4j.db.read(
      'MATCH (p:Person {id: $id}) RETURN p.name AS name, p.born AS born, p.score AS score, p.at AS at, count(*) AS n',
      { id: 'helper-test-person' },
    );
    expect(rows).toEqual([
      { name: 'Ada Example', born: '1970-01-02', score: 42, at: '2008-03-11T19:00:00Z', n: 1 },
    ]);
  });

  it('commits a write transaction as a whole, or nothing when it fails', async () => {
    await neo4j.db.writeTransaction(async (tx) => {
      await tx.run('CREATE (:Node:Topic {id: $id})', { id: 'tx-committed' });
      await tx.run('CREATE (:Node:Topic {id: $id})', { id: 'tx-committed-2' });
    });
    await expect(
      neo4j.db.writeTransaction(async (tx) => {
        await tx.run('CREATE (:Node:Topic {id: $id})', { id: 'tx-rolled-back' });
        await tx.run('CREATE (:Node:Topic {id: $id})', { id: 'tx-committed' }); // violates uniqueness
      }),
    ).rejects.toThrow(/already exists/);
    const rows = await neo4j.db.readTransaction((tx) =>
      tx.run('MATCH (t:Topic) WHERE t.id STARTS WITH "tx-" RETURN t.id AS id ORDER BY id'),
    );
    expect(rows.map((r) => r.id)).toEqual(['tx-committed', 'tx-committed-2']);
  });

  it('counts every statement it sends', async () => {
    const sent: string[] = [];
    const counted = createDatabase(neo4j.driver, neo4j.connection.database, {
      onQuery: (cypher) => sent.push(cypher),
    });
    await counted.read('RETURN 1 AS one');
    await counted.writeTransaction(async (tx) => {
      await tx.run('RETURN 2 AS two');
    });
    expect(sent).toEqual(['RETURN 1 AS one', 'RETURN 2 AS two']);
  });

  it('refuses to wipe a database that is not the test one', async () => {
    const other = createDatabase(neo4j.driver, 'neo4j');
    await expect(wipeTestGraph(other)).rejects.toThrow(/Refusing to wipe database "neo4j"/);
    const rows = await neo4j.db.read('MATCH (n:Node) RETURN count(n) AS n');
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});

describe('planning a new read outside its time limit', () => {
  /** A database on the test Neo4j whose debug log and statements the test sees. */
  function observed(options: DatabaseOptions) {
    const planned: string[] = [];
    const sent: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          const entry = JSON.parse(line) as { msg: string; statement: string };
          if (entry.msg === 'statement planned') planned.push(entry.statement);
        }
        done();
      },
    });
    const db = createDatabase(neo4j.driver, neo4j.connection.database, {
      ...options,
      logger: createLogger({ logLevel: 'debug' }, destination),
      onQuery: (cypher) => sent.push(cypher),
    });
    return { db, planned, sent };
  }
  // A statement no other test sends, so that nothing has planned it before.
  const statement = `/* planTest${Date.now()} */ MATCH (n:Node {id: $id}) RETURN count(n) AS n`;

  it('plans a statement once per parameter types, then runs it; statement counts leave the plan out', async () => {
    const { db, planned, sent } = observed({ timeoutMs: 5_000, planTimeoutMs: 60_000 });
    expect(await db.read(statement, { id: 'a' })).toEqual([{ n: 0 }]);
    expect(planned).toHaveLength(1);
    await db.read(statement, { id: 'b' });
    expect(planned, 'other values, the same plan').toHaveLength(1);
    await db.read(statement, { id: 7 });
    expect(planned, 'a number is another parameter type: another plan').toHaveLength(2);
    expect(sent).toEqual([statement, statement, statement]);
  });

  it("plans a request's later reads before they run in its shared transaction", async () => {
    const { db, planned } = observed({ timeoutMs: 5_000, planTimeoutMs: 60_000 });
    const scope = db.readScope();
    try {
      await scope.read('/* planScopeFirst */ RETURN 1 AS one');
      await scope.read(`${statement} // second`, { id: 'a' });
    } finally {
      await scope.close();
    }
    expect(planned).toEqual(expect.arrayContaining(['planScopeFirst']));
    expect(planned).toHaveLength(2);
  });

  it('plans nothing where no time limit applies (the CLI) or no plan limit is set', async () => {
    for (const options of [{ planTimeoutMs: 60_000 }, { timeoutMs: 5_000 }]) {
      const { db, planned } = observed(options);
      await db.read(`${statement} // unlimited ${JSON.stringify(options)}`, { id: 'a' });
      expect(planned).toEqual([]);
    }
  });
});
