import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { staticFiles, type StaticFiles } from '../../../src/lib/server/static-files.ts';

let dir: string;
let files: StaticFiles;
let base: string;
let server: Server;

/** A built site in miniature: pages in folders, assets, a dot file and a well-known file. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portal-static-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('index.html', '<h1>Home</h1>');
  write('guidance/caf/index.html', '<h1>CAF</h1>');
  write('_astro/site.abc123.css', 'body{margin:0}');
  write('downloads/business case.docx', 'a document');
  write('.secret', 'never');
  write('guidance/.draft/index.html', 'never');
  write('.well-known/security.txt', 'Contact: mailto:security@kent.gov.uk');
  mkdirSync(join(dir, 'empty-folder'));
  files = staticFiles(dir);
  server = createServer((req, res) => {
    const file = files.fileFor((req.url ?? '/').split('?')[0]!);
    const astro = () => {
      res.writeHead(299, { 'Content-Type': 'text/plain' });
      res.end('astro');
    };
    if (file === null) astro();
    else files.send(req, res, file, astro);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('staticFiles().fileFor', () => {
  test.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/guidance/caf', 'guidance/caf/index.html'],
    ['/guidance/caf/', 'guidance/caf/index.html'],
    ['/guidance/caf/index.html', 'guidance/caf/index.html'],
    ['//guidance//caf/', 'guidance/caf/index.html'],
    ['/guidance/x/../caf/', 'guidance/caf/index.html'],
    ['/_astro/site.abc123.css', '_astro/site.abc123.css'],
    ['/downloads/business%20case.docx', 'downloads/business case.docx'],
    ['/.well-known/security.txt', '.well-known/security.txt'],
  ])('%s is the file %s', (pathname, file) => {
    expect(files.fileFor(pathname)).toBe(file);
  });

  test.each([
    ['/forum/', 'an on-demand page'],
    ['/guidance', 'a folder without its own index.html'],
    ['/empty-folder/', 'an empty folder'],
    ['/_astro/', 'a folder of assets'],
    ['/.secret', 'a dot file'],
    ['/guidance/.draft/', 'a page in a dot folder'],
    ['/../etc/passwd', 'a path above the folder'],
    ['/%2e%2e/%2e%2e/etc/passwd', 'an encoded path above the folder'],
    ['/index.html%00', 'a NUL'],
    ['/%E0%A4%A', 'malformed percent-encoding'],
    ['/guidance/caf.html', 'a page by a name with .html'],
  ])('%s is no file (%s): it goes to Astro', (pathname) => {
    expect(files.fileFor(pathname)).toBeNull();
  });
});

describe('staticFiles().send', () => {
  test('sends a file with its type, length, ETag and Last-Modified', async () => {
    const answer = await get('/_astro/site.abc123.css');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('body{margin:0}');
    expect(answer.headers['content-type']).toMatch(/^text\/css/);
    expect(answer.headers['content-length']).toBe('14');
    expect(answer.headers.etag).toBeTruthy();
    expect(answer.headers['last-modified']).toBeTruthy();
  });

  test('answers a repeat request with 304, HEAD with no body and a range with 206', async () => {
    const first = await get('/guidance/caf/');
    expect(first.body).toBe('<h1>CAF</h1>');
    expect((await get('/guidance/caf/', { 'If-None-Match': String(first.headers.etag) })).status).toBe(304);
    const head = await get('/guidance/caf/', {}, 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '12']);
    const part = await get('/guidance/caf/', { Range: 'bytes=4-6' });
    expect([part.status, part.body]).toEqual([206, 'CAF']);
  });

  test('hands a file that has gone since start-up to Astro', async () => {
    const path = join(dir, 'going.txt');
    writeFileSync(path, 'here for now');
    const later = staticFiles(dir);
    rmSync(path);
    const answer = await new Promise<string>((resolve) => {
      const probe = createServer((req, res) =>
        later.send(req, res, 'going.txt', () => {
          res.end('astro');
        }),
      );
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        request({ host: '127.0.0.1', port, path: '/going.txt' }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c));
          res.on('end', () => {
            probe.close();
            resolve(body);
          });
        }).end();
      });
    });
    expect(answer).toBe('astro');
  });

  test('a request for no file reaches Astro', async () => {
    const answer = await get('/forum/');
    expect([answer.status, answer.body]).toEqual([299, 'astro']);
  });
});
