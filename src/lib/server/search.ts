/**
 * Site search on the server, for readers without JavaScript: the same Pagefind index, read
 * by Pagefind's own search code (`dist/client/pagefind/pagefind.js`), so a search gives the
 * same pages in the same order with JavaScript on or off. Pagefind's code is written for
 * browsers but needs nothing a browser has that Node 24 lacks except one thing: it fetches
 * its index files, and Node's fetch cannot read `file:` addresses. So, for the index folder
 * alone, fetch reads the file from disk; every other request goes to the real fetch.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeResults, type Scored } from '../domain/search/synonyms.ts';
import { planSearch, type SearchPlan, type Subject } from '../domain/search/subjects.ts';

interface PagefindResult extends Scored {
  data: () => Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  search: (q: string) => Promise<{ results: PagefindResult[] } | null>;
}

/** One result as shown. `excerpt` is Pagefind's HTML: escaped text with <mark> round matches. */
export interface ShownResult {
  url: string;
  title: string;
  excerpt: string;
}

/** A page of results. */
export interface SiteSearchPage extends SearchPlan {
  /** Index results on this page, best bets left out. */
  results: ShownResult[];
  /** Pages matching in all, best bets included. */
  total: number;
  /** 1-based page number, and whether there is another. */
  page: number;
  hasNext: boolean;
}

/** Results a page, as on the search page with JavaScript. */
export const RESULTS_PER_PAGE = 5;
/** Matches read at most: more than anyone pages through. */
const MAX_RESULTS = 100;

/** The built site's Pagefind folder: found by walking up from this module. */
function findIndexFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [join(dir, 'client', 'pagefind'), join(dir, 'dist', 'client', 'pagefind')]) {
      if (existsSync(join(candidate, 'pagefind.js'))) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Search index not found: run "astro build" first');
    dir = parent;
  }
}

let loading: Promise<Pagefind> | undefined;

async function loadPagefind(): Promise<Pagefind> {
  const folder = pathToFileURL(findIndexFolder() + '/').href;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(folder)) return realFetch(input, init);
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response(null, { status: 404 });
    }
  }) as typeof fetch;
  const module = (await import(/* @vite-ignore */ `${folder}pagefind.js`)) as { createInstance: (o: Record<string, unknown>) => Pagefind };
  // baseUrl: result addresses are the site's, not the folder's on disk.
  const instance = module.createInstance({ noWorker: true, baseUrl: '/' });
  await instance.options({ excerptLength: 24 });
  return instance;
}

/** Searches the site as the search page does, and returns one page of results. */
export async function searchSite(query: string, subjects: readonly Subject[], page = 1): Promise<SiteSearchPage> {
  const plan = planSearch(query, subjects);
  if (!plan.query) return { ...plan, results: [], total: 0, page: 1, hasNext: false };
  loading ??= loadPagefind().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  const pagefind = await loading;
  const searches = await Promise.all(plan.variants.map((q) => pagefind.search(q)));
  const merged = mergeResults(searches.map((s) => s?.results ?? []));
  const betUrls = new Set(plan.bets.map((b) => b.url));
  // Reading every match's fragment from disk is cheap here (a few dozen small files), and
  // gives exact page boundaries with best bets taken out of the index's own list.
  const all = (await Promise.all(merged.slice(0, MAX_RESULTS).map((r) => r.data()))).filter((d) => !betUrls.has(d.url));
  const shownBefore = (n: number) => (n <= 1 ? 0 : RESULTS_PER_PAGE - plan.bets.length + (n - 2) * RESULTS_PER_PAGE);
  const from = shownBefore(page);
  const to = shownBefore(page + 1);
  const results = all.slice(from, to).map((d) => ({ url: d.url, title: d.meta.title ?? d.url, excerpt: d.excerpt }));
  const total = all.length + plan.bets.length;
  return { ...plan, results, total, page: Math.max(1, page), hasNext: to < all.length };
}
