import { createGraphQLError, type FetchAPI, type Plugin } from 'graphql-yoga';
import { MAX_ARTICLE_BYTES } from '../ingest/parse.ts';
import { type RequestAuth, roleOf } from '../auth/callers.ts';
import { covers } from '../auth/roles.ts';
import type { ErrorCode } from '../model/errors.ts';

/**
 * What a request with a key that may write (editor or admin) may send: an article at the import
 * limit, as a JSON string in `importArticle(source:)` (escaping can double it: every `"` and `\`
 * becomes two bytes), with room for the rest of the request.
 */
export const WRITE_BODY_BYTES = 2 * MAX_ARTICLE_BYTES + 1024 * 1024;

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Number((bytes / MB).toFixed(2))} MB`;

/**
 * How large a request body may be. Reads need little (a document is at most 5,000 tokens), so a
 * request without such a key may send `readBytes` (KG_BODY_LIMIT_MB); one with it may
 * send an article (WRITE_BODY_BYTES, or `readBytes` if larger). Without this, anyone could make
 * the server read Yoga's default of 25 MB per request. A body is refused by its Content-Length
 * before it is read, or, sent in chunks, as soon as it passes the limit. Yoga's own limit
 * (`maxRequestBodySize`) stays as a backstop.
 */
export function bodyLimits(readBytes: number, auth: RequestAuth) {
  const writeBytes = Math.max(readBytes, auth.writable ? WRITE_BODY_BYTES : 0);
  const plugin: Plugin = {
    async onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const role = roleOf(await auth.callerOf(request));
      const limit = role && covers(role, 'editor') ? writeBytes : readBytes;
      const tooLarge = () =>
        createGraphQLError(
          `Request body too large: at most ${mb(limit)}${limit < writeBytes ? ` (${mb(writeBytes)} with a key that may write)` : ''}.`,
          {
            extensions: {
              code: 'REQUEST_ENTITY_TOO_LARGE' satisfies ErrorCode,
              http: { status: 413 },
            },
          },
        );
      // A malformed Content-Length is Yoga's to refuse (400), after this hook.
      const declared = Number(request.headers.get('content-length') ?? NaN);
      if (declared > limit) throw tooLarge();
      if (!requestParser || !request.body) return;
      setRequestParser((req) => requestParser(limitedBody(req, limit, tooLarge, fetchAPI)));
    },
  };
  // Yoga's limit counts the same chunks before ours does, so at the same size it would speak
  // first, without saying the limit: at twice ours, it is only the backstop.
  return { maxRequestBodySize: 2 * writeBytes, plugin };
}

/** The same request, whose body fails with `tooLarge()` once more than `limit` bytes have come. */
function limitedBody(
  request: Request,
  limit: number,
  tooLarge: () => Error,
  fetchAPI: FetchAPI,
): Request {
  let bytes = 0;
  // As Yoga's own limit does: a native body needs the native TransformStream, a ponyfilled one
  // the ponyfill's.
  const Transform =
    request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    duplex: 'half',
  } as RequestInit);
}
