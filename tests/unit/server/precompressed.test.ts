import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isPagefindData, precompressedFiles } from '../../../src/lib/server/precompressed.ts';

const DATA = Buffer.from(`pagefind_dcd${JSON.stringify({ content: 'Team around the family meetings. '.repeat(30) })}`);
const FRAGMENT = '/pagefind/fragment/en_abc123.pf_fragment';
const NO_COPY = '/pagefind/fragment/en_nocopy.pf_fragment';

/** A raw HTTP exchange, so no client unpacks or rewrites anything. */
async function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    // The path exactly as given, dot segments and all.
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('precompressedFiles', () => {
  let dir: string;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    // Under a dot folder, as a copy of the portal under `.bench` is.
    dir = join(mkdtempSync(join(tmpdir(), 'portal-precompressed-')), '.build', 'client');
    mkdirSync(join(dir, 'pagefind', 'fragment'), { recursive: true });
    writeFileSync(join(dir, FRAGMENT.slice(1)), gzipSync(DATA));
    writeFileSync(join(dir, `${FRAGMENT.slice(1)}.br`), brotliCompressSync(DATA));
    writeFileSync(join(dir, NO_COPY.slice(1)), gzipSync(DATA));
    const handle = precompressedFiles(dir);
    server = createServer((req, res) => {
      if (handle(req, res)) return;
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Fallback': 'yes' });
      res.end('fallback');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(join(dir, '..', '..'), { recursive: true, force: true });
  });

  test('sends the Brotli copy to a browser that accepts Brotli', async () => {
    const r = await get(base, FRAGMENT, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.headers['vary']).toBe('Accept-Encoding');
    expect(r.headers['accept-ranges']).toBeUndefined();
    expect(brotliDecompressSync(r.body).equals(DATA)).toBe(true);
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

  test('answers HEAD without a body and a matching If-None-Match with 304', async () => {
    const head = await get(base, FRAGMENT, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    const again = await get(base, FRAGMENT, { 'Accept-Encoding': 'br', 'If-None-Match': String(head.headers.etag) });
    expect(again.status).toBe(304);
  });

  test('leaves alone files without a copy, other paths, query-string tricks and other methods', async () => {
    for (const path of [NO_COPY, '/guidance/', '/pagefind/fragment/../fragment/en_abc123.pf_fragment', '/pagefind/pagefind.js']) {
      expect((await get(base, path, { 'Accept-Encoding': 'br' })).headers['x-fallback'], path).toBe('yes');
    }
    expect((await get(base, FRAGMENT, { 'Accept-Encoding': 'br' }, 'POST')).headers['x-fallback']).toBe('yes');
    expect((await get(base, `${FRAGMENT}?v=1`, { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBe('br');
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
    ['/guidance/', false],
  ])('%s: %s', (url, expected) => {
    expect(isPagefindData(url)).toBe(expected);
  });
});
