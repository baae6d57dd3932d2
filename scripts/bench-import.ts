/**
 * Measures `kg import` of a folder of generated articles: articles/s and facts/s with one article
 * per transaction one at a time (the baseline), against batches of articles per transaction, one
 * and several transactions at once, side by side in interleaved rounds on an emptied graph each
 * time.
 * Each fictional article declares two new people and a new organization, re-declares a shared
 * organization and a shared topic (so imports meet on the same entities), and states five facts
 * and a claim.
 * Usage: npm run bench:import [-- --articles 300 --rounds 2 --batch 50 --concurrency 2 --in-memory]
 * With `--profile`, imports the articles once, one at a time, and prints the statements each
 * import sent and where the time went, statement by statement (named by their leading comment).
 * Uses its own managed Neo4j (instance "bench", Bolt port 7692); its graph is wiped first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config.ts';
import type { Driver, ProfiledPlan } from 'neo4j-driver';
import type { Database, Tx } from '../src/db/database.ts';
import { connect } from '../src/db/connect.ts';
import { collectArticleFiles } from '../src/ingest/files.ts';
import {
  IMPORT_BATCH,
  IMPORT_CONCURRENCY,
  type ImportOptions,
  importFiles,
  summarize,
} from '../src/ingest/importer.ts';
import * as managed from '../src/neo4j-server/instance.ts';
import { benchEnv, median, option } from './bench-support.ts';

const articles = option('articles', 300);
const rounds = option('rounds', 2);
const batch = option('batch', IMPORT_BATCH);
const concurrency = option('concurrency', IMPORT_CONCURRENCY);
const profile = process.argv.includes('--profile');
/** The batches resolved in memory, as `kg import --in-memory` does. */
const inMemory = process.argv.includes('--in-memory');

const config = loadConfig(benchEnv());

const WORDS = ['Amber', 'Birch', 'Cobalt', 'Dune', 'Ember', 'Fjord', 'Garnet', 'Harbor', 'Iris'];
const word = (n: number) => `${WORDS[n % WORDS.length]}${WORDS[Math.floor(n / 9) % 9]}${n}`;

function article(i: number) {
  const year = String(2000 + (i % 20));
  const shared = i % 20;
  const topic = i % 30;
  return {
    format: 'kg-article/1',
    article: { id: `article-bench-${i}`, title: `Bench article ${i}`, publishedAt: `${year}-03` },
    entities: [
      { id: `person-${i}-a`, type: 'Person', name: `${word(i)} Alpha` },
      { id: `person-${i}-b`, type: 'Person', name: `${word(i)} Beta` },
      { id: `org-${i}`, type: 'Organization', name: `${word(i)} Labs`, kind: 'company' },
      { id: `shared-org-${shared}`, type: 'Organization', name: `${word(1000 + shared)} Group` },
      {
        id: `topic-${topic}`,
        type: 'Topic',
        name: `${word(2000 + topic)} Engine`,
        kind: 'product',
      },
    ],
    facts: [
      { type: 'WORKS_FOR', from: `person-${i}-a`, to: `org-${i}`, role: 'CTO', validFrom: year },
      { type: 'WORKS_FOR', from: `person-${i}-b`, to: `shared-org-${shared}`, role: 'engineer' },
      { type: 'PART_OF', from: `org-${i}`, to: `shared-org-${shared}` },
      { type: 'DEVELOPS', from: `org-${i}`, to: `topic-${topic}` },
      { type: 'CREATED', from: `person-${i}-a`, to: `topic-${topic}`, date: year },
    ],
    claims: [
      {
        id: `claim-bench-${i}`,
        statement: `The ${word(2000 + topic)} Engine will matter.`,
        stance: 'PREDICTS',
        speakers: [{ id: `person-${i}-a`, role: 'CTO', organization: `org-${i}` }],
        targets: [`topic-${topic}`],
        date: year,
      },
    ],
  };
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-bench-import-'));
const neo4j = await connect(config, { log: (line) => process.stderr.write(`${line}\n`) });
try {
  for (let i = 0; i < articles; i++) {
    const name = `article-${String(i).padStart(5, '0')}.yaml`;
    await fs.writeFile(path.join(dir, name), stringify(article(i)));
  }
  const { files } = await collectArticleFiles([dir]);
  if (profile) {
    const last = await profileImports(neo4j.db, files);
    await profilePlans(neo4j.driver, neo4j.connection.database, last);
  } else await measure(neo4j.db, files);
} finally {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
  if (neo4j.startedManaged) await managed.stop(config.managed);
}

async function measure(db: Database, files: string[]) {
  const variants: ImportOptions[] = [
    { batch: 1, concurrency: 1 },
    { batch, concurrency: 1, inMemory },
    ...(concurrency > 1 ? [{ batch, concurrency, inMemory }] : []),
  ];
  const seconds = new Map<ImportOptions, number[]>(variants.map((v) => [v, []]));
  let facts = 0;
  // One import unmeasured first: Neo4j compiles its queries as they repeat.
  await db.write('MATCH (n) DETACH DELETE n');
  await importFiles(db, files, undefined, { batch, concurrency, inMemory });
  for (let round = 0; round < rounds; round++) {
    for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
      await db.write('MATCH (n) DETACH DELETE n');
      const started = performance.now();
      const summary = summarize(await importFiles(db, files, undefined, v));
      seconds.get(v)!.push((performance.now() - started) / 1000);
      if (summary.failed > 0) throw new Error(`${summary.failed} articles failed`);
      facts = summary.facts;
    }
  }
  console.log(
    `kg import of ${articles} generated articles (${facts} facts), median of ${rounds} ` +
      `interleaved rounds, Neo4j ${neo4j.server.version}, ${os.cpus().length} cores`,
  );
  console.log(
    `${'articles per transaction'.padEnd(26)}${'at once'.padStart(8)}${'seconds'.padStart(9)}` +
      `${'articles/s'.padStart(12)}${'facts/s'.padStart(10)}`,
  );
  for (const v of variants) {
    const s = median(seconds.get(v)!);
    console.log(
      `${String(v.batch).padEnd(26)}${String(v.concurrency).padStart(8)}${s.toFixed(1).padStart(9)}` +
        `${(articles / s).toFixed(1).padStart(12)}${(facts / s).toFixed(0).padStart(10)}`,
    );
  }
}

