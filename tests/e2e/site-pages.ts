/** Lists of the portal's pages shared by the browser tests. */
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

/**
 * The service's own pages that anyone can open: statements, the account forms (with links
 * that carry made-up tokens) and the not-found page.
 */
export const SERVICE_PAGES: readonly string[] = [
  '/accessibility/',
  '/privacy/',
  '/cookies/',
  '/login',
  '/register',
  '/register/check-email',
  '/forgot-password',
  '/reset-password?token=not-a-real-token',
  '/verify-email?token=not-a-real-token',
  '/feedback?page=/guidance/phase-2/',
  '/offline/',
  '/certificates/',
  '/certificates/0000-0000-0000-0000',
  '/no-such-page',
];
