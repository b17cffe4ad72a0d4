import JSZip from 'jszip';
import { pagesOnDisk } from './site-pages.ts';
import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { inspectHtml, inspectPages } from './html-checks.ts';
import type { Page } from '@playwright/test';

/** Every guidance, Skills Matrix and resource page, read from the A to Z on the search page. */
async function contentPages(page: Page): Promise<string[]> {
  await page.goto('/search/');
  const hrefs = await page.locator('.az a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return [...new Set(hrefs.filter((h) => !h.startsWith('#')))];
}

const INDEX_PAGES = ['/guidance/', '/skills-matrix/', '/resources/', '/glossary/', '/amendments/', '/search/'];

test.describe('guidance library', () => {
  test('lists a page for every part of the programme', async ({ page }) => {
    const pages = await contentPages(page);
    for (const expected of [
      '/guidance/common-assessment-framework/',
      '/guidance/team-around-the-family/',
      '/guidance/lead-worker-role/',
      '/guidance/information-sharing/',
      '/guidance/payment-by-results/',
      '/guidance/phase-2/',
      '/skills-matrix/systems-and-it/',
      '/resources/business-case-template/',
    ]) {
      expect(pages).toContain(expected);
    }
    expect(pages.filter((p) => p.startsWith('/skills-matrix/'))).toHaveLength(8);
  });

  test('the A to Z lists exactly the pages in the content folder', async ({ page }) => {
    const listed = (await contentPages(page)).filter((p) => !['/glossary/', '/amendments/'].includes(p));
    expect(listed.sort()).toEqual(pagesOnDisk());
  });

  // Axe in a browser once per template: each index page, a page of each collection, and each
  // page that draws a diagram. Every other content page differs from these only in its text,
  // which the next test checks in its HTML.
  for (const path of [
    ...INDEX_PAGES,
    '/guidance/lead-worker-role/',
    '/guidance/payment-by-results/',
    '/guidance/engaging-families/',
    '/guidance/family-intervention-model/',
    '/skills-matrix/systems-and-it/',
    '/resources/business-case-template/',
  ]) {
    test(`${path} renders with its title and has no axe violations`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }

  test('every content page has one title, a last reviewed date, and sound headings, links, tables and lists', async ({ page, request }) => {
    const contentPaths = pagesOnDisk();
    const facts = await inspectPages(page, request, [...INDEX_PAGES, ...contentPaths]);
    for (const fact of facts) {
      expect(fact.status, fact.path).toBe(200);
      expect(fact.h1, fact.path).not.toBe('');
      expect(fact.problems, fact.path).toEqual([]);
      if (contentPaths.includes(fact.path)) expect(fact.text, fact.path).toMatch(/Last reviewed/);
    }
  });

  test('the HTML checks find the problems they look for', async ({ page }) => {
    const html = `<!doctype html><html><head><title></title></head><body><main>
      <h1>One</h1><h1>Two</h1><h4 id="x">Skipped</h4><h2></h2>
      <img src="/a.png"><a href="/b"></a><a href="/c">click here</a><p id="x" aria-describedby="nothing"></p>
      <table><tr><td>1</td></tr></table><ul><p>not an item</p></ul></main></body></html>`;
    const [facts] = await inspectHtml(page, [{ path: '/bad', status: 200, html }]);
    expect(facts!.problems.map((p) => p.split(':')[0]!.split(' ')[0])).toEqual([
      'html-has-lang',
      'document-title',
      'page-has-heading-one',
      'heading-order',
      'empty-heading',
      'image-alt',
      'link-name',
      'link',
      'duplicate-id',
      'aria-describedby',
      'table',
      'list',
    ]);
    const [good] = await inspectHtml(page, [{ path: '/good', status: 200, html: '<html lang="en-GB"><title>Fine</title><main><h1>Fine</h1><h2>Part</h2><a href="/x">Costs of the programme</a></main></html>' }]);
    expect(good!.problems).toEqual([]);
  });

  test('every internal link on every page resolves', async ({ page, request }) => {
    const pages = [...INDEX_PAGES, '/', ...(await contentPages(page))];
    const targets = new Set<string>();
    for (const fact of await inspectPages(page, request, pages)) {
      for (const href of fact.internalLinks) targets.add(href.split('#')[0]!);
    }
    const broken: string[] = [];
    for (const target of targets) {
      if (!target || target === '/logout') continue;
      const response = await request.get(target, { maxRedirects: 0 });
      // Account pages redirect to sign in; everything else answers directly.
      if (response.status() >= 400) broken.push(`${target}: ${response.status()}`);
    }
    expect(broken).toEqual([]);
  });

  test('a guidance page has breadcrumbs, contents, related pages and previous and next links', async ({ page }) => {
    await page.goto('/guidance/lead-worker-role/');
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Guidance' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Related pages' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Previous and next pages' })).toBeVisible();
  });

  test('the funding split is a chart with a table of the same figures', async ({ page }) => {
    await page.goto('/guidance/payment-by-results/');
    const figure = page.getByRole('figure', { name: /How the £4,000 for each family was split/ });
    await expect(figure).toBeVisible();
    await expect(figure.getByRole('table')).toContainText('80% (£3,200)');
  });

  test('a printed page hides navigation and shows where links go', async ({ page }) => {
    await page.goto('/guidance/common-assessment-framework/');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    const after = await page.locator('.content-body a[href^="/"]').first().evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toContain('/');
  });
});

test.describe('resource downloads', () => {
  for (const slug of ['business-case-template', 'data-sharing-protocol-template', 'governance-terms-of-reference-template']) {
    test(`${slug} downloads as Word and Markdown with every section of the page`, async ({ page, request }) => {
      await page.goto(`/resources/${slug}/`);
      const sections = (await page.locator('.content-body h2').allTextContents()).map((s) => s.trim());
      expect(sections.length).toBeGreaterThan(3);

      const docx = await request.get(`/resources/${slug}.docx`);
      expect(docx.status()).toBe(200);
      expect(docx.headers()['content-type']).toContain('wordprocessingml');
      const zip = await JSZip.loadAsync(await docx.body());
      const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
      for (const section of sections) expect(text).toContain(section);

      const markdown = await request.get(`/resources/${slug}.md`);
      expect(markdown.status()).toBe(200);
      const body = await markdown.text();
      for (const section of sections) expect(body).toContain(`## ${section}`);
    });
  }
});

test.describe('search', () => {
  const expectations: [string, string][] = [
    ['common assessment', '/guidance/common-assessment-framework/'],
    ['team around the family', '/guidance/team-around-the-family/'],
    ['information sharing', '/guidance/information-sharing/'],
    ['Organisational context and behaviours', '/skills-matrix/organisational-context-and-behaviours/'],
    ['Equalities, diversity and social inclusion', '/skills-matrix/equalities-diversity-and-social-inclusion/'],
    ['Assessment and intervention skills', '/skills-matrix/assessment-and-intervention-skills/'],
    ['Critical reflection and analysis', '/skills-matrix/critical-reflection-and-analysis/'],
    ['Professional leadership and supervision', '/skills-matrix/professional-leadership-and-supervision/'],
    ['Systems and IT', '/skills-matrix/systems-and-it/'],
    ['Specialist knowledge', '/skills-matrix/specialist-knowledge/'],
    ['Professional development and career progression', '/skills-matrix/professional-development-and-career-progression/'],
  ];
  for (const [query, first] of expectations) {
    test(`"${query}" finds ${first} first`, async ({ page }) => {
      await page.goto(`/search/?q=${encodeURIComponent(query)}`);
      const results = page.locator('.search-results a');
      await expect(results.first()).toHaveAttribute('href', first);
    });
  }

  test('the header search box leads to results, and a key worker finds the lead worker role', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('banner').getByLabel('Search the portal').fill('key worker');
    await page.getByRole('banner').getByRole('button', { name: 'Search' }).press('Enter');
    await expect(page).toHaveURL(/\/search\/\?q=key\+worker/);
    await expect(page.locator('.search-results a', { hasText: /lead worker/i }).first()).toBeVisible();
  });

  test('results can be filtered by section, and the search page passes axe', async ({ page }) => {
    await page.goto('/search/?q=consent');
    await expect(page.locator('.search-results li').first()).toBeVisible();
    await page.getByText('Filter results').click();
    await page.getByRole('group', { name: 'Section' }).getByLabel(/Resource pack/).check();
    await expect(page.locator('.search-results a').first()).toHaveAttribute('href', /^\/resources\//);
    await expect(page.getByRole('status')).toContainText(/match/);
    await expectNoAxeViolations(page);
  });

  test("a search fetches the filters' index only when the filters are opened", async ({ page }) => {
    const filterFiles: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/pagefind/filter/')) filterFiles.push(request.url());
    });
    await page.goto('/search/');
    const box = page.getByLabel('Search the portal', { exact: true });
    await box.fill('consent');
    await box.press('Enter');
    await expect(page.getByRole('status')).toContainText(/match/);
    await expect(page.getByText('Filter results')).toBeVisible();
    expect(filterFiles).toEqual([]);
    await page.getByText('Filter results').click();
    await expect(page.getByRole('group', { name: 'Section' })).toBeVisible();
    expect(filterFiles.length).toBeGreaterThan(0);
  });

  test("a search gets Pagefind's files in Brotli and still shows its results", async ({ page }) => {
    // Playwright can report a response after the page has used it (it waits for the headers
    // the network sent), and reading a header is a round trip of its own: so wait for a
    // fragment and an index chunk to be reported, keep each read, and wait for them all.
    const reads: Promise<[string, string | null]>[] = [];
    const pagefindFile = (kind: string) => (response: { url(): string }) => new URL(response.url()).pathname.startsWith(`/pagefind/${kind}`);
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (/^\/pagefind\/(fragment|index)\//.test(path) || path.startsWith('/pagefind/wasm.')) reads.push(response.headerValue('content-encoding').then((encoding) => [path, encoding]));
    });
    const reported = Promise.all([page.waitForResponse(pagefindFile('fragment/')), page.waitForResponse(pagefindFile('index/'))]);
    await page.goto('/search/');
    const box = page.getByLabel('Search the portal', { exact: true });
    await box.fill('lead worker');
    await box.press('Enter');
    await expect(page.getByRole('status')).toContainText(/match/);
    await expect(page.locator('.search-results li').first()).toContainText(/lead worker/i);
    await reported;
    const encodings = await Promise.all(reads);
    const kinds = encodings.map(([path]) => path.split('/')[2]);
    expect(kinds).toEqual(expect.arrayContaining(['fragment', 'index']));
    expect(encodings.every(([, encoding]) => encoding === 'br'), JSON.stringify(encodings)).toBe(true);
  });

  test('excerpts keep the words of tables, lists and diagrams apart', async ({ page }) => {
    const excerpt = async (query: string, title: string) => {
      await page.goto(`/search/?q=${encodeURIComponent(query)}`);
      return page.locator('.search-results li').filter({ has: page.getByRole('link', { name: title, exact: true }) }).locator('p');
    };
    await expect(await excerpt('caseload intensity', 'The Family Intervention Model')).toContainText('Intensity Intensive Caseload Small');
    await expect(await excerpt('hyperactivity', 'Glossary')).toContainText('ADHD: attention deficit hyperactivity disorder A condition');
  });

  test('results come five at a time, and showing more moves focus to the first new one', async ({ page }) => {
    await page.goto('/search/?q=family');
    const results = page.locator('.search-results a');
    await expect(results).toHaveCount(5);
    const total = Number((await page.getByRole('status').textContent())?.match(/(\d+) pages match/)?.[1]);
    expect(total).toBeGreaterThan(10);
    await page.getByRole('button', { name: 'Show more results' }).click();
    await expect(results).toHaveCount(10);
    await expect(results.nth(5)).toBeFocused();
  });

  test('searching by keyboard alone', async ({ page }) => {
    await page.goto('/search/');
    await page.getByLabel('Search the portal', { exact: true }).last().focus();
    await page.keyboard.type('lead professional');
    await page.keyboard.press('Enter');
    await expect(page.locator('.search-results a').first()).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page).toHaveURL(/q=lead\+professional/);
  });

  test.describe('when JavaScript is unavailable', () => {
    test.use({ javaScriptEnabled: false });
    test('the server shows the same results, with pages of five, and the A to Z stays', async ({ page }) => {
      await page.goto('/search/?q=consent');
      await expect(page.getByRole('status')).toHaveText(/\d+ pages match “consent”/);
      const results = page.locator('.search-results a');
      await expect(results).toHaveCount(5);
      await expect(results.first()).toHaveAttribute('href', /^\/(guidance|resources|skills-matrix)\//);
      await expect(page.getByRole('heading', { name: 'A to Z of pages' })).toBeVisible();
      const firstPage = await results.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      await page.getByRole('link', { name: 'Next page' }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(page.locator('.search-results')).toHaveAttribute('start', '6');
      const secondPage = await page.locator('.search-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(secondPage.length).toBeGreaterThan(0);
      expect(secondPage.filter((href) => firstPage.includes(href))).toEqual([]);
      await page.getByRole('link', { name: 'Previous page' }).click();
      await expect(page.locator('.search-results a')).toHaveCount(5);
    });
  });
});
