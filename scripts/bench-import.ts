/**
 * Measures `kg import` of a folder of generated articles: articles/s and facts/s one at a time
 * against several at once, side by side in interleaved rounds on an emptied graph each time.
 * Each fictional article declares two new people and a new organization, re-declares a shared
 * organization and a shared topic (so imports meet on the same entities), and states five facts
 * and a claim.
 * Usage: npm run bench:import [-- --articles 300 --rounds 2 --concurrency 4]
 * Uses its own managed Neo4j (instance "bench", Bolt port 7692); its graph is wiped first.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import { collectArticleFiles } from '../src/ingest/files.ts';
import { importFiles, summarize } from '../src/ingest/importer.ts';
import * as managed from '../src/neo4j-server/instance.ts';
import { benchEnv, option } from './bench-support.ts';

const articles = option('articles', 300);
const rounds = option('rounds', 2);
const concurrency = option('concurrency', 4);

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
  const variants = [1, concurrency];
  const seconds = new Map<number, number[]>(variants.map((c) => [c, []]));
  let facts = 0;
  // One import unmeasured first: Neo4j compiles its queries as they repeat.
  await neo4j.db.write('MATCH (n) DETACH DELETE n');
  await importFiles(neo4j.db, files, undefined, { concurrency });
  for (let round = 0; round < rounds; round++) {
    for (const c of round % 2 === 0 ? variants : [...variants].reverse()) {
      await neo4j.db.write('MATCH (n) DETACH DELETE n');
      const started = performance.now();
      const summary = summarize(await importFiles(neo4j.db, files, undefined, { concurrency: c }));
      seconds.get(c)!.push((performance.now() - started) / 1000);
      if (summary.failed > 0) throw new Error(`${summary.failed} articles failed`);
      facts = summary.facts;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `kg import of ${articles} generated articles (${facts} facts), median of ${rounds} ` +
      `interleaved rounds, Neo4j ${neo4j.server.version}, ${os.cpus().length} cores`,
  );
  console.log(
    `${'concurrency'.padEnd(12)}${'seconds'.padStart(9)}${'articles/s'.padStart(12)}${'facts/s'.padStart(10)}`,
  );
  for (const c of variants) {
    const s = median(seconds.get(c)!);
    console.log(
      `${String(c).padEnd(12)}${s.toFixed(1).padStart(9)}${(articles / s).toFixed(1).padStart(12)}` +
        `${(facts / s).toFixed(0).padStart(10)}`,
    );
  }
} finally {
  await fs.rm(dir, { recursive: true, force: true });
  await neo4j.close();
  if (neo4j.startedManaged) await managed.stop(config.managed);
}
