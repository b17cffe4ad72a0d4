import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { pagesOnDisk } from './site-pages.ts';

test.describe('contact', () => {
  test('the footer leads to a contact page of role mailboxes, with no personal names or addresses', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Contact' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Contact' })).toBeVisible();
    const sharing = page.getByRole('region', { name: 'Information sharing procedure mailbox' });
    await expect(sharing.getByRole('link', { name: 'tfprogrammesop@kent.gov.uk' })).toHaveAttribute('href', 'mailto:tfprogrammesop@kent.gov.uk');
    await expect(page.getByRole('heading', { level: 2, name: /programme team/ })).toBeVisible();
    const mailtos = await page.locator('a[href^="mailto:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(mailtos.length).toBeGreaterThan(0);
    // A role mailbox, never first.last@: the source documents name real people.
    for (const href of mailtos) expect(href).not.toMatch(/^mailto:[a-z]+\.[a-z]+@/i);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const person of ['Janine', 'Collins', 'Matthew', 'Algar', 'David', 'Weiss']) expect(text).not.toContain(person);
    await expectNoAxeViolations(page);
  });

  test('the information sharing guidance gives the procedure mailbox', async ({ page }) => {
    await page.goto('/guidance/information-sharing/');
    const links = page.getByRole('main').getByRole('link', { name: 'tfprogrammesop@kent.gov.uk' });
    await expect(links.first()).toHaveAttribute('href', 'mailto:tfprogrammesop@kent.gov.uk');
  });

  test('every mention of contacting someone on a content page links to how', async ({ page, request }) => {
    // Each page's HTML is fetched and parsed by the browser's own parser in a blank page:
    // the check reads the words and links, so nothing needs loading, styling or scripting.
    const pages = await Promise.all([...pagesOnDisk(), '/accessibility/'].map(async (path) => ({ path, html: await (await request.get(path)).text() })));
    const unlinked = await page.evaluate((docs) => {
      const found: string[] = [];
      for (const { path, html } of docs) {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        // Sentences that send the reader to the programme team, their delivery manager or a mailbox.
        for (const el of doc.querySelectorAll('main p, main li')) {
          const text = el.textContent ?? '';
          if (!/\b(contact|ask|email|tell|check with|send a copy to)\b[^.]{0,60}\b(the programme team|local project delivery manager|information sharing procedure mailbox)/i.test(text)) continue;
          if (!el.querySelector('a[href^="/contact/"], a[href^="mailto:"]')) found.push(`${path}: ${text.trim().slice(0, 120)}`);
        }
      }
      return found;
    }, pages);
    expect(pages.length).toBeGreaterThan(30);
    expect(unlinked).toEqual([]);
  });

  test('the contact page needs no JavaScript and a phone does not scroll sideways', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 }, baseURL: test.info().project.use.baseURL });
    const page = await context.newPage();
    await page.goto('/contact/');
    await expect(page.getByRole('link', { name: 'tfprogrammesop@kent.gov.uk' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
