import { GraphQLError } from 'graphql';
import {
  createYoga,
  maskError,
  type Plugin,
  useReadinessCheck,
  type YogaServerInstance,
} from 'graphql-yoga';
import type { ApiKey } from './auth/api-keys.ts';
import { authenticate } from './auth/authenticate.ts';
import { requestAuth } from './auth/callers.ts';
import type { JwtConfig } from './auth/jwt.ts';
import type { Database } from './db/database.ts';
import type { ServerInfo } from './db/driver.ts';
import type { GraphQLContext } from './graphql/context.ts';
import { internalRequest } from './http/internal-requests.ts';
import { warmUp, type WarmUpOperation, type WarmUpReport } from './graphql/warm-up.ts';
import { type DocumentCaches, documentCaches } from './graphql/document-cache.ts';
import { useShortErrors } from './graphql/error-excerpts.ts';
import { GRAPHIQL_TABS } from './graphql/examples.ts';
import { useBadUserInputCodes } from './graphql/input-errors.ts';
import { failFastWhileDown, requestErrorHttp } from './graphql/outage.ts';
import { resultSizePlugin } from './graphql/result-size.ts';
import { armorPlugin } from './graphql/limits.ts';
import { createLoaders } from './graphql/loaders.ts';
import {
  type CacheOptions,
  graphResponseCache,
  graphVersionClock,
  type GraphVersionClock,
} from './graphql/response-cache.ts';
import { type ChangeFeed, changeFeed } from './graphql/graph-changes.ts';
import { buildSchema } from './graphql/schema.ts';
import { bodyLimits } from './http/body-limit.ts';
import { corsPolicy } from './http/cors.ts';
import { explorerPages } from './http/explore-static.ts';
import { graphiqlOff, offlineGraphiQL } from './http/graphiql-page.ts';
import { hiddenSchema } from './graphql/introspection.ts';
import { rateLimitPlugin } from './graphql/rate-limit.ts';
import { type TrustedDocuments, trustedDocumentsPlugins } from './graphql/trusted-documents.ts';
import type { TrustedDocumentsMode } from './config.ts';
import { offThreadValidator, type Validator } from './ingest/validate-off-thread.ts';
import type { Logger } from './logger.ts';
import { isForClients } from './model/errors.ts';
import { metricsEndpoint, type MetricsAccess } from './http/metrics-endpoint.ts';
import type { Metrics } from './telemetry/metrics.ts';
import { currentRequest } from './telemetry/request-context.ts';
import { operationFromParams, requestTelemetry } from './telemetry/request-telemetry.ts';
import { apiVersion } from './version.ts';

export { LIMITS } from './graphql/limits.ts';

/** The largest request body without the write key, by default (KG_BODY_LIMIT_MB). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** How often the change feed reads the graph version by default (KG_CHANGES_POLL_MS). */
export const DEFAULT_CHANGES_POLL_MS = 1000;

export interface ServerDeps {
  db: Database;
  server: ServerInfo;
  logger: Logger;
  /** The keys requests may present as `Authorization: Bearer <key>`; no editor or admin: no writing. */
  apiKeys?: readonly ApiKey[] | undefined;
  /** How tokens (JWTs) are verified (KG_JWT_SECRET or KG_JWKS_URL); none: only keys are accepted. */
  jwt?: JwtConfig | undefined;
  /** Whether reads are open to all (the default) or need a key or token of any role. */
  reads?: 'public' | 'key' | undefined;
  /** The response cache (src/graphql/response-cache.ts); none: off. */
  cache?: CacheOptions | undefined;
  /** Compile root fields into one statement each (the default); false: resolve field by field. */
  compile?: boolean;
  /** Origins whose pages may call the API from a browser (KG_CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[] | undefined;
  /** The largest request body without the write key, in bytes (KG_BODY_LIMIT_MB). */
  bodyLimitBytes?: number | undefined;
  /** Parsed documents kept between requests; a test hands in its own to watch their size. */
  documents?: DocumentCaches | undefined;
  /** Validates imported articles, large ones in a worker thread; closed with the server. */
  validator?: Validator | undefined;
  /** Whether `__schema`/`__type` answer and errors suggest fields (KG_INTROSPECTION); on by default. */
  introspection?: boolean | undefined;
  /** Whether browsers get GraphiQL at the endpoint (KG_GRAPHIQL); on by default. */
  graphiql?: boolean | undefined;
  /** Persisted documents (KG_TRUSTED_DOCUMENTS): `allow` by default, with schema/trusted-documents.json. */
  trustedDocuments?: { mode: TrustedDocumentsMode; documents?: TrustedDocuments } | undefined;
  /** Writes and expensive calls per client and minute (KG_RATE_LIMIT); 0 or none: no limit. */
  rateLimit?: { perMinute: number; now?: () => number } | undefined;
  /** What requests, statements and the cache add to; none: no metrics, and no /metrics. */
  metrics?: Metrics | undefined;
  /** Who may read /metrics (KG_METRICS): admin keys by default. */
  metricsAccess?: MetricsAccess | undefined;
  /** The folder of the explorer's build, served at /explore (dist/explore by default). */
  explorerDist?: string | undefined;
  /**
   * The feed of graph changes for subscriptions (src/graphql/graph-changes.ts); by default one
   * that reads every second (KG_CHANGES_POLL_MS). Closed with the server: its streams end.
   */
  changes?: ChangeFeed | undefined;
}

