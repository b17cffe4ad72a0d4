import type { Browser, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshAccount, freshMember, signInWith, test, uniqueName, type DemoRole } from './fixtures.ts';
import { E2E_BASE_URL } from './paths.ts';

/**
 * The moderation queue and members' notifications, driven through the member pages as
 * people would: a practitioner posts, others flag or reply, a moderator acts.
 *
 * The posting limits (5 s between posts, 15 s between topics) count per member, so every
 * post comes from a new member that no other test uses, and none is ever told to wait.
 */

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A second person in their own browser context, signed in. */
async function person(browser: Browser, role: DemoRole, signInAs: (role: DemoRole, page?: Page) => Promise<void>): Promise<Page> {
  const n = () => Math.floor(Math.random() * 250) + 1;
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `10.${n()}.${n()}.${n()}` } });
  const page = await context.newPage();
  await signInAs(role, page);
  return page;
}

/**
 * Starts a topic in General over HTTP as the member signed in on `page`; returns its address
 * and opening post id. Set-up: starting topics and replying have tests of their own.
 */
async function startTopic(page: Page, title: string, body: string): Promise<{ url: string; postId: number }> {
  const response = await page.request.post('/forum/general/new', { form: { title, body }, headers: { Origin: E2E_BASE_URL }, maxRedirects: 0 });
  expect(response.status(), `posting "${title}"`).toBe(303);
  const url = new URL(response.headers().location!, E2E_BASE_URL).href.split(/[?#]/)[0]!;
  const html = await (await page.request.get(url)).text();
  return { url, postId: Number(html.match(/<li[^>]*\bid="post-(\d+)"/)![1]) };
}

/** Replies over HTTP as the member signed in on `page`; returns the reply's post id. */
async function replyTo(page: Page, url: string, body: string): Promise<number> {
  const response = await page.request.post(url, { form: { form: 'reply', body }, headers: { Origin: E2E_BASE_URL }, maxRedirects: 0 });
  expect(response.status(), 'replying').toBe(303);
  // The answer goes to the new post: …#post-123.
  return Number(response.headers().location!.match(/#post-(\d+)$/)![1]);
}

async function flag(page: Page, url: string, postId: number, detail: string): Promise<void> {
  await page.goto(`${url}?flag=${postId}#post-${postId}`);
  await page.getByLabel('It is spam').check();
  await page.getByLabel('Tell the moderators more (optional)').fill(detail);
  await page.getByRole('button', { name: 'Flag this post' }).click();
  await expect(page.getByRole('heading', { name: /Thank you for flagging the post/ })).toBeVisible();
}

test.describe('forum moderation', () => {
  test('a moderator sees a flagged post in the queue and hides it, with a reason; its writer sees the note', async ({ page, browser, signInAs }) => {
    const title = `Printer cartridges for family hubs ${unique()}`;
    const writer = await freshMember(browser, { name: uniqueName('Rory Vance') });
    const author = writer.page;
    const topic = await startTopic(author, title, 'Buy discount printer cartridges from my cousin’s shop every week.');
    const flagger = await person(browser, 'trainer', signInAs);
    await flag(flagger, topic.url, topic.postId, 'Looks like an advert');
    await flagger.context().close();

    await signInAs('moderator');
    await page.goto('/forum/moderation');
    await expect(page.getByRole('heading', { level: 1, name: 'Forum moderation' })).toBeVisible();
    const section = page.locator('section.moderation-topic', { has: page.getByRole('link', { name: title }) });
    await expect(section).toBeVisible();
    await expect(section.getByText('It is spam')).toBeVisible();
    await expect(section.getByText('“Looks like an advert”')).toBeVisible();
    await expect(section.getByText(/Reported by Tom Barker/)).toBeVisible();
    await expect(section.getByText('discount printer cartridges')).toBeVisible();
    await expectNoAxeViolations(page);

    // A reason is needed to hide.
    await section.getByRole('button', { name: /Hide post/ }).click();
    await expect(page.getByRole('alert')).toContainText('Enter why you are hiding this post');
    await expect(page).toHaveTitle(/^Error: /);
    const again = page.locator('section.moderation-topic', { has: page.getByRole('link', { name: title }) });
    await again.getByLabel(/Reason for hiding/).fill('Advertising');
    await again.getByRole('button', { name: /Hide post/ }).click();
    await expect(page.getByRole('heading', { name: 'Post hidden. Members now see a note that a moderator hid it' })).toBeVisible();
    await expect(page.locator('section.moderation-topic', { has: page.getByRole('link', { name: title }) })).toHaveCount(0);
    const log = page.getByRole('table', { name: /Recent moderator actions/ });
    await expect(log.getByRole('row', { name: new RegExp(`Hid a post.*${title}`) }).first()).toBeVisible();

    await author.goto(topic.url);
    await expect(author.getByText('This post has been hidden by a moderator')).toBeVisible();
    await expect(author.getByText('discount printer cartridges')).toHaveCount(0);
    await writer.close();
  });

  test('a moderator finds a topic by its address, locks, pins and renames it; its writer sees the result', async ({ page, browser, signInAs }) => {
    const title = `Printer cartridges for family hubs ${unique()}`;
    const writer = await freshMember(browser, { name: uniqueName('Rory Vance') });
    const author = writer.page;
    const topic = await startTopic(author, title, 'Where do other hubs buy printer cartridges?');

    await signInAs('moderator');
    await page.goto('/forum/moderation');
    const log = page.getByRole('table', { name: /Recent moderator actions/ });
    await page.getByLabel('Topic number or link').fill(topic.url);
    await page.getByRole('button', { name: 'Find topic' }).click();
    await page.getByRole('button', { name: 'Lock topic' }).click();
    await expect(page.getByRole('heading', { name: 'Topic locked. Nobody can reply or edit posts in it' })).toBeVisible();
    await page.getByRole('button', { name: 'Pin topic' }).click();
    await expect(page.getByRole('heading', { name: 'Topic pinned to the top of its category' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unlock topic' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unpin topic' })).toBeVisible();
    await expect(log.getByRole('row', { name: new RegExp(`Pinned a topic.*${title}`) }).first()).toBeVisible();
    await expectNoAxeViolations(page);

    // A title that could identify someone is changed by the moderator; a definite identifier is refused.
    await page.getByLabel('Title', { exact: true }).fill('Family at 14 Mill Lane needs cartridges');
    await page.getByRole('button', { name: 'Change title' }).click();
    await expect(page.getByRole('alert')).toContainText('The new title may identify someone');
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Family at 14 Mill Lane needs cartridges');
    await expectNoAxeViolations(page);
    const renamed = `Printer supplies for family hubs ${unique()}`;
    await page.getByLabel('Title', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Change title' }).click();
    await expect(page.getByRole('heading', { name: 'Title changed' })).toBeVisible();
    await expect(log.getByRole('row', { name: /Changed a topic’s title/ }).first()).toBeVisible();

    await author.goto(topic.url);
    await expect(author.getByRole('heading', { level: 1 })).toContainText(renamed);
    await expect(author.getByRole('heading', { level: 1 })).toContainText('Pinned');
    await expect(author.getByRole('heading', { level: 1 })).toContainText('Locked');
    await expect(author.getByText('This topic is locked. You cannot reply to it.')).toBeVisible();
    await writer.close();
  });

  test('a post hidden by members’ flags says that members reported it, not that a moderator hid it', async ({ browser, signInAs }) => {
    const title = `Cheap phone contracts for families ${unique()}`;
    // The topic's author and the replier are members no other test uses, so neither waits
    // out a posting limit.
    const opener = await freshMember(browser, { name: uniqueName('Olu Opener') });
    const topic = await startTopic(opener.page, title, 'Where do families find cheap phone contracts without a credit check?');
    await opener.close();
    const replier = await freshMember(browser, { name: uniqueName('Remy Replier') });
    const author = replier.page;
    const replyId = await replyTo(author, topic.url, 'Buy cheap phones from the stall on the market every Saturday, best prices.');
    for (const role of ['practitioner', 'trainer', 'admin'] as const) {
      const member = await person(browser, role, signInAs);
      await flag(member, topic.url, replyId, 'Advertising');
      await member.context().close();
    }
    await author.goto(topic.url);
    const hidden = author.locator(`#post-${replyId}`);
    await expect(hidden).toContainText('This post is hidden because members reported it');
    await expect(hidden).not.toContainText('hidden by a moderator');
    await expectNoAxeViolations(author);
    await replier.close();
  });

  test('a practitioner cannot open the moderation queue', async ({ page, signInAs }) => {
    await signInAs('practitioner');
    const response = await page.goto('/forum/moderation');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'You do not have access to this page' })).toBeVisible();
    const post = await page.request.post('/forum/moderation', { form: { intent: 'lock', topicId: '1' }, headers: { origin: new URL(page.url()).origin } });
    expect(post.status()).toBe(403);
  });
});

test.describe('forum notifications', () => {
  test('a reply from another member is listed; mark all as read; the digest opt-in works', async ({ page, browser }) => {
    const title = `Agendas for the first TAF meeting ${unique()}`;
    const me = await freshAccount(page, { name: uniqueName('Hana Novak') });
    await signInWith(page, me.email, me.password);
    const topic = await startTopic(page, title, 'What do you put on the agenda for a first team around the family meeting?');
    const otherName = uniqueName('Sam Otieno');
    const other = await freshMember(browser, { name: otherName });
    await replyTo(other.page, topic.url, 'I start with what the family want to change, then who does what.');
    await other.close();

    await page.goto('/account');
    await expect(page.getByRole('link', { name: /Forum notifications \(\d+ unread\)/ })).toBeVisible();
    await page.getByRole('link', { name: /Forum notifications/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Forum notifications' })).toBeVisible();
    const item = page.getByRole('listitem').filter({ hasText: title });
    await expect(item.getByRole('link', { name: `${otherName} replied in “${title}”` })).toBeVisible();
    await expect(item.getByText('I start with what the family want to change')).toBeVisible();
    await expect(item.getByText('New', { exact: true })).toBeVisible();
    await expect(page.getByText('The e-mail contains topic titles only, never the text of posts.')).toBeVisible();
    await expectNoAxeViolations(page);

    const href = await item.getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/forum\/t\/\d+\/[a-z0-9-]+#post-\d+$/);

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(page.getByRole('heading', { name: 'All your notifications are marked as read' })).toBeVisible();
    await expect(page.getByText('You have no unread notifications.')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: title }).getByText('New', { exact: true })).toHaveCount(0);

    // With JavaScript: opt in.
    const box = page.getByLabel('Send me a daily e-mail of new replies and mentions');
    await expect(box).not.toBeChecked();
    await box.check();
    await page.getByRole('button', { name: 'Save e-mail setting' }).click();
    await expect(page.getByRole('heading', { name: 'You will get a daily e-mail when there are new replies or mentions' })).toBeVisible();
    await expect(page.getByLabel('Send me a daily e-mail of new replies and mentions')).toBeChecked();

    // Without JavaScript: the same person opts out again.
    const n = () => Math.floor(Math.random() * 250) + 1;
    const plainContext = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'X-Forwarded-For': `10.${n()}.${n()}.${n()}` } });
    const plain = await plainContext.newPage();
    await signInWith(plain, me.email, me.password);
    await plain.goto('/account/notifications');
    const plainBox = plain.getByLabel('Send me a daily e-mail of new replies and mentions');
    await expect(plainBox).toBeChecked();
    await plainBox.uncheck();
    await plain.getByRole('button', { name: 'Save e-mail setting' }).click();
    await expect(plain.getByRole('heading', { name: 'You will no longer get the daily e-mail' })).toBeVisible();
    await expect(plain.getByLabel('Send me a daily e-mail of new replies and mentions')).not.toBeChecked();
    await plainContext.close();
  });
});
