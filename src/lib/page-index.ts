/**
 * Content pages as the on-demand parts see them: grouped by the role that owns them
 * (frontmatter `owner`) for the owners' view of page feedback, and with their amendments for
 * "changed since you last read". Read from the content collections at request time, so they
 * always match the pages this build serves.
 */
import { allContentPages } from './content.ts';
import { ownerSlug, type OwnedPage } from './domain/feedback/model.ts';
import type { ChangeablePage } from './domain/reading/model.ts';

let changeable: Promise<Map<string, ChangeablePage>> | undefined;

/**
 * Every content page's URL, title and amendments, by URL. Worked out once per process: the
 * collections are fixed for a build (in development, afresh each time).
 */
export function changeablePages(): Promise<Map<string, ChangeablePage>> {
  if (changeable && !import.meta.env.DEV) return changeable;
  changeable = allContentPages().then(
    (pages) => new Map(pages.map(({ url, entry }) => [url, { url, title: entry.data.title, amendments: entry.data.amendments }])),
  );
  return changeable;
}

/** Every owner role with its slug and pages, in alphabetical order. */
export async function pagesByOwner(): Promise<{ owner: string; slug: string; pages: OwnedPage[] }[]> {
  const owners = new Map<string, OwnedPage[]>();
  for (const { url, entry } of await allContentPages()) {
    const page: OwnedPage = { url, title: entry.data.title, owner: entry.data.owner, nextReview: entry.data.nextReview };
    owners.set(page.owner, [...(owners.get(page.owner) ?? []), page]);
  }
  return [...owners.entries()]
    .map(([owner, pages]) => ({ owner, slug: ownerSlug(owner), pages }))
    .sort((a, b) => a.owner.localeCompare(b.owner, 'en-GB'));
}
