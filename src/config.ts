import path from 'node:path';
import { z } from 'zod';
import { type ApiKey, KEY_NAME, WRITE_KEY_NAME, writeKeyAsApiKey } from './auth/api-keys.ts';
import type { JwtConfig } from './auth/jwt.ts';
import { isRole, ROLES } from './auth/roles.ts';
import { UserError } from './model/errors.ts';
import { projectRoot } from './paths.ts';

export { projectRoot };

const NEO4J_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

const port = () =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535');

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => ['1', 'true', 'yes'].includes(v));

const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);

/** on or off; unset (or empty) is undefined, so that the default can depend on NODE_ENV. */
const onOff = z
  .string()
  .optional()
  .transform(optional)
  .pipe(z.enum(['on', 'off'], { message: 'must be on or off' }).optional());

/** JWT claims with a meaning of their own: none of them can carry a role. */
const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];

const envSchema = z.object({
  NEO4J_URI: z
    .string()
    .optional()
    .transform(optional)
    .refine((uri) => uri === undefined || hasScheme(uri), {
      message: `must start with one of ${NEO4J_SCHEMES.map((s) => `${s}://`).join(', ')}`,
    }),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional().transform(optional),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/, 'must be a Neo4j database name, e.g. neo4j')
    .optional()
    .transform(optional),
  PORT: port().default(4000),
  // Loopback by default: a development server is not reachable from the network until asked.
  KG_HOST: z
    .string()
    .optional()
    .transform((s) => optional(s)?.trim() ?? '127.0.0.1')
    .refine((host) => !/\s|\//.test(host), {
      message: 'must be an address or host name, e.g. 127.0.0.1, 0.0.0.0 or ::',
    }),
  KG_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .refine((origins) => origins.every(isOrigin) || (origins.length === 1 && origins[0] === '*'), {
      message:
        'must be "*" or a comma-separated list of origins such as https://app.example.com (scheme, host and port only; "null" is never allowed)',
    }),
  KG_BODY_LIMIT_MB: z.coerce
    .number({ message: 'must be a number of megabytes' })
    .gt(0, 'must be more than 0')
    .max(1024, 'must be at most 1024')
    .default(1),
  KG_QUERY_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(100, 'must be at least 100')
    .max(600_000, 'must be at most 600000 (ten minutes)')
    .default(5000),
  KG_PLAN_TIMEOUT_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(100, 'must be at least 100')
    .max(600_000, 'must be at most 600000 (ten minutes)')
    .default(60_000),
  KG_SHUTDOWN_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no wait) or more')
    .max(600_000, 'must be at most 600000 (ten minutes)')
    .default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KG_IMPORT_SEED: flag.default(true),
  KG_WARM_UP: flag.default(true),
  KG_WRITE_KEY: z
    .string()
    .optional()
    .transform(optional)
    .refine((key) => key === undefined || (key.length >= 24 && !/\s/.test(key)), {
      message:
        'must be at least 24 characters without spaces (e.g. the output of `openssl rand -hex 24`)',
    }),
  KG_API_KEYS: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const keys: ApiKey[] = [];
      for (const [i, entry] of (s ?? '').split(',').entries()) {
        if (entry.trim() === '') continue;
        const problem = apiKeyProblem(entry.trim(), keys);
        if (problem) {
          ctx.addIssue({
            code: 'custom',
            message: `entry ${i + 1} (${shownEntry(entry.trim())}) ${problem}`,
          });
        } else {
          const [name, role, sha256] = entry.trim().split(':') as [string, ApiKey['role'], string];
          keys.push({ name, role, sha256: sha256.toLowerCase() });
        }
      }
      return keys;
    }),
  KG_READS: z.enum(['public', 'key'], { message: 'must be public or key' }).default('public'),
  KG_JWT_SECRET: z
    .string()
    .optional()
    .transform(optional)
    .refine((secret) => secret === undefined || Buffer.byteLength(secret) >= 32, {
      message: 'must be at least 32 bytes (e.g. the output of `openssl rand -base64 32`)',
    }),
  KG_JWKS_URL: z
    .string()
    .optional()
    .transform(optional)
    .refine((url) => url === undefined || isJwksUrl(url), {
      message: 'must be an https:// URL (http:// only on localhost, 127.0.0.1 or [::1])',
    }),
  KG_JWT_ISSUER: z.string().optional().transform(optional),
  KG_JWT_AUDIENCE: z.string().optional().transform(optional),
  KG_JWT_ROLE_CLAIM: z
    .string()
    .optional()
    .transform(optional)
    .refine((claim) => claim === undefined || /^\S{1,128}$/.test(claim), {
      message: 'must be the name of a claim, without spaces',
    })
    .refine((claim) => claim === undefined || !REGISTERED_CLAIMS.includes(claim), {
      message: `must not be one of the registered claims (${REGISTERED_CLAIMS.join(', ')})`,
    }),
  KG_CACHE_MB: z.coerce
    .number({ message: 'must be a number of megabytes' })
    .min(0, 'must be 0 (off) or more')
    .max(65536, 'must be at most 65536')
    .default(64),
  KG_CACHE_CHECK_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(0, 'must be 0 (every request) or more')
    .max(3_600_000, 'must be at most 3600000 (an hour)')
    .default(1000),
  KG_CHANGES_POLL_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(50, 'must be at least 50')
    .max(3_600_000, 'must be at most 3600000 (an hour)')
    .default(1000),
  KG_INTROSPECTION: onOff,
  KG_GRAPHIQL: onOff,
  KG_TRUSTED_DOCUMENTS: z
    .enum(['off', 'allow', 'only'], { message: 'must be off, allow or only' })
    .default('allow'),
  KG_RATE_LIMIT: z.coerce
    .number({ message: 'must be a number of calls per minute' })
    .int('must be a whole number')
    .min(0, 'must be 0 (no limit) or more')
    .default(0),
  KG_METRICS: z
    .enum(['off', 'key', 'public'], { message: 'must be off, key or public' })
    .default('key'),
  NODE_ENV: z.string().optional(),
  KG_NEO4J_HOME: z.string().optional().transform(optional),
  NEO4J_VERSION: z
    .string()
    .regex(
      /^(5\.\d+(\.\d+)?|20\d\d(\.\d\d(\.\d+)?)?)$/,
      'must be a Neo4j version such as 5.26, 5.26.30, 2026 (the newest of the year), 2026.08 or 2026.08.1',
    )
    .default('5.26'),
  NEO4J_JAVA_HOME: z.string().optional().transform(optional),
  JAVA_HOME: z.string().optional().transform(optional),
  NEO4J_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'must be a size such as 512m or 1g')
    .default('1g'),
  NEO4J_PAGECACHE: z
    .string()
    .regex(/^\d+[mg]$/, 'must be a size such as 512m or 1g')
    .default('512m'),
  NEO4J_BOLT_PORT: port().default(7687),
  KG_NEO4J_INSTANCE: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,40}$/,
      'must be a short name of lowercase letters, digits and dashes',
    )
    .default('dev'),
});

