/**
 * The portal's service worker, installed only when a reader chooses "Save guidance for
 * offline use". Workbox's precaching stores the files listed by the build (each with a
 * revision hash, so a new build replaces exactly what changed); this file decides how
 * requests are answered.
 *
 * - Pages: from the network first, so a reader online always gets today's page and their
 *   own header. Only when the network fails is a stored page used, with a banner saying when
 *   it was saved; an address not stored gets the plain offline page.
 * - Stored files (stylesheets, scripts, the search index, downloads): from storage.
 * - Everything else, and anything `isNeverStored` names, is left to the browser: never
 *   stored, never answered from storage.
 *
 * Bundled by the build (src/integrations/offline.ts); Workbox writes the file list into
 * `self.__WB_MANIFEST`.
 */
import { PrecacheController, type PrecacheEntry } from 'workbox-precaching';
import {
  OFFLINE_FALLBACK_URL,
  OFFLINE_META_CACHE,
  OFFLINE_SAVED_AT_KEY,
  isNeverStored,
  offlineBannerText,
  storedUrlFor,
  withOfflineBanner,
} from '../lib/domain/offline/model.ts';

// The worker's own global scope, typed here because the project's TypeScript settings are
// for pages (DOM), not workers.
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}

const sw = self as unknown as WorkerScope;

const precache = new PrecacheController({
  cacheName: 'portal-offline-guidance',
  plugins: [
    {
      // Stored copies are fetched without cookies: what is saved is what anyone signed out
      // sees, so nothing personal can reach the store even for a page rendered on demand.
      requestWillFetch: async ({ request }) => new Request(request, { credentials: 'omit' }),
    },
  ],
});
// Written as `self.__WB_MANIFEST` exactly: that is where Workbox injects the list.
precache.addToCacheList((self as unknown as { __WB_MANIFEST: PrecacheEntry[] }).__WB_MANIFEST);

sw.addEventListener('install', (event) => {
  // Workbox's install downloads every file, or fails as a whole, so a half-saved library is
  // never left behind. The time is kept for the offline banner.
  event.waitUntil(
    (async () => {
      await precache.install(event as never);
      const meta = await caches.open(OFFLINE_META_CACHE);
      await meta.put(OFFLINE_SAVED_AT_KEY, new Response(new Date().toISOString(), { headers: { 'Content-Type': 'text/plain' } }));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await precache.activate(event as never);
      await sw.clients.claim();
    })(),
  );
});

/** When the guidance was saved, or null if the record has gone. */
async function savedAt(): Promise<Date | null> {
  const stored = await (await caches.open(OFFLINE_META_CACHE)).match(OFFLINE_SAVED_AT_KEY);
  const text = stored ? await stored.text() : '';
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A stored page with the offline banner, or the offline page, for a request the network could not answer. */
async function fromStorage(url: URL): Promise<Response> {
  const stored = isNeverStored(url.pathname) ? undefined : await precache.matchPrecache(storedUrlFor(url.pathname));
  // A download opened as a page (a Word template, say) is returned as it was stored.
  if (stored && !(stored.headers.get('Content-Type') ?? '').startsWith('text/html')) return stored;
  if (stored) {
    const when = await savedAt();
    const html = await stored.text();
    const headers = new Headers(stored.headers);
    headers.set('Content-Type', 'text/html; charset=utf-8');
    return new Response(when ? withOfflineBanner(html, offlineBannerText(when)) : html, { status: 200, headers });
  }
  const fallback = await precache.matchPrecache(OFFLINE_FALLBACK_URL);
  if (fallback) return new Response(fallback.body, { status: 503, headers: fallback.headers });
  return new Response('You are offline and this page is not saved on this device.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;

  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(() => fromStorage(url)));
    return;
  }
  if (isNeverStored(url.pathname) || !precache.getCacheKeyForURL(url.pathname)) return;
  // A query on a stored file is a cache-buster (Pagefind asks for its entry file with
  // "?ts=…" so it always sees the newest index): the network first, then the stored copy.
  if (url.search) {
    event.respondWith(fetch(request).catch(async () => (await precache.matchPrecache(url.pathname)) ?? Response.error()));
    return;
  }
  event.respondWith(precache.matchPrecache(url.pathname).then((stored) => stored ?? fetch(request)));
});
