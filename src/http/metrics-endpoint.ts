import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import type { ApiKeyAuth } from '../auth/api-keys.ts';
import { covers } from '../auth/roles.ts';

/** Who may read /metrics (KG_METRICS): nobody (404), admin keys (the default), or anyone. */
export type MetricsAccess = 'off' | 'key' | 'public';

export const METRICS_PATH = '/metrics';

/**
 * GET /metrics: the registry in Prometheus' text format. With `key`, it needs an admin key as
 * `Authorization: Bearer` (401 without a valid key, 403 with a smaller role): the numbers tell
 * how the server is used. With `off` the path is not served at all (404, as any unknown path).
 */
export function metricsEndpoint(
  access: MetricsAccess,
  registry: Registry,
  auth: ApiKeyAuth,
): Plugin {
  if (access === 'off') return {};
  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== METRICS_PATH) return undefined;
      const refuse = (status: number, text: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(`${text}\n`, {
            status,
            headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
          }),
        );
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return refuse(405, 'Method not allowed: GET /metrics.', { allow: 'GET, HEAD' });
      }
      if (access === 'key') {
        const caller = auth.callerOf(request);
        if (caller.kind !== 'key') {
          return refuse(
            401,
            caller.kind === 'anonymous'
              ? 'Metrics need an admin key: send the header "Authorization: Bearer <key>".'
              : 'The key in the Authorization header is not valid.',
            { 'www-authenticate': 'Bearer' },
          );
        }
        if (!covers(caller.role, 'admin')) {
          return refuse(
            403,
            `Metrics need the role admin: the key "${caller.name}" has the role ${caller.role}.`,
          );
        }
      }
      return registry.metrics().then((text) =>
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : text, {
            headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
          }),
        ),
      );
    },
  };
}
