import { isInternal } from '../http/internal-requests.ts';
import {
  type DocumentNode,
  getOperationAST,
  GraphQLError,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { ErrorCode } from '../model/errors.ts';
import type { GraphQLContext } from './context.ts';

/** The root fields that cost a server the most: each call counts against the client's limit. */
export const EXPENSIVE_FIELDS: ReadonlySet<string> = new Set([
  'paths',
  'pathLength',
  'neighborhood',
  'search',
  'draftArticle',
]);

const RATE_LIMITED: ErrorCode = 'RATE_LIMITED';
const WINDOW_MS = 60_000;
/** Clients remembered at most: a flood of addresses evicts the oldest, never grows the heap. */
const MAX_CLIENTS = 100_000;

export interface RateLimitOptions {
  /** Calls of expensive fields and mutations a client may make per minute; 0: no limit. */
  perMinute: number;
  /** Now, in ms; a test hands in its own clock. */
  now?: () => number;
}

interface Window {
  start: number;
  used: number;
}

/**
 * Per-client limits on writes and on the expensive root fields, counted in memory by this server
 * instance (behind a load balancer, each instance counts its own), in fixed windows of a minute.
 * A client is the API key it presents when that key is valid (by its name), or the subject of a
 * valid token, else its IP address. Every mutation root field and every expensive root field
 * counts one (so thirty aliased `paths` count thirty); a request that would go over the limit is
 * refused whole, before anything runs, with RATE_LIMITED, HTTP 429 and Retry-After, and counts
 * nothing. Runs at execution, so an answer the response cache serves (before execution) counts
 * nothing: it costs Neo4j nothing. Opening a subscription counts one per root field too: a stream
 * holds a connection for as long as it lasts (its events count nothing: one read serves them all).
 */
export function rateLimitPlugin({ perMinute, now = Date.now }: RateLimitOptions): Plugin[] {
  if (perMinute <= 0) return [];
  const windows = new LRUCache<string, Window>({ max: MAX_CLIENTS });
  const limit = ({ args, setResultAndStopExecution }: Limited) => {
    const cost = costOf(args.document, args.operationName ?? undefined);
    if (cost === 0) return;
    const context = args.contextValue as GraphQLContext & ClientAddress & { request?: Request };
    if (isInternal(context.request)) return;
    const { caller } = context;
    const client =
      caller.kind === 'key'
        ? `key:${caller.name}`
        : caller.kind === 'token'
          ? `token:${caller.subject}`
          : `ip:${addressOf(context)}`;
    const at = now();
    let window = windows.get(client);
    if (!window || at - window.start >= WINDOW_MS) {
      window = { start: at, used: 0 };
      windows.set(client, window);
    }
    if (window.used + cost <= perMinute) {
      window.used += cost;
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - at) / 1000));
    setResultAndStopExecution({
      errors: [
        new GraphQLError(
          `Rate limit: at most ${perMinute} writes and calls of ${[...EXPENSIVE_FIELDS].join(', ')} a minute; try again in ${retryAfter} s.`,
          {
            extensions: {
              code: RATE_LIMITED,
              http: { status: 429, headers: { 'retry-after': String(retryAfter) } },
            },
          },
        ),
      ],
    });
  };
  const plugin: Plugin<GraphQLContext> = { onExecute: limit, onSubscribe: limit };
  return [plugin as Plugin];
}

/** What onExecute and onSubscribe both hand a plugin, of what the limit needs. */
interface Limited {
  args: { document: DocumentNode; operationName?: string | null; contextValue: unknown };
  setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
}

/** What the Node HTTP server hands Yoga with each request (its server context). */
interface ClientAddress {
  req?: { socket?: { remoteAddress?: string | undefined } };
}

function addressOf(context: ClientAddress): string {
  return context.req?.socket?.remoteAddress ?? 'unknown';
}

/**
 * How many calls the operation makes that count: its mutation and subscription root fields, its
 * expensive ones.
 */
export function costOf(document: DocumentNode, operationName: string | undefined): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [],
    ),
  );
  const count = (set: SelectionSetNode, seen: Set<string>): number =>
    set.selections.reduce((sum, selection) => {
      if (selection.kind === Kind.FIELD) {
        const counts =
          operation.operation !== 'query' || EXPENSIVE_FIELDS.has(selection.name.value);
        return sum + (counts ? 1 : 0);
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return sum + count(selection.selectionSet, seen);
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) return sum;
      return sum + count(fragment, new Set([...seen, name]));
    }, 0);
  return count(operation.selectionSet, new Set());
}
