import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { type GraphiQLOptions, type Plugin, shouldRenderGraphiQL } from 'graphql-yoga';
import { CODE_ROOT } from '../build-state.ts';

type Encoding = 'br' | 'gzip';

type Bytes = Uint8Array<ArrayBuffer>;

interface Page {
  html: Bytes;
  etag: string;
  encoded: Map<Encoding, Promise<Bytes>>;
}

const compressors: Record<Encoding, (html: Bytes) => Promise<Buffer>> = {
  // Quality 7 of 11: about 1 s once for our 9 MB page, and within 10% of 11's size (which takes
  // a minute).
  br: (html) =>
    promisify(brotliCompress)(html, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 7,
        [constants.BROTLI_PARAM_SIZE_HINT]: html.byteLength,
      },
    }),
  gzip: (html) => promisify(gzip)(html),
};

/**
 * GraphiQL, with its assets bundled in the page so that it works with no internet: 9 MB of HTML
 * and JavaScript. The page is rendered once, on the first request for it (not at start-up), and
 * compressed once per encoding a browser accepts (about 2 MB with gzip or br). It carries an ETag
 * and `Cache-Control: no-cache`, so a reload asks whether it changed and gets a bodiless 304;
 * a new version of the server renders a new page, with a new ETag.
 *
 * Yoga's own GraphiQL is turned off for this one: it renders and sends the page whole each time.
 */
export function offlineGraphiQL(options: GraphiQLOptions, endpoint: string): Plugin {
  let page: Promise<Page> | undefined;
  const load = () =>
    (page ??= renderPage(options).then((text) => {
      const html: Bytes = new TextEncoder().encode(text);
      const hash = createHash('sha256').update(html).digest('base64url').slice(0, 27);
      // Weak: the gzip, br and plain bodies are one page, byte for byte different.
      return { html, etag: `W/"${hash}"`, encoded: new Map() };
    }));
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!shouldRenderGraphiQL(request)) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      const { html, etag, encoded } = await load();
      const headers: Record<string, string> = {
        'content-type': 'text/html; charset=utf-8',
        etag,
        'cache-control': 'no-cache',
        vary: 'Accept-Encoding',
      };
      if (sameEtag(request.headers.get('if-none-match'), etag)) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const encoding = preferredEncoding(request.headers.get('accept-encoding'));
      let body = html;
      if (encoding) {
        let done = encoded.get(encoding);
        if (!done) {
          done = compressors[encoding](html).then((bytes) => new Uint8Array(bytes));
          encoded.set(encoding, done);
        }
        body = await done;
        headers['content-encoding'] = encoding;
      }
      headers['content-length'] = String(body.byteLength);
      endResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}

/** The script that mends GraphiQL's tabs (see its opening comment), and the CSS it needs. */
const TABS_SCRIPT = path.join(CODE_ROOT, 'http', 'graphiql-tabs.js');
// GraphiQL hides a tab's stale drag offset only while the tab holds no focus; we always do.
const TABS_CSS = '.graphiql-tab { transform: none !important; }';
// Where the CSS, the script and the call go, each found once in Yoga's page.
const TITLE_END = '</title>';
const ROOT = '<div id="root"></div>';
const RENDER_CALL = 'YogaGraphiQL.renderYogaGraphiQL(';

/**
 * Yoga's page, with graphiql-tabs.js before GraphiQL's script and GraphiQL rendered through it, so
 * that every tab opens with its own variables and switches on a real click. Throws if Yoga's page
 * changed shape: a page without the mend must not be served as if it had it.
 */
export async function renderPage(options: GraphiQLOptions): Promise<string> {
  const [{ renderGraphiQL }, script] = await Promise.all([
    import('@graphql-yoga/render-graphiql'),
    readFile(TABS_SCRIPT, 'utf8'),
  ]);
  const html = renderGraphiQL(options);
  for (const anchor of [TITLE_END, ROOT, RENDER_CALL]) {
    if (html.split(anchor).length !== 2) {
      throw new Error(`Yoga's GraphiQL page no longer holds ${anchor} once: see graphiql-tabs.js`);
    }
  }
  return html
    .replace(TITLE_END, () => `${TITLE_END}\n<style>${TABS_CSS}</style>`)
    .replace(ROOT, () => `${ROOT}\n<script>\n${script}</script>`)
    .replace(RENDER_CALL, () => 'kgGraphiQL.render(YogaGraphiQL.renderYogaGraphiQL, ');
}

/**
 * With GraphiQL off, a browser asking for the endpoint gets a short 404 instead of the page (and
 * instead of a GraphQL error about a missing query, which would tell it less).
 */
export function graphiqlOff(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      // The requests offlineGraphiQL would have served the page.
      if (!shouldRenderGraphiQL(request)) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      endResponse(
        new fetchAPI.Response('GraphiQL is turned off on this server.\n', {
          status: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        }),
      );
    },
  };
}

/** Whether If-None-Match names this ETag (compared weakly, as RFC 9110 says for GET). */
function sameEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** br or gzip, whichever Accept-Encoding ranks higher (br on a tie); none when neither is taken. */
export function preferredEncoding(header: string | null): Encoding | undefined {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name, Number.isNaN(weight) ? 0 : weight);
  }
  const weight = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).reduce((a, b) => (weight(b) > weight(a) ? b : a));
  return weight(best) > 0 ? best : undefined;
}
