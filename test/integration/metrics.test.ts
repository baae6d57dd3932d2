import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustedDocuments } from '../../src/graphql/trusted-documents.ts';
import { createServer, type ServerDeps } from '../../src/server.ts';
import { createMetrics, operationNames } from '../../src/telemetry/metrics.ts';
import { apiKey, bearer, loadSeed } from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

/**
 * /metrics in Prometheus' text format: requests by operation and outcome, errors by code, the
 * time of each Cypher statement, sessions in use and response cache hits; and who may read it.
 */

const metrics = createMetrics({ operations: operationNames(loadTrustedDocuments().values()) });
const neo4j = openTestNeo4j({ onStatement: metrics.statement, onSession: metrics.session });
const ADMIN = 'metrics-test-admin-key-0123456789abcdef';
const READER = 'metrics-test-reader-key-0123456789abcdef';
const MB = 1024 * 1024;

beforeAll(async () => {
  await wipeTestGraph(neo4j.db);
  await loadSeed(neo4j.db);
});
afterAll(() => neo4j.close());

function server(deps: Partial<ServerDeps> = {}) {
  return createServer({
    db: neo4j.db,
    server: { version: '5', edition: 'community', database: neo4j.db.name },
    logger: pino({ level: 'silent' }),
    apiKeys: [apiKey('ops', 'admin', ADMIN), apiKey('dashboard', 'reader', READER)],
    metrics,
    ...deps,
  });
}

const post = (yoga: ReturnType<typeof server>, query: string) =>
  yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });

type Samples = Map<string, number>;

/** The samples of a Prometheus text exposition, by `name{labels}`; fails on any line it cannot read. */
function parseExposition(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) continue;
    const match =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_]\w*="(?:[^"\\]|\\.)*",?)*\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample line: ${line}`);
    samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return samples;
}

async function scrape(yoga: ReturnType<typeof server>, headers = bearer(ADMIN)): Promise<Samples> {
  const response = await yoga.fetch('http://localhost/metrics', { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

const at = (samples: Samples, key: string) => samples.get(key) ?? 0;

describe('/metrics', () => {
  it('counts requests by operation (ours by name, others bounded), outcome and error code', async () => {
    const yoga = server();
    const before = await scrape(yoga);
    await post(yoga, 'query About { about { apiVersion } }');
    await post(yoga, 'query About { about { apiVersion } }');
    await post(yoga, `query Made${Date.now()}Up { __typename }`);
    await post(yoga, '{ __typename }');
    await post(yoga, '{ nosuchfield }');
    await post(yoga, '{ node(id: "no-such-node-anywhere") { id } }');
    await post(yoga, 'query { pathLength(from: "a", to: "b") }');
    const after = await scrape(yoga);
    const grew = (key: string) => at(after, key) - at(before, key);

    expect(grew('kg_graphql_requests_total{operation="About",type="query",outcome="ok"}')).toBe(2);
    expect(grew('kg_graphql_requests_total{operation="other",type="query",outcome="ok"}')).toBe(1);
    expect(grew('kg_graphql_requests_total{operation="anonymous",type="query",outcome="ok"}')).toBe(
      2,
    );
    // Refused whole (no data), and a field that failed beside data.
    expect(
      grew('kg_graphql_requests_total{operation="anonymous",type="query",outcome="error"}'),
    ).toBe(1);
    expect(
      grew('kg_graphql_requests_total{operation="anonymous",type="query",outcome="partial"}'),
    ).toBe(1);
    expect(
      grew('kg_graphql_errors_total{operation="anonymous",code="GRAPHQL_VALIDATION_FAILED"}'),
    ).toBe(1);
    expect(grew('kg_graphql_errors_total{operation="anonymous",code="NOT_FOUND"}')).toBe(1);
    expect(grew('kg_graphql_request_duration_seconds_count{operation="About",type="query"}')).toBe(
      2,
    );
    // No label carries a name the client made up.
    expect([...after.keys()].some((key) => key.includes('Made'))).toBe(false);
  });

  it('times Cypher statements by routing and name, and has no session left in use', async () => {
    const yoga = server({ cache: { maxBytes: 8 * MB, checkMs: 0 } });
    const before = await scrape(yoga);
    await post(yoga, '{ stanceSummary(topic: "blue-pill") { stance count } }');
    const after = await scrape(yoga);
    const grew = (key: string) => at(after, key) - at(before, key);
    // The compiled read has no name; the cache's version read has one.
    expect(
      grew('kg_neo4j_statement_duration_seconds_count{routing="READ",statement="unnamed"}'),
    ).toBeGreaterThan(0);
    expect(
      grew(
        'kg_neo4j_statement_duration_seconds_count{routing="READ",statement="readGraphVersion"}',
      ),
    ).toBe(1);
    expect(
      at(
        after,
        'kg_neo4j_statement_duration_seconds_bucket{le="+Inf",routing="READ",statement="unnamed"}',
      ),
    ).toBe(
      at(after, 'kg_neo4j_statement_duration_seconds_count{routing="READ",statement="unnamed"}'),
    );
    expect(at(after, 'kg_neo4j_sessions_in_use')).toBe(0);
  });

  it('counts response cache hits and misses of queries, and hits by their operation', async () => {
    const yoga = server({ cache: { maxBytes: 8 * MB, checkMs: 60_000 } });
    const before = await scrape(yoga);
    // Answered from the cache, a request is not parsed: its operation is named from its text.
    const query = `# ${Date.now()}\nquery Stances { stanceSummary(topic: "blue-pill") { stance count } }`;
    for (let i = 0; i < 3; i++) expect((await post(yoga, query)).status).toBe(200);
    const after = await scrape(yoga);
    const grew = (key: string) => at(after, key) - at(before, key);
    expect(grew('kg_response_cache_lookups_total{result="miss"}')).toBe(1);
    expect(grew('kg_response_cache_lookups_total{result="hit"}')).toBe(2);
    expect(grew('kg_graphql_requests_total{operation="Stances",type="query",outcome="ok"}')).toBe(
      3,
    );
  });

  it('serves Node process metrics when asked for them', async () => {
    const own = createMetrics({ operations: [], processMetrics: true });
    const samples = await scrape(server({ metrics: own }));
    expect(samples.get('process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(samples.has('nodejs_heap_size_used_bytes')).toBe(true);
  });
});

describe('who may read /metrics (KG_METRICS)', () => {
  it('key (the default): an admin key; 401 without a valid one, 403 for a smaller role', async () => {
    const yoga = server();
    const anonymous = await yoga.fetch('http://localhost/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(
      (await yoga.fetch('http://localhost/metrics', { headers: bearer('not-a-key') })).status,
    ).toBe(401);
    const reader = await yoga.fetch('http://localhost/metrics', { headers: bearer(READER) });
    expect(reader.status).toBe(403);
    expect(await reader.text()).toMatch(/role admin/);
    expect((await yoga.fetch('http://localhost/metrics', { headers: bearer(ADMIN) })).status).toBe(
      200,
    );
  });

  it('public: anyone; off (or no metrics): not served at all', async () => {
    const open = server({ metricsAccess: 'public' });
    expect((await open.fetch('http://localhost/metrics')).status).toBe(200);
    for (const closed of [server({ metricsAccess: 'off' }), server({ metrics: undefined })]) {
      expect((await closed.fetch('http://localhost/metrics')).status).toBe(404);
      expect(
        (await closed.fetch('http://localhost/metrics', { headers: bearer(ADMIN) })).status,
      ).toBe(404);
    }
  });
});
