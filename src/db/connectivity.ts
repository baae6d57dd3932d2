import { UserError } from '../model/errors.ts';

/**
 * Whether Neo4j answers, as this process last saw it: the reason requests fail at once while it
 * is away, instead of each waiting for the driver's connection timeouts and retries.
 *
 * Up, every statement runs (see `guard`). It goes down when Neo4j is unreachable: a statement, or
 * the check that a statement still waiting after `suspectMs` asks for, meets a refused or lost
 * connection; then the statements still waiting fail at once too. It also goes down when a
 * statement got no answer within its timeout and a margin and then a `RETURN 1` gets none within
 * `probeMs` either (a frozen server); then only new statements fail at once, since a Neo4j that
 * is merely very busy may still answer the ones waiting. Down, statements fail at once with SERVICE_UNAVAILABLE, and a probe in the background,
 * with backoff, brings it back up as soon as Neo4j answers a `RETURN 1` again.
 */
export interface Connectivity {
  /** False while Neo4j is known not to answer. */
  readonly up: boolean;
  /**
   * Runs `op` while up. It fails with SERVICE_UNAVAILABLE at once while down, when Neo4j goes
   * down while it waits, or when it fails for want of a connection; with QUERY_TIMEOUT when Neo4j
   * stopped it at `timeoutMs`, or when no answer came within `timeoutMs` and a margin. `op` is
   * told whether its caller has stopped waiting, so that it does not start another attempt.
   * With `whileAnsweringMs` (planning, which Neo4j does not count as running), the wait goes on
   * past `timeoutMs` for as long as Neo4j answers a check, up to `whileAnsweringMs`; a Neo4j that
   * does not answer one is frozen, not busy planning, and `op` fails with SERVICE_UNAVAILABLE.
   */
  guard<T>(
    op: (abandoned: () => boolean) => Promise<T>,
    timeoutMs?: number,
    whileAnsweringMs?: number,
  ): Promise<T>;
  /** Whether Neo4j answers a check now, within `probeMs`; a refused connection marks it down. */
  check(): Promise<boolean>;
  /** Stops the background probe (the driver is closing). */
  close(): void;
}

export interface ConnectivityOptions {
  /** One round-trip to Neo4j; rejects when it does not answer. */
  ping: () => Promise<void>;
  /** How long a check may take before it counts as not answered (not ready). */
  probeMs?: number;
  /** How long a statement may wait before a check asks whether Neo4j still answers. */
  suspectMs?: number;
  /** The longest wait between probes while down. */
  maxBackoffMs?: number;
  /** Hears every change, to log it: down with the reason, up with how long it was down. */
  onChange?: (change: { up: false; reason: string } | { up: true; downMs: number }) => void;
}

export const PROBE_MS = 1_500;
/** What a statement may take beyond its timeout: Neo4j's answer that it timed out, on a busy machine. */
export const TIMEOUT_MARGIN_MS = 1_000;
const SUSPECT_MS = 300;
const FIRST_BACKOFF_MS = 100;
const MAX_BACKOFF_MS = 1_000;
/** A ping that has not settled for this long is given up on, and the next probe opens another. */
const STALE_PING_MS = 10_000;

export function serviceUnavailable(cause?: unknown): UserError {
  return new UserError(
    'The graph database does not answer right now; try again in a few seconds.',
    'SERVICE_UNAVAILABLE',
    { cause },
  );
}

export function queryTimeout(timeoutMs: number | undefined, cause?: unknown): UserError {
  const limit = timeoutMs === undefined ? 'its time limit' : `its time limit of ${timeoutMs} ms`;
  return new UserError(
    `The request did not finish within ${limit} and was stopped; ask for less (fewer items or levels), or try again.`,
    'QUERY_TIMEOUT',
    { cause },
  );
}

/** A failure to reach Neo4j at all (refused, reset, closed, no server for the routing), not a refusal by it. */
export function isConnectionFailure(error: unknown): boolean {
  const { code = '', message = '' } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code === 'Neo.TransientError.General.DatabaseUnavailable' ||
    /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|socket hang up|acquisition timed out|Failed to establish connection/i.test(
      String(message),
    )
  );
}

/** An error Neo4j itself sent (a Neo.* code), other than saying that it is not available. */
function isServerAnswer(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('Neo.') && !isConnectionFailure(error);
}

/**
 * Neo4j stopped the transaction because it ran longer than the timeout the driver gave it: said
 * so, or (waiting for a lock) said that its lock client stopped, once the timeout had passed.
 */
export function isTransactionTimeout(
  error: unknown,
  elapsedMs: number,
  timeoutMs?: number,
): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (/TransactionTimedOut/.test(code)) return true;
  return (
    timeoutMs !== undefined &&
    elapsedMs >= timeoutMs &&
    /LockClientStopped|Transaction\.Terminated/.test(code)
  );
}

/** What a ping found: an answer, a refusal to connect, or nothing yet. */
type Heard = 'answer' | 'unreachable' | 'silence';

