import neo4j, {
  type Driver,
  type ManagedTransaction,
  type Session,
  type Transaction,
} from 'neo4j-driver';
import {
  type Connectivity,
  type ConnectivityOptions,
  createConnectivity,
  TIMEOUT_MARGIN_MS,
} from './connectivity.ts';
import type { Logger } from '../logger.ts';
import { currentRequest } from '../telemetry/request-context.ts';
import { toPlain } from './values.ts';
import { createPlanCache } from './plan-cache.ts';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** A transaction handed to repository code: it runs parameterised Cypher and returns plain rows. */
export interface Tx {
  run(cypher: string, params?: Params): Promise<Row[]>;
}

/**
 * The project's only door to Neo4j. Reads go with READ routing (a cluster's readers serve them),
 * writes with WRITE routing; sessions always close; rows come back as plain values.
 */
export interface Database {
  readonly name: string;
  read(cypher: string, params?: Params): Promise<Row[]>;
  write(cypher: string, params?: Params): Promise<Row[]>;
  /** Runs `work` in one write transaction, retried on transient errors, committed at the end. */
  writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Streams a read's rows one at a time, so a large result never sits in memory whole. */
  stream(cypher: string, params: Params, onRow: (row: Row) => void | Promise<void>): Promise<void>;
  /**
   * Whether Neo4j answers a `RETURN 1` now, within 1.5 s: for readiness checks. While Neo4j is
   * known to be away, false at once (see src/db/connectivity.ts).
   */
  ready(): Promise<boolean>;
  /** False while Neo4j is known not to answer: every statement then fails at once. */
  readonly available: boolean;
  /** Stops the background probe that waits for Neo4j to come back (the driver is closing). */
  close(): void;
  /** Runs `work` in one read transaction. */
  readTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * The reads of one GraphQL request: the first runs alone, in one round-trip; those after it
   * share one read transaction, ended by `close`, where each would otherwise be a transaction of
   * its own (begin, run, commit).
   */
  readScope(): ReadScope;
}

export interface ReadScope {
  read(cypher: string, params?: Params): Promise<Row[]>;
  /** Ends the transaction (if a read opened one) and its session. Never rejects. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Called once for every statement sent: lets tests and metrics count round-trips. */
  onQuery?: (cypher: string) => void;
  /**
   * Every transaction's timeout in ms (KG_QUERY_TIMEOUT_MS for the server): Neo4j stops a
   * transaction that runs longer, and a caller stops waiting shortly after, even for a server that
   * does not answer at all. None: no limit (the CLI, whose imports may take long).
   */
  timeoutMs?: number;
  /**
   * How long Neo4j may take to plan a read this process has not sent before (KG_PLAN_TIMEOUT_MS).
   * With `timeoutMs` set, such a statement is first planned on its own (`EXPLAIN`, which fills the
   * same plan cache) under this limit, then run under `timeoutMs`: a cold Neo4j takes seconds to
   * plan a large statement, and that must not make a user's first request time out. The time limit
   * keeps bounding what a statement does, never how long it waits for its plan.
   */
  planTimeoutMs?: number;
  /** Hears when Neo4j stops answering and when it answers again, to log it. */
  onConnectivity?: ConnectivityOptions['onChange'];
  /** Hears every statement once it is done (for metrics): its name, routing, time and rows. */
  onStatement?: (done: StatementDone) => void;
  /** Hears a session open (+1) and close (-1): the connections the driver's pool has lent out. */
  onSession?: (change: 1 | -1) => void;
  /** Every statement is logged at debug level, with the id of the request it ran for. */
  logger?: Logger;
}

export interface StatementDone {
  /** The name in the statement's leading comment (`/* resolveIds *\/ MATCH ...`), else unnamed. */
  name: string;
  routing: 'READ' | 'WRITE';
  ms: number;
  /** Rows returned; undefined when the statement failed. */
  rows: number | undefined;
}

/** A statement's name: the comment it starts with, as our code writes it. */
const STATEMENT_NAME = /^\s*\/\*\s*([A-Za-z][A-Za-z0-9_.-]{0,63})\s*\*\//;

export function statementName(cypher: string): string {
  return STATEMENT_NAME.exec(cypher)?.[1] ?? 'unnamed';
}

