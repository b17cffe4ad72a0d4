import { sql } from 'drizzle-orm';
import { createDb } from '../../db/client.ts';
import { expect, expectNoAxeViolations, freshMember, test } from './fixtures.ts';
import { E2E_BASE_URL, E2E_DATABASE_URL } from './paths.ts';
import { ACCOUNT_LINKS_PATH, UPDATED_SINCE_PATH } from '../../src/lib/domain/account/signed-in-hint.ts';

// "Updated since you last read it": the static page fetches the badge for a signed-in member
// (the request also records the reading). The Common Assessment Framework page was amended on 24 and
// 30 November 2026. Builds cannot be amended mid-test, so the test moves the member's
// reading back to 3 October 2026 instead: the same as having read it then, before both
// amendments were published.

const PAGE = '/guidance/common-assessment-framework/';

async function readOn(email: string, page: string, iso: string): Promise<void> {
  const portal = await createDb(E2E_DATABASE_URL);
  try {
    // write() retries while the running server holds the database's write lock.
    const result = await portal.write((tx) =>
      tx.run(sql`UPDATE reading_history SET read_at = ${Date.parse(iso) / 1000} WHERE page = ${page} AND user_id = (SELECT id FROM users WHERE email = ${email})`),
    );
    expect(result.rowsAffected, 'the reading was recorded').toBe(1);
  } finally {
    portal.close();
  }
}

/** Readings of `pages` now, as opening the pages records them. */
async function readPages(email: string, pages: string[]): Promise<void> {
  const portal = await createDb(E2E_DATABASE_URL);
  try {
    for (const read of pages) {
      await portal.write((tx) => tx.run(sql`INSERT INTO reading_history (user_id, page, read_at) SELECT id, ${read}, unixepoch() FROM users WHERE email = ${email}`));
    }
  } finally {
    portal.close();
  }
}

test('a member sees what changed since they last read a page', async ({ browser }) => {
  const { page, email, close } = await freshMember(browser);
  // Read on 3 October 2026 (the next test shows the page recording a reading itself).
  await readPages(email, [PAGE]);
  await readOn(email, PAGE, '2026-10-03T12:00:00Z');

  await page.goto(PAGE);
  const badge = page.locator('.updated-since');
  await expect(badge.getByRole('heading', { name: 'Updated since you last read it on 3 October 2026' })).toBeVisible();
  await expect(badge.getByRole('listitem')).toHaveText([/^30 November 2026: Added the Integrated Processes website/, /^24 November 2026: First published on the portal\./]);
  await expectNoAxeViolations(page);
  await close();
});

test('the account lists pages changed since they were read, until they are read again', async ({ browser }) => {
  const { page, email, close } = await freshMember(browser);
  await readPages(email, [PAGE]);
  await readOn(email, PAGE, '2026-10-03T12:00:00Z');
  await page.goto('/account');
  const changed = page.locator('.changed-since-list');
  await expect(changed.getByRole('link', { name: 'The Common Assessment Framework' })).toBeVisible();
  await expect(changed).toContainText('you read it on 3 October 2026');
  await expect(changed).toContainText('30 November 2026: Added the Integrated Processes website');

  // Opening the page is a new reading: then there is nothing new.
  const island = page.waitForResponse((r) => r.url().includes('/account/reading/updated-since') && r.ok());
  await changed.getByRole('link', { name: 'The Common Assessment Framework' }).click();
  await island;
  await page.goto('/account');
  await expect(page.getByText('None of the guidance pages you have read has changed since you read it.')).toBeVisible();
  await close();
});

test('a member reads their history, asks for the weekly e-mail and deletes it all', async ({ browser }) => {
  const { page, email, close } = await freshMember(browser);
  await readPages(email, [PAGE]);
  await page.goto('/account/reading');
  await expect(page.getByRole('heading', { level: 1, name: 'Your reading history' })).toBeVisible();
  await expect(page.getByRole('row', { name: /The Common Assessment Framework/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Send me a weekly e-mail when pages I have read change').check();
  await page.getByRole('button', { name: 'Save e-mail setting' }).click();
  await expect(page.getByRole('status')).toContainText('You will get a weekly e-mail');
  await expect(page.getByLabel('Send me a weekly e-mail when pages I have read change')).toBeChecked();
  await page.getByRole('button', { name: 'Delete all your reading history' }).click();
  await expect(page.getByRole('status')).toContainText('Your reading history has been deleted');
  await expect(page.getByText('Your reading history is empty.')).toBeVisible();
  await close();
});

test('signed out, a content page asks for no badge, records nothing and shows none', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/account/reading/updated-since')) asked.push(r.url());
  });
  // The page's scripts run before the load event that goto waits for, so a request would be seen.
  await page.goto(PAGE);
  await expect(page.locator('[data-updated-since]')).toHaveCount(1);
  expect(asked).toEqual([]);
  await expect(page.locator('.updated-since')).toHaveCount(0);
});

test('a stale signed-in hint gets no badge and no error', async ({ page, context }) => {
  await context.addCookies([{ name: 'signed-in', value: '1', url: E2E_BASE_URL }]);
  // The header asks for its account links with the same hint, and whichever answer comes
  // first takes the stale hint away; a script that runs after that asks for nothing. The
  // header's request fails here, so the badge's request is the one that meets the stale hint.
  await page.route(`**${ACCOUNT_LINKS_PATH}`, (route) => route.abort());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === UPDATED_SINCE_PATH);
  await page.goto(PAGE);
  // No session: the fragment's address sends the browser to sign in, which the page ignores.
  expect((await answered).status()).toBe(303);
  await expect.poll(async () => (await context.cookies()).map((c) => c.name)).not.toContain('signed-in');
  await expect(page.locator('.updated-since')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'The Common Assessment Framework' })).toBeVisible();
  expect(errors).toEqual([]);
});

test.describe('when JavaScript is unavailable', () => {
  test.use({ javaScriptEnabled: false });

  test('a member turns on the weekly e-mail and deletes one page from their history', async ({ browser }) => {
    const { page, email, close } = await freshMember(browser, { javaScriptEnabled: false });
    await page.goto('/account/reading');
    await expect(page.getByText('Your reading history is empty.')).toBeVisible();
    await readPages(email, [PAGE, '/guidance/phase-2/']);
    await page.reload();
    await page.getByRole('button', { name: 'Delete The Common Assessment Framework from your history' }).click();
    await expect(page.getByRole('status')).toContainText('That page has been removed from your reading history');
    await expect(page.getByRole('row', { name: /The Common Assessment Framework/ })).toHaveCount(0);
    await expect(page.getByRole('row', { name: /Phase 2/ })).toBeVisible();
    await page.getByLabel('Send me a weekly e-mail when pages I have read change').check();
    await page.getByRole('button', { name: 'Save e-mail setting' }).click();
    await expect(page.getByRole('status')).toContainText('You will get a weekly e-mail');
    await close();
  });
});
