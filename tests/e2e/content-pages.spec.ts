import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from './fixtures.ts';

const CONTENT = join(import.meta.dirname, '../../content');

function pagesOnDisk(): string[] {
  const mdx = (folder: string) => readdirSync(join(CONTENT, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mdx'));
  return [
    ...mdx('guidance').map((f) => `/guidance/${basename(f, '.mdx')}/`),
    ...mdx('skills-matrix').map((f) => `/skills-matrix/${basename(f, '.mdx')}/`),
    ...mdx('resources').map((f) => `/resources/${basename(f, '.mdx')}/`),
  ];
}

test('every content page lists related pages once, at the end', async ({ page }) => {
  test.setTimeout(120_000);
  const twice: string[] = [];
  for (const path of pagesOnDisk()) {
    await page.goto(path);
    const headings = await page.getByRole('heading', { name: /^Related (pages|guidance)$/ }).count();
    if (headings > 1) twice.push(`${path}: ${headings}`);
  }
  expect(twice).toEqual([]);
});

test('a template whose sections are numbered is not numbered again in its contents', async ({ page }) => {
  await page.goto('/resources/business-case-template/');
  const contents = page.getByRole('navigation', { name: 'Contents' });
  const first = contents.getByRole('listitem').first();
  await expect(first).toHaveText(/^1\. /);
  await expect(first).toHaveCSS('list-style-type', 'none');
  await expect(contents.locator('ol')).toHaveCount(0);
});

test('a page whose sections are not numbered keeps a numbered contents list', async ({ page }) => {
  await page.goto('/guidance/phase-1-results/');
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await expect(contents.locator('ol > li').first()).toHaveCSS('list-style-type', 'decimal');
});
