import { pagesOnDisk } from './site-pages.ts';
import { expect, test } from './fixtures.ts';

test('every content page lists related pages once, at the end', async ({ request }) => {
  // Read over HTTP: the headings are in the served HTML, and a browser adds nothing here.
  const counts: Record<string, number> = {};
  for (const path of pagesOnDisk()) {
    const html = await (await request.get(path)).text();
    counts[path] = html.match(/<h[2-6][^>]*>\s*Related (pages|guidance)\s*<\/h[2-6]>/g)?.length ?? 0;
  }
  expect(Object.entries(counts).filter(([, n]) => n > 1)).toEqual([]);
  // The pattern must find the heading where it is, or the check above proves nothing.
  expect(Object.values(counts).filter((n) => n === 1).length).toBeGreaterThan(10);
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
