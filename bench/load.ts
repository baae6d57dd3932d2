/**
 * Puts the generated graph into the benchscale Neo4j, and measures the two ways of writing it:
 *
 * - through the real importer (`importFiles`, as `kg import` does): parse, validate, resolve
 *   identity by id and name, recompute facts and claims, several articles per transaction, each
 *   written whole or not at all. This is the figure users live with.
 * - a raw baseline: the same nodes and relationships written with hand-written `UNWIND ... MERGE`
 *   batches of 10,000 rows, with no validation, identity or provenance recomputation. Community
 *   edition has one user database, so the baseline writes beside the imported graph under labels
 *   of its own (`:RawNode` plus `:RawPerson`, `:RawClaim`..., with a uniqueness constraint on
 *   `RawNode.id`) and deletes them afterwards; the imported graph is never touched by it.
 *
 * A marker node `(:BenchGraph)` records the size, generator version and import figures, so that
 * `--reuse` skips the import when the stored graph is the one that would be generated.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Database } from '../src/db/database.ts';
import type { ArticleFileInput } from '../src/ingest/format.ts';
import { importFiles, summarize } from '../src/ingest/importer.ts';
import { GENERATOR_VERSION, generate, type SizeName } from './generate.ts';

export interface ImportFigures {
  /** Transactions at once (the importer only). */
  concurrency?: number;
  /** Articles per transaction (the importer only). */
  batch?: number;
  /** Whether batches were resolved in memory (the importer only). */
  inMemory?: boolean;
  articles: number;
  facts: number;
  claims: number;
  seconds: number;
  articlesPerSecond: number;
  factsPerSecond: number;
  /** True when the graph was already there and this run did not import it. */
  reused: boolean;
  /** True when this run finished an interrupted import (its time covers only the rest). */
  resumed?: boolean;
  unchanged?: number;
}

