/**
 * The built site's files compressed once and kept in memory.
 *
 * Every prerendered page, style sheet and script would otherwise be read from disk and
 * compressed again for each request (the compression middleware, Brotli at quality 4): for a
 * guidance page that doubled the server's work. The build never changes while it is served,
 * so each text file is packed the first time it is asked for, with Brotli at its best quality
 * (about a fifth smaller than on the fly) for browsers that accept Brotli and with gzip for
 * the others, and kept. Packing runs on zlib's thread pool, never on the event loop; until a
 * page's copy is ready it is sent as before, so nobody waits for it.
 *
 * Pagefind stores its word index, page fragments, filters, metadata and WebAssembly
 * gzip-compressed, and its browser code unpacks them itself unless they arrive already
 * unpacked (it looks for its `pagefind_dcd` signature first). Brotli packs the same data
 * about a fifth smaller than gzip (a page fragment of 3.2 KB becomes about 2.5 KB), so a
 * browser that accepts Brotli gets the file unpacked and packed again with Brotli, sent with
 * `Content-Encoding: br`: the browser unpacks it natively and Pagefind finds its data
 * unpacked. The first request waits for that copy (a fragment takes a few milliseconds, once),
 * since the alternative is the larger gzip file. Other clients get the gzip file exactly as
 * it was built.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gunzip, gzip } from 'node:zlib';
import compressible from 'compressible';
import etag from 'etag';
import fresh from 'fresh';
import mime from 'mime-types';
import Negotiator from 'negotiator';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const unpack = promisify(gunzip);

/** Pagefind's packed files: index chunks, fragments, filters, metadata and WebAssembly. */
const PAGEFIND_DATA = /^\/pagefind\/(?:(?:index|fragment|filter)\/[\w-]+\.pf_(?:index|fragment|filter)|pagefind\.[\w-]+\.pf_meta|wasm\.[\w-]+\.pagefind)$/;
/** Files whose names carry a hash of their content (the others are revalidated). */
const HASHED = /^\/pagefind\/(?:index|fragment|filter)\//;

/** What Pagefind's unpacked files begin with. */
export const PAGEFIND_SIGNATURE = 'pagefind_dcd';

/**
 * Brotli's highest quality for the small files (index chunks and fragments, a few KB each:
 * about 8 ms each, 4 % smaller than quality 10), quality 10 for the WebAssembly (150 KB
 * unpacked: 0.15 s instead of 0.6 s, 1.3 KB larger).
 */
const qualityFor = (bytes: number) => (bytes <= 64 * 1024 ? constants.BROTLI_MAX_QUALITY : 10);

/** Memory the packed copies may take; past it, files not yet packed are sent as before. */
export const DEFAULT_CACHE_LIMIT = 64 * 1024 * 1024;

/** True for Pagefind's packed files, which compressing again would only make larger. */
export function isPagefindData(url: string | undefined): boolean {
  return PAGEFIND_DATA.test((url ?? '/').split('?')[0]!);
}

/** Pagefind's gzip-packed data unpacked, or null for anything else. */
export async function unpackedPagefindData(bytes: Uint8Array): Promise<Buffer | null> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return null;
  const data = await unpack(bytes).catch(() => null);
  return data && data.subarray(0, PAGEFIND_SIGNATURE.length).toString('latin1') === PAGEFIND_SIGNATURE ? data : null;
}

/** Below this size a file is sent as it is, as the compression middleware leaves it. */
const MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip';

interface Packed {
  body: Buffer;
  etag: string;
  /** For a built text file, its modification time, as `send` gives it. */
  lastModified?: string;
  type: string;
  encoding: Encoding;
}

/** A copy being packed, or packed: `done` once it is settled, with `copy` null when there is none. */
interface Entry {
  promise: Promise<Packed | null>;
  done: boolean;
  copy: Packed | null;
}

/** The Content-Type a built text file is sent with (as `send` gives it), or null for a file not worth compressing. */
function textTypeOf(file: string): string | null {
  const type = mime.lookup(extname(file));
  if (!type || !compressible(type)) return null;
  return mime.contentType(type) || null;
}

