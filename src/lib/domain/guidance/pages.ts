/**
 * Pure helpers for the guidance library: slugs, ordering, related pages and the
 * previous/next links. They take plain page records, so they are tested without Astro.
 */

/** The parts of a content page these helpers need. */
export interface PageRef {
  /** Collection entry id, e.g. `practice/lead-worker-role`. */
  id: string;
  title: string;
  summary: string;
  topics: readonly string[];
  order: number;
}

/**
 * The URL slug of an entry: its file name, whatever folder it sits in.
 * @example slugFromId('practice/lead-worker-role') // 'lead-worker-role'
 */
export function slugFromId(id: string): string {
  return id.split('/').pop()!.replace(/\.mdx?$/, '');
}

/**
 * The sub-section of a guidance entry: its folder, or '' at the top level.
 * @example sectionFromId('practice/lead-worker-role') // 'practice'
 */
export function sectionFromId(id: string): string {
  const parts = id.split('/');
  return parts.length > 1 ? parts[0]! : '';
}

// `localeCompare(other, 'en-GB')` builds a collator on every call; sorting a library of a
// thousand pages made hundreds of thousands of them. One collator compares the same way.
const titles = new Intl.Collator('en-GB');

/** Compares two titles as `a.localeCompare(b, 'en-GB')` does. */
export const compareTitles = (a: string, b: string): number => titles.compare(a, b);

/** Pages in reading order: by `order`, then title. */
export function sortPages<T extends PageRef>(pages: readonly T[]): T[] {
  return [...pages].sort((a, b) => a.order - b.order || compareTitles(a.title, b.title));
}

/** The pages before and after `current` in a sorted list, if any. */
export function previousAndNext<T extends PageRef>(sorted: readonly T[], current: PageRef): { previous?: T; next?: T } {
  const index = sorted.findIndex((p) => p.id === current.id);
  if (index === -1) return {};
  return { previous: sorted[index - 1], next: sorted[index + 1] };
}

/**
 * Other pages sharing the most topics with `current`, best first, at most `limit`.
 * Ties go to the page earlier in reading order, so the list is stable between builds.
 */
export function relatedPages<T extends PageRef>(all: readonly T[], current: PageRef, limit = 4): T[] {
  const mine = new Set(current.topics);
  return all
    .filter((p) => p.id !== current.id)
    .map((p) => ({ page: p, shared: p.topics.filter((t) => mine.has(t)).length }))
    .filter((r) => r.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.page.order - b.page.order || compareTitles(a.page.title, b.page.title))
    .slice(0, limit)
    .map((r) => r.page);
}

/**
 * `relatedPages` for many pages at once, with exactly its results: each of `currents` gets
 * the `candidates` sharing the most topics with it. An index from topic to pages means each
 * page looks only at pages that share a topic with it, instead of every page looking at
 * every other page (which grew with the square of the page count and slowed the build).
 * Returns a map from each current page's id to its list.
 */
export function relatedPagesForEach<T extends PageRef>(candidates: readonly T[], currents: readonly PageRef[], limit = 4): Map<string, T[]> {
  // A page listing a topic twice counts it twice, as relatedPages does.
  const byTopic = new Map<string, number[]>();
  candidates.forEach((page, index) => {
    for (const topic of page.topics) {
      const list = byTopic.get(topic);
      if (list) list.push(index);
      else byTopic.set(topic, [index]);
    }
  });
  // Each candidate's place in reading order (order, then title, then position), worked out
  // once, so ranking a page's matches compares numbers instead of titles.
  const place = new Array<number>(candidates.length);
  candidates
    .map((page, index) => ({ page, index }))
    .sort((a, b) => a.page.order - b.page.order || compareTitles(a.page.title, b.page.title) || a.index - b.index)
    .forEach(({ index }, position) => (place[index] = position));
  const result = new Map<string, T[]>();
  for (const current of currents) {
    const shared = new Map<number, number>();
    for (const topic of new Set(current.topics)) {
      for (const index of byTopic.get(topic) ?? []) {
        if (candidates[index]!.id !== current.id) shared.set(index, (shared.get(index) ?? 0) + 1);
      }
    }
    const ranked = [...shared].sort(([ia, sa], [ib, sb]) => sb - sa || place[ia]! - place[ib]!);
    result.set(
      current.id,
      ranked.slice(0, limit).map(([index]) => candidates[index]!),
    );
  }
  return result;
}

/**
 * One "Related pages" list: the author's own choices first, then pages found by shared
 * topics, each page once, at most `limit`.
 */
export function mergeRelated<T extends { url: string }>(chosen: readonly T[], byTopic: readonly T[], limit = 6): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const page of [...chosen, ...byTopic]) {
    if (seen.has(page.url)) continue;
    seen.add(page.url);
    result.push(page);
  }
  return result.slice(0, limit);
}

/** Duplicate slugs among entries; the build refuses them because URLs would clash. */
export function duplicateSlugs(ids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(slugFromId(id), (seen.get(slugFromId(id)) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([slug]) => slug);
}

/**
 * Groups pages under the first letter of their title, for the A to Z list.
 * @example azGroups([{ title: 'Earned Autonomy' }, { title: 'Case studies' }])
 *   // [['C', [...]], ['E', [...]]]
 */
export function azGroups<T extends { title: string }>(pages: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const page of [...pages].sort((a, b) => compareTitles(a.title, b.title))) {
    const letter = page.title.trim().charAt(0).toUpperCase();
    const key = /[A-Z]/.test(letter) ? letter : '#';
    groups.set(key, [...(groups.get(key) ?? []), page]);
  }
  return [...groups];
}