// KG_API_KEYS holds hashes, not keys; it is not echoed whole either (each bad entry is shown cut).
const SECRETS = new Set(['NEO4J_PASSWORD', 'KG_WRITE_KEY', 'KG_API_KEYS', 'KG_JWT_SECRET']);

/** Where keys that sign tokens may come from: https, or plain http on this machine only. */
function isJwksUrl(text: string): boolean {
  try {
    const url = new URL(text);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && local);
  } catch {
    return false;
  }
}

/** What is wrong with one `name:role:sha256hex` entry of KG_API_KEYS, given the ones before it. */
function apiKeyProblem(entry: string, before: readonly ApiKey[]): string | undefined {
  const parts = entry.split(':');
  if (parts.length !== 3) return 'must be name:role:sha256hex (make one with `kg key new`)';
  const [name, role, sha256] = parts as [string, string, string];
  if (!KEY_NAME.test(name)) {
    return 'has a bad name: letters, digits, ".", "_", "@" and "-", at most 64';
  }
  if (!isRole(role)) return `has a bad role: must be one of ${ROLES.join(', ')}`;
  if (!/^[0-9a-fA-F]{64}$/.test(sha256)) {
    return 'must end with the SHA-256 of the key as 64 hex digits (make one with `kg key new`)';
  }
  if (before.some((k) => k.name === name)) return `repeats the name "${name}"`;
  if (before.some((k) => k.sha256 === sha256.toLowerCase())) return 'repeats the hash of another';
  return undefined;
}

