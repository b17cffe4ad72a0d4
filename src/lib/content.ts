/**
 * Reading the content collections for pages: one place that knows URLs, section names and
 * labels, so every index, breadcrumb and link agrees.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { duplicateSlugs, relatedPagesForEach, sectionFromId, slugFromId, sortPages } from './domain/guidance/pages.ts';

export type ContentCollection = 'guidance' | 'skillsMatrix' | 'resources';
export type ContentEntry = CollectionEntry<ContentCollection>;

/** Where each collection lives and what it is called. */
export const COLLECTIONS: Record<ContentCollection, { title: string; href: string; filter: string }> = {
  guidance: { title: 'Guidance', href: '/guidance/', filter: 'Guidance' },
  skillsMatrix: { title: 'Skills Matrix', href: '/skills-matrix/', filter: 'Skills Matrix' },
  resources: { title: 'Resources', href: '/resources/', filter: 'Resource pack' },
};

/** Sub-sections of the guidance, in the order the index shows them. */
export const GUIDANCE_SECTIONS: Record<string, { title: string; description: string }> = {
  programme: {
    title: 'The programme',
    description: 'What the programme is, how it is funded and governed, how families are identified and what it has achieved.',
  },
  practice: {
    title: 'Working with families',
    description: 'The assessment, the lead worker and team around the family, engaging a family, sharing information and the services around them.',
  },
};

/** Plain-English audience names. */
export const AUDIENCE_LABELS: Record<string, string> = {
  'lead-workers': 'Lead workers',
  practitioners: 'Practitioners',
  managers: 'Managers',
  'partner-agencies': 'Partner agencies',
  trainers: 'Trainers',
};

/** Plain-English phase names. */
export const PHASE_LABELS: Record<string, string> = {
  'phase-1': 'Phase 1 (2012 to 2015)',
  'phase-2': 'Phase 2 (2015 to 2020)',
  'supporting-families': 'Supporting Families (from 2021)',
  'all-phases': 'All phases',
};

/** "information-sharing" → "Information sharing". */
export function topicLabel(topic: string): string {
  const words = topic.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The public URL of an entry. */
export function urlOf(collection: ContentCollection, id: string): string {
  return `${COLLECTIONS[collection].href}${slugFromId(id)}/`;
}

// Content does not change within a build or a running server, so each list is worked out
// once and shared: every guidance page used to read and sort the whole library again for its
// breadcrumbs, previous and next links and related pages, which grew with the square of the
// page count. In development the content can change under the running server, so it is
// read afresh each time there. Callers must not change the arrays they are given.
const worked = new Map<string, Promise<unknown>>();
function once<T>(key: string, work: () => Promise<T>): Promise<T> {
  if (import.meta.env.DEV) return work();
  let result = worked.get(key) as Promise<T> | undefined;
  if (!result) {
    result = work();
    worked.set(key, result);
  }
  return result;
}

/** Every entry of a collection in reading order, refusing two files with one URL. */
export function pagesOf<C extends ContentCollection>(collection: C): Promise<CollectionEntry<C>[]> {
  return once(`pages:${collection}`, async () => {
    const entries = await getCollection(collection);
    const clashes = duplicateSlugs(entries.map((e) => e.id));
    if (clashes.length) throw new Error(`Two ${collection} pages share a URL: ${clashes.join(', ')}`);
    const refs = entries.map((e) => ({ ...e.data, id: e.id, entry: e }));
    return sortPages(refs).map((r) => r.entry);
  });
}

/**
 * The static paths of a collection's pages, one per URL slug under the route's `param`,
 * each with its entry as a prop.
 */
export async function staticPathsOf<C extends ContentCollection, P extends string>(collection: C, param: P) {
  return (await pagesOf(collection)).map((entry) => ({ params: { [param]: slugFromId(entry.id) } as Record<P, string>, props: { entry } }));
}

/**
 * What a content page links to around its text: its related pages, and the pages before and
 * after it in reading order within its section. Both are worked out once per build.
 */
export async function neighboursOf<C extends ContentCollection>(
  collection: C,
  entry: CollectionEntry<C>,
): Promise<{ related: ContentEntry[]; previous?: CollectionEntry<C> | undefined; next?: CollectionEntry<C> | undefined }> {
  const related = (await relatedByTopic()).get(`${collection}:${entry.id}`) ?? [];
  const { previous, next } = (await readingNeighbours(collection)).get(entry.id) ?? {};
  return { related, previous, next };
}

/** Guidance entries grouped by sub-section, in section order. */
export async function guidanceBySection(): Promise<[string, CollectionEntry<'guidance'>[]][]> {
  const pages = await pagesOf('guidance');
  const order = Object.keys(GUIDANCE_SECTIONS);
  const sections = [...new Set(pages.map((p) => sectionFromId(p.id)))].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  });
  return sections.map((s) => [s, pages.filter((p) => sectionFromId(p.id) === s)]);
}

