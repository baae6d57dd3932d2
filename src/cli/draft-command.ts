import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { compareDraft, describeDiff } from '../draft/compare.ts';
import {
  entriesFromArticles,
  type Gazetteer,
  memoryGazetteer,
  NO_GAZETTEER,
} from '../draft/gazetteer.ts';
import { graphGazetteer } from '../draft/graph-gazetteer.ts';
import { draftFile } from '../draft/service.ts';
import type { ArticleFile } from '../ingest/format.ts';
import { collectArticleFiles, readArticleFile } from '../ingest/files.ts';
import { formatIssue } from '../ingest/issues.ts';
import { validateArticleText } from '../ingest/validate.ts';
import { UserError } from '../model/errors.ts';
import { withGraph } from './graph-commands.ts';

interface DraftOptions {
  out?: string;
  json?: boolean;
  title?: string;
  publishedAt?: string;
  gazetteer?: string[];
  graph?: boolean;
  diff?: string;
}

async function readAnnotation(file: string): Promise<ArticleFile> {
  const read = await readArticleFile(file);
  if ('issue' in read) throw new UserError(formatIssue(read.issue), 'BAD_USER_INPUT');
  const checked = validateArticleText(read.text, file);
  if (!checked.ok) {
    throw new UserError(checked.errors.map(formatIssue).join('\n'), 'BAD_USER_INPUT');
  }
  return checked.article;
}

async function readText(source: string | undefined): Promise<string> {
  if (source !== undefined && source !== '-') return readFile(source, 'utf8');
  if (process.stdin.isTTY) {
    throw new UserError('kg draft: give a text file, or pipe the text on stdin.', 'BAD_USER_INPUT');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Where the names come from: `--gazetteer` files; else the graph, when NEO4J_URI is set or
 * `--graph` asks for it (the managed Neo4j is started then); else none. A draft never starts a
 * Neo4j unasked: drafting works offline.
 */
async function withGazetteer<T>(
  options: DraftOptions,
  extra: readonly ArticleFile[],
  work: (gazetteer: Gazetteer) => Promise<T>,
): Promise<T> {
  if (options.gazetteer) {
    const { files, refused } = await collectArticleFiles(options.gazetteer);
    if (refused.length > 0) throw new UserError(formatIssue(refused[0]!), 'BAD_USER_INPUT');
    const articles = [...extra];
    for (const file of files) articles.push(await readAnnotation(file));
    return work(memoryGazetteer(entriesFromArticles(articles)));
  }
  if (options.graph || loadConfig().neo4j) {
    return withGraph((db) => {
      const graph = graphGazetteer(db);
      if (extra.length === 0) return work(graph);
      const files = memoryGazetteer(entriesFromArticles(extra));
      return work({
        lookup: async (keys, ids) => [
          ...(await files.lookup(keys, ids)),
          ...(await graph.lookup(keys, ids)),
        ],
      });
    });
  }
  return work(extra.length > 0 ? memoryGazetteer(entriesFromArticles(extra)) : NO_GAZETTEER);
}

export function draftCommand(): Command {
  return new Command('draft')
    .description(
      "Draft a kg-article/1 file from an article's plain text (a file, or stdin): entities linked " +
        'to the graph, facts, and claims with a suggested stance, each with its quote, a confidence ' +
        'and review notes. Offline: no model service, no network.',
    )
    .argument('[text]', 'the article as plain text ("-" or nothing: stdin)')
    .option('--out <file>', 'write the draft there instead of stdout')
    .option('--json', 'print the draft and its proposals as one JSON object')
    .option('--title <title>', "the article's title (else its first sentence, to review)")
    .option('--published-at <date>', 'when it was published: 2008, 2008-03 or 2008-03-11')
    .option(
      '--gazetteer <paths...>',
      'annotation files or folders whose entities the draft links to (instead of the graph)',
    )
    .option('--graph', 'link to the graph even without NEO4J_URI (starts the local Neo4j)')
    .option(
      '--diff <annotation>',
      'compare with an existing annotation (its text is drafted when no text is given) and ' +
        'print what the draft proposes that it lacks',
    )
    .action(async (source: string | undefined, options: DraftOptions) => {
      const existing = options.diff ? await readAnnotation(options.diff) : undefined;
      const text =
        source === undefined && existing ? existing.article.text : await readText(source);
      if (text === undefined) {
        throw new UserError(
          `${options.diff}: has no article.text; give the text too.`,
          'BAD_USER_INPUT',
        );
      }
      const input = {
        text,
        ...((options.title ?? existing?.article.title)
          ? { title: options.title ?? existing!.article.title }
          : {}),
        ...((options.publishedAt ?? existing?.article.publishedAt)
          ? { publishedAt: options.publishedAt ?? existing!.article.publishedAt }
          : {}),
      };
      // With --diff, the annotation's own entities are names too: the draft then uses its ids.
      const { draft, yaml } = await withGazetteer(options, existing ? [existing] : [], (g) =>
        draftFile(input, g),
      );
      if (existing) {
        const lines = describeDiff(compareDraft(draft, existing));
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ diff: lines, draft })}\n`);
        } else {
          process.stdout.write(
            lines.length > 0
              ? `${lines.join('\n')}\n`
              : `The draft proposes nothing that ${options.diff} lacks.\n`,
          );
        }
        if (options.out) await writeFile(options.out, yaml);
        return;
      }
      if (options.out) await writeFile(options.out, yaml);
      if (options.json) process.stdout.write(`${JSON.stringify({ yaml, draft })}\n`);
      else if (!options.out) process.stdout.write(yaml);
      else {
        process.stderr.write(
          `Wrote ${options.out}: ${draft.entities.length} entities, ${draft.facts.length} facts, ${draft.claims.length} claims to review.\n`,
        );
      }
    });
}
