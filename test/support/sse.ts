import type { GraphQLResult } from './graphql.ts';

/** A GraphQL subscription over Server-Sent Events, read as a browser's fetch reads it. */
export interface EventStream<T> {
  response: Response;
  /** The next `next` event's payload; fails after `timeoutMs` without one, or when the stream ends. */
  next(timeoutMs?: number): Promise<GraphQLResult<T>>;
  /** Whether the server ended the stream (a `complete` event, or the end of the body). */
  ended(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

/**
 * Sends `query` with `Accept: text/event-stream` (as GraphiQL does with POST, and a browser's
 * EventSource with GET, the query in the URL), then reads the events as they come. No GraphQL
 * client library: what a front end's plain fetch does.
 */
export async function subscribe<T>(
  fetch: Fetch,
  url: string,
  query: string,
  headers: Record<string, string> = {},
  method: 'POST' | 'GET' = 'POST',
): Promise<EventStream<T>> {
  const response = await (method === 'GET'
    ? fetch(`${url}?${new URLSearchParams({ query }).toString()}`, {
        headers: { accept: 'text/event-stream', ...headers },
      })
    : fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
        body: JSON.stringify({ query }),
      }));
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  const queue: { event: string; data: string }[] = [];
  let buffer = '';
  let done = false;

  /** Reads until an event is queued or the stream ends; false when it ended with none. */
  async function fill(): Promise<boolean> {
    while (queue.length === 0 && !done) {
      const chunk = await reader!.read();
      if (chunk.done) {
        done = true;
        break;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        const event =
          lines
            .find((l) => l.startsWith('event:'))
            ?.slice(6)
            .trim() ?? 'message';
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        // A line of its own starting with ':' is a keep-alive comment.
        if (lines.every((l) => l.startsWith(':') || l === '')) continue;
        queue.push({ event, data });
      }
    }
    return queue.length > 0;
  }

  const within = <R>(ms: number, what: string, work: Promise<R>): Promise<R> => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  };

  return {
    response,
    async next(timeoutMs = 10_000) {
      if (!reader) throw new Error(`HTTP ${response.status}: no body`);
      return within(
        timeoutMs,
        'event',
        (async () => {
          if (!(await fill())) throw new Error('the stream ended');
          const { event, data } = queue.shift()!;
          if (event !== 'next') throw new Error(`a "${event}" event, not "next": ${data}`);
          return JSON.parse(data) as GraphQLResult<T>;
        })(),
      );
    },
    async ended(timeoutMs = 10_000) {
      return within(
        timeoutMs,
        'end',
        (async () => {
          await fill();
          const first = queue.shift();
          return first === undefined || first.event === 'complete';
        })(),
      );
    },
    async close() {
      await reader?.cancel().catch(() => {});
    },
  };
}