export interface GraphFigures {
  nodes: number;
  relationships: number;
  labels: Record<string, number>;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs an auto-commit statement (needed by `CALL { } IN TRANSACTIONS`). */
async function autoCommit(driver: Driver, database: string, cypher: string, params = {}) {
  const session = driver.session({ database });
  try {
    await session.run(cypher, params);
  } finally {
    await session.close();
  }
}

export async function wipe(driver: Driver, database: string): Promise<void> {
  await autoCommit(
    driver,
    database,
    'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
  );
}

export async function graphFigures(db: Database): Promise<GraphFigures> {
  const [row] = await db.read(
    `CALL () { MATCH (n) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     CALL () { MATCH (n:Node) UNWIND labels(n) AS label WITH label WHERE label <> 'Node'
               RETURN collect([label, 1]) AS pairs }
     RETURN nodes, relationships, pairs`,
  );
  const labels: Record<string, number> = {};
  for (const [label] of row!.pairs as [string, number][]) labels[label] = (labels[label] ?? 0) + 1;
  return {
    nodes: Number(row!.nodes),
    relationships: Number(row!.relationships),
    labels,
  };
}

/**
 * The stored graph of this size and generator version: complete with its import figures, or an
 * import that was interrupted. Undefined when the graph is another one (or none).
 */
async function storedGraph(
  db: Database,
  size: SizeName,
): Promise<{ complete: true; figures: ImportFigures } | { complete: false } | undefined> {
  const rows = await db.read('MATCH (m:BenchGraph {id: "benchscale"}) RETURN properties(m) AS m');
  const m = rows[0]?.m as Record<string, unknown> | undefined;
  if (!m || m.size !== size || Number(m.version) !== GENERATOR_VERSION) return undefined;
  if (m.complete !== true) return { complete: false };
  return {
    complete: true,
    figures: { ...(JSON.parse(String(m.figures)) as ImportFigures), reused: true },
  };
}

/**
 * Loads the graph of `size` through the importer (or keeps the stored one with `reuse`), then runs
 * the raw baseline beside it. Returns the importer's and the baseline's figures.
 */
export async function ensureGraph(
  db: Database,
  driver: Driver,
  size: SizeName,
  {
    reuse,
    concurrency,
    batch,
    inMemory,
  }: { reuse: boolean; concurrency: number; batch: number; inMemory: boolean },
): Promise<{ importer: ImportFigures; raw: ImportFigures; generatedIn: number }> {
  let started = performance.now();
  const { documents } = generate(size);
  const generatedIn = (performance.now() - started) / 1000;
  log(`Generated ${documents.length} articles in ${generatedIn.toFixed(1)} s.`);

  const stored = reuse ? await storedGraph(db, size) : undefined;
  let importer = stored?.complete ? stored.figures : undefined;
  if (importer) {
    log(`Reusing the stored ${size} graph (generator v${GENERATOR_VERSION}); no import.`);
  } else {
    // An import of this graph that was interrupted goes on where it stopped: the importer
    // answers "unchanged" for the articles already in.
    const resumed = stored !== undefined;
    if (resumed) {
      log('Resuming an interrupted import of this graph (articles already in are unchanged)...');
    } else {
      log('Emptying the benchscale graph...');
      await wipe(driver, db.name);
      await db.write(
        `CREATE (m:BenchGraph {id: "benchscale"})
         SET m.size = $size, m.version = $version, m.complete = false`,
        { size, version: GENERATOR_VERSION },
      );
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `kg-benchscale-${size}-`));
    try {
      const files: string[] = [];
      for (const [i, doc] of documents.entries()) {
        const file = path.join(dir, `article-${String(i).padStart(7, '0')}.json`);
        await fs.writeFile(file, JSON.stringify(doc));
        files.push(file);
      }
      log(
        `Importing ${files.length} articles through the importer ` +
          `(${batch} per transaction, ${concurrency} at a time)...`,
      );
      started = performance.now();
      let lastReport = started;
      const outcomes = await importFiles(
        db,
        files,
        (_outcome, done, total) => {
          const now = performance.now();
          if (now - lastReport > 10_000 || done === total) {
            lastReport = now;
            const rate = done / ((now - started) / 1000);
            log(
              `  ${done}/${total} articles, ${rate.toFixed(1)}/s, ` +
                `${((total - done) / rate).toFixed(0)} s left`,
            );
          }
        },
        { concurrency, batch, inMemory },
      );
      const seconds = (performance.now() - started) / 1000;
      const summary = summarize(outcomes);
      if (summary.failed > 0) {
        const failed = outcomes.find((o) => o.status === 'failed');
        throw new Error(`${summary.failed} articles failed, e.g. ${JSON.stringify(failed)}`);
      }
      importer = {
        concurrency,
        batch,
        inMemory,
        articles: summary.articles,
        facts: summary.facts,
        claims: summary.claims,
        seconds,
        articlesPerSecond: summary.articles / seconds,
        factsPerSecond: summary.facts / seconds,
        reused: false,
        ...(resumed ? { resumed: true, unchanged: summary.unchanged } : {}),
      };
      await db.write(
        `MERGE (m:BenchGraph {id: "benchscale"})
         SET m.size = $size, m.version = $version, m.complete = true, m.figures = $figures`,
        { size, version: GENERATOR_VERSION, figures: JSON.stringify(importer) },
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  log(
    `Importer: ${importer.articles} articles in ${importer.seconds.toFixed(1)} s ` +
      `(${importer.articlesPerSecond.toFixed(1)} articles/s, ${importer.factsPerSecond.toFixed(0)} facts/s)`,
  );
  const raw = await rawBaseline(driver, db.name, documents);
  log(
    `Raw UNWIND/MERGE baseline: ${raw.seconds.toFixed(1)} s ` +
      `(${raw.articlesPerSecond.toFixed(0)} articles/s, ${raw.factsPerSecond.toFixed(0)} facts/s)`,
  );
  return { importer, raw, generatedIn };
}

type Row = Record<string, unknown>;

/** The rows the documents hold, as a bulk writer would send them (facts and claims deduplicated). */
function rawRows(documents: readonly ArticleFileInput[]) {
  const entities = new Map<string, Row>();
  const articles: Row[] = [];
  const mentions: Row[] = [];
  const claims = new Map<string, Row>();
  const reports: Row[] = [];
  const facts = new Map<string, Row & { sources: string[] }>();
  let factStatements = 0;
  for (const doc of documents) {
    const articleId = doc.article.id;
    articles.push({ id: articleId, title: doc.article.title, published: doc.article.publishedAt });
    for (const e of doc.entities ?? []) {
      const { id, type, ...props } = e;
      entities.set(id, { id, type, props: { ...(entities.get(id)?.props as Row), ...props } });
      mentions.push({ article: articleId, entity: id });
    }
    for (const f of doc.facts ?? []) {
      factStatements++;
      const { type, from, to, ...props } = f;
      const key = `${type}|${from}|${to}|${(props as Row).role ?? ''}`;
      const known = facts.get(key);
      if (known) known.sources.push(articleId);
      else facts.set(key, { type, from, to, props, sources: [articleId] });
    }
    for (const c of doc.claims ?? []) {
      claims.set(c.id, {
        id: c.id,
        props: { statement: c.statement, stance: c.stance, date: c.date ?? null },
        speakers: c.speakers.map((s) =>
          typeof s === 'string'
            ? { id: s, role: null, organization: null }
            : { id: s.id, role: s.role ?? null, organization: s.organization ?? null },
        ),
        targets: c.targets.map((t) =>
          typeof t === 'string'
            ? { id: t, stance: c.stance }
            : { id: t.id, stance: t.stance ?? c.stance },
        ),
        event: c.event ?? null,
      });
      reports.push({ claim: c.id, article: articleId, quote: c.quote ?? null });
    }
  }
  return {
    entities: [...entities.values()],
    articles,
    mentions,
    claims: [...claims.values()],
    reports,
    facts: [...facts.values()],
    factStatements,
  };
}

/** Writes the documents' rows with UNWIND/MERGE batches under Raw* labels, timed, then removes them. */
async function rawBaseline(
  driver: Driver,
  database: string,
  documents: readonly ArticleFileInput[],
): Promise<ImportFigures> {
  const rows = rawRows(documents);
  await autoCommit(
    driver,
    database,
    'CREATE CONSTRAINT raw_node_id IF NOT EXISTS FOR (n:RawNode) REQUIRE n.id IS UNIQUE',
  );
  const batch = async (cypher: string, list: readonly unknown[]) => {
    for (let i = 0; i < list.length; i += 10_000) {
      await driver.executeQuery(cypher, { rows: list.slice(i, i + 10_000) }, { database });
    }
  };
  const started = performance.now();
  for (const type of ['Person', 'Organization', 'Event', 'Place', 'Topic']) {
    await batch(
      `UNWIND $rows AS row MERGE (n:RawNode {id: row.id}) SET n:Raw${type}, n += row.props`,
      rows.entities.filter((e) => e.type === type),
    );
  }
  await batch(
    'UNWIND $rows AS row MERGE (a:RawNode {id: row.id}) SET a:RawArticle, a.title = row.title, a.published = row.published',
    rows.articles,
  );
  await batch(
    `UNWIND $rows AS row MATCH (a:RawNode {id: row.article}) MATCH (e:RawNode {id: row.entity})
     MERGE (a)-[:MENTIONS]->(e)`,
    rows.mentions,
  );
  await batch(
    'UNWIND $rows AS row MERGE (c:RawNode {id: row.id}) SET c:RawClaim, c += row.props',
    rows.claims,
  );
  await batch(
    `UNWIND $rows AS row MATCH (c:RawNode {id: row.claim}) MATCH (a:RawNode {id: row.article})
     MERGE (c)-[r:REPORTED_IN]->(a) SET r.quote = row.quote`,
    rows.reports,
  );
  await batch(
    `UNWIND $rows AS row MATCH (c:RawNode {id: row.id})
     CALL (c, row) { UNWIND row.speakers AS s MATCH (p:RawNode {id: s.id})
       MERGE (p)-[m:MADE]->(c) SET m.role = s.role, m.organization = s.organization }
     CALL (c, row) { UNWIND row.targets AS t MATCH (x:RawNode {id: t.id})
       MERGE (c)-[a:ABOUT]->(x) SET a.stance = t.stance }
     CALL (c, row) { WITH row WHERE row.event IS NOT NULL MATCH (e:RawNode {id: row.event})
       MERGE (c)-[:AT_EVENT]->(e) }`,
    rows.claims,
  );
  const types = [...new Set(rows.facts.map((f) => String(f.type)))];
  for (const type of types) {
    // Relationship types come from the closed fact vocabulary, never from input.
    await batch(
      `UNWIND $rows AS row MATCH (a:RawNode {id: row.from}) MATCH (b:RawNode {id: row.to})
       MERGE (a)-[r:${type} {role: coalesce(row.props.role, '')}]->(b)
       SET r += row.props, r.sources = row.sources`,
      rows.facts.filter((f) => f.type === type),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await autoCommit(
    driver,
    database,
    'MATCH (n:RawNode) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
  );
  return {
    articles: rows.articles.length,
    facts: rows.factStatements,
    claims: rows.claims.length,
    seconds,
    articlesPerSecond: rows.articles.length / seconds,
    factsPerSecond: rows.factStatements / seconds,
    reused: false,
  };
}
