/**
 * Search over the portal with Pagefind. The server renders the first page of results from
 * the same index (`lib/server/search.ts`), so search works without JavaScript; with it, this
 * island searches in the browser as you search again, filters, and shows more in place.
 * Pagefind's code and index load only when someone searches. Both sides plan a search the
 * same way (`lib/domain/search/subjects.ts`): spelling put right, the programme's other
 * names for things, and best bets (tools and pages that the query names) first.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { mergeResults } from '../lib/domain/search/synonyms.ts';
import { planSearch, type Subject } from '../lib/domain/search/subjects.ts';

interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  options: (o: Record<string, unknown>) => Promise<void>;
  search: (q: string, o?: { filters?: Record<string, { any: string[] }> }) => Promise<{ results: PagefindResult[] } | null>;
  filters: () => Promise<Record<string, Record<string, number>>>;
}
/** A result as shown: index results carry Pagefind's excerpt HTML, best bets their summary. */
export interface Shown {
  url: string;
  title: string;
  excerptHtml?: string;
  summary?: string;
  best?: boolean;
}
/** The first page of results, as the server found them. */
export interface InitialResults {
  query: string;
  corrected: string | null;
  shown: Shown[];
  total: number;
  page: number;
  hasNext: boolean;
}

/**
 * Results shown at a time. Each result costs a download of its page's text (about 3 KB
 * compressed, for the excerpt), so five keep a search light on a phone; more come on request.
 */
const PAGE_SIZE = 5;
const FILTER_LABELS: Record<string, string> = { section: 'Section', audience: 'Written for', topic: 'Topic', phase: 'Programme phase' };
let pagefindLoading: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  const path = '/pagefind/pagefind.js';
  pagefindLoading ??= import(/* @vite-ignore */ path).then(async (module: { createInstance: (o: Record<string, unknown>) => Pagefind }) => {
    // The index is small enough to search on the main thread in a few milliseconds; a web
    // worker would cost another 12 KB download on the first search for no visible gain.
    const instance = module.createInstance({ noWorker: true });
    await instance.options({ excerptLength: 24 });
    return instance;
  });
  return pagefindLoading;
}

/** "3 pages match “forum”", as the status line says it. */
export function statusText(total: number, query: string): string {
  if (total === 0) return `No pages match “${query}”`;
  return `${total} ${total === 1 ? 'page matches' : 'pages match'} “${query}”`;
}

function searchHref(query: string, page: number): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set('page', String(page));
  return `/search/?${params}`;
}