export type Server = YogaServerInstance<Record<string, unknown>, GraphQLContext> & {
  /**
   * Runs the operations our clients send once each, so that Neo4j has planned them before a user
   * asks (src/graphql/warm-up.ts); main.ts does it in the background at start.
   */
  warmUp(operations: readonly WarmUpOperation[]): Promise<WarmUpReport>;
};

/**
 * The GraphQL server without a port: main.ts listens with it, tests call `yoga.fetch`.
 * It holds no state of its own, so any number of instances can stand behind a load balancer.
 */
export function createServer({
  db,
  server,
  logger,
  apiKeys = [],
  jwt,
  reads = 'public',
  cache,
  compile = true,
  corsOrigins = [],
  bodyLimitBytes = DEFAULT_BODY_LIMIT,
  documents = documentCaches(),
  validator = offThreadValidator(),
  introspection = true,
  graphiql = true,
  trustedDocuments = { mode: 'allow' },
  rateLimit = { perMinute: 0 },
  metrics,
  metricsAccess = 'key',
  explorerDist,
  changes = changeFeed({ db, pollMs: DEFAULT_CHANGES_POLL_MS, logger }),
}: ServerDeps): Server {
  const schema = buildSchema();
  const clock = graphVersionClock(db, cache?.checkMs ?? 0);
  // After a write of its own, the server tells its subscribers without waiting for the next poll.
  const graphVersion: GraphVersionClock = {
    current: () => clock.current(),
    written: () => {
      clock.written();
      changes.poke();
    },
  };
  const auth = requestAuth(apiKeys, jwt);
  const bodies = bodyLimits(bodyLimitBytes, auth);
  const cors = corsPolicy(corsOrigins);
  const yoga = createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    maxRequestBodySize: bodies.maxRequestBodySize,
    cors: cors.cors,
    // The draft GraphQL over HTTP spec's way to send a trusted document's id.
    extraParamNames: trustedDocuments.mode === 'off' ? [] : ['documentId'],
    parserAndValidationCache: {
      documentCache: documents.documentCache,
      errorCache: documents.errorCache,
    },
    context: async ({ request }): Promise<GraphQLContext> => {
      const caller = await auth.callerOf(request);
      // The request's reads share one read transaction, ended when its execution is done.
      const reads = db.readScope();
      return {
        db,
        server,
        apiVersion,
        loaders: createLoaders({ ...db, read: reads.read }),
        read: reads.read,
        compile,
        endReads: reads.close,
        caller,
        writable: auth.writable,
        graphVersion,
        changes,
        validator,
      };
    },
    logging: logger,
    // The one place errors meet clients: a UserError whose code the catalogue shows to clients
    // (src/model/errors.ts) becomes a coded GraphQL error; GraphQL's own errors pass; anything
    // else is logged and masked as "Unexpected error.", never shown with a stack trace (not even
    // with NODE_ENV=development).
    maskedErrors: {
      maskError: (error, message) => clientError(error) ?? unexpected(error, message, logger),
    },
    // Served by offlineGraphiQL below, compressed and with an ETag.
    graphiql: false,
    landingPage: false,
    // /health answers while the process is up; /ready only while Neo4j answers too.
    healthCheckEndpoint: '/health',
    plugins: [
      // First, so that its id and timing cover everything the others do.
      requestTelemetry({ logger, metrics }),
      ...(metrics ? [metricsEndpoint(metricsAccess, metrics.registry, auth)] : []),
      { onDispose: () => validator.close() },
      { onDispose: () => changes.close() },
      cors.plugin,
      // A page like GraphiQL's: it loads without a key; its requests are GraphQL requests.
      explorerPages({ dist: explorerDist, graphiql }),
      graphiql
        ? offlineGraphiQL(
            {
              title: 'Industry knowledge graph',
              defaultTabs: GRAPHIQL_TABS.map((e) => ({
                query: e.query,
                variables: e.variables ? JSON.stringify(e.variables, null, 2) : null,
              })),
            },
            '/graphql',
          )
        : graphiqlOff('/graphql'),
      // A bad token, or no key while reads need one, is refused before the body is read.
      authenticate(auth, reads),
      bodies.plugin,
      ...trustedDocumentsPlugins(trustedDocuments.mode, trustedDocuments.documents),
      ...(introspection ? [] : hiddenSchema()),
      // Limits on what one request may ask, checked before anything runs.
      armorPlugin({ suggestions: introspection }),
      resultSizePlugin(),
      useBadUserInputCodes(),
      useShortErrors(),
      endReadsPlugin,
      // An answer from the response cache is served before execution: it costs Neo4j nothing,
      // and counts nothing.
      ...rateLimitPlugin(rateLimit),
      failFastWhileDown(db),
      operationFromParams,
      ...graphResponseCache(
        graphVersion,
        cache ?? { maxBytes: 0, checkMs: 0 },
        db,
        metrics?.cacheLookup,
      ),
      useReadinessCheck({
        endpoint: '/ready',
        // A bare false, within 1.5 s: the reason is for our logs (see connect.ts), not the caller.
        check: () => db.ready(),
      }),
    ],
  });
  return Object.assign(yoga, {
    warmUp: (operations: readonly WarmUpOperation[]) =>
      warmUp(schema, db, operations, async ({ name, document, variables }) => {
        // Sent as a client sends it, through every plugin (the response cache adds __typename
        // to each selection, which changes the statements), but from inside the process.
        const response = await yoga.fetch(
          internalRequest('http://localhost/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ query: document, operationName: name, variables }),
          }),
        );
        await response.arrayBuffer();
      }),
  });
}

