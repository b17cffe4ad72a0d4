/** The eight Skills Matrix domains, in the Skills Matrix's own order, for the course form. */
import { getCollection } from 'astro:content';

export async function domainOptions(): Promise<{ id: string; title: string }[]> {
  const entries = await getCollection('skillsMatrix');
  return entries
    .sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title))
    .map((e) => ({ id: e.id, title: e.data.title }));
}
