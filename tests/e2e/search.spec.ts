import { expect, expectNoAxeViolations, test } from './fixtures.ts';

/** Queries new users tried in their first week, and the page each should find first. */
const FIRST_RESULTS: [string, string][] = [
  ['lead professional', '/guidance/lead-worker-role/'],
  ['key worker', '/guidance/lead-worker-role/'],
  ['eligibilty', '/eligibility/'],
  ['eligibility check', '/eligibility/'],
  ['book training', '/training/'],
  ['forum', '/forum/'],
  ['sign in', '/login'],
  ['contact', '/contact/'],
];

test.describe('search finds subjects and tools first', () => {
  for (const [query, first] of FIRST_RESULTS) {
    test(`"${query}" typed into the search box finds ${first} first`, async ({ page }) => {
      await page.goto('/search/');
      await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
      // Searching in the browser: the island plans and ranks the search itself.
      const box = page.getByRole('search').getByLabel('Search the portal');
      await box.fill(query);
      await box.press('Enter');
      await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(query).replace(/%20/g, '\\+')}`));
      await expect(page.getByRole('status')).toContainText(`match “${query}”`);
      await expect(page.locator('.search-results a').first()).toHaveAttribute('href', first);
    });
  }

  test('a misspelt word says what was searched for instead', async ({ page }) => {
    await page.goto('/search/?q=eligibilty');
    await expect(page.getByText('Showing results for eligibility.')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('"Professional leadership and supervision" comes after the lead worker role for "lead professional"', async ({ page }) => {
    await page.goto('/search/?q=lead+professional');
    const hrefs = await page.locator('.search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs[0]).toBe('/guidance/lead-worker-role/');
    expect(hrefs.indexOf('/guidance/lead-worker-role/')).toBeLessThan(hrefs.indexOf('/skills-matrix/professional-leadership-and-supervision/'));
  });

  test.describe('when JavaScript is unavailable', () => {
    test.use({ javaScriptEnabled: false });

    for (const [query, first] of FIRST_RESULTS) {
      test(`the server finds ${first} first for "${query}"`, async ({ page }) => {
        await page.goto('/');
        const header = page.getByRole('banner');
        await header.getByLabel('Search the portal').fill(query);
        await header.getByRole('button', { name: 'Search' }).click();
        await expect(page.getByRole('status')).toContainText(`match “${query}”`);
        await expect(page.locator('.search-results a').first()).toHaveAttribute('href', first);
      });
    }

    test('a search with no matches says so and offers the A to Z', async ({ page }) => {
      await page.goto('/search/?q=zzqxv');
      await expect(page.getByRole('status')).toHaveText('No pages match “zzqxv”');
      await expect(page.getByRole('heading', { name: 'A to Z of pages' })).toBeVisible();
    });
  });

  test('the server and the browser list the same first page', async ({ page, browser }) => {
    const query = 'team around the family consent';
    const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL });
    const plain = await noScript.newPage();
    await plain.goto(`/search/?q=${encodeURIComponent(query)}`);
    const fromServer = await plain.locator('.search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    await noScript.close();

    await page.goto('/search/');
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0);
    const box = page.getByRole('search').getByLabel('Search the portal');
    await box.fill(query);
    await box.press('Enter');
    await expect(page.getByRole('status')).toContainText('match');
    await expect(page.locator('.search-results a')).toHaveCount(fromServer.length);
    const fromBrowser = await page.locator('.search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(fromBrowser).toEqual(fromServer);
  });
});
