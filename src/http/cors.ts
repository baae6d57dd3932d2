import type { Plugin, YogaServerOptions } from 'graphql-yoga';

type CorsOption = NonNullable<YogaServerOptions<object, object>['cors']>;

/**
 * Which web pages may call the API from a browser (KG_CORS_ORIGINS): the listed origins, any
 * origin for ['*'], none by default. A page of another origin gets no CORS header at all, so its
 * browser keeps the answer from it; `null` (sandboxed frames, files) is never allowed. The API
 * uses no cookies (the write key travels in `Authorization`), so no answer allows credentials,
 * and a wildcard never comes with them.
 *
 * Yoga's own handling of an origin list is not used: it echoes a single listed origin to anyone,
 * and answers `Access-Control-Allow-Origin: null` (with credentials) to an origin not in a longer
 * list, which a sandboxed page, whose origin is `null`, passes.
 */
export function corsPolicy(origins: readonly string[]): { cors: CorsOption; plugin: Plugin } {
  const any = origins.length === 1 && origins[0] === '*';
  const cors: CorsOption = (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || origin === 'null' || !(any || origins.includes(origin))) return false;
    return {
      // Yoga echoes the request's origin for '*' (and adds Vary: Origin), which is what we want.
      origin: any ? '*' : origin,
      credentials: false,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization'],
      maxAge: 600,
    };
  };
  // Answers then differ by Origin (with or without CORS headers): a shared cache must not hand
  // one origin's answer to another.
  const plugin: Plugin =
    origins.length > 0
      ? {
          onResponse({ response }) {
            const vary = response.headers.get('vary');
            if (!vary?.split(/\s*,\s*/).includes('Origin')) {
              response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
            }
          },
        }
      : {};
  return { cors, plugin };
}
