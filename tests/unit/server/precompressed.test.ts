import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import etag from 'etag';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGEFIND_SIGNATURE, isPagefindData, precompressedFiles, unpackedPagefindData } from '../../../src/lib/server/precompressed.ts';
import { staticFiles } from '../../../src/lib/server/static-files.ts';

const DATA = Buffer.from(`${PAGEFIND_SIGNATURE}${JSON.stringify({ content: 'Team around the family meetings. '.repeat(30) })}`);
const FRAGMENT = '/pagefind/fragment/en_abc123.pf_fragment';
const OTHER = '/pagefind/fragment/en_def456.pf_fragment';
const NOT_PAGEFIND = '/pagefind/fragment/en_0000.pf_fragment';
const WASM = '/pagefind/wasm.en.pagefind';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP exchange with the path exactly as given, so nothing is unpacked or rewritten. */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A server for a built site in `dir`, listed when it starts, as the portal's server does:
 * packed copies where the handler sends them, a marked fallback otherwise.
 */
async function serve(dir: string, options?: { cacheLimit: number }): Promise<{ base: string; server: Server }> {
  const handle = precompressedFiles(dir, options);
  const files = staticFiles(dir);
  const server = createServer((req, res) => {
    const file = files.fileFor((req.url ?? '/').split('?')[0]!);
    void (file === null ? Promise.resolve(false) : handle(req, res, file)).then((sent) => {
      if (sent) return;
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Fallback': 'yes' });
      res.end('fallback');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('precompressedFiles', () => {
  let root: string;
  let dir: string;
  let base: string;
  let server: Server;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'portal-precompressed-'));
    // Under a dot folder, as a copy of the portal under `.bench` is.
    dir = join(root, '.build', 'client');
    mkdirSync(join(dir, 'pagefind', 'fragment'), { recursive: true });
    writeFileSync(join(dir, FRAGMENT.slice(1)), gzipSync(DATA));
    writeFileSync(join(dir, OTHER.slice(1)), gzipSync(DATA));
    writeFileSync(join(dir, NOT_PAGEFIND.slice(1)), gzipSync(Buffer.from('gzip, but not Pagefind data')));
    writeFileSync(join(dir, WASM.slice(1)), gzipSync(Buffer.from(`${PAGEFIND_SIGNATURE}\0asm`)));
    ({ base, server } = await serve(dir));
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('sends a Brotli copy that unpacks to the same data to a browser that accepts Brotli', async () => {
    const r = await get(base, FRAGMENT, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['vary']).toBe('Accept-Encoding');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(brotliDecompressSync(r.body).equals(DATA)).toBe(true);
    expect(r.body.length).toBeLessThan(gzipSync(DATA, { level: 9 }).length);
  });

  test('packs a file once and keeps it: a change on disk is not seen while the server runs', async () => {
    const first = await get(base, OTHER, { 'Accept-Encoding': 'br' });
    writeFileSync(join(dir, OTHER.slice(1)), gzipSync(Buffer.from(`${PAGEFIND_SIGNATURE}changed`)));
    const second = await get(base, OTHER, { 'Accept-Encoding': 'br' });
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
  });

  test.each([
    ['no Accept-Encoding', {}],
    ['gzip only', { 'Accept-Encoding': 'gzip' }],
    ['Brotli refused with q=0', { 'Accept-Encoding': 'br;q=0, gzip' }],
  ])('leaves the request to the usual handler for %s, marked as varying', async (_, headers) => {
    const r = await get(base, FRAGMENT, headers);
    expect(r.headers['x-fallback']).toBe('yes');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['vary']).toBe('Accept-Encoding');
  });

  test('answers HEAD without a body, and a matching If-None-Match with 304', async () => {
    const head = await get(base, FRAGMENT, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    const again = await get(base, FRAGMENT, { 'Accept-Encoding': 'br', 'If-None-Match': String(head.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  test('the WebAssembly, whose name has no hash, is revalidated', async () => {
    const r = await get(base, WASM, { 'Accept-Encoding': 'br' });
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe('public, max-age=0');
    expect(brotliDecompressSync(r.body).toString()).toBe(`${PAGEFIND_SIGNATURE}\0asm`);
  });

  test('leaves alone missing files, files that are not Pagefind data, other paths and other methods', async () => {
    for (const path of ['/pagefind/fragment/en_missing.pf_fragment', NOT_PAGEFIND, '/guidance/', '/pagefind/fragment/../../secret.pf_fragment']) {
      const r = await get(base, path, { 'Accept-Encoding': 'br' });
      expect(r.headers['x-fallback'], path).toBe('yes');
    }
    expect((await get(base, FRAGMENT, { 'Accept-Encoding': 'br' }, 'POST')).headers['x-fallback']).toBe('yes');
    expect((await get(base, `${FRAGMENT}?v=1`, { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBe('br');
  });

  test('past its memory limit, files not yet packed are sent as gzip', async () => {
    const limited = await serve(dir, { cacheLimit: 1 });
    try {
      expect((await get(limited.base, FRAGMENT, { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBe('br');
      expect((await get(limited.base, WASM, { 'Accept-Encoding': 'br' })).headers['x-fallback']).toBe('yes');
      expect((await get(limited.base, FRAGMENT, { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBe('br');
    } finally {
      limited.server.close();
    }
  });
});

describe('precompressedFiles: the built pages, styles and scripts', () => {
  const PAGE = `<!doctype html><html lang="en-GB"><title>Lead worker role</title><main>${'<p>The lead worker coordinates the team around the family.</p>'.repeat(60)}</main></html>`;
  const STYLE = `.button{color:#fff;background:#00703c}\n`.repeat(60);
  let root: string;
  let dir: string;
  let base: string;
  let server: Server;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'portal-precompressed-text-'));
    dir = join(root, 'client');
    mkdirSync(join(dir, 'guidance', 'lead-worker'), { recursive: true });
    mkdirSync(join(dir, '_astro'), { recursive: true });
    writeFileSync(join(dir, 'guidance', 'lead-worker', 'index.html'), PAGE);
    mkdirSync(join(dir, 'guidance', 'caf'), { recursive: true });
    writeFileSync(join(dir, 'guidance', 'caf', 'index.html'), PAGE.replace('Lead worker role', 'Common Assessment Framework'));
    writeFileSync(join(dir, '_astro', 'site.abc123.css'), STYLE);
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nAllow: /\n');
    writeFileSync(join(dir, 'template.docx'), Buffer.alloc(4096, 7));
    ({ base, server } = await serve(dir));
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** The answer once the file's copy in that encoding is packed (until then it is sent as before). */
  async function packed(path: string, acceptEncoding: string): Promise<Answer> {
    await expect.poll(async () => (await get(base, path, { 'Accept-Encoding': acceptEncoding })).headers['x-fallback'], { timeout: 10_000, interval: 5 }).toBeUndefined();
    return get(base, path, { 'Accept-Encoding': acceptEncoding });
  }

  test('nobody waits for a copy to be packed: the first request for a page is sent as before', async () => {
    const first = await get(base, '/guidance/caf/', { 'Accept-Encoding': 'br' });
    expect(first.headers['x-fallback']).toBe('yes');
    expect((await packed('/guidance/caf/', 'br')).headers['content-encoding']).toBe('br');
  });

  test('a page is sent in Brotli, packed smaller than on the fly, to a browser that lists gzip first', async () => {
    const r = await packed('/guidance/lead-worker/', 'gzip, deflate, br, zstd');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['vary']).toBe('Accept-Encoding');
    expect(r.headers['cache-control']).toBe('public, max-age=0');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(brotliDecompressSync(r.body).toString()).toBe(PAGE);
    expect(r.body.length).toBeLessThanOrEqual(brotliCompressSync(Buffer.from(PAGE)).length);
    // The same file by its other names is the same copy.
    for (const path of ['/guidance/lead-worker', '/guidance/lead-worker/index.html']) {
      expect((await get(base, path, { 'Accept-Encoding': 'br' })).headers.etag).toBe(r.headers.etag);
    }
  });

  test('a browser without Brotli gets gzip; one that rates gzip higher gets gzip', async () => {
    const gz = await packed('/_astro/site.abc123.css', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(gunzipSync(gz.body).toString()).toBe(STYLE);
    expect((await get(base, '/_astro/site.abc123.css', { 'Accept-Encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  test('every copy keeps the validators send gives the file, so a copy sent before packing still revalidates', async () => {
    const path = join(dir, '_astro', 'site.abc123.css');
    const stats = statSync(path);
    const expected = etag(stats);
    expect(expected).toMatch(/^W\//);
    for (const encoding of ['br', 'gzip']) {
      const r = await packed('/_astro/site.abc123.css', encoding);
      expect(r.headers.etag, encoding).toBe(expected);
      expect(r.headers['last-modified'], encoding).toBe(stats.mtime.toUTCString());
      const since = await get(base, '/_astro/site.abc123.css', { 'Accept-Encoding': encoding, 'If-Modified-Since': stats.mtime.toUTCString() });
      expect(since.status, encoding).toBe(304);
    }
  });

  test('answers HEAD without a body, and a matching If-None-Match with 304', async () => {
    const r = await packed('/guidance/lead-worker/index.html', 'br');
    const head = await get(base, '/guidance/lead-worker/', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(r.headers['content-length']);
    const again = await get(base, '/guidance/lead-worker/', { 'Accept-Encoding': 'br', 'If-None-Match': String(r.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  test.each([
    ['no Accept-Encoding', {}],
    ['identity only', { 'Accept-Encoding': 'identity' }],
    ['every encoding refused', { 'Accept-Encoding': 'br;q=0, gzip;q=0' }],
    ['a Range request', { 'Accept-Encoding': 'br', Range: 'bytes=0-99' }],
  ])('leaves a page to the usual handler for %s', async (_, headers) => {
    await packed('/guidance/lead-worker/', 'br');
    const r = await get(base, '/guidance/lead-worker/', headers);
    expect(r.headers['x-fallback']).toBe('yes');
    expect(r.headers['vary']).toBe('Accept-Encoding');
  });

  test('leaves alone files under 1 KB, files that do not compress, and other methods', async () => {
    for (const path of ['/robots.txt', '/template.docx']) {
      for (let i = 0; i < 3; i++) expect((await get(base, path, { 'Accept-Encoding': 'br, gzip' })).headers['x-fallback'], path).toBe('yes');
    }
    expect((await get(base, '/guidance/lead-worker/', { 'Accept-Encoding': 'br' }, 'POST')).headers['x-fallback']).toBe('yes');
  });
});

describe('unpackedPagefindData', () => {
  test('unpacks gzip data that carries the signature, and nothing else', async () => {
    expect((await unpackedPagefindData(gzipSync(Buffer.from(`${PAGEFIND_SIGNATURE}{"a":1}`))))?.toString()).toBe(`${PAGEFIND_SIGNATURE}{"a":1}`);
    expect(await unpackedPagefindData(Buffer.from(`${PAGEFIND_SIGNATURE}{}`))).toBeNull();
    expect(await unpackedPagefindData(gzipSync(Buffer.from('plain')))).toBeNull();
    expect(await unpackedPagefindData(Buffer.from([0x1f, 0x8b, 0, 1, 2]))).toBeNull();
  });
});

describe('isPagefindData', () => {
  test.each([
    ['/pagefind/fragment/en_1a2b.pf_fragment', true],
    ['/pagefind/index/en_1a2b.pf_index', true],
    ['/pagefind/filter/en_1a2b.pf_filter', true],
    ['/pagefind/pagefind.en_e3152dfe18.pf_meta', true],
    ['/pagefind/wasm.en.pagefind?x=1', true],
    ['/pagefind/pagefind.js', false],
    ['/pagefind/pagefind-entry.json', false],
    ['/pagefind/fragment/../secret.pf_fragment', false],
    ['/guidance/', false],
  ])('%s: %s', (url, expected) => {
    expect(isPagefindData(url)).toBe(expected);
  });
});
