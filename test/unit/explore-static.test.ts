import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLORER_STAMP, explorerInputs, explorerState } from '../../src/http/explore-build.ts';
import { explorerPages } from '../../src/http/explore-static.ts';

const SECRET = 'the secret beside the build';
const INDEX =
  '<!doctype html><title>explorer</title><script src="/explore/assets/index-AbC123.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

let root: string;
let http: Server;
let base: string;

/** A GET with the path sent exactly as written (fetch would normalise dot segments first). */
function raw(pathname: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string>; body: string }>(
    (resolve, reject) => {
      const { port } = http.address() as AddressInfo;
      const req = httpRequest(
        { host: '127.0.0.1', port, path: pathname, method, headers },
        (res) => {
          let body = '';
          res.setEncoding('latin1');
          res.on('data', (d: string) => (body += d));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers as Record<string, string>,
              body,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kg-explore-static-'));
  const dist = path.join(root, 'dist', 'explore');
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await writeFile(path.join(dist, 'index.html'), INDEX);
  await writeFile(path.join(dist, 'assets', 'index-AbC123.js'), SCRIPT);
  await writeFile(path.join(dist, 'assets', 'index-DeF456.css'), 'body{color:red}');
  await writeFile(path.join(dist, EXPLORER_STAMP), 'stamp\n');
  await writeFile(path.join(root, 'dist', 'secret.txt'), SECRET);
  await writeFile(path.join(root, 'secret.txt'), SECRET);
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
    plugins: [explorerPages({ dist })],
    logging: false,
  });
  http = createHttpServer(yoga);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('the explorer at /explore', () => {
  it('serves its page at /explore and at every deep link, revalidated on each load', async () => {
    for (const url of [
      '/explore',
      '/explore/',
      '/explore/entity/simon-crosby',
      '/explore/path?from=a&to=b',
    ]) {
      const response = await fetch(base + url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets with their content type, cacheable for a year, gzipped when asked', async () => {
    const script = await raw('/explore/assets/index-AbC123.js', { 'accept-encoding': 'gzip, br' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(Number(script.headers['content-length'])).toBeLessThan(SCRIPT.length / 4);
    const style = await fetch(`${base}/explore/assets/index-DeF456.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await style.text()).toBe('body{color:red}');
  });

  it('answers 304 to a reload that names the same ETag', async () => {
    const first = await fetch(`${base}/explore/entity/x`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${base}/explore/entity/y`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for a missing asset or file-like path, not the page', async () => {
    for (const url of [
      '/explore/assets/missing-123.js',
      '/explore/favicon.ico',
      '/explore/.inputs',
    ]) {
      const response = await raw(url);
      expect(response.status, url).toBe(404);
      expect(response.body).not.toContain('<title>explorer');
    }
  });

  it('reads nothing outside its build, whatever the path', async () => {
    const attempts = [
      '/explore/../secret.txt',
      '/explore/../../secret.txt',
      '/explore/%2e%2e/secret.txt',
      '/explore/%2e%2e/%2e%2e/secret.txt',
      '/explore/..%2fsecret.txt',
      '/explore/..%2f..%2fsecret.txt',
      '/explore/assets/..%2f..%2f..%2fsecret.txt',
      '/explore/assets/%2e%2e/%2e%2e/%2e%2e/secret.txt',
      '/explore/..%5c..%5csecret.txt',
      '/explore/..\\..\\secret.txt',
      '/explore//etc/passwd',
      '/explore/%00/../secret.txt',
    ];
    for (const attempt of attempts) {
      const response = await raw(attempt);
      expect(response.body, attempt).not.toContain(SECRET);
      expect(response.body, attempt).not.toContain('root:');
    }
    // A path with an escape is refused outright rather than answered with the page.
    expect((await raw('/explore/..%2fsecret.txt')).status).toBe(404);
    expect((await raw('/explore/assets/..%2f..%2f..%2fsecret.txt')).status).toBe(404);
  });

  it('answers GET and HEAD only', async () => {
    expect((await raw('/explore/', {}, 'HEAD')).status).toBe(200);
    const post = await raw('/explore/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('says how to build the explorer when it is not built', async () => {
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
      plugins: [explorerPages({ dist: path.join(root, 'nowhere') })],
      logging: false,
    });
    const response = await yoga.fetch('http://localhost/explore/entity/x');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:explore');
  });
});

describe("the explorer's build", () => {
  it('is missing, out of date, or fresh: built from the sources as they are now', async () => {
    const dist = path.join(root, 'state');
    await mkdir(dist, { recursive: true });
    expect(explorerState(dist)).toBe('missing');
    await writeFile(path.join(dist, 'index.html'), INDEX);
    expect(explorerState(dist)).toBe('stale');
    await writeFile(path.join(dist, EXPLORER_STAMP), 'an older build\n');
    expect(explorerState(dist)).toBe('stale');
    await writeFile(path.join(dist, EXPLORER_STAMP), `${explorerInputs()}\n`);
    expect(explorerState(dist)).toBe('fresh');
  });
});
