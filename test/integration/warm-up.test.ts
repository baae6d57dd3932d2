import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../src/graphql/examples.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { sampleNodeIds, sampleVariables } from '../../src/graphql/warm-up.ts';
import { clientOperations } from '../support/client-operations.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { openTestNeo4j } from '../support/neo4j.ts';
import { BUMP_GRAPH_VERSION } from '../../src/db/graph-version.ts';
import { startTestServer, stopServer } from '../support/test-server.ts';
import { TEST_PORTS } from '../support/test-config.ts';

const PORT = TEST_PORTS.warmUpHttp;
const url = `http://127.0.0.1:${PORT}/graphql`;

interface LogLine {
  msg: string;
  statement?: string;
  operations?: number;
  skipped?: unknown[];
}

describe('warm-up at start', () => {
  let server: ServerProcess | undefined;
  /** The server's log so far (JSON lines on stderr, among the banner's lines). */
  const log = (): LogLine[] =>
    (server?.output() ?? '')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  const warmedUp = (lines: LogLine[]) => lines.findIndex((l) => l.msg.startsWith('Warmed up'));

  beforeAll(async () => {
    // Plans cached by earlier files would hide a warm-up that plans nothing.
    const neo4j = openTestNeo4j();
    try {
      await neo4j.db.write('CALL db.clearQueryCaches()');
    } finally {
      await neo4j.close();
    }
    server = await startTestServer(PORT, { LOG_LEVEL: 'debug' });
    const deadline = Date.now() + 180_000;
    while (warmedUp(log()) < 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 240_000);

  afterAll(() => stopServer(server));

  it('runs every listed query once, none of them skipped, and logs no request for it', () => {
    const lines = log();
    const warmed = lines[warmedUp(lines)];
    expect(warmed, 'the warm-up is logged when it is done').toBeDefined();
    const names = new Set([
      ...EXAMPLES.map((e) => e.name),
      ...clientOperations().map((o) => o.name),
    ]);
    expect(warmed!.operations).toBe(names.size);
    expect(warmed!.skipped).toEqual([]);
    // The statements ran (and were planned) in this process, but no client asked for them.
    expect(lines.filter((l) => l.msg === 'statement planned').length).toBeGreaterThan(
      names.size / 2,
    );
    expect(lines.filter((l) => l.msg === 'request')).toEqual([]);
  });

  it("leaves nothing to plan for the examples' first requests, nor the explorer's with an id of each type", async () => {
    const schema = buildSchema();
    const neo4j = openTestNeo4j();
    let sampleIds: string[];
    try {
      sampleIds = await sampleNodeIds(neo4j.db);
      // A new graph version: the response cache answers none of these from the warm-up's answers.
      await neo4j.db.write(BUMP_GRAPH_VERSION);
    } finally {
      await neo4j.close();
    }
    // The server reads the version at most KG_CACHE_CHECK_MS (1 s) late.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sampleIds.length, 'the seed has nodes of every type').toBe(7);
    const requests = [
      ...EXAMPLES.map((e) => ({ name: e.name, query: e.query, variables: e.variables })),
      // In another order than the warm-up's: a plan is the statement's, whatever the values.
      ...clientOperations().flatMap((o) =>
        sampleVariables(schema, o.definition, sampleIds)
          .reverse()
          .map((variables) => ({ name: o.name, query: o.document, variables })),
      ),
    ];
    for (const { name, query, variables } of requests) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, operationName: name, variables }),
      });
      expect(response.status, name).toBe(200);
      await response.json();
    }
    const since = () => log().slice(warmedUp(log()) + 1);
    await expect
      .poll(() => since().filter((l) => l.msg === 'request').length)
      .toBe(requests.length);
    // Every request ran statements (none was answered from the cache)...
    expect(since().filter((l) => l.msg === 'statement').length).toBeGreaterThanOrEqual(
      requests.length,
    );
    // ...and Neo4j had planned them all.
    expect(
      since()
        .filter((l) => l.msg === 'statement planned')
        .map((l) => l.statement),
    ).toEqual([]);
  });
});
