import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, statementName } from '../../src/db/database.ts';
import { createDriver } from '../../src/db/driver.ts';
import { EXAMPLES, operationOf } from '../../src/graphql/examples.ts';
import { followUpArticle } from '../support/articles.ts';
import { bearer, dataOf, graphqlClient, loadSeed } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';
import { withScheme } from '../support/test-config.ts';

/**
 * The path a cluster or Aura uses: a neo4j:// URI, whatever KG_TEST_NEO4J_SCHEME says. The driver
 * asks the server for a routing table and sends each transaction to a server of the role its
 * access mode names: READ to readers, WRITE to the writer. A single Community server answers with
 * itself in every role, so these tests run here; what they prove is that the server's own code
 * opens every transaction of a read in READ mode (so that a cluster's readers serve it) and writes
 * in WRITE mode (which the server enforces: it refuses a write in a READ transaction).
 */

type Mode = 'READ' | 'WRITE';

interface Statement {
  /** The access mode of the transaction it ran in. */
  mode: Mode;
  /** Whether its transaction took and gave bookmarks through the process's one bookmark manager. */
  sharedBookmarks: boolean;
  cypher: string;
  /** What the server says it did: r (read), w (write), rw, s (schema); unknown for a stream. */
  queryType?: string;
}

/**
 * The driver, observed: each statement is recorded with the access mode of its transaction, as the
 * driver was asked for it (executeQuery's routing, executeRead or executeWrite, a session's
 * default mode for its own transactions), and with the query type the server answered.
 */