interface Sent {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * Sends the statements of one import again with PROFILE, in a transaction rolled back at the end,
 * and prints each one's database hits and rows by operator, and any scan.
 */
async function profilePlans(driver: Driver, database: string, statements: Sent[]) {
  const session = driver.session({ database });
  const tx = session.beginTransaction();
  try {
    for (const { cypher, params } of statements) {
      const { summary } = await tx.run(`PROFILE ${cypher}`, params);
      const operators = new Map<string, { hits: number; rows: number }>();
      const scans: string[] = [];
      const walk = (plan: ProfiledPlan) => {
        const name = plan.operatorType.replace(/@.*/, '');
        const o = operators.get(name) ?? { hits: 0, rows: 0 };
        o.hits += plan.dbHits;
        o.rows += plan.rows;
        operators.set(name, o);
        if (/Scan/.test(name)) {
          scans.push(`${name} ${String(plan.arguments.Details ?? '')} (${plan.dbHits} hits)`);
        }
        plan.children.forEach(walk);
      };
      if (summary.profile) walk(summary.profile);
      const hits = [...operators.values()].reduce((a, o) => a + o.hits, 0);
      console.log(
        `${nameOf(cypher)}: ${hits} db hits; top: ` +
          [...operators]
            .sort((a, b) => b[1].hits - a[1].hits)
            .slice(0, 4)
            .map(([k, o]) => `${k} ${o.hits}`)
            .join(', ') +
          (scans.length ? `; scans: ${scans.join('; ')}` : '; no scan'),
      );
    }
  } finally {
    await tx.rollback();
    await session.close();
  }
}

/** The name of a statement: its leading comment, else its first words. */
function nameOf(cypher: string): string {
  return (
    /^\s*\/\*\s*(.*?)\s*\*\//.exec(cypher)?.[1] ?? cypher.trim().split(/\s+/).slice(0, 6).join(' ')
  );
}

/** One import at a time through a database that times every statement of every transaction. */
async function profileImports(db: Database, files: string[]): Promise<Sent[]> {
  const times = new Map<string, number[]>();
  const perImport: number[] = [];
  let current: Sent[] = [];
  let last: Sent[] = [];
  const transactions: number[] = [];
  const timed: Database = {
    ...db,
    writeTransaction: async (work) => {
      const started = performance.now();
      try {
        return await db.writeTransaction((tx) => {
          perImport.push(0);
          current = [];
          last = current;
          const wrapped: Tx = {
            async run(cypher, params) {
              perImport[perImport.length - 1]!++;
              current.push({ cypher, params: params ?? {} });
              const started = performance.now();
              try {
                return await tx.run(cypher, params);
              } finally {
                const name = nameOf(cypher);
                times.set(name, [...(times.get(name) ?? []), performance.now() - started]);
              }
            },
          };
          return work(wrapped);
        });
      } finally {
        transactions.push(performance.now() - started);
      }
    },
  };
  await db.write('MATCH (n) DETACH DELETE n');
  await importFiles(db, files, undefined, { concurrency: 1, batch: 1 }); // warm-up: plans compiled
  await db.write('MATCH (n) DETACH DELETE n');
  times.clear();
  perImport.length = 0;
  const started = performance.now();
  const summary = summarize(
    await importFiles(timed, files, undefined, { concurrency: 1, batch: 1 }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const statements = sum(perImport);
  console.log(
    `${summary.articles} imports one at a time in ${seconds.toFixed(1)} s: ` +
      `${(statements / perImport.length).toFixed(1)} statements per import ` +
      `(min ${Math.min(...perImport)}, max ${Math.max(...perImport)}), ` +
      `${((sum([...times.values()].flat()) / 1000 / seconds) * 100).toFixed(0)}% of the time in statements, ` +
      `${((sum(transactions) / 1000 / seconds) * 100).toFixed(0)}% in transactions (begin to commit)`,
  );
  console.log(
    `${'statement'.padEnd(60)}${'count'.padStart(7)}${'ms each'.padStart(9)}${'total s'.padStart(9)}`,
  );
  for (const [name, ms] of [...times].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    console.log(
      `${name.slice(0, 59).padEnd(60)}${String(ms.length).padStart(7)}` +
        `${(sum(ms) / ms.length).toFixed(2).padStart(9)}${(sum(ms) / 1000).toFixed(2).padStart(9)}`,
    );
  }
  return last;
}
