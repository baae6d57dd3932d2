import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import { writeBackup } from '../backup/backup.ts';
import { restoreGraph } from '../backup/restore.ts';
import { isUserError, UserError } from '../model/errors.ts';
import { apiVersion } from '../version.ts';
import { withGraph } from './graph-commands.ts';

const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'Write the whole graph as a kg-backup/1 file: a header line, the lines of `kg export` ' +
        '(merges, redirects, retractions and sources included), an end line with their counts. ' +
        '`kg restore` reads it back into an empty graph, here or on another machine or Neo4j version.',
    )
    .option('--out <file>', 'write to a file (complete or not at all) instead of standard output')
    .action(async (options: { out?: string }) => {
      const started = performance.now();
      // A file is written beside its name and renamed when whole, so a failed backup never
      // leaves a file that looks like one.
      const partial = options.out ? `${options.out}.partial` : undefined;
      const stream = partial ? createWriteStream(partial) : process.stdout;
      const write = async (line: string) => {
        if (!stream.write(`${line}\n`)) await once(stream, 'drain');
      };
      try {
        const counts = await withGraph((db, server) =>
          writeBackup(db, { kg: apiVersion, neo4j: server.version }, write),
        );
        if (partial && options.out) {
          stream.end();
          await once(stream, 'finish');
          await fs.rename(partial, options.out);
        }
        err(
          `Backed up ${counts.nodes} nodes and ${counts.relationships} relationships` +
            `${options.out ? ` to ${options.out}` : ''} in ${seconds(started)} s.`,
        );
      } catch (error) {
        if (partial) {
          stream.destroy();
          await fs.rm(partial, { force: true });
        }
        throw error;
      }
    });
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description(
      'Restore a backup (`kg backup`; a plain `kg export` is accepted too) into an empty graph: ' +
        '`kg export` afterwards is byte-identical to the one it holds. The file is checked whole ' +
        'before anything is written; a graph that holds data is refused unless --replace.',
    )
    .argument('<file>', 'the backup file, or - for standard input')
    .option(
      '--replace',
      'delete everything in the graph first (only once the file passed its checks)',
    )
    .option('--json', 'print the result as one JSON object')
    .action(async (file: string, options: { replace?: boolean; json?: boolean }) => {
      const started = performance.now();
      const name = file === '-' ? 'standard input' : file;
      if (file !== '-' && !(await fs.stat(file).catch(() => undefined))?.isFile()) {
        throw new UserError(`No file ${file}.`, 'BAD_BACKUP');
      }
      const result = await withFile(file, (local) =>
        withGraph((db) => restoreGraph(db, local, { replace: options.replace ?? false, log: err })),
      ).catch((error: unknown) => {
        if (isUserError(error) && error.code === 'BAD_BACKUP') {
          throw new UserError(`${name}: ${error.message}`, error.code, { cause: error });
        }
        throw error;
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(
        `Restored ${result.nodes} nodes and ${result.relationships} relationships from ${name} ` +
          `in ${seconds(started)} s.\n`,
      );
    });
}

/**
 * The backup as a file restore can read twice (once to check, once to write): the file itself,
 * or standard input copied to a temporary file that is removed afterwards.
 */
async function withFile<T>(file: string, work: (local: string) => Promise<T>): Promise<T> {
  if (file !== '-') return work(file);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-restore-'));
  try {
    const local = path.join(dir, 'backup.jsonl');
    await pipeline(process.stdin, createWriteStream(local));
    return await work(local);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
