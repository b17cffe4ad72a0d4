/**
 * Guidance saved for offline use: what is stored, what never is, and how a stored page says
 * it may be out of date. Pure, so the build, the service worker and the tests share it.
 *
 * Policy: only published, non-personal content is ever stored on a device (UK GDPR Article
 * 5(1)(f), security of personal data: a practitioner's phone or a shared office laptop must
 * never hold another member's posts, their own account or bookings, or anything about a
 * family). The list below is an allow-list of built files; `isNeverStored` is a second,
 * independent check the service worker and the tests apply to every address.
 */
import { escapeHtml } from '../html.ts';

/**
 * Built files stored for offline use, relative to the client output folder: every guidance,
 * Skills Matrix and resource page and its index, the glossary, the template downloads (Word
 * and Markdown), the search index and code, the stylesheets and scripts those pages load, and
 * the page shown for anything not stored.
 */
export const OFFLINE_FILE_PATTERNS: readonly string[] = [
  'guidance/**/index.html',
  'skills-matrix/**/index.html',
  'resources/**/index.html',
  'resources/*.docx',
  'resources/*.md',
  'glossary/index.html',
  'offline/index.html',
  'favicon.svg',
  '_astro/*.{css,js}',
  'pagefind/pagefind.js',
  'pagefind/pagefind-entry.json',
  'pagefind/*.pf_meta',
  'pagefind/wasm.en.pagefind',
  // By their own extensions: nothing else in these folders is search data.
  'pagefind/index/*.pf_index',
  'pagefind/fragment/*.pf_fragment',
  'pagefind/filter/*.pf_filter',
];

/**
 * The search page is rendered on demand (so it works without JavaScript); its signed-out,
 * query-free form is the same for everyone, so it is stored too, fetched without cookies.
 */
export const OFFLINE_EXTRA_URLS: readonly string[] = ['/search/'];

/** Where the page for addresses that are not stored lives. */
export const OFFLINE_FALLBACK_URL = '/offline/';

/** Where the build writes what saving downloads, for the "Save" button to show first. */
export const OFFLINE_SIZE_URL = '/offline-size.json';

/** The service worker's address; its scope is the whole site. */
export const SERVICE_WORKER_URL = '/sw.js';

/** The cache holding when the guidance was saved. */
export const OFFLINE_META_CACHE = 'portal-offline-meta';
/** The key, in that cache, of the time the guidance was saved. */
export const OFFLINE_SAVED_AT_KEY = '/__offline/saved-at';

/**
 * Addresses that must never be stored or answered from storage, whatever the allow-list says:
 * the forum, accounts, bookings, notifications, the eligibility check, the APIs and every
 * form or tool that knows who is asking.
 */
const NEVER_STORED = [
  '/forum',
  '/account',
  '/admin',
  '/trainer',
  '/training',
  '/editor',
  '/eligibility',
  '/api',
  '/login',
  '/logout',
  '/register',
  '/verify-email',
  '/forgot-password',
  '/reset-password',
  '/feedback',
  '/_server-islands',
  '/_actions',
  '/healthz',
];

/** True when `pathname` must never be stored or served from storage. */
export function isNeverStored(pathname: string): boolean {
  const path = pathname.toLowerCase().replace(/\/{2,}/g, '/');
  return NEVER_STORED.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`) || path.startsWith(`${p}.`));
}

/**
 * The address a built file is stored under: a page's folder rather than its `index.html`.
 * @example fileToUrl('guidance/phase-2/index.html') // '/guidance/phase-2/'
 * @example fileToUrl('resources/business-case-template.docx') // '/resources/business-case-template.docx'
 */
export function fileToUrl(file: string): string {
  const path = `/${file.replace(/^\/+/, '')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

/**
 * The stored address a page request may be answered with: the same path with a trailing
 * slash for pages (the site accepts both), or the path itself for files.
 * @example storedUrlFor('/guidance/phase-2') // '/guidance/phase-2/'
 * @example storedUrlFor('/guidance/phase-2/index.html') // '/guidance/phase-2/'
 */
export function storedUrlFor(pathname: string): string {
  if (pathname.endsWith('/index.html')) return pathname.slice(0, -'index.html'.length);
  if (pathname.endsWith('/') || /\.[a-z0-9]+$/i.test(pathname.split('/').pop() ?? '')) return pathname;
  return `${pathname}/`;
}

const SAVED_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/**
 * The quiet banner on a page opened from storage while offline.
 * @example offlineBannerText(new Date('2026-11-30T10:00:00Z'))
 * // 'Saved on 30 November 2026. You are offline; this may not be the latest version.'
 */
export function offlineBannerText(savedAt: Date): string {
  return `Saved on ${SAVED_DATE.format(savedAt)}. You are offline; this may not be the latest version.`;
}

/**
 * A stored page with the offline banner at the top of its main content. The banner is plain
 * HTML with a class (no inline style or script), so the page's Content-Security-Policy holds.
 */
export function withOfflineBanner(html: string, text: string): string {
  const banner = `<div class="offline-banner" role="status" data-offline-banner><p>${escapeHtml(text)}</p></div>`;
  return html.replace(/<main\b[^>]*>/, (main) => `${main}${banner}`);
}

/**
 * "2.4 MB": a download size as people read it.
 * @example formatBytes(2_400_000) // '2.4 MB'
 * @example formatBytes(900) // '1 KB'
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
