/** The eight Skills Matrix domains, in reading order, as the training pages name them. */
import { pagesOf } from '../content.ts';
import { slugFromId } from '../domain/guidance/pages.ts';

export interface DomainRef {
  slug: string;
  title: string;
}

export async function skillsDomains(): Promise<DomainRef[]> {
  return (await pagesOf('skillsMatrix')).map((e) => ({ slug: slugFromId(e.id), title: e.data.title }));
}

/** A domain's title, or its slug in words when the page is missing. */
export function domainTitle(domains: readonly DomainRef[], slug: string): string {
  const found = domains.find((d) => d.slug === slug);
  if (found) return found.title;
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