/** A content page with its collection and URL. */
export interface ContentPage {
  collection: ContentCollection;
  entry: ContentEntry;
  url: string;
}

/** Every content page of every collection, with its URL and collection. */
export function allContentPages(): Promise<ContentPage[]> {
  return once('all', async () => {
    const result: ContentPage[] = [];
    for (const collection of Object.keys(COLLECTIONS) as ContentCollection[]) {
      for (const entry of await pagesOf(collection)) result.push({ collection, entry, url: urlOf(collection, entry.id) });
    }
    return result;
  });
}

/** Every content page by its URL. */
export function contentPagesByUrl(): Promise<Map<string, ContentPage>> {
  return once('by-url', async () => new Map((await allContentPages()).map((p) => [p.url, p])));
}

/**
 * The "Related pages" found by shared topics for every guidance, resource and Skills Matrix
 * page, keyed `collection:id`. Worked out once per build for the whole library rather than
 * by each page against every other page. A Skills Matrix page lists guidance and resources
 * only, and its own `skills-matrix` topic does not count. In development the content can
 * change under the running server, so it is worked out afresh each time there.
 */
export function relatedByTopic(): Promise<Map<string, ContentEntry[]>> {
  return once('related', async () => {
    const all = (await allContentPages()).map(({ entry }) => ({ ...entry.data, id: `${entry.collection}:${entry.id}`, entry }));
    const notMatrix = all.filter((p) => p.entry.collection !== 'skillsMatrix');
    const matrix = all
      .filter((p) => p.entry.collection === 'skillsMatrix')
      .map((p) => ({ ...p, topics: p.topics.filter((t) => t !== 'skills-matrix') }));
    const result = new Map<string, ContentEntry[]>();
    for (const [id, pages] of relatedPagesForEach(all, notMatrix)) result.set(id, pages.map((p) => p.entry));
    for (const [id, pages] of relatedPagesForEach(notMatrix, matrix)) result.set(id, pages.map((p) => p.entry));
    return result;
  });
}

/** The pages either side of an entry in reading order. */
export interface Neighbours<C extends ContentCollection> {
  previous?: CollectionEntry<C> | undefined;
  next?: CollectionEntry<C> | undefined;
}

/**
 * The previous and next page of every entry of a collection, keyed by entry id, in reading
 * order within its guidance section (Skills Matrix and resource pages have one section).
 */
export function readingNeighbours<C extends ContentCollection>(collection: C): Promise<Map<string, Neighbours<C>>> {
  return once(`neighbours:${collection}`, async () => {
    const sections = new Map<string, CollectionEntry<C>[]>();
    for (const entry of await pagesOf(collection)) {
      const section = sectionFromId(entry.id);
      sections.set(section, [...(sections.get(section) ?? []), entry]);
    }
    const result = new Map<string, Neighbours<C>>();
    for (const pages of sections.values()) {
      pages.forEach((entry, i) => result.set(entry.id, { previous: pages[i - 1], next: pages[i + 1] }));
    }
    return result;
  });
}
