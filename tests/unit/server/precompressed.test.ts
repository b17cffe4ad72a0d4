import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGEFIND_SIGNATURE, isPagefindData, precompressedFiles, unpackedPagefindData } from '../../../src/lib/server/precompressed.ts';

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

/** A server for a built site in `dir`: Brotli copies where the handler sends them, a marked fallback otherwise. */
async function serve(dir: string, options?: { cacheLimit: number }): Promise<{ base: string; server: Server }> {
  const handle = precompressedFiles(dir, options);
  const server = createServer((req, res) => {
    void handle(req, res).then((sent) => {
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
    for (const path of ['/pagefind/fragment/en_missing.pf_fragment', NOT_PAGEFIND, '/guidance/', '/pagefind/fragment/../fragment/en_abc123.pf_fragment', '/pagefind/pagefind.js']) {
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
