import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.ts';
import { connect } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import type { ServerInfo } from '../db/driver.ts';
import { UserError } from '../model/errors.ts';
import { exportGraph } from '../ingest/export.ts';
import { collectArticleFiles, readArticleFile } from '../ingest/files.ts';
import {
  IMPORT_BATCH,
  IMPORT_CONCURRENCY,
  type ImportOutcome,
  type ImportSummary,
  importFiles,
  ImportInterrupted,
  summarize,
  mergeEntities,
  retractArticle,
  validateArticle,
} from '../ingest/importer.ts';
import { formatIssue, type ValidationIssue } from '../ingest/issues.ts';
import { MAX_PAGE } from '../graph/paging.ts';
import { writeLogPage } from '../writelog/write-log.ts';

/**
 * Runs `work` against the graph: the one NEO4J_URI names, or else the managed local Neo4j,
 * started when it is not running (and then left running for the next command).
 */
export async function withGraph<T>(
  work: (db: Database, server: ServerInfo) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const graph = await connect(config, { log: (line) => process.stderr.write(`${line}\n`) });
  if (graph.startedManaged) {
    process.stderr.write(
      'Started the local Neo4j; it keeps running (stop it with `kg db stop`).\n',
    );
  }
  try {
    return await work(graph.db, graph.server);
  } finally {
    await graph.close();
  }
}

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** A commander parser for a whole number from `min` to `max`. */
function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

export function importCommand(): Command {
  return new Command('import')
    .description(
      'Import article files (YAML or JSON; folders are searched). Each article is written whole or ' +
        'not at all; importing the same file again changes nothing; a changed file replaces what ' +
        'its article asserted. Exit code 1 if any file failed.',
    )
    .argument('<paths...>', 'article files or folders')
    .option('--json', 'print the outcome of every file and the summary as one JSON object')
    .option(
      '--concurrency <n>',
      'how many transactions to run at once',
      wholeNumber(1, 64),
      IMPORT_CONCURRENCY,
    )
    .option(
      '--batch <n>',
      'how many articles to write per transaction (each still written whole or not at all)',
      wholeNumber(1, 1000),
      IMPORT_BATCH,
    )
    .option(
      '--in-memory',
      "resolve and recompute each transaction's articles together in memory: a handful of statements per batch (experimental)",
    )
    .action(
      async (
        paths: string[],
        options: {
          json?: boolean;
          concurrency: number;
          batch: number;
          inMemory?: boolean;
        },
      ) => {
        const { files, refused } = await collectArticleFiles(paths);
        if (files.length === 0 && refused.length === 0) {
          throw new UserError(`No .yaml, .yml or .json files in ${paths.join(', ')}.`, 'NO_FILES');
        }
        const progress = progressLine(files.length, options.json ?? false);
        const { concurrency, batch } = options;
        const inMemory = options.inMemory ?? false;
        let interrupted: ImportInterrupted | undefined;
        const imported =
          files.length > 0
            ? await withGraph((db) =>
                importFiles(db, files, progress, { concurrency, batch, inMemory }),
              ).catch((error: unknown) => {
                if (!(error instanceof ImportInterrupted)) throw error;
                interrupted = error;
                return error.outcomes;
              })
            : [];
        const outcomes: ImportOutcome[] = [
          ...refused.map((issue) => ({
            file: issue.file,
            status: 'failed' as const,
            errors: [issue],
          })),
          ...imported,
        ];
        const summary = summarize(outcomes);
        const notImported = interrupted?.notImported ?? [];
        if (options.json) {
          out(
            JSON.stringify({
              outcomes,
              summary,
              ...(interrupted ? { interrupted: interrupted.reason, notImported } : {}),
            }),
          );
        } else {
          for (const outcome of outcomes) printOutcome(outcome);
          out(describeSummary(summary));
          if (interrupted) printInterruption(interrupted);
        }
        if (summary.failed > 0 || interrupted) process.exitCode = 1;
      },
    );
}

/** What an import cut short by the database did, and how to finish it. */
function printInterruption({ outcomes, notImported, reason }: ImportInterrupted): void {
  const imported = outcomes.filter((o) => o.status !== 'failed').map((o) => o.file);
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  out(`The database stopped answering during the import: ${reason}`);
  out(`Imported (committed): ${files(imported.length)}`);
  for (const file of imported) out(`  ${file}`);
  out(`Not imported: ${files(notImported.length)}`);
  for (const file of notImported) out(`  ${file}`);
  out(
    'Run the same command again to finish: imports are idempotent, so the files already imported stay unchanged.',
  );
}

