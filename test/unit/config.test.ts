import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/auth/api-keys.ts';
import { loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('defaults to the managed Neo4j 5.26 and port 4000', () => {
    const config = loadConfig({});
    expect(config.neo4j).toBeUndefined();
    expect(config.managed).toMatchObject({
      instance: 'dev',
      version: '5.26',
      boltPort: 7687,
      database: 'neo4j',
      heap: '1g',
    });
    expect(config.managed.home).toMatch(/\.neo4j$/);
    expect(config.server).toEqual({
      port: 4000,
      host: '127.0.0.1',
      corsOrigins: [],
      bodyLimitBytes: 1024 * 1024,
      queryTimeoutMs: 5000,
      planTimeoutMs: 60_000,
      shutdownMs: 10_000,
    });
    expect(config.importSeedWhenEmpty).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    'bolt://db:7687',
    'neo4j://cluster:7687',
    'neo4j+s://abc.databases.neo4j.io',
    'bolt+ssc://h',
  ])('accepts %s with a password', (uri) => {
    const config = loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'graph' });
    expect(config.neo4j).toEqual({ uri, user: 'neo4j', password: 'pw', database: 'graph' });
  });

  it('sizes the response cache in MB (0: off) and checks the graph version every second', () => {
    expect(loadConfig({}).cache).toEqual({ maxBytes: 64 * 1024 * 1024, checkMs: 1000 });
    expect(loadConfig({ KG_CACHE_MB: '0', KG_CACHE_CHECK_MS: '0' }).cache).toEqual({
      maxBytes: 0,
      checkMs: 0,
    });
    expect(() => loadConfig({ KG_CACHE_MB: '-1', KG_CACHE_CHECK_MS: 'soon' })).toThrow(
      /KG_CACHE_MB.*\n.*KG_CACHE_CHECK_MS/s,
    );
  });

  it('takes a Neo4j version, a version prefix or a year of the calendar-versioned line', () => {
    for (const version of ['5.26', '5.26.30', '2026', '2026.08', '2026.08.1']) {
      expect(loadConfig({ NEO4J_VERSION: version }).managed.version).toBe(version);
    }
    for (const version of ['5', '4.4', '2026.8', '2026.08.1.2', '1999', 'latest']) {
      expect(() => loadConfig({ NEO4J_VERSION: version }), version).toThrow(/NEO4J_VERSION/);
    }
  });

  it('treats an empty NEO4J_URI as not set', () => {
    expect(loadConfig({ NEO4J_URI: '  ' }).neo4j).toBeUndefined();
  });

  it('reports every bad value at once, naming the variable and the value', () => {
    let message = '';
    try {
      loadConfig({
        NEO4J_URI: 'http://db',
        PORT: 'eighty',
        NEO4J_HEAP: 'lots',
        NEO4J_VERSION: '4.4',
        KG_IMPORT_SEED: 'maybe',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Invalid configuration:',
      expect.stringMatching(
        /^ {2}NEO4J_URI must start with one of bolt:\/\/.* \(got "http:\/\/db"\)$/,
      ),
      '  PORT must be a port number (got "eighty")',
      '  KG_IMPORT_SEED must be true or false (got "maybe")',
      expect.stringMatching(
        /^ {2}NEO4J_VERSION must be a Neo4j version such as 5\.26.* \(got "4\.4"\)$/,
      ),
      '  NEO4J_HEAP must be a size such as 512m or 1g (got "lots")',
      '  NEO4J_PASSWORD is required when NEO4J_URI is set',
    ]);
  });

  it('rejects a port out of range and a bad instance name', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(
      'PORT must be between 1 and 65535 (got "70000")',
    );
    expect(() => loadConfig({ KG_NEO4J_INSTANCE: '../etc' })).toThrow(
      /KG_NEO4J_INSTANCE must be a short name/,
    );
  });

  it('takes the Java for Neo4j from NEO4J_JAVA_HOME before JAVA_HOME', () => {
    expect(loadConfig({ JAVA_HOME: '/a' }).managed.javaHome).toBe('/a');
    expect(loadConfig({ JAVA_HOME: '/a', NEO4J_JAVA_HOME: '/b' }).managed.javaHome).toBe('/b');
    // NEO4J_JAVA_HOME is obeyed strictly; a JAVA_HOME too old for the Neo4j line is only a default.
    expect(loadConfig({ JAVA_HOME: '/a' }).managed.javaHomeFrom).toBe('JAVA_HOME');
    expect(loadConfig({ JAVA_HOME: '/a', NEO4J_JAVA_HOME: '/b' }).managed.javaHomeFrom).toBe(
      'NEO4J_JAVA_HOME',
    );
    expect(loadConfig({}).managed.javaHomeFrom).toBeUndefined();
  });

  it('takes KG_WRITE_KEY as one editor key named write-key, by its hash; no keys by default', () => {
    expect(loadConfig({}).apiKeys).toEqual([]);
    const key = 'a'.repeat(16) + 'b'.repeat(16);
    const config = loadConfig({ KG_WRITE_KEY: key });
    expect(config.apiKeys).toEqual([{ name: 'write-key', role: 'editor', sha256: sha256Hex(key) }]);
    expect(JSON.stringify(config)).not.toContain(key);
  });

  it('refuses a short write key without echoing it', () => {
    const key = 'short-secret-1';
    expect(() => loadConfig({ KG_WRITE_KEY: key })).toThrow(/KG_WRITE_KEY must be at least 24/);
    try {
      loadConfig({ KG_WRITE_KEY: key });
    } catch (error) {
      expect((error as Error).message).not.toContain(key);
    }
  });

  it('listens on 127.0.0.1 unless KG_HOST says otherwise', () => {
    expect(loadConfig({ KG_HOST: '0.0.0.0' }).server.host).toBe('0.0.0.0');
    expect(loadConfig({ KG_HOST: ' ' }).server.host).toBe('127.0.0.1');
    expect(() => loadConfig({ KG_HOST: 'http://x/' })).toThrow(/KG_HOST must be an address/);
    // HOST, read by earlier versions, must not be ignored silently.
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(
      'HOST is no longer read: set KG_HOST instead (e.g. KG_HOST=0.0.0.0)',
    );
    expect(loadConfig({ HOST: '0.0.0.0', KG_HOST: '0.0.0.0' }).server.host).toBe('0.0.0.0');
  });

  it('takes the CORS origins as a comma-separated list, and refuses null and paths', () => {
    expect(
      loadConfig({ KG_CORS_ORIGINS: 'https://app.example.com, http://localhost:5173,' }).server
        .corsOrigins,
    ).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(loadConfig({ KG_CORS_ORIGINS: '*' }).server.corsOrigins).toEqual(['*']);
    for (const bad of ['null', 'https://app.example.com/', 'app.example.com', '*, https://a.b']) {
      expect(() => loadConfig({ KG_CORS_ORIGINS: bad })).toThrow(
        /KG_CORS_ORIGINS must be "\*" or a comma-separated list of origins/,
      );
    }
  });

  it('takes the request body limit in MB', () => {
    expect(loadConfig({ KG_BODY_LIMIT_MB: '2.5' }).server.bodyLimitBytes).toBe(2.5 * 1024 * 1024);
    expect(() => loadConfig({ KG_BODY_LIMIT_MB: '0' })).toThrow(
      'KG_BODY_LIMIT_MB must be more than 0 (got "0")',
    );
  });

  it('takes API keys as name:role:sha256hex entries, and the write key beside them', () => {
    const ci = sha256Hex('ci-key');
    const ops = sha256Hex('ops-key').toUpperCase();
    const config = loadConfig({
      KG_API_KEYS: ` ci:editor:${ci}, ops:admin:${ops} ,dash.board:reader:${sha256Hex('r')},`,
      KG_WRITE_KEY: 'w'.repeat(24),
    });
    expect(config.apiKeys).toEqual([
      { name: 'ci', role: 'editor', sha256: ci },
      { name: 'ops', role: 'admin', sha256: ops.toLowerCase() },
      { name: 'dash.board', role: 'reader', sha256: sha256Hex('r') },
      { name: 'write-key', role: 'editor', sha256: sha256Hex('w'.repeat(24)) },
    ]);
    expect(Object.isFrozen(config.apiKeys)).toBe(true);
    expect(Object.isFrozen(config.apiKeys[0])).toBe(true);
  });

  it('refuses each bad API key entry on a line of its own, naming it, never showing a whole hash', () => {
    const hash = sha256Hex('some-key');
    let message = '';
    try {
      loadConfig({
        KG_API_KEYS: [
          `ci:editor:${hash}`,
          `ci:admin:${sha256Hex('other')}`, // the name again
          `ops:root:${hash}`, // no such role
          `ops:admin:${hash.slice(0, 40)}`, // not a SHA-256
          `bad name:reader:${sha256Hex('x')}`,
          'just-a-key-0123456789',
          `dup:reader:${hash}`, // the hash again
        ].join(','),
      });
    } catch (error) {
      message = (error as Error).message;
    }
    const cut = `${hash.slice(0, 8)}…`;
    expect(message.split('\n')).toEqual([
      'Invalid configuration:',
      expect.stringMatching(
        /^ {2}KG_API_KEYS entry 2 \(ci:admin:[0-9a-f]{8}…\) repeats the name "ci"$/,
      ),
      `  KG_API_KEYS entry 3 (ops:root:${cut}) has a bad role: must be one of reader, editor, admin`,
      expect.stringMatching(
        new RegExp(
          `^ {2}KG_API_KEYS entry 4 \\(ops:admin:${cut}\\) must end with the SHA-256 of the key as 64 hex digits`,
        ),
      ),
      expect.stringMatching(
        /^ {2}KG_API_KEYS entry 5 \(bad name:reader:[0-9a-f]{8}…\) has a bad name/,
      ),
      expect.stringMatching(
        /^ {2}KG_API_KEYS entry 6 \(just-a-key-0123456789\) must be name:role:sha256hex/,
      ),
      `  KG_API_KEYS entry 7 (dup:reader:${cut}) repeats the hash of another`,
    ]);
    expect(message).not.toContain(hash);
    expect(message).not.toContain(hash.slice(0, 40));
  });

  it('refuses an API key named write-key beside KG_WRITE_KEY', () => {
    expect(() =>
      loadConfig({
        KG_API_KEYS: `write-key:admin:${sha256Hex('x')}`,
        KG_WRITE_KEY: 'w'.repeat(24),
      }),
    ).toThrow(/KG_API_KEYS must not name a key "write-key" while KG_WRITE_KEY is set/);
  });

  it('keeps reads public unless KG_READS=key', () => {
    expect(loadConfig({}).reads).toBe('public');
    expect(loadConfig({ KG_READS: 'key' }).reads).toBe('key');
    expect(() => loadConfig({ KG_READS: 'private' })).toThrow(
      'KG_READS must be public or key (got "private")',
    );
  });

  it('shows the schema and GraphiQL, and accepts trusted-document ids and any document, by default', () => {
    expect(loadConfig({}).exposure).toEqual({
      introspection: true,
      graphiql: true,
      trustedDocuments: 'allow',
    });
  });

  it('turns introspection and GraphiQL off with NODE_ENV=production, unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).exposure).toEqual({
      introspection: false,
      graphiql: false,
      trustedDocuments: 'allow',
    });
    expect(
      loadConfig({ NODE_ENV: 'production', KG_INTROSPECTION: 'on', KG_GRAPHIQL: 'on' }).exposure,
    ).toMatchObject({ introspection: true, graphiql: true });
    expect(loadConfig({ NODE_ENV: 'development' }).exposure.introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', KG_GRAPHIQL: ' ' }).exposure.graphiql).toBe(false);
  });

  it('takes KG_INTROSPECTION, KG_GRAPHIQL (on|off) and KG_TRUSTED_DOCUMENTS (off|allow|only)', () => {
    expect(
      loadConfig({ KG_INTROSPECTION: 'off', KG_GRAPHIQL: 'off', KG_TRUSTED_DOCUMENTS: 'only' })
        .exposure,
    ).toEqual({ introspection: false, graphiql: false, trustedDocuments: 'only' });
    expect(loadConfig({ KG_TRUSTED_DOCUMENTS: 'off' }).exposure.trustedDocuments).toBe('off');
    expect(() =>
      loadConfig({ KG_INTROSPECTION: 'no', KG_GRAPHIQL: 'true', KG_TRUSTED_DOCUMENTS: 'all' }),
    ).toThrow(
      /KG_INTROSPECTION must be on or off \(got "no"\)\n.*KG_GRAPHIQL must be on or off \(got "true"\)\n.*KG_TRUSTED_DOCUMENTS must be off, allow or only \(got "all"\)/,
    );
  });

  it('takes KG_RATE_LIMIT as calls per minute, 0 (no limit) by default', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(0);
    expect(loadConfig({ KG_RATE_LIMIT: '120' }).rateLimitPerMinute).toBe(120);
    expect(() => loadConfig({ KG_RATE_LIMIT: '-1' })).toThrow(
      'KG_RATE_LIMIT must be 0 (no limit) or more (got "-1")',
    );
  });

  it('takes the query timeout and the shutdown wait in ms', () => {
    const config = loadConfig({ KG_QUERY_TIMEOUT_MS: '2000', KG_SHUTDOWN_MS: '0' });
    expect(config.server.queryTimeoutMs).toBe(2000);
    expect(config.server.shutdownMs).toBe(0);
    expect(() => loadConfig({ KG_QUERY_TIMEOUT_MS: '5s', KG_SHUTDOWN_MS: '-1' })).toThrow(
      /KG_QUERY_TIMEOUT_MS must be a number of milliseconds \(got "5s"\)\n.*KG_SHUTDOWN_MS must be 0/s,
    );
    expect(() => loadConfig({ KG_QUERY_TIMEOUT_MS: '10' })).toThrow(
      'KG_QUERY_TIMEOUT_MS must be at least 100 (got "10")',
    );
  });

  it('plans new reads within KG_PLAN_TIMEOUT_MS (60 s), and warms up at start unless KG_WARM_UP=false', () => {
    expect(loadConfig({}).warmUp).toBe(true);
    expect(loadConfig({ KG_WARM_UP: 'false' }).warmUp).toBe(false);
    expect(loadConfig({ KG_PLAN_TIMEOUT_MS: '120000' }).server.planTimeoutMs).toBe(120_000);
    expect(() => loadConfig({ KG_PLAN_TIMEOUT_MS: 'soon' })).toThrow(
      'KG_PLAN_TIMEOUT_MS must be a number of milliseconds (got "soon")',
    );
  });

  it('turns tokens off unless KG_JWT_SECRET or KG_JWKS_URL is set; the role claim is role', () => {
    expect(loadConfig({}).jwt).toBeUndefined();
    const secret = 's'.repeat(32);
    const config = loadConfig({ KG_JWT_SECRET: secret });
    expect(config.jwt).toEqual({
      keys: { secret },
      issuer: undefined,
      audience: undefined,
      roleClaim: 'role',
    });
    expect(Object.isFrozen(config.jwt)).toBe(true);
    expect(
      loadConfig({
        KG_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
        KG_JWT_ISSUER: 'https://id.example.com/',
        KG_JWT_AUDIENCE: 'kg',
        KG_JWT_ROLE_CLAIM: 'https://kg.example.com/role',
      }).jwt,
    ).toEqual({
      keys: { jwksUrl: 'https://id.example.com/.well-known/jwks.json' },
      issuer: 'https://id.example.com/',
      audience: 'kg',
      roleClaim: 'https://kg.example.com/role',
    });
    expect(loadConfig({ KG_JWKS_URL: 'http://127.0.0.1:8080/jwks.json' }).jwt?.keys).toEqual({
      jwksUrl: 'http://127.0.0.1:8080/jwks.json',
    });
  });

  it('refuses a JWT secret shorter than 32 bytes without echoing it', () => {
    const secret = 'k'.repeat(31);
    let message = '';
    try {
      loadConfig({ KG_JWT_SECRET: secret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Invalid configuration:\n  KG_JWT_SECRET must be at least 32 bytes (e.g. the output of `openssl rand -base64 32`)',
    );
    // Bytes, not characters: 16 two-byte characters are 32 bytes.
    expect(loadConfig({ KG_JWT_SECRET: 'é'.repeat(16) }).jwt).toBeDefined();
  });

  it('refuses a JWKS URL over plain HTTP to another machine, both ways at once, and settings without either', () => {
    expect(() => loadConfig({ KG_JWKS_URL: 'http://id.example.com/jwks.json' })).toThrow(
      'KG_JWKS_URL must be an https:// URL (http:// only on localhost, 127.0.0.1 or [::1]) (got "http://id.example.com/jwks.json")',
    );
    expect(() => loadConfig({ KG_JWKS_URL: 'jwks.json' })).toThrow(/KG_JWKS_URL must be an https/);
    let message = '';
    try {
      loadConfig({ KG_JWT_ISSUER: 'https://id.example.com/', KG_JWT_ROLE_CLAIM: 'sub' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Invalid configuration:',
      '  KG_JWT_ROLE_CLAIM must not be one of the registered claims (iss, sub, aud, exp, nbf, iat, jti) (got "sub")',
      '  KG_JWT_ISSUER needs KG_JWT_SECRET or KG_JWKS_URL: without one, no token is accepted',
      '  KG_JWT_ROLE_CLAIM needs KG_JWT_SECRET or KG_JWKS_URL: without one, no token is accepted',
    ]);
    expect(() =>
      loadConfig({ KG_JWT_SECRET: 's'.repeat(32), KG_JWKS_URL: 'https://id.example.com/jwks' }),
    ).toThrow('KG_JWT_SECRET and KG_JWKS_URL are both set: tokens are checked by one of them');
    expect(() =>
      loadConfig({ KG_JWT_SECRET: 's'.repeat(32), KG_JWT_ROLE_CLAIM: 'kg role' }),
    ).toThrow('KG_JWT_ROLE_CLAIM must be the name of a claim, without spaces');
  });
});
