import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';
import { currentRequest } from './telemetry/request-context.ts';

export type { Logger };

/**
 * JSON lines on stderr: stdout stays free for what a command prints for scripts. A line logged
 * while a request is handled carries its id (`requestId`), Yoga's own lines included.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level: config.logLevel,
      base: undefined,
      mixin: () => {
        const request = currentRequest();
        return request ? { requestId: request.id } : {};
      },
    },
    destination,
  );
}
