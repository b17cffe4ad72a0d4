import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshAccount, test } from './fixtures.ts';

/** The code an authenticator holding `secret` shows, `offset` 30-second steps from now. */
function codeFor(secret: string, offset = 0): string {
  const key = decodeBase32IgnorePadding(secret.replace(/\s/g, ''));
  return generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000) + offset), 6);
}

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function recoveryCodesOnPage(page: Page): Promise<string[]> {
  return page.locator('.recovery-codes code').allTextContents();
}

/**
 * A new member who has turned on two-factor sign-in from their account and signed out again.
 * Returns the key, the code used at set-up and the recovery codes.
 */
async function memberWithTwoFactor(page: Page) {
  const { email, password } = await freshAccount(page);
  await signInWithPassword(page, email, password);
  await page.goto('/account/two-factor');
  const secret = (await page.locator('.secret-key code').textContent())!;
  const setupCode = codeFor(secret);
  await page.getByLabel('Enter the 6-digit code the app shows').fill(setupCode);
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeVisible();
  const codes = await recoveryCodesOnPage(page);
  await page.goto('/account');
  await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  return { email, password, secret, setupCode, codes };
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'two-factor sign-in' : 'two-factor sign-in, without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('a member is made a trainer, must set up an authenticator, and cannot skip the code', async ({ page, browser, signInAs }) => {
      const { email, password } = await freshAccount(page, { password: 'a-long-test-passphrase' });
      await signInWithPassword(page, email, password);
      await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();

      // An admin grants the trainer role: the member's session ends.
      const adminContext = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.253.0.1' } });
      const admin = await adminContext.newPage();
      await signInAs('admin', admin);
      await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
      await admin.getByRole('row').filter({ hasText: email }).getByRole('button', { name: /^Make trainer/ }).click();
      await expect(admin.getByRole('heading', { name: 'Role granted' })).toBeVisible();
      await adminContext.close();
      await page.goto('/account');
      await expect(page).toHaveURL(/\/login/);

      // The password alone leads to set-up, and the half-signed-in session grants nothing.
      await signInWithPassword(page, email, password);
      await expect(page.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' })).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      const trainerPage = await page.goto('/trainer/courses');
      expect(trainerPage?.url()).toMatch(/\/login\/two-factor/);
      await expect(page.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' })).toBeVisible();

      const secret = (await page.locator('.secret-key code').textContent())!;
      await page.getByLabel('Enter the 6-digit code the app shows').fill('000000');
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await expect(page.getByRole('alert')).toContainText('Enter the 6-digit code your authenticator app shows now');
      const setupCode = codeFor(secret);
      await page.getByLabel('Enter the 6-digit code the app shows').fill(setupCode);
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Two-factor sign-in is on' })).toBeVisible();
      const codes = await recoveryCodesOnPage(page);
      expect(codes).toHaveLength(8);
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      // On to the page first asked for.
      await page.getByRole('link', { name: 'Continue' }).click();
      await expect(page).toHaveURL(/\/trainer\/courses$/);
    });

    test('each sign-in asks for a code, and the code used at set-up is refused', async ({ page }) => {
      const { email, password, secret, setupCode } = await memberWithTwoFactor(page);
      await signInWithPassword(page, email, password);
      await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(setupCode);
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('alert')).toContainText('Enter the 6-digit code your authenticator app shows now');
      await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(codeFor(secret, 1));
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    });

    test('a recovery code signs in once', async ({ page }) => {
      const { email, password, codes } = await memberWithTwoFactor(page);
      await signInWithPassword(page, email, password);
      await page.getByLabel('Enter a recovery code').fill(codes[0]!);
      await page.getByRole('button', { name: 'Sign in with a recovery code' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
      await expect(page.getByRole('status')).toContainText('You signed in with a recovery code');
      await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
      await signInWithPassword(page, email, password);
      await page.getByLabel('Enter a recovery code').fill(codes[0]!);
      await page.getByRole('button', { name: 'Sign in with a recovery code' }).click();
      await expect(page.getByRole('alert')).toContainText('Enter one of your recovery codes that has not been used');
    });

    test('a practitioner may turn on two-factor sign-in from the account page', async ({ page }) => {
      const { email, password } = await freshAccount(page);
      await signInWithPassword(page, email, password);
      await page.getByRole('link', { name: 'Set up two-factor sign-in' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' })).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      const secret = (await page.locator('.secret-key code').textContent())!;
      await page.getByLabel('Enter the 6-digit code the app shows').fill(codeFor(secret));
      await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeVisible();
      expect(await recoveryCodesOnPage(page)).toHaveLength(8);
      await expect(page.getByText('You have 8 unused recovery codes.')).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      await page.goto('/account');
      await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
      await signInWithPassword(page, email, password);
      await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
      // Cancelling signs out the half-signed-in session.
      await page.getByRole('button', { name: 'Cancel and sign out' }).click();
      await page.goto('/account');
      await expect(page).toHaveURL(/\/login\?returnTo=%2Faccount$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    });
  });
}