export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'Check article files as `kg import` would (ids resolved against the graph too), writing nothing. ' +
        'Exit code 1 if any file is invalid.',
    )
    .argument('<paths...>', 'article files or folders')
    .option(
      '--offline',
      'check the files only, without the graph (ids must then all be in the file)',
    )
    .option('--json', 'print the result of every file as one JSON object')
    .action(async (paths: string[], options: { offline?: boolean; json?: boolean }) => {
      const { files, refused } = await collectArticleFiles(paths);
      const check = async (db: Database | undefined) => {
        const results = [];
        for (const file of files) {
          const read = await readArticleFile(file);
          results.push(
            'issue' in read
              ? { file, ok: false, errors: [read.issue], matched: [] }
              : await validateArticle(db, read.text, file),
          );
        }
        return results;
      };
      const results = [
        ...refused.map((issue) => ({ file: issue.file, ok: false, errors: [issue], matched: [] })),
        ...(options.offline ? await check(undefined) : await withGraph(check)),
      ];
      if (options.json) out(JSON.stringify({ results }));
      else
        for (const r of results) {
          out(`${r.ok ? 'valid  ' : 'invalid'} ${r.file}`);
          printIssues(r.errors);
        }
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}

export function retractCommand(): Command {
  return new Command('retract')
    .description(
      'Remove an article and exactly what only it supported: facts and claims with no other source, ' +
        'entities no other article mentions.',
    )
    .argument('<article-id>', 'the id of the article, e.g. article-n-square-dinner-2008')
    .option('--json', 'print what was removed as one JSON object')
    .action(async (articleId: string, options: { json?: boolean }) => {
      const result = await withGraph((db) => retractArticle(db, articleId));
      if (options.json) return out(JSON.stringify(result));
      out(`Retracted ${articleId}.`);
      out(
        `  entities removed: ${result.entitiesDeleted.length ? result.entitiesDeleted.join(', ') : 'none'}`,
      );
      out(
        `  claims removed:   ${result.claimsDeleted.length ? result.claimsDeleted.join(', ') : 'none'}`,
      );
    });
}

export function mergeCommand(): Command {
  return new Command('merge')
    .description(
      'Merge two entities found to be the same: aliases are unioned, relationships, claims and sources ' +
        'move to <keep-id>, and <remove-id> keeps answering as a redirect to it.',
    )
    .argument('<keep-id>', 'the entity that stays')
    .argument('<remove-id>', 'the entity merged into it')
    .option('--json', 'print the result as one JSON object')
    .action(async (keepId: string, removeId: string, options: { json?: boolean }) => {
      const result = await withGraph((db) => mergeEntities(db, keepId, removeId));
      if (options.json) return out(JSON.stringify(result));
      out(`Merged ${removeId} into ${keepId}: ${result.relationshipsMoved} relationships moved.`);
      out(`  aliases of ${keepId}: ${result.aliases.join(', ') || 'none'}`);
      out(`  ${removeId} now redirects to ${keepId}.`);
    });
}

export function logCommand(): Command {
  return new Command('log')
    .description(
      'Show the write log, newest first: who (an API key, or the OS user of kg) imported, retracted or merged what, and when.',
    )
    .option('--first <n>', 'how many entries, 1 to 100', wholeNumber(1, MAX_PAGE), 20)
    .option('--json', 'print one JSON object per entry')
    .action(async (options: { first: number; json?: boolean }) => {
      const page = await withGraph((db) => writeLogPage(db, { first: options.first }));
      for (const { node } of page.edges) {
        if (options.json) out(JSON.stringify(node));
        else {
          const status = node.status ? ` (${node.status})` : '';
          out(`${node.at}  ${node.by}  ${node.operation}${status}  ${node.targets.join(' <- ')}`);
        }
      }
      if (page.edges.length === 0 && !options.json) out('The write log is empty.');
    });
}

export function exportCommand(): Command {
  return new Command('export')
    .description(
      'Write the whole graph as canonical JSON Lines (one node or relationship per line, sorted): ' +
        'two exports of the same graph are byte-identical, so `diff` compares graphs.',
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: { out?: string }) => {
      const stream = options.out ? createWriteStream(options.out) : process.stdout;
      const write = async (line: string) => {
        if (!stream.write(`${line}\n`)) await once(stream, 'drain');
      };
      const counts = await withGraph((db) => exportGraph(db, write));
      if (options.out) {
        stream.end();
        await once(stream, 'finish');
        err(
          `Exported ${counts.nodes} nodes and ${counts.relationships} relationships to ${options.out}.`,
        );
      }
    });
}

// ---------------------------------------------------------------------------------------------

/** On a terminal, one line that shows how far a long import is; nothing otherwise. */
function progressLine(total: number, quiet: boolean) {
  const tty = process.stderr.isTTY && !quiet && total > 1;
  const started = performance.now();
  return (outcome: ImportOutcome, done: number, all: number) => {
    if (!tty) return;
    const width = 30;
    const filled = Math.round((done / all) * width);
    const seconds = (performance.now() - started) / 1000;
    const rate = done / Math.max(seconds, 0.001);
    const eta = done < all ? `, ${Math.ceil((all - done) / rate)} s left` : '';
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${all} ` +
        `${rate.toFixed(1)} articles/s${eta}  ${outcome.file.slice(-40).padEnd(40)}`,
    );
    if (done === all) process.stderr.write('\n');
  };
}

function printOutcome(o: ImportOutcome): void {
  if (o.status === 'failed') {
    out(`failed    ${o.file}`);
    printIssues(o.errors);
    return;
  }
  const detail =
    o.status === 'unchanged'
      ? 'already imported, nothing changed'
      : `${o.entitiesCreated.length} entities created, ${o.entitiesMatched.length} matched, ${o.facts} facts, ${o.claims} claims`;
  out(`${o.status.padEnd(9)} ${o.file} (${o.articleId}): ${detail}`);
  if (o.status !== 'unchanged') {
    for (const m of o.entitiesMatched) {
      out(
        `  "${m.fileId}" is the existing "${m.id}" (${m.by === 'name' ? `same name: ${m.name}` : 'a redirect'})`,
      );
    }
    for (const r of o.entitiesRenamed) {
      out(`  "${r.from}" is now "${r.to}" (declared by an earlier article); "${r.from}" redirects`);
    }
  }
}

function printIssues(issues: readonly ValidationIssue[]): void {
  for (const issue of issues) out(`  ${formatIssue(issue)}`);
}

function describeSummary(s: ImportSummary): string {
  return (
    `${s.articles} file${s.articles === 1 ? '' : 's'}: ${s.created} created, ${s.updated} updated, ` +
    `${s.unchanged} unchanged, ${s.failed} failed; entities: ${s.entitiesCreated} created, ` +
    `${s.entitiesMatched} matched; ${s.facts} facts; ${s.claims} claims`
  );
}
