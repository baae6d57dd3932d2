import { createServer as createHttpServer } from 'node:http';
import { loadConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { describeError } from './errors.ts';
import { createLogger } from './logger.ts';
import * as managed from './neo4j-server/instance.ts';
import { createServer } from './server.ts';

/**
 * `npm start`: config -> Neo4j (the configured one, or the managed one, started if needed) ->
 * schema -> GraphQL on PORT. SIGINT/SIGTERM close the HTTP server and the driver, and stop the
 * managed Neo4j only if this process started it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const started = Date.now();

  const neo4j = await connect(config, { log: say });
  const yoga = createServer({ db: neo4j.db, server: neo4j.server, logger });
  const http = createHttpServer(yoga);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.server.port, config.server.host, resolve);
  });

  const base = `http://localhost:${config.server.port}`;
  const local = config.neo4j ? undefined : await managed.status(config.managed);
  say(
    [
      `Industry knowledge graph is ready (${Date.now() - started} ms)`,
      `  GraphQL + GraphiQL  ${base}${yoga.graphqlEndpoint}`,
      `  Health / readiness  ${base}/health  ${base}/ready`,
      `  Neo4j               ${neo4j.connection.uri} (database ${neo4j.connection.database}, Neo4j ${neo4j.server.version} ${neo4j.server.edition})`,
      ...(local
        ? [
            `  Managed Neo4j       ${neo4j.startedManaged ? 'started by this process; stops with it' : 'was already running; left running on exit'}`,
            `  Data / log          ${local.dataDir}  ${local.logFile}`,
          ]
        : []),
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: shutting down...`);
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await neo4j.close();
    if (neo4j.startedManaged) {
      say('Stopping the managed Neo4j this process started...');
      await managed.stop(config.managed);
    }
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${describeError(error)}\n`);
  process.exit(1);
});
