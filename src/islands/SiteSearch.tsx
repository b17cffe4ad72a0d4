/**
 * Search over the guidance with Pagefind. Pagefind's code and index load only when someone
 * searches, so pages that are merely visited carry none of it. Queries are widened with the
 * programme's synonyms (lead worker / lead professional / key worker, and so on).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { expandQuery, mergeResults } from '../lib/domain/search/synonyms.ts';

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
interface Shown {
  url: string;
  title: string;
  excerpt: string;
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

export default function SiteSearch() {
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState('');
  const [filters, setFilters] = useState<Record<string, Record<string, number>>>({});
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [results, setResults] = useState<PagefindResult[] | null>(null);
  const [shown, setShown] = useState<Shown[]>([]);
  const [status, setStatus] = useState('');
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const firstNew = useRef<HTMLAnchorElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);

  useEffect(() => {
    const q = new URLSearchParams(window.location.search).get('q') ?? '';
    if (q) {
      setQuery(q);
      setSubmitted(q);
    }
    const onPop = () => {
      const back = new URLSearchParams(window.location.search).get('q') ?? '';
      setQuery(back);
      setSubmitted(back);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (!submitted.trim()) {
      setResults(null);
      setShown([]);
      setStatus('');
      return;
    }
    let cancelled = false;
    setStatus('Searching…');
    (async () => {
      const pagefind = await loadPagefind();
      if (!Object.keys(filters).length) {
        const available = await pagefind.filters();
        if (!cancelled) setFilters(available);
      }
      const active = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v.length).map(([k, v]) => [k, { any: v }]));
      const searches = await Promise.all(expandQuery(submitted).map((q) => pagefind.search(q, { filters: active })));
      const merged = mergeResults(searches.map((s) => s?.results ?? []));
      const first = await Promise.all(merged.slice(0, PAGE_SIZE).map((r) => r.data()));
      if (cancelled) return;
      setResults(merged);
      setShown(first.map((d) => ({ url: d.url, title: d.meta.title ?? d.url, excerpt: d.excerpt })));
      setStatus(merged.length === 0 ? `No pages match “${submitted}”` : `${merged.length} ${merged.length === 1 ? 'page matches' : 'pages match'} “${submitted}”`);
    })().catch(() => {
      if (!cancelled) setStatus('Search is not working at the moment. Use the A to Z of pages below instead.');
    });
    return () => {
      cancelled = true;
    };
  }, [submitted, chosen]);

  function onSubmit(event: Event) {
    event.preventDefault();
    const q = query.trim();
    const url = new URL(window.location.href);
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
    const more = await Promise.all(results.slice(from, from + PAGE_SIZE).map((r) => r.data()));
    setFocusFrom(from);
    setShown((s) => [...s, ...more.map((d) => ({ url: d.url, title: d.meta.title ?? d.url, excerpt: d.excerpt }))]);
  }

  return (
    <div class="site-search-page">
      <form role="search" method="get" action="/search/" onSubmit={onSubmit}>
        <div class="form-group">
          <label for="search-q">Search the guidance</label>
          <span class="hint" id="search-q-hint">For example, team around the family, consent or attachment fee</span>
          <div class="search-row">
            <input
              id="search-q"
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
      {results && results.length > 0 && Object.keys(filters).length > 0 && (
        <details class="search-filters">
          <summary>Filter results</summary>
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
          <h2 id="search-results-title" ref={resultsHeading} class="visually-hidden">
            Search results
          </h2>
          <ol class="search-results">
            {shown.map((r, i) => (
              <li key={r.url}>
                <a href={r.url} ref={i === focusFrom ? firstNew : undefined}>
                  {r.title}
                </a>
                <p dangerouslySetInnerHTML={{ __html: r.excerpt }} />
              </li>
            ))}
          </ol>
          {results && shown.length < results.length && (
            <button class="button button--secondary" type="button" onClick={() => void showMore()}>
              Show more results
            </button>
          )}
        </section>
      )}
    </div>
  );
}
