import type { Browser, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshAccount, freshMember, signInWith, test, uniqueName } from './fixtures.ts';
import { E2E_BASE_URL } from './paths.ts';

// Posts the personal-data guard would hold: the author is told first and may edit or send the
// post to a moderator; a held post is seen only by its author and moderators until a moderator
// publishes it, sends it back or removes it. Each test writes as a fresh account, so posting
// limits and other tests' posts never get in the way; words are unique to find the post.

/** axe runs inside the page, so it can only check pages with JavaScript on (the same HTML is served either way). */
async function checkAxe(javaScriptEnabled: boolean, page: Page): Promise<void> {
  if (javaScriptEnabled) await expectNoAxeViolations(page);
}

function uniqueWord(): string {
  let word = '';
  for (let i = 0; i < 10; i++) word += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return word;
}

async function moderatorPage(
  browser: Browser,
  options: { baseURL: string | undefined; javaScriptEnabled: boolean; clientAddress: string },
  signInAs: (role: 'moderator', page?: Page) => Promise<void>,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: options.baseURL, javaScriptEnabled: options.javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': options.clientAddress } });
  const mod = await context.newPage();
  await signInAs('moderator', mod);
  return mod;
}

/**
 * Starts a topic in General over HTTP as the member signed in on `page` (sent to a moderator
 * when `hold` is set, as the author's button does) and returns its address: set-up for tests
 * about what follows, since the posting pages have tests of their own.
 */