/** An entry as a problem may quote it: the name and role, and only the start of the hash. */
function shownEntry(entry: string): string {
  const [name = '', role, hash] = entry.split(':');
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
  return [
    cut(name, 64),
    ...(role === undefined ? [] : [cut(role, 16)]),
    ...(hash === undefined ? [] : [cut(hash, 8)]),
  ].join(':');
}

/** Rules across variables, checked on the raw values so they are reported with all the others. */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (optional(env.NEO4J_URI) && !optional(env.NEO4J_PASSWORD)) {
    problems.push('  NEO4J_PASSWORD is required when NEO4J_URI is set');
  }
  // Earlier versions read HOST and listened on every interface by default: a deployment that set
  // it must not quietly become reachable from this machine only.
  if (optional(env.HOST) && !optional(env.KG_HOST)) {
    problems.push('  HOST is no longer read: set KG_HOST instead (e.g. KG_HOST=0.0.0.0)');
  }
  const jwtKeys = ['KG_JWT_SECRET', 'KG_JWKS_URL'].filter((name) => optional(env[name]));
  if (jwtKeys.length === 2) {
    problems.push(
      '  KG_JWT_SECRET and KG_JWKS_URL are both set: tokens are checked by one of them',
    );
  }
  for (const name of ['KG_JWT_ISSUER', 'KG_JWT_AUDIENCE', 'KG_JWT_ROLE_CLAIM']) {
    if (optional(env[name]) && jwtKeys.length === 0) {
      problems.push(
        `  ${name} needs KG_JWT_SECRET or KG_JWKS_URL: without one, no token is accepted`,
      );
    }
  }
  const names = (optional(env.KG_API_KEYS) ?? '').split(',').map((e) => e.trim().split(':')[0]);
  if (optional(env.KG_WRITE_KEY) && names.includes(WRITE_KEY_NAME)) {
    problems.push(
      `  KG_API_KEYS must not name a key "${WRITE_KEY_NAME}" while KG_WRITE_KEY is set: that is its name`,
    );
  }
  return problems;
}

/** An origin as browsers send it: http(s)://host[:port], nothing after; never "null". */
function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === text;
  } catch {
    return false;
  }
}

function hasScheme(uri: string): boolean {
  const scheme = uri.split('://')[0] ?? '';
  return uri.includes('://') && NEO4J_SCHEMES.includes(scheme);
}

