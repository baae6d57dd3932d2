import { createPubSub, Repeater } from 'graphql-yoga';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { type ChangePosition, type GraphChange, readChanges } from '../writelog/changes.ts';

/**
 * The server's feed of graph changes for `subscription { graphChanged }`. The graph version in
 * Neo4j is the source of truth (src/db/graph-version.ts), so a write of any process counts, `kg`'s
 * included, and every server on one Neo4j tells its subscribers alike. One poller per server,
 * whatever the number of subscribers: it runs while there is at least one (started by the first,
 * stopped when the last leaves), reads the changes every `pollMs` in one statement, and hands
 * each change to every subscriber through one pub/sub.
 */
export interface ChangeFeed {
  /** The events of one subscriber: where the graph stands now, then each change. */
  subscribe(): AsyncIterable<GraphChange>;
  /** This server has just written: read at once rather than at the next tick. */
  poke(): void;
  /** Ends every subscriber's stream (shutdown) and polls no more. */
  close(): void;
  /** How many subscribers there are now. */
  readonly subscribers: number;
}

export interface ChangeFeedOptions {
  db: Pick<Database, 'read'>;
  /** How often the version is read while anyone listens, in ms (KG_CHANGES_POLL_MS). */
  pollMs: number;
  logger?: Pick<Logger, 'warn'> | undefined;
}

export function changeFeed({ db, pollMs, logger }: ChangeFeedOptions): ChangeFeed {
  const pubsub = createPubSub<{ change: [GraphChange] }>();
  const stops = new Set<() => void>();
  // What the poller last saw; forgotten when it stops, so that a later first subscriber starts
  // from the graph as it is then, not from a backlog of what happened while nobody listened.
  let position: ChangePosition | undefined;
  let starting: Promise<ChangePosition> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let again = false;
  let closed = false;
  let failing = false;

  const running = () => stops.size > 0 && !closed;

  /** Where the graph stands: the poller's position, or one read when it has none yet. */
  function start(): Promise<ChangePosition> {
    if (position) return Promise.resolve(position);
    starting ??= readChanges(db, undefined)
      .then(({ position: now }) => {
        if (running()) {
          position = now;
          schedule(pollMs);
        }
        return now;
      })
      .finally(() => {
        starting = undefined;
      });
    return starting;
  }

  function schedule(ms: number) {
    clearTimeout(timer);
    timer = running() ? setTimeout(() => void poll(), ms) : undefined;
  }

  async function poll() {
    timer = undefined;
    if (!running() || !position) return;
    polling = true;
    again = false;
    let more = false;
    try {
      const read = await readChanges(db, position);
      failing = false;
      // The last subscriber may have left while the read ran: nobody to tell, nothing to keep.
      if (!running() || !position) return;
      position = read.position;
      more = read.more;
      if (read.change) pubsub.publish('change', read.change);
    } catch (error) {
      // Neo4j away: connectivity.ts says so once; the feed tries again at its pace.
      if (!failing) logger?.warn({ err: error }, 'The change feed cannot read the graph version');
      failing = true;
    } finally {
      polling = false;
      schedule(more || again ? 0 : pollMs);
    }
  }

  function stopPolling() {
    clearTimeout(timer);
    timer = undefined;
    position = undefined;
  }

  return {
    subscribe() {
      return new Repeater<GraphChange>(async (push, stop) => {
        if (closed) return stop();
        const leave = () => stop();
        stops.add(leave);
        // Subscribed before the position is read: a change published meanwhile is newer than it.
        const changes = pubsub.subscribe('change');
        void stop.then(() => {
          stops.delete(leave);
          void changes.return();
          if (stops.size === 0) stopPolling();
        });
        try {
          const now = await start();
          await push({ version: now.version, articles: [], merges: [] });
          // Ends when `stop` returns `changes`: the client left, or the server closes.
          for await (const change of changes) await push(change);
        } catch (error) {
          stop(error);
        }
      });
    },
    poke() {
      if (!running() || !position) return;
      if (polling) again = true;
      else schedule(0);
    },
    close() {
      closed = true;
      stopPolling();
      for (const leave of [...stops]) leave();
    },
    get subscribers() {
      return stops.size;
    },
  };
}
