import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshAccount, freshMember, signInWith, test, uniqueName } from './fixtures.ts';
import { E2E_BASE_URL } from './paths.ts';

// The practitioners' forum, as members use it. Tests run in parallel on one database and the
// posting limits apply (5 seconds between posts, 15 between topics, per member), so every post
// that is saved comes from a new member no other test uses, and every title is unique.

/** Letters only, so the guard never mistakes it for a case reference. */
function uniqueWord(): string {
  let word = '';
  for (let i = 0; i < 10; i++) word += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return word;
}

/**
 * Posts a topic in General over HTTP as the member signed in on `page` and returns its address:
 * set-up for tests about what happens to a topic, since starting one has a test of its own.
 */
async function postTopic(page: Page, title: string, body: string): Promise<string> {
  const response = await page.request.post('/forum/general/new', { form: { title, body }, headers: { Origin: E2E_BASE_URL }, maxRedirects: 0 });
  expect(response.status(), `posting "${title}"`).toBe(303);
  return new URL(response.headers().location!, E2E_BASE_URL).href.replace(/\?.*$/, '');
}

/** Replies to the topic at `topicUrl` over HTTP as the member signed in on `page`. */
async function postReply(page: Page, topicUrl: string, body: string): Promise<void> {
  const response = await page.request.post(topicUrl, { form: { form: 'reply', body }, headers: { Origin: E2E_BASE_URL }, maxRedirects: 0 });
  expect(response.status(), 'replying').toBe(303);
}

