import { Kind, parse } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StatementDone } from '../db/database.ts';
import { currentRequest } from './request-context.ts';

/**
 * The server's Prometheus metrics (prom-client), served at /metrics (src/http/metrics-endpoint.ts).
 * Every label takes its values from a closed set, so that no client can make the series grow:
 * operation names are those of our trusted documents (schema/trusted-documents.json), any other
 * name is `other` and a nameless operation `anonymous`; error codes are our catalogue's and
 * GraphQL's (anything else is `other`); statement names are the `/* name *\/` comments our code
 * writes before its Cypher.
 */
export interface Metrics {
  readonly registry: Registry;
  /** The label of a request's operation: its name if it is one of ours, else other/anonymous. */
  operationLabel(name: string | null | undefined): string;
  /** One GraphQL request answered: how it ended, and the codes of its errors. */
  request(done: RequestDone): void;
  /** One Cypher statement done (src/db/database.ts). */
  statement(done: StatementDone): void;
  /** A session opened (+1) or closed (-1): the pool's connections lent out. */
  session(change: 1 | -1): void;
  /**
   * The response cache was asked for the current request's result (src/graphql/response-cache.ts).
   * A request may ask more than once (Yoga's plugin before parsing, envelop's before executing):
   * it counts once, when it ends, as a hit if any lookup hit.
   */
  cacheLookup(hit: boolean): void;
}

export interface RequestDone {
  operation: string;
  type: string;
  /** ok: no errors; partial: data and errors; error: errors and no data (refused, failed). */
  outcome: 'ok' | 'partial' | 'error';
  seconds: number;
  /** The `extensions.code` of each error, in order (undefined: it had none). */
  codes: readonly (string | undefined)[];
  /** What the response cache said, if it was asked. */
  cache?: 'hit' | 'miss' | undefined;
}

/** Histogram buckets in seconds, from a cache hit to a request at its time limit. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATEMENT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/** A code as our catalogue and GraphQL write them; anything else is not a label value. */
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

export interface MetricsOptions {
  /** Names of the operations counted by name: the trusted documents' (see operationNames). */
  operations: Iterable<string>;
  /** Node's process metrics (CPU, memory, event loop, GC): once per process, not per test server. */
  processMetrics?: boolean;
}

export function createMetrics({ operations, processMetrics = false }: MetricsOptions): Metrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const known = new Set(operations);

  const requests = new Counter({
    name: 'kg_graphql_requests_total',
    help: 'GraphQL requests by operation (our trusted documents by name; other, anonymous, unknown), type and outcome (ok, partial, error).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers,
  });
  const requestSeconds = new Histogram({
    name: 'kg_graphql_request_duration_seconds',
    help: 'Time from a GraphQL request arriving to its answer, by operation and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: 'kg_graphql_errors_total',
    help: 'Errors in GraphQL answers by operation and extensions.code (none: an error without a code).',
    labelNames: ['operation', 'code'] as const,
    registers,
  });
  const statementSeconds = new Histogram({
    name: 'kg_neo4j_statement_duration_seconds',
    help: 'Time of each Cypher statement, by routing (READ, WRITE) and name (its leading /* name */ comment; unnamed without one).',
    labelNames: ['routing', 'statement'] as const,
    buckets: STATEMENT_BUCKETS,
    registers,
  });
  const statementFailures = new Counter({
    name: 'kg_neo4j_statement_failures_total',
    help: 'Cypher statements that failed (timeouts, Neo4j away, refused), by routing and name.',
    labelNames: ['routing', 'statement'] as const,
    registers,
  });
  const sessions = new Gauge({
    name: 'kg_neo4j_sessions_in_use',
    help: 'Neo4j sessions open now, each holding one of the driver pool connections while it runs (the driver does not publish its pool).',
    registers,
  });
  const cache = new Counter({
    name: 'kg_response_cache_lookups_total',
    help: 'Queries looked up in the response cache, by result (hit, miss).',
    labelNames: ['result'] as const,
    registers,
  });
  // Zero from the start, so that rates and ratios exist before the first hit.
  cache.inc({ result: 'hit' }, 0);
  cache.inc({ result: 'miss' }, 0);

  return {
    registry,
    operationLabel: (name) => (!name ? 'anonymous' : known.has(name) ? name : 'other'),
    request({ operation, type, outcome, seconds, codes, cache: looked }) {
      requests.inc({ operation, type, outcome });
      // Mutations pass through the cache's lookup too (and always miss): not counted.
      if (looked && type !== 'mutation') cache.inc({ result: looked });
      requestSeconds.observe({ operation, type }, seconds);
      for (const code of codes) {
        errors.inc({
          operation,
          code: code === undefined ? 'none' : CODE.test(code) ? code : 'other',
        });
      }
    },
    statement({ name, routing, ms, rows }) {
      statementSeconds.observe({ routing, statement: name }, ms / 1000);
      if (rows === undefined) statementFailures.inc({ routing, statement: name });
    },
    session: (change) => sessions.inc(change),
    cacheLookup(hit) {
      const request = currentRequest();
      if (request) request.cache = hit || request.cache === 'hit' ? 'hit' : 'miss';
    },
  };
}

/** The names of the operations in some documents (the trusted documents' texts). */
export function operationNames(documents: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const text of documents) {
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
        names.add(definition.name.value);
      }
    }
  }
  return names;
}
