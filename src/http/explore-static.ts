import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { EXPLORER_DIST, EXPLORER_STAMP } from './explore-build.ts';

type Bytes = Uint8Array<ArrayBuffer>;

interface StaticFile {
  body: Bytes;
  gzip?: Bytes;
  type: string;
  etag: string;
  cacheControl: string;
}

interface Site {
  files: ReadonlyMap<string, StaticFile>;
  /** The build's stamp when it was read: another build replaces the site. */
  stamp: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map']);

/** Files Vite names by their content: they never change under the same name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * What the page may load: only this server's own scripts, styles and API (no CDN, nothing off the
 * machine), inline styles (the drawing library sets them) and data: images.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * The explorer at `/explore`: the files of its build (dist/explore), and index.html for every deep
 * link (`/explore/entity/simon-crosby`), so a shared URL opens its view. The build is read into
 * memory once (and again after a new build): a request only ever picks one of those files by its
 * name, so nothing outside dist/explore can be read, whatever the path says. Hashed assets are
 * cacheable for a year; index.html is revalidated on every load (`no-cache`, with an ETag).
 * A path that looks like a file (a dot, an encoded slash) and is not one is a 404, not the page.
 * With `graphiql` false, index.html says so (`<meta name="kg-graphiql" content="off">`), so the
 * explorer does not link to a GraphiQL the server does not serve.
 */
export function explorerPages({
  dist = EXPLORER_DIST,
  base = '/explore',
  graphiql = true,
} = {}): Plugin {
  let site: Promise<Site | undefined> | undefined;
  let lastCheck = 0;
  const current = async (): Promise<Site | undefined> => {
    const now = Date.now();
    if (site && now - lastCheck < 1000) return site;
    lastCheck = now;
    const stamp = await stampOf(dist);
    const loaded = site ? await site : undefined;
    if (!site || !loaded || loaded.stamp !== stamp)
      site = stamp ? load(dist, stamp, graphiql) : Promise.resolve(undefined);
    return site;
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return;
      const respond = (
        status: number,
        body: Bytes | string | null,
        headers: Record<string, string>,
      ) => endResponse(new fetchAPI.Response(body, { status, headers }));
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        respond(405, 'Method not allowed', {
          allow: 'GET, HEAD',
          'content-type': 'text/plain; charset=utf-8',
        });
        return;
      }
      const built = await current();
      if (!built) {
        respond(503, NOT_BUILT, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        return;
      }
      const name = url.pathname.slice(base.length + 1);
      const file =
        built.files.get(name) ?? (isRoute(name) ? built.files.get('index.html') : undefined);
      if (!file) {
        respond(404, 'Not found', {
          'content-type': 'text/plain; charset=utf-8',
          ...SECURITY_HEADERS,
        });
        return;
      }
      const headers: Record<string, string> = {
        'content-type': file.type,
        'cache-control': file.cacheControl,
        etag: file.etag,
        vary: 'Accept-Encoding',
        ...SECURITY_HEADERS,
      };
      if (sameEtag(request.headers.get('if-none-match'), file.etag)) {
        respond(304, null, headers);
        return;
      }
      let body = file.body;
      if (file.gzip && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
        body = file.gzip;
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(body.byteLength);
      respond(200, request.method === 'HEAD' ? null : body, headers);
    },
  };
}

/** A view's path (`entity/simon-crosby`, `path`): no file extension, no dot segment, no escape. */
function isRoute(name: string): boolean {
  if (name.startsWith('assets/')) return false;
  return !/[.\\%]/.test(name);
}

async function stampOf(dist: string): Promise<number> {
  try {
    return (await stat(path.join(dist, EXPLORER_STAMP))).mtimeMs;
  } catch {
    return 0;
  }
}

/** What index.html says to the explorer's code of the server it was served by. */
const GRAPHIQL_OFF = '<meta name="kg-graphiql" content="off" />';

async function load(dist: string, stamp: number, graphiql: boolean): Promise<Site | undefined> {
  const files = new Map<string, StaticFile>();
  for (const name of await listFiles(dist)) {
    const ext = path.extname(name);
    let body = new Uint8Array(await readFile(path.join(dist, name)));
    if (name === 'index.html' && !graphiql) {
      const page = new TextDecoder().decode(body).replace('</head>', `${GRAPHIQL_OFF}</head>`);
      body = new TextEncoder().encode(page);
    }
    files.set(name, {
      body,
      gzip:
        COMPRESSIBLE.has(ext) && body.byteLength > 1024
          ? new Uint8Array(gzipSync(body))
          : undefined,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      cacheControl: name.startsWith('assets/') ? IMMUTABLE : 'no-cache',
    });
  }
  return files.has('index.html') ? { files, stamp } : undefined;
}

/** The build's regular files, by their path under dist with `/`; dot files and links are left out. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const name = prefix + entry.name;
    if (entry.isDirectory())
      names.push(...(await listFiles(path.join(dir, entry.name), `${name}/`)));
    else if (entry.isFile()) names.push(name);
  }
  return names;
}

function sameEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Explorer not built</title>
<p>The explorer has not been built. Run <code>npm run build:explore</code> (or restart <code>npm start</code>, which builds it), then reload.</p></html>`;