/** Ends each request's shared read transaction once its execution is done, however it ended. */
const endReadsPlugin: Plugin<GraphQLContext> = {
  onExecute: ({ args }) => ({
    onExecuteDone: () => (args.contextValue as GraphQLContext).endReads(),
  }),
};

/**
 * An error no client may see: logged at error level with the request's id and the error itself,
 * and answered as INTERNAL_SERVER_ERROR with that id in `extensions.requestId`, which a user
 * reports and an operator finds in the logs. GraphQL's own errors pass as they are.
 */
function unexpected(error: unknown, message: string, logger: Logger): Error {
  const masked = maskError(error, message, false);
  if (masked === error || !(masked instanceof GraphQLError)) return masked;
  const requestId = currentRequest()?.id;
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  logger.error(
    { requestId, err: original, path: masked.path?.join('.') },
    'Unexpected error, answered as INTERNAL_SERVER_ERROR',
  );
  if (!requestId) return masked;
  return new GraphQLError(masked.message, {
    nodes: masked.nodes,
    source: masked.source,
    positions: masked.positions,
    path: masked.path,
    extensions: { ...masked.extensions, requestId },
  });
}

/** A GraphQL error for a UserError clients may see, where the resolver threw it; else undefined. */
function clientError(error: unknown): GraphQLError | undefined {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (!isForClients(original)) return undefined;
  const at = error instanceof GraphQLError ? error : undefined;
  // Without a path, the error ended the request before execution (no `data`): its HTTP status.
  const http = at?.path ? undefined : requestErrorHttp(original.code);
  return new GraphQLError(original.message, {
    ...(at ? { nodes: at.nodes, source: at.source, positions: at.positions, path: at.path } : {}),
    extensions: { ...original.details, code: original.code, ...(http ? { http } : {}) },
  });
}
