import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, expectNoAxeViolations, test } from './fixtures.ts';

const CONTENT = join(import.meta.dirname, '../../content');

/** Every guidance, Skills Matrix and resource page's address, from the content folder. */
function contentPaths(): string[] {
  const paths: string[] = [];
  const walk = (dir: string, base: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), base);
      else if (entry.name.endsWith('.mdx')) paths.push(`${base}${entry.name.replace(/\.mdx$/, '')}/`);
    }
  };
  walk(join(CONTENT, 'guidance'), '/guidance/');
  walk(join(CONTENT, 'skills-matrix'), '/skills-matrix/');
  walk(join(CONTENT, 'resources'), '/resources/');
  return paths;
}

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

  test('every mention of contacting someone on a content page links to how', async ({ page }) => {
    test.slow();
    const unlinked: string[] = [];
    for (const path of [...contentPaths(), '/accessibility/']) {
      await page.goto(path);
      // Sentences that send the reader to the programme team, their delivery manager or a mailbox.
      const sentences = await page.locator('main p, main li').evaluateAll((elements) =>
        elements
          .filter((el) => /\b(contact|ask|email|tell|check with|send a copy to)\b[^.]{0,60}\b(the programme team|local project delivery manager|information sharing procedure mailbox)/i.test(el.textContent ?? ''))
          .filter((el) => !el.querySelector('a[href^="/contact/"], a[href^="mailto:"]'))
          .map((el) => (el.textContent ?? '').trim().slice(0, 120)),
      );
      for (const sentence of sentences) unlinked.push(`${path}: ${sentence}`);
    }
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
