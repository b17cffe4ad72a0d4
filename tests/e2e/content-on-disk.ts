/** The portal's content pages as the browser tests find them: from the files, not the site. */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const CONTENT = join(import.meta.dirname, '../../content');

/** The URL of every guidance, Skills Matrix and resource page, worked out from the files, sorted. */
export function pagesOnDisk(): string[] {
  const mdx = (folder: string) => readdirSync(join(CONTENT, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mdx'));
  return [
    ...mdx('guidance').map((f) => `/guidance/${basename(f, '.mdx')}/`),
    ...mdx('skills-matrix').map((f) => `/skills-matrix/${basename(f, '.mdx')}/`),
    ...mdx('resources').map((f) => `/resources/${basename(f, '.mdx')}/`),
  ].sort();
}