test.describe('the forum for members', () => {
  test('start a topic with a preview; it is listed and its writer watches it', async ({ page }) => {
    const word = uniqueWord();
    const title = `Planning meetings that families want to come to ${word}`;
    const writer = await freshAccount(page, { name: uniqueName('Nia Okafor') });
    await signInWith(page, writer.email, writer.password);

    await page.goto('/forum/');
    await expect(page.getByRole('heading', { level: 1, name: "Practitioners' forum" })).toBeVisible();
    await expect(page.getByRole('link', { name: 'information sharing guidance' })).toHaveAttribute('href', '/guidance/information-sharing/');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'General', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'General' })).toBeVisible();
    await expectNoAxeViolations(page);
    // The new topic form is checked by axe with its errors showing, in the next test.
    await page.getByRole('link', { name: 'Start a new topic' }).click();

    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Message', { exact: true }).fill('How do you make the **first meeting** feel less formal?\n\n- venue\n- timing');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.locator('strong')).toHaveText('first meeting');
    await expect(preview.getByRole('listitem')).toHaveCount(2);
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Post topic', exact: true }).click();

    await expect(page.getByRole('heading', { name: 'Your topic has been posted' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('.forum-post').first()).toContainText('Nia Okafor');
    await expect(page.locator('.forum-post').first()).toContainText('Kent County Council');
    await expect(page.getByRole('button', { name: 'Stop watching' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/forum/general/');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  });

  test('another member replies, and search finds the topic by a word in the reply', async ({ page, browser }) => {
    const word = uniqueWord();
    const title = `Planning meetings that families want to come to ${word}`;
    const writer = await freshAccount(page, { name: uniqueName('Nia Okafor') });
    await signInWith(page, writer.email, writer.password);
    const topicUrl = await postTopic(page, title, 'How do you make the first meeting feel less formal?');

    // Another member replies.
    const other = await freshMember(browser, { name: uniqueName('Tom Reid') });
    const replier = other.page;
    await replier.goto(topicUrl);
    await replier.getByLabel('Your reply').fill(`We hold them at the children's centre, which parents know. Try the ${word} approach.`);
    await replier.getByRole('button', { name: 'Post reply', exact: true }).click();
    await expect(replier.getByRole('heading', { name: 'Your reply has been posted' })).toBeVisible();
    await expect(replier.locator('.forum-post')).toHaveCount(2);

    // Search finds the topic by a word in the reply.
    await page.goto(`/forum/search?q=${word}`);
    // The title has the word too, so the opening post matches as well as the reply.
    await expect(page.getByRole('link', { name: title })).toHaveCount(2);
    await expect(page.locator('.forum-results li').filter({ hasText: "children's centre" })).toBeVisible();
    await expect(page.locator('.forum-results mark').first()).toHaveText(word);
    await expectNoAxeViolations(page);
    await page.goto('/forum/search?q=nothingmatchesthisatall');
    await expect(page.getByRole('heading', { name: /No posts match/ })).toBeVisible();

    await other.close();
  });

  test('the writer edits the opening post, title and all, and the old address still works', async ({ page }) => {
    const title = `Planning meetings that families want to come to ${uniqueWord()}`;
    const writer = await freshAccount(page, { name: uniqueName('Nia Okafor') });
    await signInWith(page, writer.email, writer.password);
    const topicUrl = await postTopic(page, title, 'How do you make the first meeting feel less formal?');

    // The writer edits the opening post, title and all.
    await page.goto(topicUrl);
    await page.getByRole('link', { name: 'Edit post 1' }).click();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
    await expectNoAxeViolations(page);
    const newTitle = `${title} (edited)`;
    await page.getByLabel('Title', { exact: true }).fill(newTitle);
    await page.getByLabel('Your message').fill('How do you make the first meeting feel less formal? Updated with more detail.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { name: 'Your post has been updated' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(newTitle);
    await expect(page.locator('.forum-post').first().locator('.forum-edited')).toContainText('Edited');
    // The old address still works.
    await page.goto(topicUrl);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(newTitle);
    expect(page.url()).not.toBe(topicUrl);

  });

  test('a member flags a reply once; its writer deletes it, leaving a placeholder; watching turns off and on', async ({ page, browser }) => {
    const writer = await freshAccount(page, { name: uniqueName('Nia Okafor') });
    await signInWith(page, writer.email, writer.password);
    const topicUrl = await postTopic(page, `Planning meetings that families want to come to ${uniqueWord()}`, 'How do you make the first meeting feel less formal?');
    const other = await freshMember(browser, { name: uniqueName('Tom Reid') });
    const replier = other.page;
    await postReply(replier, topicUrl, "We hold them at the children's centre, which parents know.");
    await replier.goto(topicUrl);
    await page.goto(topicUrl);

    // The writer flags the other member's reply, and cannot flag it twice.
    await page.getByRole('link', { name: /Flag post 2/ }).click();
    await expect(page.getByRole('group', { name: 'Why are you flagging this post?' })).toBeVisible();
    for (const label of ['It may identify a family', 'It raises a safeguarding concern', 'It is inappropriate or offensive', 'It is spam', 'Something else']) {
      await expect(page.getByLabel(label)).toBeVisible();
    }
    await page.getByRole('button', { name: 'Flag this post' }).click();
    await expect(page.getByRole('alert')).toContainText('Select why you are flagging this post');
    await expectNoAxeViolations(page);
    await page.getByLabel('It is spam').check();
    await page.getByRole('button', { name: 'Flag this post' }).click();
    await expect(page.getByRole('heading', { name: /Thank you for flagging the post/ })).toBeVisible();
    await page.getByRole('link', { name: /Flag post 2/ }).click();
    await page.getByLabel('Something else').check();
    await page.getByRole('button', { name: 'Flag this post' }).click();
    await expect(page.getByRole('heading', { name: 'You have already flagged this post. A moderator will look at it' })).toBeVisible();
    // No one can flag or delete posts that are not theirs from the page.
    await expect(page.getByRole('link', { name: /Delete post 2/ })).toHaveCount(0);

    // The other member deletes their reply: a placeholder stays.
    await replier.reload();
    await replier.getByRole('link', { name: 'Delete post 2' }).click();
    await expect(replier.getByRole('heading', { name: 'Are you sure you want to delete this post?' })).toBeVisible();
    await expectNoAxeViolations(replier);
    await replier.getByRole('button', { name: 'Yes, delete this post' }).click();
    await expect(replier.getByRole('heading', { name: 'Your post has been deleted' })).toBeVisible();
    await expect(replier.locator('.forum-post').nth(1)).toContainText('This post was deleted by its author');
    await expect(replier.locator('.forum-post').nth(1)).not.toContainText('children');

    // The watch button turns off and on.
    await page.getByRole('button', { name: 'Stop watching' }).click();
    await expect(page.getByRole('heading', { name: 'You have stopped watching this topic' })).toBeVisible();
    await page.getByRole('button', { name: 'Watch this topic' }).click();
    await expect(page.getByRole('heading', { name: /You are watching this topic/ })).toBeVisible();
    await other.close();
  });

  test('posts with personal data are refused with the reason, and the text is kept', async ({ page, signInAs }) => {
    await signInAs('moderator');
    await page.goto('/forum/caf-and-assessment/new');

    await page.getByRole('button', { name: 'Post topic' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter a title');
    await expect(page.getByRole('alert')).toContainText('Enter your message');
    await expectNoAxeViolations(page);

    const nhs = 'Can anyone check the GP record? Her NHS number is 943 476 5919.';
    await page.getByLabel('Title', { exact: true }).fill(`Checking a GP registration ${uniqueWord()}`);
    await page.getByLabel('Message', { exact: true }).fill(nhs);
    await page.getByRole('button', { name: 'Post topic' }).click();
    await expect(page.getByRole('alert')).toContainText('may identify someone');
    await expect(page.locator('.forum-guard')).toContainText('NHS number');
    await expect(page.locator('.forum-guard')).toContainText('943 476 5919');
    await expect(page.locator('.forum-guard').getByRole('link', { name: 'information sharing guidance' })).toHaveAttribute('href', '/guidance/information-sharing/');
    await expect(page.getByLabel('Message', { exact: true })).toHaveValue(nhs);
    await expect(page.locator('.forum-safeguarding')).toHaveCount(0);
    await expectNoAxeViolations(page);

    // Preview runs the same check.
    const named = 'I met mum Sarah at the school gate and she agreed to a meeting.';
    await page.getByLabel('Message', { exact: true }).fill(named);
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.locator('.forum-guard')).toContainText('Sarah');
    await expect(page.getByLabel('Message', { exact: true })).toHaveValue(named);

    const risk = 'A Year 6 girl told me her stepdad hit her and she is scared to go home tonight.';
    await page.getByLabel('Message', { exact: true }).fill(risk);
    await page.getByRole('button', { name: 'Post topic' }).click();
    await expect(page.getByRole('heading', { name: 'Follow your safeguarding procedures now' })).toBeVisible();
    await expect(page.locator('.forum-safeguarding')).toContainText('999');
    await expect(page.getByRole('alert')).toContainText('safeguarding');
    await expect(page.getByLabel('Message', { exact: true })).toHaveValue(risk);
    await expectNoAxeViolations(page);
  });

  test('the live check warns while the writer types', async ({ page, signInAs }) => {
    await signInAs('moderator');
    await page.goto('/forum/general/new');
    const warning = page.locator('#body-live');
    await page.getByLabel('Message', { exact: true }).click();
    await page.getByLabel('Message', { exact: true }).pressSequentially('Her NHS number is 943 476 5919', { delay: 5 });
    await expect(warning).toContainText('NHS number');
    await page.getByLabel('Message', { exact: true }).fill('A general question about attendance letters');
    await page.getByLabel('Message', { exact: true }).press('End');
    await page.getByLabel('Message', { exact: true }).pressSequentially('.');
    await expect(warning).not.toContainText('NHS number');

    // The live preview is the server's own rendering: Markdown applied, raw HTML shown as text.
    await page.getByLabel('Message', { exact: true }).fill('Use **one plan** for the whole family <script>alert(1)</script>');
    await page.getByLabel('Message', { exact: true }).press('End');
    await page.getByLabel('Message', { exact: true }).pressSequentially(' ');
    const live = page.getByRole('region', { name: 'Live preview' });
    await expect(live.locator('strong', { hasText: 'one plan' })).toBeVisible();
    await expect(live).toContainText('<script>alert(1)</script>');
    expect(await live.locator('script').count()).toBe(0);
    await expectNoAxeViolations(page);
  });

  test('the preview endpoint renders safely for members and refuses bad input', async ({ page, signInAs }) => {
    await signInAs('trainer');
    const ok = await page.request.post('/forum/preview', { data: { body: '[x](javascript:alert(1)) and *fine*' } });
    expect(ok.status()).toBe(200);
    const { html } = (await ok.json()) as { html: string };
    expect(html).toContain('<em>fine</em>');
    expect(html).not.toContain('javascript:');
    expect((await page.request.post('/forum/preview', { data: { text: 'wrong field' } })).status()).toBe(400);
    expect((await page.request.post('/forum/preview', { data: { body: 'x'.repeat(20_001) } })).status()).toBe(400);
  });

  test('signed-out visitors are sent to sign in, and the home page shows no topics to them', async ({ page, signInAs }) => {
    for (const path of ['/forum/', '/forum/general/', '/forum/general/new', '/forum/search?q=meeting', '/forum/t/1/anything']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login\?returnTo=/);
    }
    await page.goto('/');
    const latest = page.locator('.forum-latest');
    await expect(latest.getByRole('link', { name: 'Sign in to join the forum' })).toBeVisible();
    await expect(latest.locator('a[href^="/forum/t/"]')).toHaveCount(0);

    await signInAs('moderator');
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Latest from the forum' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the forum' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in to join the forum' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('unknown categories and topics are not found', async ({ page, signInAs }) => {
    await signInAs('moderator');
    const missing = await page.goto('/forum/no-such-category/');
    expect(missing?.status()).toBe(404);
    const topic = await page.goto('/forum/t/99999999/nothing');
    expect(topic?.status()).toBe(404);
  });
});

test.describe('the forum without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('start a topic and reply, with previews', async ({ page, browser }) => {
    const word = uniqueWord();
    const title = `Useful leaflets for school attendance ${word}`;
    const writer = await freshAccount(page, { name: uniqueName('Ade Bello') });
    await signInWith(page, writer.email, writer.password);
    await page.goto('/forum/lead-workers/new');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Message', { exact: true }).fill('Has anyone got a *plain English* leaflet about attendance?');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('region', { name: 'Preview' }).locator('em')).toHaveText('plain English');
    await expect(page.getByLabel('Message', { exact: true })).toHaveValue('Has anyone got a *plain English* leaflet about attendance?');
    await page.getByRole('button', { name: 'Post topic', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Your topic has been posted' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const topicUrl = page.url().replace(/\?.*$/, '');

    // Another member replies (the writer would have to wait 5 seconds between posts).
    const other = await freshMember(browser, { name: uniqueName('Kim Lowe'), javaScriptEnabled: false });
    const replier = other.page;
    await replier.goto(topicUrl);
    await replier.getByLabel('Your reply').fill('Her NHS number is 943 476 5919, can someone check?');
    await replier.getByRole('button', { name: 'Post reply' }).click();
    await expect(replier.locator('.forum-guard')).toContainText('NHS number');
    await expect(replier.getByLabel('Your reply')).toHaveValue('Her NHS number is 943 476 5919, can someone check?');

    await replier.getByLabel('Your reply').fill('The attendance team has a **good one**, ask them.');
    await replier.getByRole('button', { name: 'Preview' }).click();
    await expect(replier.getByRole('region', { name: 'Preview' }).locator('strong')).toHaveText('good one');
    await replier.getByRole('button', { name: 'Post reply', exact: true }).click();
    await expect(replier.getByRole('heading', { name: 'Your reply has been posted' })).toBeVisible();
    await expect(replier.locator('.forum-post')).toHaveCount(2);
    await expect(replier.locator('.forum-post').nth(1).locator('strong', { hasText: 'good one' })).toBeVisible();
    await other.close();

    await page.goto('/forum/lead-workers/');
    await expect(page.getByRole('link', { name: title })).toBeVisible();
  });
});
