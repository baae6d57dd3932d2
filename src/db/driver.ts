import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConnection } from '../config.ts';
import { type ErrorCode, UserError } from '../model/errors.ts';

const USER_AGENT = 'industry-knowledge-graph/0.1';

/** One driver per process: it pools connections and, for neo4j:// URIs, routes to cluster members. */
export function createDriver(connection: Neo4jConnection): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    userAgent: USER_AGENT,
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 10_000,
  });
}

export interface ServerInfo {
  version: string;
  edition: string;
  database: string;
}

/**
 * Proves the server answers a query on the configured database (an open port is not enough),
 * and turns the ways it can fail into one clear line each.
 */
export async function checkConnection(
  driver: Driver,
  connection: Neo4jConnection,
): Promise<ServerInfo> {
  const session = driver.session({
    database: connection.database,
    defaultAccessMode: neo4j.session.READ,
  });
  try {
    const result = await session.run(
      'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    );
    const record = result.records[0];
    return {
      version: String(record?.get('version') ?? 'unknown'),
      edition: String(record?.get('edition') ?? 'unknown'),
      database: connection.database,
    };
  } catch (error) {
    throw connectionError(connection, error);
  } finally {
    await session.close();
  }
}

/** Maps a driver failure to what the user should do about it. */
export function connectionError(
  connection: Pick<Neo4jConnection, 'uri' | 'user' | 'database'>,
  error: unknown,
): Error {
  const code = (error as { code?: string } | null)?.code ?? '';
  const message = shortReason(error instanceof Error ? error.message : String(error));
  const at = `Neo4j at ${connection.uri}`;
  if (code === 'Neo.ClientError.Security.Unauthorized') {
    return new UserError(
      `${at} rejected the credentials of user "${connection.user}": check NEO4J_USER and NEO4J_PASSWORD.`,
      'NEO4J_UNAUTHORIZED',
      { cause: error },
    );
  }
  if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new UserError(
      `${at} refuses logins for a while after too many wrong passwords: wait, then check NEO4J_PASSWORD.`,
      'NEO4J_UNAUTHORIZED',
      { cause: error },
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new UserError(
      `${at} has no database "${connection.database}": check NEO4J_DATABASE.`,
      'NEO4J_NO_DATABASE',
      { cause: error },
    );
  }
  if (isUnreachable(error)) {
    return new UserError(
      `Cannot reach ${at} (${message}): is it running, and is NEO4J_URI right?`,
      'NEO4J_UNREACHABLE',
      { cause: error },
    );
  }
  return new UserError(`${at} failed: ${message}`, 'NEO4J_ERROR', { cause: error });
}

/** Whether a driver failure says that Neo4j does not answer (down, unreachable, cut off). */
export function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  // Said by connectivity.ts, which already knows Neo4j is away.
  if (code === ('SERVICE_UNAVAILABLE' satisfies ErrorCode)) return true;
  const message = error instanceof Error ? error.message : String(error);
  return (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|timed out/i.test(message)
  );
}

/** The driver's messages carry advice for other situations; keep the part that says what happened. */
export function shortReason(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim();
  const cause = /Caused by: (.*)$/.exec(line)?.[1];
  return (cause ?? line.replace(/\s*Known routing table.*$/, '')).trim();
}
