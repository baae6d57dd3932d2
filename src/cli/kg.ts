import { Command, CommanderError } from 'commander';
import { describeError } from '../model/errors.ts';
import { apiVersion } from '../version.ts';
import { backupCommand, restoreCommand } from './backup-commands.ts';
import { dbCommand } from './db-command.ts';
import { draftCommand } from './draft-command.ts';
import { keyCommand } from './key-command.ts';
import {
  exportCommand,
  importCommand,
  logCommand,
  mergeCommand,
  retractCommand,
  validateCommand,
} from './graph-commands.ts';

/**
 * `kg`: everything that is not the GraphQL server. Each command is a thin shell over library code;
 * a user mistake prints one line and a non-zero exit code, never a stack trace.
 */
export function buildProgram(): Command {
  const program = new Command('kg')
    .description(
      'Industry knowledge graph: import, check, draft from text, retract, merge and export articles; show the write log; back up and restore the graph; make API keys; manage the local Neo4j.',
    )
    .version(apiVersion)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });
  program.addCommand(dbCommand());
  program.addCommand(importCommand());
  program.addCommand(validateCommand());
  program.addCommand(draftCommand());
  program.addCommand(retractCommand());
  program.addCommand(mergeCommand());
  program.addCommand(exportCommand());
  program.addCommand(logCommand());
  program.addCommand(backupCommand());
  program.addCommand(restoreCommand());
  program.addCommand(keyCommand());
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`kg: ${describeError(error)}\n`);
    return 1;
  }
}

process.exitCode = await runCli(process.argv);