async function postTopic(page: Page, title: string, body: string, { hold = false } = {}): Promise<string> {
  const form: Record<string, string> = { title, body };
  if (hold) form.intent = 'hold';
  const response = await page.request.post('/forum/general/new', { form, headers: { Origin: E2E_BASE_URL }, maxRedirects: 0 });
  expect(response.status(), `posting "${title}"`).toBe(303);
  return new URL(response.headers().location!, E2E_BASE_URL).href.replace(/\?.*$/, '');
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`held posts ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    test('a definite identifier is refused; a probable one is explained and can go to a moderator', async ({ page }) => {
      const word = uniqueWord();
      const title = `Rent arrears and a first visit ${word}`;
      const { email, password } = await freshAccount(page, { name: uniqueName('Hana Held') });
      await signInWith(page, email, password);
      await page.goto('/forum/general/new');
      await page.getByLabel('Title', { exact: true }).fill(title);

      // A definite identifier is refused, with no way to send it on.
      await page.getByLabel('Message', { exact: true }).fill('Police ref 46/123456/23 if anyone needs it.');
      await page.getByRole('button', { name: 'Post topic' }).click();
      await expect(page.getByRole('alert')).toContainText('may identify someone');
      await expect(page.locator('.forum-guard')).toContainText('case reference');
      await expect(page.getByRole('button', { name: 'Send to a moderator to check' })).toHaveCount(0);

      // Probable identification: told why, and offered the moderator.
      const held = `Spoke to Chantelle about the rent arrears, she will ring the landlord ${word}.`;
      await page.getByLabel('Message', { exact: true }).fill(held);
      await page.getByRole('button', { name: 'Post topic' }).click();
      await expect(page.getByRole('heading', { name: 'This may identify a family' })).toBeVisible();
      await expect(page.locator('.forum-guard')).toContainText('Chantelle');
      await expect(page.getByLabel('Message', { exact: true })).toHaveValue(held);
      await checkAxe(javaScriptEnabled, page);
      await page.getByRole('button', { name: 'Send to a moderator to check', exact: true }).click();
      await expect(page.getByRole('heading', { name: /sent to a moderator/ })).toBeVisible();
      await expect(page.getByText('Members cannot see this topic.')).toBeVisible();
      await expect(page.locator('.forum-held')).toContainText('Chantelle');
      await checkAxe(javaScriptEnabled, page);
    });

    test('a held topic is hidden from members until a moderator sends it back, it is edited and published', async ({ page, browser, baseURL, clientAddress, signInAs }) => {
      const word = uniqueWord();
      const title = `Rent arrears and a first visit ${word}`;
      const { email, password } = await freshAccount(page, { name: uniqueName('Hana Held') });
      await signInWith(page, email, password);
      const topicUrl = await postTopic(page, title, `Spoke to Chantelle about the rent arrears, she will ring the landlord ${word}.`, { hold: true });

      // Another member sees nothing: not the topic, not in the category, not in search.
      const otherContext = await browser.newContext({ baseURL, javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': clientAddress } });
      const other = await otherContext.newPage();
      await signInAs('trainer', other);
      const response = await other.goto(topicUrl);
      expect(response!.status()).toBe(404);
      await other.goto('/forum/general/');
      await expect(other.getByText(title)).toHaveCount(0);
      await other.goto(`/forum/search?q=${word}`);
      await expect(other.getByRole('heading', { name: /No posts match/ })).toBeVisible();

      // The moderator finds it first in the queue and sends it back with a note.
      const mod = await moderatorPage(browser, { baseURL, javaScriptEnabled, clientAddress }, signInAs);
      await mod.goto('/forum/moderation');
      const item = mod.locator('article.moderation-post', { hasText: word });
      await expect(item).toContainText('Why the guard held it');
      await checkAxe(javaScriptEnabled, mod);
      await item.getByRole('button', { name: /Send back for editing/ }).click();
      await expect(mod.getByRole('alert')).toContainText('Enter what the author should change');
      await mod.locator('article.moderation-post', { hasText: word }).getByLabel(/What should the author change/).fill('Please take out the first name.');
      await mod.locator('article.moderation-post', { hasText: word }).getByRole('button', { name: /Send back for editing/ }).click();
      await expect(mod.getByRole('heading', { name: /Post sent back/ })).toBeVisible();

      // The author sees the note and edits.
      await page.goto(topicUrl);
      await expect(page.locator('.forum-held')).toContainText('Please take out the first name.');
      await page.getByRole('link', { name: /^Edit/ }).first().click();
      await page.getByLabel('Your message').fill(`Spoke to the mum about the rent arrears, she will ring the landlord ${word}.`);
      await page.getByRole('button', { name: 'Save changes', exact: true }).click();
      await expect(page.getByRole('heading', { name: /still waiting for a moderator/ })).toBeVisible();

      // Published: now the other member can read it.
      await mod.goto('/forum/moderation');
      await mod.locator('article.moderation-post', { hasText: word }).getByRole('button', { name: /Publish post/ }).click();
      await expect(mod.getByRole('heading', { name: /Post published/ })).toBeVisible();
      await expect(mod.locator('.moderation-log')).toContainText('Published a held post');
      await other.goto(topicUrl);
      await expect(other.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(other.locator('.forum-post').first()).toContainText('Spoke to the mum');
      await checkAxe(javaScriptEnabled, other);
      await otherContext.close();
      await mod.context().close();
    });

    test('a held reply removed by a moderator never reaches members', async ({ page, browser, baseURL, clientAddress, signInAs }) => {
      const word = uniqueWord();
      // A safe topic to reply to, started by a member no other test uses.
      const starter = await freshMember(browser, { name: uniqueName('Sol Starter'), javaScriptEnabled });
      const admin = starter.page;
      const topicUrl = await postTopic(admin, `Parenting groups for dads ${word}`, 'Which parenting groups have worked for dads in your district?');

      const { email, password } = await freshAccount(page, { name: uniqueName('Rory Reply') });
      await signInWith(page, email, password);
      await page.goto(topicUrl);
      await page.getByLabel('Your reply').fill(`J.M. (15) at Oakwood Academy came to the dads group ${word}.`);
      await page.getByRole('button', { name: 'Post reply' }).click();
      await expect(page.getByRole('heading', { name: 'This may identify a family' })).toBeVisible();
      await expect(page.locator('.forum-guard')).toContainText('Initials');
      await page.getByRole('button', { name: 'Send to a moderator to check', exact: true }).click();
      await expect(page.getByRole('heading', { name: /sent to a moderator/ })).toBeVisible();

      await admin.goto(topicUrl);
      await expect(admin.locator('.forum-post')).toHaveCount(1);
      await expect(admin.getByText(word, { exact: false }).filter({ hasText: 'Oakwood' })).toHaveCount(0);

      const mod = await moderatorPage(browser, { baseURL, javaScriptEnabled, clientAddress }, signInAs);
      await mod.goto('/forum/moderation');
      const item = mod.locator('article.moderation-post', { hasText: word });
      await item.getByLabel(/Reason for removing/).fill('Initials with a school identify the child.');
      await item.getByRole('button', { name: /Remove post/ }).click();
      await expect(mod.getByRole('heading', { name: /Post removed/ })).toBeVisible();
      await expect(mod.locator('article.moderation-post', { hasText: word })).toHaveCount(0);

      await page.goto(topicUrl);
      await expect(page.locator('.forum-post').nth(1)).toContainText('A moderator removed this post');
      await expect(page.locator('.forum-post').nth(1)).toContainText('Initials with a school identify the child.');
      await admin.goto(topicUrl);
      await expect(admin.locator('.forum-post')).toHaveCount(1);
      await starter.close();
      await mod.context().close();
    });
  });
}
