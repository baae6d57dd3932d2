import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import { describeCaller, type RequestAuth } from '../auth/callers.ts';
import { covers } from '../auth/roles.ts';

/** Who may read /metrics (KG_METRICS): nobody (404), admin keys (the default), or anyone. */
export type MetricsAccess = 'off' | 'key' | 'public';

export const METRICS_PATH = '/metrics';

/**
 * GET /metrics: the registry in Prometheus' text format. With `key`, it needs an admin key or token
 * as `Authorization: Bearer` (401 without a valid one, 403 with a smaller role): the numbers tell
 * how the server is used. With `off` the path is not served at all (404, as any unknown path).
 */
export function metricsEndpoint(
  access: MetricsAccess,
  registry: Registry,
  auth: RequestAuth,
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
      const served = () =>
        registry.metrics().then((text) =>
          endResponse(
            new fetchAPI.Response(request.method === 'HEAD' ? null : text, {
              headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
            }),
          ),
        );
      if (access === 'public') return served();
      return auth.callerOf(request).then((caller) => {
        if (caller.kind === 'key' || caller.kind === 'token') {
          if (covers(caller.role, 'admin')) return served();
          return refuse(
            403,
            `Metrics need the role admin: ${describeCaller(caller)} has the role ${caller.role}.`,
          );
        }
        return refuse(
          401,
          caller.kind === 'anonymous'
            ? 'Metrics need an admin key or token: send the header "Authorization: Bearer <key>".'
            : caller.kind === 'bad-token'
              ? `The token in the Authorization header is not valid: ${caller.problem}`
              : 'The key in the Authorization header is not valid.',
          { 'www-authenticate': 'Bearer' },
        );
      });
    },
  };
}