export function createConnectivity(options: ConnectivityOptions): Connectivity {
  const probeMs = options.probeMs ?? PROBE_MS;
  const suspectMs = options.suspectMs ?? SUSPECT_MS;
  const maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
  const onChange = options.onChange ?? (() => {});

  let up = true;
  let downSince = 0;
  let closed = false;
  let probeTimer: NodeJS.Timeout | undefined;
  /** What waits on a statement: told when Neo4j is found unreachable, so that it stops waiting. */
  const waiting = new Set<() => void>();
  /** The ping in flight, shared by every check that runs meanwhile (one at a time, not one each). */
  let ping: { heard: Promise<Heard>; startedAt: number } | undefined;
  /** When a ping last came back: checks within `suspectMs` of it take its word. */
  let answeredAt = -Infinity;

  /**
   * Unreachable (a connection refused or lost), what waits is told at once: it cannot succeed.
   * Silent (no answer in time), what waits goes on waiting for its own answer or time limit: a
   * busy Neo4j is slow, not gone, and the probe brings the state back as soon as it answers.
   */
  const markDown = (reason: string, unreachable: boolean) => {
    if (closed) return;
    if (up) {
      up = false;
      downSince = performance.now();
      onChange({ up: false, reason });
      scheduleProbe(FIRST_BACKOFF_MS);
    }
    if (unreachable) for (const stop of [...waiting]) stop();
  };

  const markUp = () => {
    if (up) return;
    up = true;
    onChange({ up: true, downMs: Math.round(performance.now() - downSince) });
  };

  /** What a ping hears within `withinMs`; `recentWillDo`: or an answer of the last `suspectMs`. */
  const listen = (withinMs: number, recentWillDo = false): Promise<Heard> => {
    if (recentWillDo && !ping && performance.now() - answeredAt < suspectMs) {
      return Promise.resolve('answer');
    }
    if (!ping || performance.now() - ping.startedAt > STALE_PING_MS) {
      const current = {
        startedAt: performance.now(),
        heard: options.ping().then(
          (): Heard => {
            answeredAt = performance.now();
            return 'answer';
          },
          // Neo4j refusing the statement itself is an answer too; the driver giving up is not.
          (error: unknown): Heard => (isServerAnswer(error) ? 'answer' : 'unreachable'),
        ),
      };
      ping = current;
      void current.heard.then(() => {
        if (ping === current) ping = undefined;
      });
    }
    const { heard } = ping;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('silence'), withinMs);
      void heard.then((what) => {
        clearTimeout(timer);
        resolve(what);
      });
    });
  };

  /** While down: ping, with backoff, until Neo4j answers (however long the answer takes). */
  const scheduleProbe = (delayMs: number) => {
    if (closed || probeTimer) return;
    probeTimer = setTimeout(() => {
      void listen(STALE_PING_MS).then((heard) => {
        probeTimer = undefined;
        if (closed) return;
        if (heard === 'answer') markUp();
        else scheduleProbe(Math.min(delayMs * 2, maxBackoffMs));
      });
    }, delayMs);
    probeTimer.unref();
  };

  /** A statement is slow: is Neo4j still there? Only a refused connection says it is not. */
  const suspect = () => {
    void listen(probeMs, true).then((heard) => {
      if (heard === 'unreachable') markDown('Neo4j refuses connections', true);
    });
  };

  /** A statement got no answer within its time limit: frozen, or only this statement is slow? */
  const verifySilence = () => {
    void listen(probeMs).then((heard) => {
      if (heard === 'unreachable') markDown('Neo4j refuses connections', true);
      if (heard === 'silence') markDown('Neo4j does not answer (frozen or overloaded)', false);
    });
  };

  const check = async (): Promise<boolean> => {
    if (!up) return false;
    const heard = await listen(probeMs);
    if (heard === 'unreachable') markDown('Neo4j refuses connections', true);
    return heard === 'answer' && up;
  };

  return {
    get up() {
      return up;
    },
    check,
    close() {
      closed = true;
      clearTimeout(probeTimer);
      probeTimer = undefined;
    },
    guard(op, timeoutMs, whileAnsweringMs) {
      if (!up) return Promise.reject(serviceUnavailable());
      const started = performance.now();
      return new Promise((resolve, reject) => {
        let settled = false;
        const timers: NodeJS.Timeout[] = [];
        const finish = (then: () => void) => {
          if (settled) return;
          settled = true;
          for (const timer of timers) clearTimeout(timer);
          waiting.delete(onDown);
          then();
        };
        const onDown = () => finish(() => reject(serviceUnavailable()));
        waiting.add(onDown);
        timers.push(setTimeout(suspect, suspectMs));
        if (timeoutMs !== undefined && whileAnsweringMs !== undefined) {
          const recheck = () => {
            if (settled) return;
            if (performance.now() - started >= whileAnsweringMs + TIMEOUT_MARGIN_MS) {
              finish(() => reject(queryTimeout(whileAnsweringMs)));
              return;
            }
            void listen(probeMs).then((heard) => {
              if (settled) return;
              if (heard === 'answer') {
                timers.push(setTimeout(recheck, Math.min(timeoutMs, MAX_BACKOFF_MS)));
                return;
              }
              markDown(
                heard === 'unreachable'
                  ? 'Neo4j refuses connections'
                  : 'Neo4j does not answer (frozen or overloaded)',
                heard === 'unreachable',
              );
              finish(() => reject(serviceUnavailable()));
            });
          };
          timers.push(setTimeout(recheck, timeoutMs));
        } else if (timeoutMs !== undefined) {
          // Neo4j stops the transaction at timeoutMs; this is for a server that cannot say so.
          timers.push(
            setTimeout(() => {
              verifySilence();
              finish(() => reject(queryTimeout(timeoutMs)));
            }, timeoutMs + TIMEOUT_MARGIN_MS),
          );
        }
        op(() => settled).then(
          (value) => finish(() => resolve(value)),
          (error: unknown) =>
            finish(() => {
              if (isConnectionFailure(error)) {
                markDown(error instanceof Error ? error.message : String(error), true);
                reject(serviceUnavailable(error));
              } else if (isTransactionTimeout(error, performance.now() - started, timeoutMs)) {
                reject(queryTimeout(timeoutMs, error));
              } else {
                reject(error);
              }
            }),
        );
      });
    },
  };
}
