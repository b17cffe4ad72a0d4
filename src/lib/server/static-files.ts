/**
 * The built site's files (prerendered pages, styles, scripts, Pagefind, downloads), served
 * in front of Astro.
 *
 * The node adapter in standalone mode tries the disk before every request, on-demand pages
 * included: a synchronous `lstat`, then `send` opening a stream whose `stat` fails before
 * Astro is asked, about a tenth of a forum page's server time. The build's files never change
 * while it is served, so their list is read once at start-up and a request either names one
 * of them, and is sent from disk by `send` (ETag, Last-Modified, Range, HEAD), or goes straight
 * to Astro (the adapter in middleware mode). Paths are matched as the adapter matched them
 * (trailingSlash 'ignore', directory build format): `/guidance/caf`, `/guidance/caf/` and
 * `/guidance/caf/index.html` all name `guidance/caf/index.html`. Dot files are never
 * served, except under `/.well-known/`.
 */
import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, posix } from 'node:path';
import send from 'send';

export interface StaticFiles {
  /** The file (relative to the folder, with forward slashes) that answers `pathname`, or null. */
  fileFor(pathname: string): string | null;
  /**
   * Sends `file` from disk. Should it have gone since start-up, `otherwise` is called
   * instead, before anything is written.
   */
  send(req: IncomingMessage, res: ServerResponse, file: string, otherwise: () => void): void;
}

/** Every file under `dir`, relative, with forward slashes; dot files only under `.well-known`. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') && !(prefix === '' && entry.name === '.well-known')) return [];
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listFiles(dir, path);
    return entry.isFile() ? [path] : [];
  });
}

/** The build's files under `dir` (dist/client), read once. */
export function staticFiles(dir: string): StaticFiles {
  const files = new Set(listFiles(dir));

  function fileFor(pathname: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const path = posix.normalize(decoded).replace(/^\/+/, '');
    if (path.startsWith('..')) return null;
    if (path === '' || path.endsWith('/')) return files.has(`${path}index.html`) ? `${path}index.html` : null;
    if (files.has(path)) return path;
    return files.has(`${path}/index.html`) ? `${path}/index.html` : null;
  }

  function sendFile(req: IncomingMessage, res: ServerResponse, file: string, otherwise: () => void): void {
    const encoded = `/${file.split('/').map(encodeURIComponent).join('/')}`;
    let started = false;
    send(req, encoded, { root: dir, dotfiles: 'allow', index: false, extensions: false })
      .on('file', () => {
        started = true;
      })
      .on('error', (error: { statusCode?: number }) => {
        if (!started && !res.headersSent) return otherwise();
        const status = error.statusCode ?? 500;
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.writeHead(status);
        res.end(status >= 500 ? 'Internal server error' : '');
      })
      .pipe(res);
  }

  return { fileFor, send: sendFile };
}
