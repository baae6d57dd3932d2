/**
 * The catalogue of expected failures: every code a user can meet, what it means, and whether API
 * clients see it (as `extensions.code`) or only shells do. Domain code throws a UserError with one
 * of these codes; the GraphQL server maps it to a coded GraphQL error in one place (its masking
 * hook, src/server.ts), the CLI prints its message. Anything else is unexpected: logged, and
 * answered as "Unexpected error." without a stack trace.
 */
export const ERRORS = {
  // Answered to API clients, and printed by the CLI.
  BAD_USER_INPUT: { api: true, meaning: 'An argument, a cursor, a date or a document is wrong.' },
  NOT_FOUND: { api: true, meaning: 'An id names nothing in the graph (or no longer does).' },
  UNAUTHENTICATED: {
    api: true,
    meaning:
      'The request needs a valid key or token (writing; reading too with KG_READS=key), or sent a bad token.',
  },
  FORBIDDEN: {
    api: true,
    meaning: "The key's role does not allow this, or writing over GraphQL is disabled here.",
  },
  // Refused before anything runs, by graphql-armor and result-size (src/graphql/limits.ts).
  QUERY_TOO_DEEP: { api: true, meaning: 'The operation nests deeper than the depth limit.' },
  QUERY_TOO_COSTLY: {
    api: true,
    meaning: 'The lists of the operation could answer more values than the limit.',
  },
  TOO_MANY_ALIASES: { api: true, meaning: 'The operation has more aliases than the limit.' },
  TOO_MANY_DIRECTIVES: { api: true, meaning: 'The operation has more directives than the limit.' },
  TOO_MANY_TOKENS: { api: true, meaning: 'The document has more tokens than the limit.' },
  SERVER_BUSY: {
    api: true,
    meaning: 'Too many large documents are being parsed at once: try again in a moment.',
  },
  // Refused when the server shows less of itself (src/graphql/introspection.ts, trusted-documents.ts).
  INTROSPECTION_DISABLED: {
    api: true,
    meaning: 'The operation asks for `__schema` or `__type` on a server with introspection off.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    api: true,
    meaning: 'A persisted document id (hash) names no document of the trusted list.',
  },
  PERSISTED_QUERY_ONLY: {
    api: true,
    meaning: 'The server runs trusted documents only, and this document is not one of them.',
  },
  RATE_LIMITED: {
    api: true,
    meaning: 'The client made more writes and expensive calls this minute than KG_RATE_LIMIT.',
  },
  // Refused before the body is read (src/http/body-limit.ts), with HTTP status 413.
  REQUEST_ENTITY_TOO_LARGE: { api: true, meaning: 'The request body is over the size limit.' },
  // Neo4j is away or frozen (src/db/connectivity.ts): try again in a few seconds. A request
  // refused before it ran answers HTTP 503 with Retry-After (for application/graphql-response+json).
  SERVICE_UNAVAILABLE: { api: true, meaning: 'Neo4j does not answer right now.' },
  // A statement ran out of KG_QUERY_TIMEOUT_MS: asking again for the same is likely to fail again.
  QUERY_TIMEOUT: { api: true, meaning: 'The request took longer than its time limit.' },
  // Printed by shells only (configuration, the managed Neo4j, the CLI).
  BAD_CONFIG: { api: false, meaning: 'An environment variable has a value that cannot work.' },
  NO_FILES: { api: false, meaning: 'The paths given hold no article file.' },
  PORT_IN_USE: { api: false, meaning: 'The HTTP port is taken by another process.' },
  PORT_TAKEN: { api: false, meaning: 'The Bolt port of the managed Neo4j is taken.' },
  NOT_MANAGED: { api: false, meaning: 'A managed-Neo4j command while NEO4J_URI is set.' },
  JAVA_MISSING: { api: false, meaning: 'No Java to run the managed Neo4j.' },
  JAVA_TOO_OLD: { api: false, meaning: 'The Java found is too old for this Neo4j version.' },
  MAVEN_MISSING: { api: false, meaning: 'No Maven to fetch Neo4j from Maven Central.' },
  MAVEN_FAILED: { api: false, meaning: 'Maven could not fetch Neo4j.' },
  NEO4J_VERSION_NOT_FOUND: { api: false, meaning: 'No Neo4j release matches NEO4J_VERSION.' },
  NEO4J_START_FAILED: { api: false, meaning: 'The managed Neo4j exited while starting.' },
  NEO4J_START_TIMEOUT: { api: false, meaning: 'The managed Neo4j did not answer in time.' },
  NEO4J_NOT_STARTED: { api: false, meaning: 'The managed Neo4j is not running.' },
  NEO4J_PASSWORD: { api: false, meaning: 'The managed Neo4j password file is missing.' },
  NEO4J_UNREACHABLE: { api: false, meaning: 'Nothing answers at the Neo4j URI.' },
  NEO4J_UNAUTHORIZED: { api: false, meaning: 'Neo4j rejected the user or password.' },
  NEO4J_NO_DATABASE: {
    api: false,
    meaning: 'The database named by NEO4J_DATABASE does not exist.',
  },
  NEO4J_ERROR: { api: false, meaning: 'Neo4j refused a request for another reason.' },
  BAD_BACKUP: {
    api: false,
    meaning: 'A file given to `kg restore` is not a backup it can restore.',
  },
  GRAPH_NOT_EMPTY: {
    api: false,
    meaning: '`kg restore` into a graph that holds data, without --replace.',
  },
  GRAPH_CHANGED: { api: false, meaning: 'The graph was written to while `kg backup` read it.' },
} as const satisfies Record<string, { api: boolean; meaning: string }>;

export type ErrorCode = keyof typeof ERRORS;

/**
 * A mistake the user can fix (bad configuration, missing Java, wrong password, bad input file).
 * Shells print only its message, never a stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** A stable, machine-readable code from the catalogue above. */
    readonly code: ErrorCode,
    options?: {
      cause?: unknown;
      /** More for API clients, beside the code: e.g. `issues` of an invalid document. */
      details?: Record<string, unknown>;
    },
  ) {
    super(message, options);
    this.name = 'UserError';
    this.details = options?.details ?? {};
  }

  readonly details: Record<string, unknown>;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** Whether API clients may see this error's message and code. */
export function isForClients(error: unknown): error is UserError {
  return isUserError(error) && ERRORS[error.code].api;
}

/** How much of what a client sent an error may quote back. */
export const MAX_ECHO = 100;

/** The first `max` characters of `text`, marked as cut when it is longer (to quote user input). */
export function excerpt(text: string, max = MAX_ECHO): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

/** The one line a shell shows for any error: the message of a UserError, a short note otherwise. */
export function describeError(error: unknown): string {
  if (isUserError(error)) return error.message;
  if (error instanceof Error) return `Unexpected error: ${error.message}`;
  return `Unexpected error: ${String(error)}`;
}
