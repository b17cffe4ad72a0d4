/**
 * Reading the content collections for pages: one place that knows URLs, section names and
 * labels, so every index, breadcrumb and link agrees.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { duplicateSlugs, previousAndNext, relatedPagesForEach, sectionFromId, slugFromId, sortPages } from './domain/guidance/pages.ts';

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

/** Every entry of a collection in reading order, refusing two files with one URL. */
export async function pagesOf<C extends ContentCollection>(collection: C): Promise<CollectionEntry<C>[]> {
  const entries = await getCollection(collection);
  const clashes = duplicateSlugs(entries.map((e) => e.id));
  if (clashes.length) throw new Error(`Two ${collection} pages share a URL: ${clashes.join(', ')}`);
  const refs = entries.map((e) => ({ ...e.data, id: e.id, entry: e }));
  return sortPages(refs).map((r) => r.entry);
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
 * after it in reading order among `siblings` (the whole collection unless given).
 */
export async function neighboursOf<C extends ContentCollection>(
  collection: C,
  entry: CollectionEntry<C>,
  siblings?: readonly CollectionEntry<C>[],
): Promise<{ related: ContentEntry[]; previous?: CollectionEntry<C>; next?: CollectionEntry<C> }> {
  const pages = siblings ?? (await pagesOf(collection));
  const related = (await relatedByTopic()).get(`${collection}:${entry.id}`) ?? [];
  const { previous, next } = previousAndNext(
    pages.map((s) => ({ id: s.id, ...s.data, entry: s })),
    { id: entry.id, ...entry.data },
  );
  return { related, previous: previous?.entry, next: next?.entry };
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

/** Every content page of every collection, with its URL and collection. */
export async function allContentPages(): Promise<{ collection: ContentCollection; entry: ContentEntry; url: string }[]> {
  const result: { collection: ContentCollection; entry: ContentEntry; url: string }[] = [];
  for (const collection of Object.keys(COLLECTIONS) as ContentCollection[]) {
    for (const entry of await pagesOf(collection)) result.push({ collection, entry, url: urlOf(collection, entry.id) });
  }
  return result;
}

let relatedOnce: Promise<Map<string, ContentEntry[]>> | undefined;

/**
 * The "Related pages" found by shared topics for every guidance, resource and Skills Matrix
 * page, keyed `collection:id`. Worked out once per build for the whole library rather than
 * by each page against every other page. A Skills Matrix page lists guidance and resources
 * only, and its own `skills-matrix` topic does not count. In development the content can
 * change under the running server, so it is worked out afresh each time there.
 */
export function relatedByTopic(): Promise<Map<string, ContentEntry[]>> {
  if (relatedOnce && !import.meta.env.DEV) return relatedOnce;
  relatedOnce = (async () => {
    const all = (await allContentPages()).map(({ entry }) => ({ ...entry.data, id: `${entry.collection}:${entry.id}`, entry }));
    const notMatrix = all.filter((p) => p.entry.collection !== 'skillsMatrix');
    const matrix = all
      .filter((p) => p.entry.collection === 'skillsMatrix')
      .map((p) => ({ ...p, topics: p.topics.filter((t) => t !== 'skills-matrix') }));
    const result = new Map<string, ContentEntry[]>();
    for (const [id, pages] of relatedPagesForEach(all, notMatrix)) result.set(id, pages.map((p) => p.entry));
    for (const [id, pages] of relatedPagesForEach(notMatrix, matrix)) result.set(id, pages.map((p) => p.entry));
    return result;
  })();
  return relatedOnce;
}