/** A Neo4j server this project provisions and runs itself (see src/neo4j-server/). */
export interface ManagedNeo4jConfig {
  /** Which local server: the development one, or the test one with its own ports and data. */
  instance: 'dev' | 'test' | (string & {});
  /** A Neo4j version or version prefix: 5.26, 5.26.30, 2026 (any 2026.x), 2026.08, 2026.08.1. */
  version: string;
  /** Where jars, data and logs live (git ignores it). */
  home: string;
  /** NEO4J_JAVA_HOME, else JAVA_HOME; unset: `java` on the PATH, or a JDK found on disk. */
  javaHome: string | undefined;
  /** Which of the two set javaHome: NEO4J_JAVA_HOME is obeyed strictly, JAVA_HOME is a default. */
  javaHomeFrom: 'NEO4J_JAVA_HOME' | 'JAVA_HOME' | undefined;
  heap: string;
  pageCache: string;
  boltPort: number;
  /** The database the server creates as its default one. */
  database: string;
}

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface Config {
  /** A server given by URI, or undefined when the project manages its own. */
  neo4j: Neo4jConnection | undefined;
  managed: ManagedNeo4jConfig;
  server: {
    port: number;
    /** The address to listen on: 127.0.0.1 unless KG_HOST says otherwise (0.0.0.0 in containers). */
    host: string;
    /** Origins whose pages may call the API from a browser; empty: none; ['*']: any. */
    corsOrigins: readonly string[];
    /** The largest request body accepted without the write key, in bytes (see src/http/body-limit.ts). */
    bodyLimitBytes: number;
    /** Every transaction the server runs ends within this many ms (see src/db/connectivity.ts). */
    queryTimeoutMs: number;
    /**
     * How long Neo4j may take to plan a read the server has not sent before, outside
     * queryTimeoutMs (see src/db/plan-cache.ts): a cold Neo4j plans a large statement in seconds.
     */
    planTimeoutMs: number;
    /** How long SIGTERM/SIGINT wait for requests in flight before the driver closes. */
    shutdownMs: number;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  importSeedWhenEmpty: boolean;
  /** Whether the server runs its clients' operations once at start, so Neo4j plans them early. */
  warmUp: boolean;
  seedDir: string;
  /**
   * The keys requests may present as `Authorization: Bearer <key>` (KG_API_KEYS, and KG_WRITE_KEY as
   * the editor key "write-key"); no editor or admin among them: writing over GraphQL is off.
   */
  apiKeys: readonly ApiKey[];
  /**
   * How `Authorization: Bearer <token>` JWTs are verified (KG_JWT_SECRET or KG_JWKS_URL, with
   * KG_JWT_ISSUER, KG_JWT_AUDIENCE, KG_JWT_ROLE_CLAIM); undefined: tokens are not accepted.
   */
  jwt: Readonly<JwtConfig> | undefined;
  /** Whether GraphQL reads are open to all (public) or need a key or token of any role (key). */
  reads: 'public' | 'key';
  /** The response cache: its size in bytes (0: off), and how often the graph version is read. */
  cache: { maxBytes: number; checkMs: number };
  /**
   * How often, in ms, the server reads the graph version while clients subscribe to
   * `graphChanged` (one read per server, however many subscribe; none while nobody does).
   */
  changesPollMs: number;
  /** What the API shows of itself (see README, "In production"). */
  exposure: {
    /** Whether `__schema` and `__type` answer, and validation errors suggest field names. */
    introspection: boolean;
    /** Whether GET /graphql from a browser serves GraphiQL. */
    graphiql: boolean;
    /** off: no persisted ids; allow: ids and any document; only: listed documents only. */
    trustedDocuments: TrustedDocumentsMode;
  };
  /** Writes and calls of expensive fields one client may make per minute; 0: no limit. */
  rateLimitPerMinute: number;
  /** Who may read /metrics: nobody (off), admin keys (key), anyone (public). */
  metrics: 'off' | 'key' | 'public';
}

export type TrustedDocumentsMode = 'off' | 'allow' | 'only';

/**
 * Parses the environment once. Every problem is reported together, one line each, naming the
 * variable, so that a user fixes them in one go.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  const lines = [
    ...(parsed.error?.issues ?? []).map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      // Secrets are never echoed, not even when they are wrong.
      const shown =
        env[name] === undefined || SECRETS.has(name) ? '' : ` (got ${JSON.stringify(env[name])})`;
      return `  ${name} ${issue.message}${shown}`;
    }),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || lines.length > 0) {
    throw new UserError(`Invalid configuration:\n${lines.join('\n')}`, 'BAD_CONFIG');
  }
  const e = parsed.data;
  // A production deployment shows nothing of the schema unless asked; development shows it all.
  const shown = (value: 'on' | 'off' | undefined) =>
    value === undefined ? e.NODE_ENV !== 'production' : value === 'on';
  const managed: ManagedNeo4jConfig = Object.freeze({
    instance: e.KG_NEO4J_INSTANCE,
    version: e.NEO4J_VERSION,
    home: path.resolve(e.KG_NEO4J_HOME ?? path.join(projectRoot, '.neo4j')),
    javaHome: e.NEO4J_JAVA_HOME ?? e.JAVA_HOME,
    javaHomeFrom: e.NEO4J_JAVA_HOME ? 'NEO4J_JAVA_HOME' : e.JAVA_HOME ? 'JAVA_HOME' : undefined,
    heap: e.NEO4J_HEAP,
    pageCache: e.NEO4J_PAGECACHE,
    boltPort: e.NEO4J_BOLT_PORT,
    database: e.NEO4J_DATABASE ?? 'neo4j',
  });
  const neo4j = e.NEO4J_URI
    ? Object.freeze({
        uri: e.NEO4J_URI,
        user: e.NEO4J_USER,
        password: e.NEO4J_PASSWORD ?? '',
        database: e.NEO4J_DATABASE ?? 'neo4j',
      })
    : undefined;
  return Object.freeze({
    neo4j,
    managed,
    server: Object.freeze({
      port: e.PORT,
      host: e.KG_HOST,
      corsOrigins: Object.freeze(e.KG_CORS_ORIGINS),
      bodyLimitBytes: Math.round(e.KG_BODY_LIMIT_MB * 1024 * 1024),
      queryTimeoutMs: e.KG_QUERY_TIMEOUT_MS,
      planTimeoutMs: e.KG_PLAN_TIMEOUT_MS,
      shutdownMs: e.KG_SHUTDOWN_MS,
    }),
    logLevel: e.LOG_LEVEL,
    importSeedWhenEmpty: e.KG_IMPORT_SEED,
    warmUp: e.KG_WARM_UP,
    seedDir: path.join(projectRoot, 'seed'),
    apiKeys: Object.freeze(
      [...e.KG_API_KEYS, ...(e.KG_WRITE_KEY ? [writeKeyAsApiKey(e.KG_WRITE_KEY)] : [])].map((k) =>
        Object.freeze(k),
      ),
    ),
    jwt: jwtConfig(e),
    reads: e.KG_READS,
    cache: Object.freeze({
      maxBytes: Math.round(e.KG_CACHE_MB * 1024 * 1024),
      checkMs: e.KG_CACHE_CHECK_MS,
    }),
    changesPollMs: e.KG_CHANGES_POLL_MS,
    exposure: Object.freeze({
      introspection: shown(e.KG_INTROSPECTION),
      graphiql: shown(e.KG_GRAPHIQL),
      trustedDocuments: e.KG_TRUSTED_DOCUMENTS,
    }),
    rateLimitPerMinute: e.KG_RATE_LIMIT,
    metrics: e.KG_METRICS,
  });
}

/** JWT settings, when a secret or a JWKS URL turns tokens on. */
function jwtConfig(e: z.infer<typeof envSchema>): Readonly<JwtConfig> | undefined {
  const keys = e.KG_JWT_SECRET
    ? { secret: e.KG_JWT_SECRET }
    : e.KG_JWKS_URL
      ? { jwksUrl: e.KG_JWKS_URL }
      : undefined;
  if (!keys) return undefined;
  return Object.freeze({
    keys: Object.freeze(keys),
    issuer: e.KG_JWT_ISSUER,
    audience: e.KG_JWT_AUDIENCE,
    roleClaim: e.KG_JWT_ROLE_CLAIM ?? 'role',
  });
}
