/**
 * Everything search can name as a best bet: guidance, Skills Matrix and resource pages that
 * list their `subjects`, and the portal's tools. Read at build time for the search page's
 * island and at request time for the server-rendered results.
 */
import { allContentPages } from './content.ts';
import type { Subject } from './domain/search/subjects.ts';
import { TOOL_PAGES } from './domain/search/tools.ts';

/** Content pages with subjects first (in reading order), then the tools. */
export async function searchSubjects(): Promise<Subject[]> {
  const pages = (await allContentPages())
    .filter((p) => p.entry.data.subjects.length > 0)
    .map((p) => ({ url: p.url, title: p.entry.data.title, summary: p.entry.data.summary, terms: p.entry.data.subjects }));
  return [...pages, ...TOOL_PAGES];
}
