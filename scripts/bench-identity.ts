/**
 * Measures identity resolution as the graph grows: finding the entities that answer to a name,
 * through the entity_name_keys index (what imports do) side by side with a scan of every entity of
 * the type (what they did before the index), and one whole import of a small article that declares
 * new people, at the same size.
 * Usage: npm run bench:identity [-- --people 100000 --rounds 15]
 * Uses its own managed Neo4j (instance "bench", Bolt port 7692); its graph is wiped first.
 */
import { stringify } from 'yaml';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import { importArticle } from '../src/ingest/importer.ts';
import { findByNameKeys } from '../src/ingest/store.ts';
import * as managed from '../src/neo4j-server/instance.ts';
import { benchEnv, option } from './bench-support.ts';

const people = option('people', 100_000);
const rounds = option('rounds', 15);

const config = loadConfig(benchEnv());
const neo4j = await connect(config, { log: (line) => process.stderr.write(`${line}\n`) });
const { db, driver } = neo4j;

/** Statements that must run in an implicit transaction (CALL ... IN TRANSACTIONS). */
async function autocommit(cypher: string, params: Record<string, unknown> = {}) {
  const session = driver.session({ database: db.name });
  try {
    await session.run(cypher, params);
  } finally {
    await session.close();
  }
}

async function measure(work: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(rounds / 2)]!, p90: times[Math.floor(rounds * 0.9)]! };
}

try {
  await autocommit('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await autocommit(
    `UNWIND range(0, $people - 1) AS i
     CALL (i) {
       CREATE (:Node:Person {id: 'person-' + i, name: 'Person ' + i,
                             nameKeys: ['person ' + i, 'p ' + i], aliases: ['P ' + i]})
     } IN TRANSACTIONS OF 20000 ROWS`,
    { people },
  );
  await db.write('CALL db.awaitIndexes(600)');

  const probes = [...Array(5).keys()].map((k) => ({
    id: `probe-${k}`,
    type: 'Person' as const,
    keys: [`person ${(k * 7919) % people}`, `nobody ${k}`],
  }));
  const scan = await measure(() =>
    db.readTransaction((tx) =>
      tx.run(
        `/* findByNameKeys, as a scan */
         UNWIND $probes AS probe
         MATCH (n:Person) WHERE any(k IN n.nameKeys WHERE k IN probe.keys)
         WITH probe, n ORDER BY n.id
         RETURN probe.id AS id, collect({id: n.id, name: n.name}) AS candidates`,
        { probes },
      ),
    ),
  );
  const indexed = await measure(() => db.readTransaction((tx) => findByNameKeys(tx, probes)));
  let n = 0;
  const imports = await measure(() => {
    n++;
    return importArticle(
      db,
      stringify({
        format: 'kg-article/1',
        article: { id: `article-bench-${n}`, title: `Bench ${n}`, publishedAt: '2010-01' },
        entities: [
          { id: `new-person-${n}`, type: 'Person', name: `New Person ${n}` },
          { id: `again-${n}`, type: 'Person', name: `Person ${n}` },
          { id: `new-org-${n}`, type: 'Organization', name: `New Org ${n}` },
        ],
        facts: [{ type: 'WORKS_FOR', from: `new-person-${n}`, to: `new-org-${n}`, role: 'CTO' }],
      }),
      `bench-${n}.yaml`,
    );
  });

  const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
  console.log(
    `Identity resolution with ${people} people (Neo4j ${neo4j.server.version}, ${rounds} rounds)`,
  );
  console.log(`${'step'.padEnd(52)}${'median'.padStart(10)}${'p90'.padStart(10)}`);
  for (const [name, m] of [
    ['5 names looked up, scan of every Person (before)', scan],
    ['5 names looked up, entity_name_keys index (now)', indexed],
    ['one import: 3 entities (1 matched by name), 1 fact', imports],
  ] as const) {
    console.log(`${name.padEnd(52)}${ms(m.median)}${ms(m.p90)}`);
  }
  console.log(`index vs scan: ${(scan.median / indexed.median).toFixed(0)}x faster`);
} finally {
  await neo4j.close();
  if (neo4j.startedManaged) await managed.stop(config.managed);
}