function observeAccessModes(driver: Driver) {
  const statements: Statement[] = [];
  const sessions: Mode[] = [];
  const pings: Statement[] = [];
  const note = (
    mode: Mode,
    sharedBookmarks: boolean,
    cypher: string,
    answer?: PromiseLike<{ summary: unknown }>,
  ) => {
    const statement: Statement = { mode, sharedBookmarks, cypher };
    // The check that Neo4j still answers, sent when a statement is slow (src/db/connectivity.ts):
    // it asks whether a server answers now, so it waits for no bookmark, and reads nothing.
    if (statementName(cypher) === 'ping') {
      pings.push(statement);
      return;
    }
    statements.push(statement);
    // The same promise the caller awaits (a Result caches it): reading it consumes nothing.
    answer?.then(
      ({ summary }) => {
        statement.queryType = (summary as { queryType: string }).queryType;
      },
      () => {},
    );
  };
  const shared = (manager: unknown) => manager === driver.executeQueryBookmarkManager;
  const tx = <T extends object>(inner: T, mode: Mode, bookmarks: boolean): T =>
    new Proxy(inner, {
      get(target, key) {
        // Not a thenable: awaiting the wrapped transaction must give the wrapper.
        if (key === 'then') return undefined;
        if (key === 'run') {
          return (cypher: string, ...rest: unknown[]) => {
            const run = (target as unknown as ManagedTransaction).run as (
              ...args: unknown[]
            ) => PromiseLike<{ summary: unknown }>;
            const result = run.call(target, cypher, ...rest);
            note(mode, bookmarks, cypher, result);
            return result;
          };
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const session = (inner: Session, mode: Mode, bookmarks: boolean): Session =>
    new Proxy(inner, {
      get(target, key) {
        if (key === 'executeRead' || key === 'executeWrite') {
          const txMode: Mode = key === 'executeRead' ? 'READ' : 'WRITE';
          return (work: (t: ManagedTransaction) => unknown, config?: unknown) =>
            target[key]((t) => work(tx(t, txMode, bookmarks)) as Promise<unknown>, config as never);
        }
        if (key === 'run') {
          return (cypher: string, ...rest: unknown[]) => {
            // A stream may be iterated record by record: its answer is not read here.
            note(mode, bookmarks, cypher);
            return (target.run as (...args: unknown[]) => unknown).call(target, cypher, ...rest);
          };
        }
        if (key === 'beginTransaction') {
          return async (config?: unknown) =>
            tx(await target.beginTransaction(config as never), mode, bookmarks);
        }
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const observed = new Proxy(driver, {
    get(target, key) {
      if (key === 'executeQuery') {
        return (
          cypher: string,
          params?: unknown,
          config?: { routing?: string; bookmarkManager?: unknown },
        ) => {
          const answer = target.executeQuery(cypher, params as never, config as never);
          const mode = config?.routing === neo4j.routing.READ ? 'READ' : 'WRITE';
          // executeQuery takes the driver's bookmark manager when it is given none.
          const bookmarks = config?.bookmarkManager === undefined || shared(config.bookmarkManager);
          note(mode, bookmarks, cypher, answer);
          return answer;
        };
      }
      if (key === 'session') {
        return (config: { defaultAccessMode?: string; bookmarkManager?: unknown } = {}) => {
          const mode: Mode = config.defaultAccessMode === neo4j.session.READ ? 'READ' : 'WRITE';
          sessions.push(mode);
          return session(target.session(config as never), mode, shared(config.bookmarkManager));
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    driver: observed,
    statements,
    sessions,
    pings,
    clear() {
      statements.length = 0;
      sessions.length = 0;
      pings.length = 0;
    },
  };
}

const WRITE_KEY = 'routing-test-write-key-0123456789';
const base = inject('neo4j');
const connection = { ...base, uri: withScheme(base.uri, 'neo4j') };
const driver = createDriver(connection);
const observer = observeAccessModes(driver);
const db = createDatabase(observer.driver, connection.database, { timeoutMs: 30_000 });
const [, port] = /:(\d+)$/.exec(connection.uri) ?? [];

beforeAll(async () => {
  const direct = openTestNeo4j();
  try {
    await wipeTestGraph(direct.db);
    await loadSeed(direct.db);
  } finally {
    await direct.close();
  }
});

afterAll(async () => {
  db.close();
  await driver.close();
});

const summary = (statements: Statement[]) =>
  statements.map((s) => `${s.mode} ${s.queryType ?? '?'} ${s.cypher.slice(0, 80)}`).join('\n');

describe('through a neo4j:// URI (routing, as with a cluster or Aura)', () => {
  it('the server hands out a routing table in which it reads, writes and routes', async () => {
    expect(connection.uri).toMatch(/^neo4j:\/\/127\.0\.0\.1:\d+$/);
    const { records } = await driver.executeQuery(
      'CALL dbms.routing.getRoutingTable({}, $database) YIELD servers RETURN servers',
      { database: connection.database },
      { database: 'system', routing: neo4j.routing.READ },
    );
    const servers = records[0]?.get('servers') as { addresses: string[]; role: string }[];
    const roles = Object.fromEntries(servers.map((s) => [s.role, s.addresses]));
    expect(roles).toEqual({
      READ: [`127.0.0.1:${port}`],
      WRITE: [`127.0.0.1:${port}`],
      ROUTE: [`127.0.0.1:${port}`],
    });
    // A read routed as READ reaches the reader of that table.
    const read = await driver.executeQuery(
      'RETURN 1 AS one',
      {},
      {
        database: connection.database,
        routing: neo4j.routing.READ,
      },
    );
    expect(read.summary.server.address).toBe(`127.0.0.1:${port}`);
  });

  it('the server refuses a write in a READ transaction, so a write that succeeds ran in WRITE', async () => {
    await expect(
      driver.executeQuery(
        'CREATE (:RoutingProbe) RETURN 1',
        {},
        {
          database: connection.database,
          routing: neo4j.routing.READ,
        },
      ),
    ).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.AccessMode' });
  });

  for (const compile of [true, false]) {
    it(`every statement of a read-only request runs in a READ transaction (${compile ? 'compiled' : 'field by field'})`, async () => {
      const client = graphqlClient(db, { compile });
      for (const example of EXAMPLES) {
        observer.clear();
        dataOf(await client.query(operationOf(example), example.variables));
        const { statements, sessions } = observer;
        expect(statements.length, example.name).toBeGreaterThan(0);
        expect(
          statements.filter((s) => s.mode !== 'READ'),
          `${example.name}:\n${summary(statements)}`,
        ).toEqual([]);
        expect(sessions.filter((m) => m !== 'READ')).toEqual([]);
        expect(observer.pings.filter((s) => s.mode !== 'READ')).toEqual([]);
        expect(statements.filter((s) => !s.sharedBookmarks)).toEqual([]);
        expect(
          statements.filter((s) => s.queryType !== undefined && s.queryType !== 'r'),
          `${example.name}:\n${summary(statements)}`,
        ).toEqual([]);
      }
    });
  }

  it('a mutation writes in WRITE transactions, and only there', async () => {
    const client = graphqlClient(db, { writeKey: WRITE_KEY });
    const bookmarksBefore = await driver.executeQueryBookmarkManager.getBookmarks();
    observer.clear();
    const imported = dataOf(
      await client.query<{ importArticle: { status: string } }>(
        `mutation Import($document: JSONObject) { importArticle(document: $document) { status article { id title } } }`,
        { document: followUpArticle() },
        bearer(WRITE_KEY),
      ),
    );
    expect(imported.importArticle.status).toBe('CREATED');
    const writes = observer.statements.filter((s) => s.queryType !== 'r');
    expect(writes.length, summary(observer.statements)).toBeGreaterThan(0);
    expect(
      writes.filter((s) => s.mode !== 'WRITE'),
      summary(observer.statements),
    ).toEqual([]);
    expect(observer.statements.every((s) => s.queryType !== undefined)).toBe(true);
    // Causal consistency on a cluster: every transaction, reads included, takes the bookmarks of
    // the writes before it, so the answer and the graph version read after the import come from a
    // reader that has it; and the import's own bookmark is there for the reads after it.
    expect(
      observer.statements.filter((s) => !s.sharedBookmarks),
      summary(observer.statements),
    ).toEqual([]);
    expect(await driver.executeQueryBookmarkManager.getBookmarks()).not.toEqual(bookmarksBefore);

    observer.clear();
    const retracted = dataOf(
      await client.query<{ retractArticle: { articleId: string } }>(
        `mutation Retract($id: ID!) { retractArticle(id: $id) { articleId } }`,
        { id: followUpArticle().article.id },
        bearer(WRITE_KEY),
      ),
    );
    expect(retracted.retractArticle.articleId).toBe(followUpArticle().article.id);
    expect(observer.statements.some((s) => s.mode === 'WRITE' && s.queryType !== 'r')).toBe(true);
    expect(observer.statements.filter((s) => s.queryType !== 'r' && s.mode !== 'WRITE')).toEqual(
      [],
    );
  });
});
