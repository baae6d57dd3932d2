import neo4j, {
  type Driver,
  type ManagedTransaction,
  type Session,
  type Transaction,
} from 'neo4j-driver';
import { toPlain } from './values.ts';

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
  /** One quick round-trip, not retried: for readiness checks. Rejects when Neo4j does not answer. */
  ping(): Promise<void>;
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
}

export function createDatabase(
  driver: Driver,
  name: string,
  options: DatabaseOptions = {},
): Database {
  const onQuery = options.onQuery ?? (() => {});
  const rows = (records: { toObject(): object }[]) =>
    records.map((r) => toPlain(r.toObject()) as Row);

  const run = async (cypher: string, params: Params, routing: 'READ' | 'WRITE') => {
    onQuery(cypher);
    const result = await driver.executeQuery(cypher, params, {
      database: name,
      routing: routing === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
    });
    return rows(result.records);
  };

  const wrap = (tx: ManagedTransaction): Tx => ({
    async run(cypher, params = {}) {
      onQuery(cypher);
      const result = await tx.run(cypher, params);
      return rows(result.records);
    },
  });

  const inTransaction = async <T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>) => {
    const session = driver.session({
      database: name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return mode === 'READ'
        ? await session.executeRead((tx) => work(wrap(tx)))
        : await session.executeWrite((tx) => work(wrap(tx)));
    } finally {
      await session.close();
    }
  };

  return {
    name,
    read: (cypher, params = {}) => run(cypher, params, 'READ'),
    write: (cypher, params = {}) => run(cypher, params, 'WRITE'),
    writeTransaction: (work) => inTransaction('WRITE', work),
    readTransaction: (work) => inTransaction('READ', work),
    async stream(cypher, params, onRow) {
      onQuery(cypher);
      const session = driver.session({ database: name, defaultAccessMode: neo4j.session.READ });
      try {
        for await (const record of session.run(cypher, params)) {
          await onRow(toPlain(record.toObject()) as Row);
        }
      } finally {
        await session.close();
      }
    },
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
          onQuery(cypher);
          opened ??= Promise.resolve().then(() => {
            session = driver.session({ database: name, defaultAccessMode: neo4j.session.READ });
            return session.beginTransaction();
          });
          const result = await (await opened).run(cypher, params);
          return rows(result.records);
        },
        async close() {
          if (!opened) return;
          try {
            const tx = await opened;
            if (tx.isOpen()) await tx.commit();
          } catch {
            // A read that failed ended the transaction; its error went to the caller.
          } finally {
            await session?.close().catch(() => {});
          }
        },
      };
    },
    async ping() {
      const session = driver.session({ database: name, defaultAccessMode: neo4j.session.READ });
      try {
        await session.run('RETURN 1');
      } finally {
        await session.close();
      }
    },
  };
}
