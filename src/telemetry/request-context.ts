import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What the code running for one HTTP request knows about it without being handed it: its id,
 * for every log line of the request (statements included), and what metrics label it by.
 */
export interface RequestContext {
  /** The client's X-Request-Id when it is a sane token, else a UUID of ours. */
  readonly id: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /** The operation, once its document parsed: its name as the client wrote it, and its type. */
  operation?: { name: string | undefined; type: string } | undefined;
  /** Whether the response cache had the answer: set once it was asked; any hit makes it a hit. */
  cache?: 'hit' | 'miss' | undefined;
  /** How the GraphQL answer ended, once it is made; never set for /health, /metrics, GraphiQL. */
  answer?: { outcome: 'ok' | 'partial' | 'error'; codes: (string | undefined)[] } | undefined;
}

/** The header that carries a request's id, both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An id a client may choose: one token of at most 128 characters from a safe set (a UUID, a
 * W3C trace id, a proxy's own id), so that it cannot forge log lines or swell them.
 */
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The id a request goes by: the one its client sent, if sane, else a new one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && SANE_ID.test(header) ? header : randomUUID();
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` (the whole handling of one request) with `context` as the current request. */
export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The request the calling code runs for; undefined outside requests (start-up, the CLI). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