/** Packs `data` in `encoding`: Brotli's highest quality for files up to 64 KB, quality 10 beyond; gzip at level 9. */
function pack(data: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipped(data, { level: constants.Z_BEST_COMPRESSION });
  return brotli(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: qualityFor(data.length), [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
}

/**
 * The encoding to send, of `available`: the one the request rates highest, Brotli before gzip
 * where it rates them the same (browsers list gzip first).
 */
function acceptedEncoding(req: IncomingMessage, available: string[]): string | undefined {
  // Negotiator takes the preferred order as a second argument, which its types leave out.
  const negotiator = new Negotiator(req) as unknown as { encoding(available: string[], preferred: string[]): string | undefined };
  return negotiator.encoding(available, ['br', 'gzip']);
}

/**
 * A request handler for the built site in `clientDir`: answers a GET or HEAD for `file` (one
 * of the build's files, relative to `clientDir`, as `StaticFiles.fileFor` names it) with its
 * packed copy in an encoding the browser accepts, if it is text or one of Pagefind's files,
 * and returns true; otherwise returns false and leaves the request alone (marked as varying
 * by Accept-Encoding, for caches, where a copy could have been sent). A request with a Range
 * header is left alone too.
 */
export function precompressedFiles(clientDir: string, { cacheLimit = DEFAULT_CACHE_LIMIT } = {}): (req: IncomingMessage, res: ServerResponse, file: string) => Promise<boolean> {
  const entries = new Map<string, Entry>();
  let cachedBytes = 0;

  /** The copy of `file` in `encoding`, or null when there is none (too small, not Pagefind's data, gone from disk). */
  async function packFile(file: string, encoding: Encoding, pagefind: boolean, type: string): Promise<Packed | null> {
    const path = join(clientDir, file);
    const [bytes, stats] = await Promise.all([readFile(path), stat(path)]);
    const data = pagefind ? await unpackedPagefindData(bytes) : bytes;
    if (!data || (!pagefind && data.length < MIN_BYTES)) return null;
    const body = await pack(data, encoding);
    cachedBytes += body.length;
    if (pagefind) return { body, type, encoding, etag: `"${encoding}-${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    // A text file keeps the weak ETag and Last-Modified that `send` gives it (from its size
    // and time), whichever way it is compressed: a copy a browser was sent before this one
    // was packed still revalidates, and GET and HEAD always agree.
    return { body, type, encoding, etag: etag(stats, { weak: true }), lastModified: stats.mtime.toUTCString() };
  }

  /** The copy of `file` in `encoding`, packing it on first use; null when there is no room. */
  function entryFor(file: string, encoding: Encoding, pagefind: boolean, type: string): Entry | null {
    const key = `${encoding} ${file}`;
    const known = entries.get(key);
    if (known) return known;
    if (cachedBytes >= cacheLimit) return null;
    // Only the build's own files get here, so remembering that one has no copy cannot fill
    // the memory.
    const entry: Entry = {
      done: false,
      copy: null,
      promise: packFile(file, encoding, pagefind, type)
        .catch(() => null)
        .then((copy) => {
          entry.done = true;
          entry.copy = copy;
          return copy;
        }),
    };
    entries.set(key, entry);
    return entry;
  }

  return async (req, res, file) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pagefind = PAGEFIND_DATA.test(`/${file}`);
    const type = pagefind ? 'application/octet-stream' : textTypeOf(file);
    if (type === null) return false;
    res.setHeader('Vary', 'Accept-Encoding');
    // No Accept-Encoding at all means the file as it is, as the compression middleware decides.
    if (req.headers.range !== undefined || req.headers['accept-encoding'] === undefined) return false;
    const encoding = acceptedEncoding(req, pagefind ? ['br'] : ['br', 'gzip', 'identity']);
    if (encoding !== 'br' && encoding !== 'gzip') return false;
    const entry = entryFor(file, encoding, pagefind, type);
    if (!entry) return false;
    // Pagefind's first request waits for the Brotli copy; a page is sent as before meanwhile.
    const copy = entry.done ? entry.copy : pagefind ? await entry.promise : null;
    if (!copy) return false;
    res.setHeader('Content-Type', copy.type);
    res.setHeader('ETag', copy.etag);
    if (copy.lastModified) res.setHeader('Last-Modified', copy.lastModified);
    if (!HASHED.test(`/${file}`)) res.setHeader('Cache-Control', 'public, max-age=0');
    if (fresh(req.headers, { etag: copy.etag, 'last-modified': copy.lastModified })) {
      res.writeHead(304);
      res.end();
      return true;
    }
    res.setHeader('Content-Encoding', copy.encoding);
    res.setHeader('Content-Length', copy.body.length);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : copy.body);
    return true;
  };
}