export function createDatabase(
  driver: Driver,
  name: string,
  options: DatabaseOptions = {},
): Database {
  const onQuery = options.onQuery ?? (() => {});
  const { timeoutMs, onStatement, logger } = options;
  const onSession = options.onSession ?? (() => {});
  const txConfig = timeoutMs === undefined ? {} : { timeout: timeoutMs };
  const plans = createPlanCache();
  // One bookmark manager for every transaction of this process (executeQuery's own): on a cluster,
  // a read that follows a write of ours waits for a reader that has it, so an import's answer and
  // the graph version read after it never come from a reader that is behind. One server has
  // nothing to wait for.
  const bookmarkManager = driver.executeQueryBookmarkManager;
  const rows = (records: { toObject(): object }[]) =>
    records.map((r) => toPlain(r.toObject()) as Row);

  const connectivity: Connectivity = createConnectivity({
    ping: async () => {
      // Not retried: a check wants to know whether Neo4j answers now.
      const session = driver.session({
        database: name,
        defaultAccessMode: neo4j.session.READ,
        disableAutoCommitRetries: true,
      });
      try {
        await session.run('/* ping */ RETURN 1', {}, { timeout: PING_TIMEOUT_MS });
      } finally {
        await session.close();
      }
    },
    onChange: (change) => {
      // A Neo4j that went away may come back restarted, its plan cache empty.
      if (change.up) plans.clear();
      options.onConnectivity?.(change);
    },
  });
  /** Every statement goes through here: fails fast while Neo4j is away, never waits unbounded. */
  const guarded = <T>(op: (abandoned: () => boolean) => Promise<T>) =>
    connectivity.guard(op, timeoutMs);

  /** Times one statement and tells the logger and `onStatement`, whether it answered or failed. */
  const observed = async <T>(
    cypher: string,
    routing: 'READ' | 'WRITE',
    statement: () => Promise<T>,
    count: (result: T) => number,
  ): Promise<T> => {
    if (!onStatement && !logger?.isLevelEnabled('debug')) return statement();
    const started = performance.now();
    let rowCount: number | undefined;
    try {
      const result = await statement();
      rowCount = count(result);
      return result;
    } finally {
      const done: StatementDone = {
        name: statementName(cypher),
        routing,
        ms: performance.now() - started,
        rows: rowCount,
      };
      onStatement?.(done);
      if (logger?.isLevelEnabled('debug')) {
        logger.debug(
          {
            requestId: currentRequest()?.id,
            statement: done.name,
            routing,
            ms: Math.round(done.ms * 100) / 100,
            rows: rowCount,
          },
          rowCount === undefined ? 'statement failed' : 'statement',
        );
      }
    }
  };
  const rowsOf = (result: Row[]) => result.length;

  /**
   * Plans a read this process has not sent before, with its parameters (their types are part of
   * Neo4j's plan cache key), under `planTimeoutMs`, so that the statement itself then runs from a
   * cached plan within `timeoutMs`. Without a time limit there is nothing to protect. A failed
   * plan is not remembered; the statement then runs and reports its own error.
   */
  const planned = async (cypher: string, params: Params) => {
    if (timeoutMs === undefined || options.planTimeoutMs === undefined) return;
    const key = plans.key(cypher, params);
    if (plans.has(key)) return;
    const started = performance.now();
    try {
      await connectivity.guard(
        () =>
          driver.executeQuery(`EXPLAIN ${cypher}`, params, {
            database: name,
            routing: neo4j.routing.READ,
            transactionConfig: { timeout: options.planTimeoutMs },
          }),
        // Past the request's limit only while Neo4j answers checks: planning, not frozen.
        timeoutMs,
        options.planTimeoutMs,
      );
      plans.add(key);
      logger?.debug(
        {
          requestId: currentRequest()?.id,
          statement: statementName(cypher),
          ms: Math.round(performance.now() - started),
        },
        'statement planned',
      );
    } catch {
      // The statement runs next and fails with its own error, if it has one.
    }
  };

  const run = async (cypher: string, params: Params, routing: 'READ' | 'WRITE') => {
    if (routing === 'READ') await planned(cypher, params);
    return guarded(async () => {
      onQuery(cypher);
      onSession(1);
      try {
        return await observed(
          cypher,
          routing,
          async () => {
            const result = await driver.executeQuery(cypher, params, {
              database: name,
              routing: routing === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
              transactionConfig: txConfig,
              bookmarkManager,
            });
            return rows(result.records);
          },
          rowsOf,
        );
      } finally {
        onSession(-1);
      }
    });
  };

  const wrap = (
    tx: ManagedTransaction,
    abandoned: () => boolean,
    routing: 'READ' | 'WRITE',
  ): Tx => ({
    async run(cypher, params = {}) {
      // Nobody waits for this transaction any more: end it rather than write on.
      if (abandoned()) throw new Error('The transaction was abandoned.');
      onQuery(cypher);
      return observed(
        cypher,
        routing,
        async () => rows((await tx.run(cypher, params)).records),
        rowsOf,
      );
    },
  });

  const inTransaction = <T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>) =>
    guarded(async (abandoned) => {
      const session = driver.session({
        database: name,
        defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
        bookmarkManager,
      });
      onSession(1);
      const attempt = async (tx: ManagedTransaction) => {
        const result = await work(wrap(tx, abandoned, mode));
        // The caller was told it failed: roll back rather than commit.
        if (abandoned()) throw new Error('The transaction was abandoned.');
        return result;
      };
      try {
        return mode === 'READ'
          ? await session.executeRead(attempt, txConfig)
          : await session.executeWrite(attempt, txConfig);
      } finally {
        await session.close();
        onSession(-1);
      }
    });

  return {
    name,
    read: (cypher, params = {}) => run(cypher, params, 'READ'),
    write: (cypher, params = {}) => run(cypher, params, 'WRITE'),
    writeTransaction: (work) => inTransaction('WRITE', work),
    readTransaction: (work) => inTransaction('READ', work),
    stream: (cypher, params, onRow) =>
      guarded(async () => {
        onQuery(cypher);
        const session = driver.session({
          database: name,
          defaultAccessMode: neo4j.session.READ,
          bookmarkManager,
        });
        onSession(1);
        let count = 0;
        try {
          await observed(
            cypher,
            'READ',
            async () => {
              for await (const record of session.run(cypher, params, txConfig)) {
                count++;
                await onRow(toPlain(record.toObject()) as Row);
              }
            },
            () => count,
          );
        } finally {
          await session.close();
          onSession(-1);
        }
      }),
    readScope() {
      let session: Session | undefined;
      let opened: Promise<Transaction> | undefined;
      let first = true;
      return {
        async read(cypher, params = {}) {
          // The first read runs on its own (one round-trip: most requests send one statement);
          // the ones after it share a transaction.
          if (first) {
            first = false;
            return run(cypher, params, 'READ');
          }
          // Planned before the shared transaction opens, when this read is the one that opens it.
          await planned(cypher, params);
          return guarded(async () => {
            onQuery(cypher);
            opened ??= Promise.resolve().then(() => {
              session = driver.session({
                database: name,
                defaultAccessMode: neo4j.session.READ,
                bookmarkManager,
              });
              onSession(1);
              return session.beginTransaction(txConfig);
            });
            const tx = await opened;
            return observed(
              cypher,
              'READ',
              async () => rows((await tx.run(cypher, params)).records),
              rowsOf,
            );
          });
        },
        async close() {
          if (!opened) return;
          const ending = (async () => {
            try {
              const tx = await opened;
              if (tx.isOpen()) await tx.commit();
            } catch {
              // A read that failed ended the transaction; its error went to the caller.
            } finally {
              await session?.close().catch(() => {});
              onSession(-1);
            }
          })();
          // The reads are done: a frozen server must not hold the request for the end of them.
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            ending,
            new Promise((resolve) => (timer = setTimeout(resolve, TIMEOUT_MARGIN_MS))),
          ]);
          clearTimeout(timer);
        },
      };
    },
    ready: () => connectivity.check(),
    get available() {
      return connectivity.up;
    },
    close: () => connectivity.close(),
  };
}

/** Neo4j's own limit on a check's `RETURN 1`; the caller stops waiting sooner (PROBE_MS). */
const PING_TIMEOUT_MS = 5_000;
