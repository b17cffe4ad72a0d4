/**
 * Builds the service worker that saves guidance for offline use, after Pagefind has written
 * the search index (this integration is listed after it, and Astro runs build hooks in
 * order).
 *
 * What does not depend on the search index is prepared as soon as the pages are written
 * (`astro:build:generated`), while Pagefind's own program builds the index: loading Workbox,
 * bundling the worker and listing the pages and styles. Only the search files are listed
 * once the index is there.
 *
 * Workbox (`workbox-build`, Google's precaching library, the one most service-worker
 * generators build on) lists the built files named in `OFFLINE_FILE_PATTERNS`, each with a
 * hash of its content as its revision, and writes the list into the worker bundled from
 * `src/offline/service-worker.ts` by esbuild. A new build therefore changes the worker
 * exactly when a stored file changes, and the browser replaces only those files. The total
 * size and file count are written to `offline-size.json` so the "Save" button can say what
 * saving will download before anything is stored.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  OFFLINE_EXTRA_URLS,
  OFFLINE_FILE_PATTERNS,
  OFFLINE_SIZE_URL,
  SERVICE_WORKER_URL,
  fileToUrl,
  isNeverStored,
} from '../lib/domain/offline/model.ts';

/** What saving downloads, as written to `offline-size.json`. */
export interface OfflineSize {
  bytes: number;
  files: number;
}

export default function offline(): AstroIntegration {
  let clientDir: URL | undefined;
  let prepared: Promise<Prepared> | undefined;
  return {
    name: 'portal:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = config.build.client;
      },
      'astro:build:generated': () => {
        if (!clientDir) throw new Error('Offline: the client output folder is unknown');
        prepared = prepare(fileURLToPath(clientDir));
        // Awaited in astro:build:done; until then a failure must not count as unhandled.
        prepared.catch(() => undefined);
      },
      'astro:build:done': async ({ logger }) => {
        if (!clientDir) throw new Error('Offline: the client output folder is unknown');
        const site = fileURLToPath(clientDir);
        const { injectManifest, bundled, work, pages } = await (prepared ?? prepare(site));
        try {
          // The search page is rendered on demand, so it has no file: its revision follows the
          // search index and the page's code, which is what it is built from.
          const searchRevision = createHash('sha256')
            .update(readFileSync(join(site, 'pagefind', 'pagefind-entry.json')))
            .update(readFileSync(fileURLToPath(new URL('../pages/search.astro', import.meta.url))))
            .digest('hex')
            .slice(0, 16);
          const result = await injectManifest({
            swSrc: bundled,
            swDest: join(site, SERVICE_WORKER_URL.slice(1)),
            globDirectory: site,
            globPatterns: [...SEARCH_PATTERNS],
            additionalManifestEntries: [
              ...pages.manifestEntries,
              ...OFFLINE_EXTRA_URLS.map((url) => ({ url, revision: searchRevision })),
            ],
            manifestTransforms: [toStoredUrls],
            maximumFileSizeToCacheInBytes: MAXIMUM_FILE_SIZE,
          });
          for (const warning of [...pages.warnings, ...result.warnings]) logger.warn(warning);
          // The listed pages come in as extra entries, counted but not sized by Workbox.
          const size: OfflineSize = { bytes: pages.size + result.size, files: result.count };
          writeFileSync(join(site, OFFLINE_SIZE_URL.slice(1)), JSON.stringify(size));
          logger.info(`Offline guidance: ${size.files} files, ${(size.bytes / 1_000_000).toFixed(1)} MB`);
        } finally {
          rmSync(work, { recursive: true, force: true });
        }
      },
    },
  };
}

const MAXIMUM_FILE_SIZE = 5 * 1024 * 1024;

/** The stored files Pagefind writes; the others exist once the pages are written. */
const SEARCH_PATTERNS = OFFLINE_FILE_PATTERNS.filter((pattern) => pattern.startsWith('pagefind/'));
const PAGE_PATTERNS = OFFLINE_FILE_PATTERNS.filter((pattern) => !pattern.startsWith('pagefind/'));

type Workbox = typeof import('workbox-build');

interface Prepared {
  injectManifest: Workbox['injectManifest'];
  /** The bundled worker, in `work`, a temporary folder removed once the worker is written. */
  bundled: string;
  work: string;
  /** The stored files other than the search index, with their revisions. */
  pages: Awaited<ReturnType<Workbox['getManifest']>>;
}

/** Everything that does not need the search index: Workbox, the bundled worker, the pages. */
async function prepare(site: string): Promise<Prepared> {
  const [{ build }, { getManifest, injectManifest }] = await Promise.all([import('esbuild'), import('workbox-build')]);
  const work = mkdtempSync(join(tmpdir(), 'portal-sw-'));
  try {
    const bundled = join(work, 'sw.js');
    const [pages] = await Promise.all([
      getManifest({
        globDirectory: site,
        globPatterns: PAGE_PATTERNS,
        manifestTransforms: [toStoredUrls],
        maximumFileSizeToCacheInBytes: MAXIMUM_FILE_SIZE,
      }),
      build({
        entryPoints: [fileURLToPath(new URL('../offline/service-worker.ts', import.meta.url))],
        bundle: true,
        format: 'iife',
        target: 'es2022',
        minify: true,
        outfile: bundled,
        // Workbox's development logging is left out of the production bundle.
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      }),
    ]);
    return { injectManifest, bundled, work, pages };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/** Files as the addresses the site serves them at; refuses any that must never be stored. */
const toStoredUrls: import('workbox-build').ManifestTransform = async (entries) => {
  const manifest = entries.map((e) => ({ ...e, url: e.url.startsWith('/') ? e.url : fileToUrl(e.url) }));
  const refused = manifest.filter((e) => isNeverStored(e.url));
  if (refused.length) throw new Error(`Offline: refusing to store ${refused.map((e) => e.url).join(', ')}`);
  return { manifest, warnings: [] };
};
