/**
 * Sends the build's Brotli copies of Pagefind's files (src/integrations/precompress.ts) to
 * browsers that accept Brotli, with `Content-Encoding: br`; everyone else gets the gzip file
 * the usual way. The copies are listed once at start-up, since a build never changes while it
 * is served, so a request costs no file-system check.
 */
import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative, sep } from 'node:path';
import Negotiator from 'negotiator';
import send from 'send';

/** Pagefind's packed files: index chunks, fragments, filters, metadata and WebAssembly. */
const PAGEFIND_DATA = /^\/pagefind\/(?:(?:index|fragment|filter)\/[\w-]+\.pf_(?:index|fragment|filter)|pagefind\.[\w-]+\.pf_meta|wasm\.[\w-]+\.pagefind)$/;

/** True for Pagefind's packed files, which compressing again would only make larger. */
export function isPagefindData(url: string | undefined): boolean {
  return PAGEFIND_DATA.test((url ?? '/').split('?')[0]!);
}

/** The URL paths under `clientDir` that have a Brotli copy. */
function pathsWithBrotliCopies(clientDir: string): Set<string> {
  const found = new Set<string>();
  let files: string[];
  try {
    files = readdirSync(join(clientDir, 'pagefind'), { recursive: true, encoding: 'utf8' });
  } catch {
    return found;
  }
  for (const file of files) {
    if (!file.endsWith('.br')) continue;
    const path = `/${relative(clientDir, join(clientDir, 'pagefind', file.slice(0, -'.br'.length))).split(sep).join('/')}`;
    if (PAGEFIND_DATA.test(path)) found.add(path);
  }
  return found;
}

/**
 * A request handler for `clientDir`: answers a GET or HEAD for a Pagefind file with its Brotli
 * copy when the browser accepts Brotli and returns true; otherwise returns false and leaves the
 * request alone (it still marks the answer as varying by Accept-Encoding, for caches).
 */
export function precompressedFiles(clientDir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const copies = pathsWithBrotliCopies(clientDir);
  return (req, res) => {
    if (copies.size === 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const pathname = (req.url ?? '/').split('?')[0]!;
    if (!copies.has(pathname)) return false;
    res.setHeader('Vary', 'Accept-Encoding');
    if (new Negotiator(req).encoding(['br']) !== 'br') return false;
    // Relative to the client folder, so only the URL's own segments are checked for dot
    // files: the build may live under a folder such as `.bench`.
    send(req, `${pathname}.br`, { root: clientDir, acceptRanges: false, etag: true, lastModified: true, index: false })
      .on('headers', (response: ServerResponse) => {
        response.setHeader('Content-Type', 'application/octet-stream');
        response.setHeader('Content-Encoding', 'br');
      })
      .on('error', (error: { status?: number }) => {
        if (!res.headersSent) {
          res.removeHeader('Content-Encoding');
          res.writeHead(error.status ?? 500, { 'Content-Type': 'text/plain; charset=utf-8' });
        }
        res.end('The file could not be sent.');
      })
      .pipe(res);
    return true;
  };
}
