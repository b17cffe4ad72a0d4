import { expect, expectNoAxeViolations, linkFromServerLog, mailTo, test, uniqueEmail, uniqueName } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function register(page: Page, email: string, name = uniqueName('Casey Morgan'), { organisation = 'Kent Police', password = 'marble-heron-quilt' } = {}) {
  await page.goto('/register');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Work email address').fill(email);
  await page.getByLabel('Organisation').fill(organisation);
  await page.getByLabel('Create a password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
}

async function signIn(page: Page, email: string, password = 'marble-heron-quilt') {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('registration', () => {
  test('a partner registers, confirms their address, waits for approval, and an admin approves', async ({ page, browser, signInAs }) => {
    const email = uniqueEmail('police.example');
    await register(page, email);

    await page.goto(await linkFromServerLog(email, '/verify-email'));
    await expect(page.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible();
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await expect(page.getByRole('heading', { name: 'Your email address is confirmed' })).toBeVisible();
    await expect(page.getByText('An administrator will now check your account.')).toBeVisible();

    await signIn(page, email);
    await expect(page.getByRole('alert')).toContainText('An administrator has not approved your account yet');

    const adminContext = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.250.1.1' } });
    const admin = await adminContext.newPage();
    await signInAs('admin', admin);
    await admin.goto('/admin/users?status=pending');
    const row = admin.getByRole('row').filter({ hasText: email });
    await row.getByRole('button', { name: /^Approve/ }).click();
    await expect(admin.getByRole('heading', { name: 'Account approved. We have emailed its owner' })).toBeVisible();
    await adminContext.close();

    await signIn(page, email);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  });

  test('an address on the trusted list can sign in as soon as it is confirmed', async ({ page }) => {
    const email = uniqueEmail('kent.gov.uk');
    await register(page, email);
    await page.goto(await linkFromServerLog(email, '/verify-email'));
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await expect(page.getByRole('heading', { name: 'Your email address is confirmed' })).toBeVisible();
    await expect(page).toHaveURL(/\/login\?notice=verified/);
    await signIn(page, email);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  });

  test("a stranger who registers the owner's address first never gets the account", async ({ page, browser }) => {
    const email = uniqueEmail('kent.gov.uk');
    const owner = uniqueName('Jo Patel');
    const strangerContext = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.251.1.1' } });
    const stranger = await strangerContext.newPage();
    await register(stranger, email, uniqueName('Mallory Grey'), { organisation: 'Somewhere Else', password: 'strangers-passphrase' });
    const strangersLink = await linkFromServerLog(email, '/verify-email');
    await strangerContext.close();

    // The owner registers too, and opens the link in the e-mail that came with it.
    await register(page, email, owner, { organisation: 'Kent County Council', password: 'owners-own-passphrase' });
    // The outbox sends in the background: wait for the owner's own e-mail, not the stranger's.
    await expect.poll(async () => (await mailTo(email, /Confirm your email address/)).includes(`Name: ${owner}`)).toBe(true);
    const link = await linkFromServerLog(email, '/verify-email');
    expect(link).not.toBe(strangersLink);

    // The stranger's link says whose details it carries, so the owner can tell it is not theirs.
    await page.goto(strangersLink);
    await expect(page.getByRole('definition').filter({ hasText: 'Mallory Grey' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(link);
    await expect(page.getByRole('definition').filter({ hasText: owner })).toBeVisible();
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await expect(page).toHaveURL(/\/login\?notice=verified/);

    await signIn(page, email, 'strangers-passphrase');
    await expect(page.getByRole('alert')).toContainText('Enter a correct email address and password');
    await signIn(page, email, 'owners-own-passphrase');
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByLabel('Full name')).toHaveValue(owner);

    // Confirming voided the stranger's registration.
    await page.goto(strangersLink);
    await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
  });

  test('registering an address that already has an account looks the same, and tells the owner', async ({ page }) => {
    await page.goto('/register');
    await page.getByLabel('Full name').fill('Someone Else');
    await page.getByLabel('Work email address').fill('trainer@example.org');
    await page.getByLabel('Organisation').fill('Unknown');
    await page.getByLabel('Create a password').fill('another-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    const mail = await mailTo('trainer@example.org', /already have an account/);
    expect(mail).toContain('/forgot-password');
  });

  test('mistakes are listed at the top and next to each field, answers kept', async ({ page }) => {
    await page.goto('/register');
    await page.getByLabel('Full name').fill('Casey Morgan');
    await page.getByLabel('Work email address').fill('casey-at-police');
    await page.getByLabel('Create a password').fill('qwerty123456');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.getByRole('alert').getByRole('link')).toHaveText([
      'Enter an email address in the correct format, like name@example.com',
      'Enter the organisation you work for',
      'Choose a password that is harder to guess. This one is in a list of commonly used passwords',
    ]);
    await expect(page.getByLabel('Full name')).toHaveValue('Casey Morgan');
    await expect(page.getByLabel('Work email address')).toHaveValue('casey-at-police');
    await expect(page.locator('#organisation-error')).toHaveText(/Enter the organisation you work for/);
    await expectNoAxeViolations(page);
  });

  test('a name another member uses is refused beside the field, answers kept', async ({ page }) => {
    await page.goto('/register');
    // The demo administrator's name, spaced and cased differently.
    await page.getByLabel('Full name').fill('alex   MORGAN');
    await page.getByLabel('Work email address').fill('alex.m@police.example');
    await page.getByLabel('Organisation').fill('Kent Police');
    await page.getByLabel('Create a password').fill('marble-heron-quilt');
    await page.getByRole('button', { name: 'Create account' }).click();
    const message = 'Another member already uses this name. Add a middle name or initial, for example alex A MORGAN';
    await expect(page.getByRole('alert').getByRole('link')).toHaveText([message]);
    await expect(page.locator('#name-error')).toHaveText(new RegExp(message));
    await expect(page.getByLabel('Full name')).toHaveValue('alex   MORGAN');
    await expect(page.getByLabel('Work email address')).toHaveValue('alex.m@police.example');
    await expect(page.getByLabel('Organisation')).toHaveValue('Kent Police');
    await expectNoAxeViolations(page);
  });

  test('a name taken between registering and confirming is refused by the link', async ({ page, browser }) => {
    const name = uniqueName('Sam Rivers');
    const first = uniqueEmail('kent.gov.uk');
    const second = uniqueEmail('kent.gov.uk');
    await register(page, first, name);
    const otherContext = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.252.1.1' } });
    const other = await otherContext.newPage();
    await register(other, second, name);
    await other.goto(await linkFromServerLog(second, '/verify-email'));
    await other.getByRole('button', { name: 'Confirm email address' }).click();
    await expect(other).toHaveURL(/\/login\?notice=verified/);
    await otherContext.close();

    await page.goto(await linkFromServerLog(first, '/verify-email'));
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Another member now uses this name' })).toBeVisible();
    await expectNoAxeViolations(page);
    await signIn(page, first);
    await expect(page.getByRole('alert')).toContainText('Enter a correct email address and password');
  });
});
