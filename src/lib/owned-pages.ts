/**
 * Content pages grouped by the role that owns them (frontmatter `owner`), for the owners'
 * view of page feedback. Read from the content collections at request time, so it always
 * matches the pages this build serves.
 */
import { allContentPages } from './content.ts';
import { ownerSlug, type OwnedPage } from './domain/feedback/model.ts';

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