export default function SiteSearch({ subjects, initial, failed = false }: { subjects: Subject[]; initial: InitialResults | null; failed?: boolean }) {
  const [hydrated, setHydrated] = useState(false);
  const [query, setQuery] = useState(initial?.query ?? '');
  const [submitted, setSubmitted] = useState(initial?.query ?? '');
  const [corrected, setCorrected] = useState<string | null>(initial?.corrected ?? null);
  const [filters, setFilters] = useState<Record<string, Record<string, number>>>({});
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [filtersFailed, setFiltersFailed] = useState(false);

  async function loadFilters(): Promise<void> {
    if (Object.keys(filters).length) return;
    try {
      setFilters(await (await loadPagefind()).filters());
    } catch {
      setFiltersFailed(true);
    }
  }
  const [results, setResults] = useState<PagefindResult[] | null>(null);
  const [next, setNext] = useState(0);
  const [bestUrls, setBestUrls] = useState<Set<string>>(new Set());
  const [shown, setShown] = useState<Shown[]>(initial?.shown ?? []);
  const [total, setTotal] = useState(initial?.total ?? 0);
  const [status, setStatus] = useState(
    failed ? 'Search is not working at the moment. Use the A to Z of pages below instead.' : initial?.query ? statusText(initial.total, initial.query) : '',
  );
  const firstNew = useRef<HTMLAnchorElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);

  useEffect(() => {
    setHydrated(true);
    // Keep anything typed before the page finished loading.
    const typed = input.current?.value ?? '';
    if (typed && typed !== query) setQuery(typed);
    // The search page saved for offline use was stored without a query: search for the one
    // in the address here instead.
    const asked = new URLSearchParams(window.location.search).get('q') ?? '';
    if (!initial && !typed && asked.trim()) {
      setQuery(asked);
      setSubmitted(asked.trim());
    }
    const onPop = () => {
      const back = new URLSearchParams(window.location.search).get('q') ?? '';
      setQuery(back);
      setSubmitted(back);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  /** Loads index results from `from` until `count` are found that are not best bets. */
  async function take(list: PagefindResult[], from: number, count: number, skip: Set<string>): Promise<{ items: Shown[]; next: number }> {
    const items: Shown[] = [];
    let i = from;
    while (items.length < count && i < list.length) {
      const batch = list.slice(i, i + count - items.length);
      i += batch.length;
      for (const d of await Promise.all(batch.map((r) => r.data()))) {
        if (!skip.has(d.url)) items.push({ url: d.url, title: d.meta.title ?? d.url, excerptHtml: d.excerpt });
      }
    }
    return { items, next: i };
  }

  useEffect(() => {
    if (!submitted.trim()) {
      setResults(null);
      setShown([]);
      setStatus('');
      setCorrected(null);
      return;
    }
    let cancelled = false;
    // The server has already shown these results: search again quietly, for "Show more" and filters.
    const alreadyShown = initial !== null && submitted === initial.query && Object.values(chosen).every((v) => !v.length);
    // A later page the server rendered stays as it is: its "Previous" and "Next" links work.
    if (alreadyShown && initial.page > 1) return;
    if (!alreadyShown) setStatus('Searching…');
    (async () => {
      const pagefind = await loadPagefind();
      const active = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v.length).map(([k, v]) => [k, { any: v }]));
      const plan = planSearch(submitted, subjects);
      // Best bets ignore filters, so they are left out once a filter is chosen.
      const bets = Object.keys(active).length ? [] : plan.bets;
      const searches = await Promise.all(plan.variants.map((q) => pagefind.search(q, { filters: active })));
      const merged = mergeResults(searches.map((s) => s?.results ?? []));
      const skip = new Set(bets.map((b) => b.url));
      const first = await take(merged, 0, PAGE_SIZE - bets.length, skip);
      if (cancelled) return;
      const count = Math.max(merged.length, bets.length);
      setResults(merged);
      setNext(first.next);
      setBestUrls(skip);
      setCorrected(plan.corrected);
      setTotal(count);
      setShown([...bets.map((b) => ({ url: b.url, title: b.title, summary: b.summary, best: true })), ...first.items]);
      setStatus(statusText(count, submitted));
    })().catch(() => {
      if (!cancelled) setStatus('Search is not working at the moment. Use the A to Z of pages below instead.');
    });
    return () => {
      cancelled = true;
    };
  }, [submitted, chosen]);

  function onSubmit(event: Event) {
    event.preventDefault();
    // Search for what the box shows. Words typed while the page was still loading reach
    // `query` only once the effect above has run, and Enter can come first.
    const typed = input.current?.value ?? query;
    if (typed !== query) setQuery(typed);
    const q = typed.trim();
    const url = new URL(window.location.href);
    url.searchParams.delete('page');
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    window.history.pushState(null, '', url);
    setSubmitted(q);
  }

  function toggle(filter: string, value: string, on: boolean) {
    setChosen((current) => {
      const values = new Set(current[filter] ?? []);
      if (on) values.add(value);
      else values.delete(value);
      return { ...current, [filter]: [...values] };
    });
  }

  // After "Show more results", keyboard and screen reader users land on the first new result
  // rather than being left on a button that may have gone.
  useEffect(() => {
    if (focusFrom !== null && shown.length > focusFrom) {
      firstNew.current?.focus();
      setFocusFrom(null);
    }
  }, [shown, focusFrom]);

  async function showMore() {
    if (!results) return;
    const from = shown.length;
    const more = await take(results, next, PAGE_SIZE, bestUrls);
    setNext(more.next);
    setFocusFrom(from);
    setShown((s) => [...s, ...more.items]);
  }

  const serverPaged = !hydrated || (initial !== null && initial.page > 1 && submitted === initial.query && results === null);
  const page = serverPaged ? (initial?.page ?? 1) : 1;
  const moreInIndex = serverPaged ? (initial?.hasNext ?? false) : results !== null && next < results.length;

  return (
    <div class="site-search-page">
      <form role="search" method="get" action="/search/" onSubmit={onSubmit}>
        <div class="form-group">
          <label for="search-q">Search the portal</label>
          <span class="hint" id="search-q-hint">For example, team around the family, consent or book training</span>
          <div class="search-row">
            <input
              id="search-q"
              ref={input}
              name="q"
              type="search"
              value={query}
              aria-describedby="search-q-hint"
              onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
              onFocus={() => void loadPagefind()}
            />
            <button class="button" type="submit">Search</button>
          </div>
        </div>
      </form>
      <p role="status" class="search-status">{status}</p>
      {corrected && submitted && total > 0 && (
        <p class="search-corrected">
          Showing results for <strong>{corrected}</strong>.
        </p>
      )}
      {hydrated && results && results.length > 0 && (
        // The filters' own index files are fetched only when someone opens this, so a search
        // costs only the index chunks for its words and the results it shows.
        <details class="search-filters" onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && void loadFilters()}>
          <summary>Filter results</summary>
          {!Object.keys(filters).length && <p>{filtersFailed ? 'Filters are not working at the moment.' : 'Loading filters…'}</p>}
          {Object.entries(filters)
            .filter(([name]) => FILTER_LABELS[name])
            .map(([name, values]) => (
              <fieldset key={name}>
                <legend>{FILTER_LABELS[name]}</legend>
                {Object.entries(values)
                  .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
                  .map(([value, count]) => {
                    const id = `filter-${name}-${value.replace(/\W+/g, '-').toLowerCase()}`;
                    return (
                      <div class="checkbox" key={id}>
                        <input
                          type="checkbox"
                          id={id}
                          checked={(chosen[name] ?? []).includes(value)}
                          onChange={(e) => toggle(name, value, (e.target as HTMLInputElement).checked)}
                        />
                        <label for={id}>
                          {value} <span class="hint">({count})</span>
                        </label>
                      </div>
                    );
                  })}
              </fieldset>
            ))}
        </details>
      )}
      {shown.length > 0 && (
        <section aria-labelledby="search-results-title">
          <h2 id="search-results-title" class="visually-hidden">
            Search results
          </h2>
          <ol class="search-results" start={(page - 1) * PAGE_SIZE + 1}>
            {shown.map((r, i) => (
              <li key={r.url} class={r.best ? 'search-results__best' : undefined}>
                <a href={r.url} ref={i === focusFrom ? firstNew : undefined}>
                  {r.title}
                </a>
                {r.excerptHtml !== undefined ? <p dangerouslySetInnerHTML={{ __html: r.excerptHtml }} /> : <p>{r.summary}</p>}
              </li>
            ))}
          </ol>
          {!serverPaged
            ? moreInIndex && (
                <button class="button button--secondary" type="button" onClick={() => void showMore()}>
                  Show more results
                </button>
              )
            : (page > 1 || moreInIndex) && (
                <nav class="pagination-links" aria-label="Search results pages">
                  <ul>
                    {page > 1 && (
                      <li class="pagination-links__previous">
                        <a href={searchHref(submitted, page - 1)} rel="prev">
                          Previous page
                        </a>
                      </li>
                    )}
                    {moreInIndex && (
                      <li class="pagination-links__next">
                        <a href={searchHref(submitted, page + 1)} rel="next">
                          Next page
                        </a>
                      </li>
                    )}
                  </ul>
                </nav>
              )}
        </section>
      )}
    </div>
  );
}
