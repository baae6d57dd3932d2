import { createServer as createHttpServer, type Server } from 'node:http';
import { type Config, loadConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { createDatabase, type Database } from './db/database.ts';
import { describeError, UserError } from './model/errors.ts';
import { collectArticleFiles } from './ingest/files.ts';
import { importFiles, summarize } from './ingest/importer.ts';
import { createLogger } from './logger.ts';
import * as managed from './neo4j-server/instance.ts';
import { ensureExplorer } from './http/explore-build.ts';
import { createServer } from './server.ts';
import { changeFeed } from './graphql/graph-changes.ts';
import { loadTrustedDocuments } from './graphql/trusted-documents.ts';
import { createMetrics, operationNames } from './telemetry/metrics.ts';
import { EXAMPLES } from './graphql/examples.ts';
import { warmUpOperations } from './graphql/warm-up.ts';

/** What KG_TRUSTED_DOCUMENTS lets clients send, as the banner says it. */
const DOCUMENTS = {
  off: 'any document (KG_TRUSTED_DOCUMENTS=off)',
  allow: 'any document, or a listed one by id (KG_TRUSTED_DOCUMENTS=allow)',
  only: 'listed ones only, by id or in full (KG_TRUSTED_DOCUMENTS=only)',
} as const;

/**
 * `npm start`: config -> Neo4j (the configured one, or the managed one, started if needed) ->
 * schema -> seed/ if the graph is empty -> GraphQL on KG_HOST:PORT. SIGINT/SIGTERM stop accepting
 * connections, give the requests in flight up to KG_SHUTDOWN_MS, close the driver, and stop the
 * managed Neo4j only if this process started it.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const started = Date.now();
  // Read once: the server runs them, and metrics count our clients' operations by their names.
  const trustedDocuments =
    config.exposure.trustedDocuments === 'off' ? undefined : loadTrustedDocuments();
  const metrics =
    config.metrics === 'off'
      ? undefined
      : createMetrics({
          operations: operationNames((trustedDocuments ?? loadTrustedDocuments()).values()),
          processMetrics: true,
        });

  // Set once the server runs: a Neo4j that comes back may have restarted with no plans cached.
  let warmAgain: (() => void) | undefined;
  const neo4j = await connect(config, {
    log: say,
    logger,
    onStatement: metrics?.statement,
    onSession: metrics?.session,
    timeoutMs: config.server.queryTimeoutMs,
    planTimeoutMs: config.server.planTimeoutMs,
    onConnectivity: (change) =>
      change.up
        ? (logger.info({ downMs: change.downMs }, 'Neo4j answers again'), warmAgain?.())
        : logger.warn(
            { reason: change.reason },
            'Neo4j does not answer: requests that need it answer SERVICE_UNAVAILABLE until it does',
          ),
  });
  let stopping = false;
  const changes = changeFeed({ db: neo4j.db, pollMs: config.changesPollMs, logger });
  let yoga: ReturnType<typeof createServer>;
  let http: ReturnType<typeof createHttpServer>;
  try {
    if (config.importSeedWhenEmpty) {
      // A start-up step, not a request: it takes as long as it takes (a cold Neo4j is slow).
      const setup = createDatabase(neo4j.driver, neo4j.connection.database);
      await importSeedIfEmpty(setup, config.seedDir, say).finally(() => setup.close());
    }
    // `npm ci && npm start` is all a newcomer runs: the explorer is built when it is missing.
    await ensureExplorer(say);
    yoga = createServer({
      db: neo4j.db,
      server: neo4j.server,
      logger,
      apiKeys: config.apiKeys,
      jwt: config.jwt,
      reads: config.reads,
      cache: config.cache,
      corsOrigins: config.server.corsOrigins,
      bodyLimitBytes: config.server.bodyLimitBytes,
      introspection: config.exposure.introspection,
      graphiql: config.exposure.graphiql,
      trustedDocuments: { mode: config.exposure.trustedDocuments, documents: trustedDocuments },
      rateLimit: { perMinute: config.rateLimitPerMinute },
      metrics,
      metricsAccess: config.metrics,
      changes,
    });
    const handle = yoga;
    http = createHttpServer((request, response) => {
      // While shutting down, a kept-alive connection takes no further request once this one ends.
      if (stopping) response.setHeader('connection', 'close');
      return handle(request, response);
    });
    await listen(http, config.server.port, config.server.host);
  } catch (error) {
    // Nothing is left behind: the driver closes, and a Neo4j this process started stops.
    await neo4j.close();
    if (neo4j.startedManaged) await managed.stop(config.managed);
    throw error;
  }

  // Handlers first, then the banner: whoever waits for the banner may stop the server at once,
  // and a SIGTERM before its handler is registered kills the process without shutting down.
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { shutdownMs } = config.server;
    say(`\n${signal}: shutting down (requests in flight get up to ${shutdownMs} ms)...`);
    // Subscriptions end their streams now: they would otherwise hold their connections open.
    changes.close();
    // No new connections; idle ones close now, busy ones once their request is answered.
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    const idle = setInterval(() => http.closeIdleConnections(), 100);
    http.closeIdleConnections();
    const deadline = setTimeout(() => {
      say(`Requests still in flight after ${shutdownMs} ms: closing their connections.`);
      http.closeAllConnections();
    }, shutdownMs);
    await closed;
    clearInterval(idle);
    clearTimeout(deadline);
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

  const base = `http://${browsable(config.server.host)}:${config.server.port}`;
  const local = config.neo4j ? undefined : await managed.status(config.managed);
  say(
    [
      `Industry knowledge graph is ready (${Date.now() - started} ms)`,
      `  ${(config.exposure.graphiql ? 'GraphQL + GraphiQL' : 'GraphQL').padEnd(18)}  ${base}${yoga.graphqlEndpoint}${config.exposure.introspection ? '' : ' (introspection off)'}`,
      `  Explorer            ${base}/explore`,
      `  Documents           ${DOCUMENTS[config.exposure.trustedDocuments]}`,
      `  Rate limit          ${config.rateLimitPerMinute ? `${config.rateLimitPerMinute} writes and expensive calls per client and minute` : 'none (KG_RATE_LIMIT)'}`,
      `  Health / readiness  ${base}/health  ${base}/ready`,
      `  Metrics             ${config.metrics === 'off' ? 'off (KG_METRICS)' : `${base}/metrics${config.metrics === 'key' ? ' (admin key)' : ' (public)'}`}`,
      `  Listening on        ${config.server.host}:${config.server.port}${loopback(config.server.host) ? ' (this machine only; KG_HOST=0.0.0.0 serves the network)' : ''}`,
      `  Keys                ${describeKeys(config)}`,
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

  if (config.warmUp) {
    // In the background: the server answers meanwhile, a request planning its own statement.
    const operations = warmUpOperations(
      (trustedDocuments ?? loadTrustedDocuments()).values(),
      EXAMPLES,
    );
    warmAgain = () =>
      void yoga.warmUp(operations).then(
        ({ ran, skipped, ms }) =>
          logger.info(
            { operations: ran, skipped, ms },
            'Warmed up: Neo4j has planned the statements of the listed operations',
          ),
        (error: unknown) =>
          logger.warn({ reason: describeError(error) }, 'Warm-up stopped; requests plan their own'),
      );
    warmAgain();
  }
}

/** One line on who may do what: how many keys of each role, tokens, whether reads need one. */
function describeKeys(config: Config): string {
  const count = (role: string) => config.apiKeys.filter((k) => k.role === role).length;
  const tokens = !config.jwt
    ? ''
    : `, tokens signed ${'secret' in config.jwt.keys ? 'with KG_JWT_SECRET' : 'by KG_JWKS_URL'}`;
  const keys = `${count('admin')} admin, ${count('editor')} editor, ${count('reader')} reader${tokens}`;
  const writing =
    config.apiKeys.some((k) => k.role !== 'reader') || config.jwt
      ? 'mutations need Authorization: Bearer <key or token>'
      : 'writing disabled over GraphQL (KG_API_KEYS, KG_WRITE_KEY or JWT enable it); kg import works';
  return `${keys}; reads ${config.reads === 'key' ? 'need a key' : 'are public'}; ${writing}`;
}

const loopback = (host: string) => ['127.0.0.1', '::1', 'localhost'].includes(host);

/** The host to put in the addresses a user opens: localhost for this machine or every address. */
const browsable = (host: string) =>
  loopback(host) || ['0.0.0.0', '::'].includes(host)
    ? 'localhost'
    : host.includes(':')
      ? `[${host}]`
      : host;

/** Listens, or explains what to do when the port is taken. */
function listen(http: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UserError(
              `Port ${port} is already in use by another process: stop it, or set PORT to a free port.`,
              'PORT_IN_USE',
            )
          : error,
      );
    });
    http.listen(port, host, resolve);
  });
}

/** A new graph starts with the seed articles, so the first questions a user asks have answers. */
async function importSeedIfEmpty(db: Database, seedDir: string, say: (line: string) => void) {
  const [row] = await db.read('MATCH (a:Article) RETURN count(a) > 0 AS hasArticles');
  if (row?.hasArticles) return;
  const { files } = await collectArticleFiles([seedDir]);
  const outcomes = await importFiles(db, files);
  const summary = summarize(outcomes);
  say(`The graph was empty: imported ${summary.created} seed articles from ${seedDir}.`);
  for (const o of outcomes) {
    if (o.status === 'failed')
      say(`  failed ${o.file}: ${o.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${describeError(error)}\n`);
  process.exit(1);
});
