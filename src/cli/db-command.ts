import { Command } from 'commander';
import { type Config, loadConfig } from '../config.ts';
import { checkConnection, createDriver } from '../db/driver.ts';
import { UserError } from '../model/errors.ts';
import * as managed from '../neo4j-server/instance.ts';

const STATUS_NOT_RUNNING = 3;

/** `kg db start|stop|status`: the managed local Neo4j (or, with NEO4J_URI, a check of that server). */
export function dbCommand(): Command {
  const db = new Command('db').description(
    'Manage the local Neo4j the project runs when NEO4J_URI is not set.',
  );

  db.command('start')
    .description(
      'Fetch (first time only), start and wait for the local Neo4j. A no-op when it runs.',
    )
    .option('--update', 'ask Maven Central for a newer patch of NEO4J_VERSION first')
    .option('--json', 'print the status as one JSON object')
    .action(async (options: { update?: boolean; json?: boolean }) => {
      const config = managedOnly(loadConfig(), 'start');
      const result = await managed.start(config.managed, {
        update: options.update,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      for (const note of result.notes) process.stderr.write(`${note}\n`);
      if (options.json) return printJson({ ...result.status, started: result.started });
      process.stdout.write(
        `${result.started ? 'Started' : 'Already running'}: ${describeStatus(result.status)}`,
      );
    });

  db.command('stop')
    .description('Stop the local Neo4j (its data stays).')
    .option('--json', 'print the result as one JSON object')
    .action(async (options: { json?: boolean }) => {
      const config = managedOnly(loadConfig(), 'stop');
      const result = await managed.stop(config.managed);
      if (options.json) return printJson({ instance: config.managed.instance, ...result });
      process.stdout.write(
        result.wasRunning
          ? `Stopped the local Neo4j "${config.managed.instance}" (pid ${result.pid}).\n`
          : `The local Neo4j "${config.managed.instance}" was not running.\n`,
      );
    });

  db.command('status')
    .description(
      `Whether the local Neo4j runs, with its pid, version, Bolt URI, data folder and log (exit code ${STATUS_NOT_RUNNING} when stopped). With NEO4J_URI set, checks that server instead.`,
    )
    .option('--json', 'print the status as one JSON object')
    .action(async (options: { json?: boolean }) => {
      const config = loadConfig();
      if (config.neo4j) return remoteStatus(config.neo4j, options.json ?? false);
      const status = await managed.status(config.managed);
      if (options.json) printJson(status);
      else process.stdout.write(describeStatus(status));
      if (!status.running) process.exitCode = STATUS_NOT_RUNNING;
    });

  return db;
}

function managedOnly(config: Config, verb: string): Config {
  if (config.neo4j) {
    throw new UserError(
      `NEO4J_URI is set (${config.neo4j.uri}), so there is no local Neo4j to ${verb}: unset NEO4J_URI to use the managed one.`,
      'NOT_MANAGED',
    );
  }
  return config;
}

async function remoteStatus(connection: NonNullable<Config['neo4j']>, json: boolean) {
  const driver = createDriver(connection);
  try {
    const info = await checkConnection(driver, connection);
    const status = { managed: false, running: true, uri: connection.uri, ...info };
    if (json) return printJson(status);
    process.stdout.write(
      `Neo4j at ${connection.uri}: answering (Neo4j ${info.version} ${info.edition}, database ${info.database}).\n`,
    );
  } finally {
    await driver.close();
  }
}

function describeStatus(status: managed.InstanceStatus): string {
  const rows: [string, string][] = [
    ['pid', status.pid === null ? '-' : String(status.pid)],
    ['version', status.version ?? '-'],
    ['bolt', status.boltUri],
    ['database', status.database],
    ['data', status.dataDir],
    ['log', status.logFile],
  ];
  return [
    `Local Neo4j "${status.instance}": ${status.running ? 'running' : 'stopped'}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(9)}${v}`),
    '',
  ].join('\n');
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
