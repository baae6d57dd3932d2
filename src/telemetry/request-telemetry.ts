import { isInternal } from '../http/internal-requests.ts';
import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.ts';
import type { Metrics } from './metrics.ts';
import {
  currentRequest,
  REQUEST_ID_HEADER,
  type RequestContext,
  requestIdFrom,
  runInRequest,
} from './request-context.ts';

/** The longest operation name a log line repeats: the name is the client's to choose. */
const LOGGED_NAME_LENGTH = 100;

/**
 * Every request gets an id (src/telemetry/request-context.ts), carried through its handling, so
 * that every log line of it says which request it belongs to; the id goes back in the
 * X-Request-Id header of every answer (GraphQL, /health, /ready, /metrics, refusals). Each GraphQL
 * answer is logged once at info level (id, operation, status, time) and counted in `metrics`.
 */
export function requestTelemetry({
  logger,
  metrics,
}: {
  logger: Logger;
  metrics?: Metrics | undefined;
}): Plugin {
  return {
    instrumentation: {
      // Wraps the whole handling of the request, its onRequest and onResponse hooks included.
      request: ({ request }, handle) =>
        runInRequest(
          {
            id: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)),
            startedAt: performance.now(),
          },
          handle,
        ),
    },
    onParse: ({ context }) => {
      const operationName = (context as { params?: { operationName?: unknown } }).params
        ?.operationName;
      return ({ result }) => {
        const request = currentRequest();
        if (!request || result instanceof Error) return;
        const operation = getOperationAST(
          result,
          typeof operationName === 'string' ? operationName : undefined,
        );
        if (!operation) return;
        request.operation = { name: operation.name?.value, type: operation.operation };
      };
    },
    onResultProcess({ result }) {
      const request = currentRequest();
      if (!request) return;
      const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
      const errors = results.flatMap((r) => r.errors ?? []);
      const hasData = results.some((r) => r.data != null);
      request.answer = {
        outcome: errors.length === 0 ? 'ok' : hasData ? 'partial' : 'error',
        codes: errors.map((e) => {
          const code = e.extensions?.code;
          return typeof code === 'string' ? code : undefined;
        }),
      };
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      const current = currentRequest();
      if (!current) return;
      try {
        response.headers.set(REQUEST_ID_HEADER, current.id);
      } catch {
        // A response with immutable headers (a Response.error(), a redirect): a copy carries it.
        const copy = new fetchAPI.Response(response.body, response);
        copy.headers.set(REQUEST_ID_HEADER, current.id);
        setResponse(copy);
      }
      if (!isInternal(request)) finished(current, request, response.status, logger, metrics);
    },
  };
}

/**
 * The operation as its params name it, for answers that skip parsing (the response cache's): the
 * `operationName` sent, or else the first operation the document starts with. Parsing, when it
 * happens, puts the exact one in its place. After the trusted documents' plugin, which puts a
 * listed document's text in place of its id.
 */
export const operationFromParams: Plugin = {
  onParams({ params }) {
    const request = currentRequest();
    if (!request || typeof params.query !== 'string') return;
    const start = FIRST_OPERATION.exec(params.query);
    if (!start) return;
    const named = typeof params.operationName === 'string' ? params.operationName : undefined;
    request.operation = start[3]
      ? { name: named, type: 'query' }
      : { name: named ?? start[2], type: start[1]! };
  },
};

/**
 * What a document starts with, past whitespace, commas and comments: `{` or an operation keyword.
 * A comment runs to its line's end (no other way to split `# a # b`): no backtracking blows up.
 */
const FIRST_OPERATION =
  /^(?:[\s,\uFEFF]|#[^\n\r]*(?![^\n\r]))*(?:(query|mutation|subscription)(?![_0-9A-Za-z])\s*([_A-Za-z][_0-9A-Za-z]*)?|(\{))/;

/** The request's log line, and for a GraphQL answer its metrics. */
function finished(
  current: RequestContext,
  request: Request,
  status: number,
  logger: Logger,
  metrics: Metrics | undefined,
): void {
  const ms = performance.now() - current.startedAt;
  const { operation, answer } = current;
  if (!answer) {
    // Health checks, scrapes, GraphiQL's page: not worth a line each at info level.
    if (logger.isLevelEnabled('debug')) {
      logger.debug(
        {
          requestId: current.id,
          method: request.method,
          path: new URL(request.url).pathname,
          status,
          ms: Math.round(ms),
        },
        'request',
      );
    }
    return;
  }
  metrics?.request({
    operation: operation ? metrics.operationLabel(operation.name) : 'unknown',
    type: operation?.type ?? 'unknown',
    outcome: answer.outcome,
    seconds: ms / 1000,
    codes: answer.codes,
    cache: current.cache,
  });
  if (logger.isLevelEnabled('info')) {
    const codes = answer.codes.filter((c) => c !== undefined);
    logger.info(
      {
        requestId: current.id,
        operation: operation?.name?.slice(0, LOGGED_NAME_LENGTH),
        type: operation?.type,
        status,
        outcome: answer.outcome,
        ...(codes.length ? { codes: [...new Set(codes)] } : {}),
        ...(current.cache ? { cache: current.cache } : {}),
        ms: Math.round(ms),
      },
      'request',
    );
  }
}
