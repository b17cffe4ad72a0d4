import type { Page } from '@playwright/test';
import { completeTwoFactorSetup, expect, expectNoAxeViolations, freshAccount, test } from './fixtures.ts';
import { signInOverHttp } from './http.ts';

// Feedback at the foot of content pages: anonymous, with and without JavaScript, refused when
// it would identify someone; then the page owner's view, for editors and admins only.

function uniqueWord(): string {
  let word = '';
  for (let i = 0; i < 10; i++) word += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return word;
}

async function reportProblem(page: Page, wrong: string, doing: string): Promise<void> {
  await page.getByText('Report a problem with this page').click();
  await page.getByLabel('What was wrong?').fill(wrong);
  await page.getByLabel('What were you trying to do? (optional)').fill(doing);
  await page.getByRole('button', { name: 'Send report' }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`page feedback ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test('a reader says a page is useful, and reports a problem, without an account', async ({ page }) => {
      await page.goto('/guidance/phase-2/');
      await page.getByRole('button', { name: 'Yes this page is useful' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
      await page.getByRole('link', { name: /Go back to/ }).click();
      await expect(page).toHaveURL(/\/guidance\/phase-2\/$/);

      await reportProblem(page, `The table of outcomes is hard to read ${uniqueWord()}`, 'Checking which outcomes count');
      await expect(page.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
      await expect(page.getByText('will read your report')).toBeVisible();
    });

    test('a report holding an NHS number is refused, with the text kept', async ({ page }) => {
      await page.goto('/skills-matrix/systems-and-it/');
      const doing = 'Recording the visit for the boy with NHS number 943 476 5919';
      await reportProblem(page, 'The page does not say which system to use', doing);
      await expect(page.getByRole('heading', { level: 1, name: 'Report a problem with a page' })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('Remove anything that could identify a family or a person');
      await expect(page.locator('.feedback-guard')).toContainText('NHS number');
      await expect(page.getByLabel('What were you trying to do? (optional)')).toHaveValue(doing);
      await expect(page.getByLabel('What was wrong?')).toHaveValue('The page does not say which system to use');
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      // Corrected, it goes through.
      await page.getByLabel('What were you trying to do? (optional)').fill('Recording a visit');
      await page.getByRole('button', { name: 'Send report' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
    });
  });
}

test('an empty report says what to enter', async ({ page }) => {
  await page.goto('/resources/business-case-template/');
  await page.getByText('Report a problem with this page').click();
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter what was wrong with the page');
  await expect(page.locator('#feedback-wrong-error')).toContainText('Enter what was wrong with the page');
});

test('the thank-you page and the foot of a content page pass axe', async ({ page }) => {
  await page.goto('/guidance/lead-worker-role/');
  await page.getByText('Report a problem with this page').click();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'No this page is not useful' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("an editor sees reports for their team's pages, newest first, and marks one done", async ({ page, browser, baseURL, clientAddress, signInAs }) => {
  const word = uniqueWord();
  const reader = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': clientAddress } });
  const readerPage = await reader.newPage();
  await readerPage.goto('/guidance/governance/');
  await reportProblem(readerPage, `The board membership list is out of date ${word}`, '');
  await expect(readerPage.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
  await readerPage.goto('/guidance/governance/');
  await reportProblem(readerPage, `The diagram is missing its caption ${word}`, 'Printing the page');
  await expect(readerPage.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
  await readerPage.goto('/guidance/governance/');
  await readerPage.getByRole('button', { name: 'No this page is not useful' }).click();
  await expect(readerPage.getByRole('heading', { level: 1, name: 'Thank you for your feedback' })).toBeVisible();
  await reader.close();

  await signInAs('editor');
  await page.getByRole('link', { name: 'Page feedback' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Page feedback' })).toBeVisible();
  await page.getByRole('link', { name: 'Troubled Families programme team' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Feedback on pages owned by Troubled Families programme team' })).toBeVisible();
  const governance = page.locator('article', { has: page.getByRole('heading', { name: 'Governance', exact: false }) }).filter({ hasText: word });
  await expect(governance).toContainText(`The board membership list is out of date ${word}`);
  await expect(governance.locator('.owner-view__counts')).toContainText(/\d+ no/);
  // Newest first.
  const texts = await governance.locator('.owner-view__report').allTextContents();
  const newer = texts.findIndex((t) => t.includes(`The diagram is missing its caption ${word}`));
  const older = texts.findIndex((t) => t.includes(`The board membership list is out of date ${word}`));
  expect(newer).toBeGreaterThanOrEqual(0);
  expect(newer).toBeLessThan(older);
  const report = governance.locator('.owner-view__report', { hasText: `The board membership list is out of date ${word}` });
  await report.getByRole('button', { name: /Mark as done/ }).click();
  await expect(page.getByRole('status')).toContainText('Report marked as done');
  await expect(page.locator('.owner-view__report', { hasText: `out of date ${word}` })).toContainText('Done');
  await expect(page.locator('.owner-view__report', { hasText: `out of date ${word}` }).getByRole('button', { name: /Mark as done/ })).toHaveCount(0);
  await expect(page.locator('.owner-view__report', { hasText: `missing its caption ${word}` }).getByRole('button', { name: /Mark as done/ })).toHaveCount(1);
});

test('the owners\' view passes axe', async ({ page, signInAs }) => {
  await signInAs('editor');
  await page.goto('/editor/feedback');
  await expectNoAxeViolations(page);
  await page.goto('/editor/feedback/troubled-families-programme-team');
  await expect(page.getByRole('heading', { level: 1, name: /Feedback on pages owned by/ })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('admins may open the owners\' view; practitioners may not', async ({ page, signInAs }) => {
  await signInAs('admin');
  await page.goto('/editor/feedback/troubled-families-programme-team');
  await expect(page.getByRole('heading', { level: 1, name: /Feedback on pages owned by/ })).toBeVisible();
  await signInAs('practitioner');
  const response = await page.goto('/editor/feedback');
  expect(response?.status()).toBe(403);
});

test('an admin makes a member an editor, who must then set up two-factor sign-in', async ({ page, browser, baseURL, signInAs }) => {
  const { email, password } = await freshAccount(page);
  await signInOverHttp(page, email, password);
  expect((await page.goto('/editor/feedback'))?.status()).toBe(403);

  const adminContext = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': '10.252.0.1' } });
  const admin = await adminContext.newPage();
  await signInAs('admin', admin);
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByRole('row').filter({ hasText: email }).getByRole('button', { name: /^Make editor/ }).click();
  await expect(admin.getByRole('heading', { name: 'Role granted' })).toBeVisible();
  await expect(admin.getByRole('row').filter({ hasText: email })).toContainText('practitioner, editor');
  await adminContext.close();

  // Granting the role ended the member's session; the password alone now leads to set-up.
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' })).toBeVisible();
  expect((await page.goto('/editor/feedback'))?.url()).toMatch(/\/login\/two-factor/);
  await completeTwoFactorSetup(page);
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Page feedback' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Page feedback' })).toBeVisible();
});
