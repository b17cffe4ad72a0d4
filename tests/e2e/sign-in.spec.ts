import { DEMO_PASSWORD } from '../../db/seed.ts';
import { expect, expectNoAxeViolations, freshAccount, linkFromServerLog, signInWith, test, uniqueName } from './fixtures.ts';
import { E2E_BASE_URL } from './paths.ts';

test.describe('signing in and out', () => {
  test('a practitioner signs in, sees their account and signs out', async ({ page, signInAs }) => {
    await signInAs('practitioner');
    await expect(page.getByText('practitioner@example.org')).toBeVisible();
    // The header island shows who is signed in.
    await expect(page.getByRole('banner').getByRole('link', { name: /Priya Shah/ })).toBeVisible();
    await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'You have signed out' })).toBeVisible();
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?returnTo=%2Faccount/);
  });

  test('a wrong password is refused with a message, keeping the e-mail address', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email address').fill('practitioner@example.org');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveTitle(/^Error: Sign in/);
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('link', { name: 'Enter a correct email address and password' })).toBeVisible();
    await expect(page.getByLabel('Email address')).toHaveValue('practitioner@example.org');
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expectNoAxeViolations(page);
  });

  test('an empty form gets a message for each field', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(['Enter your email address', 'Enter your password']);
    await page.getByRole('link', { name: 'Enter your email address' }).click();
    await expect(page.getByLabel('Email address')).toBeFocused();
  });

  test('sign-in returns people to the page they asked for', async ({ page }) => {
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?returnTo=%2Faccount/);
    await page.getByLabel('Email address').fill('practitioner@example.org');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
  });

  test('more than 5 reset requests a minute from one address get 429 with Retry-After', async ({ page, request }) => {
    for (let i = 0; i < 5; i++) {
      const response = await request.post('/forgot-password', { form: { email: 'someone@example.org' }, headers: { Origin: E2E_BASE_URL } });
      expect(response.status()).toBe(200);
    }
    await page.goto('/forgot-password');
    await page.getByLabel('Email address').fill('someone@example.org');
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: /reset/i }).click()]);
    expect(response.status()).toBe(429);
    expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
    await expect(page.getByRole('alert')).toContainText(/You have tried too many times\. Wait \d+ (second|minute)/);
  });

  test('successful sign-ins from one address are never throttled', async ({ page }) => {
    for (let i = 0; i < 8; i++) {
      await page.goto('/login');
      await page.getByLabel('Email address').fill('practitioner@example.org');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    }
  });

  test('signing in from a second browser shows both devices, and one can sign out the other', async ({ browser, page }) => {
    // An account of its own: other tests sign the demo accounts in and out all the time.
    const { email, password } = await freshAccount(page, { name: uniqueName('Devi Devices') });
    await signInWith(page, email, password);
    const other = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.200.0.1' } });
    const otherPage = await other.newPage();
    await signInWith(otherPage, email, password);
    await page.reload();
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
    await page.getByRole('button', { name: 'Sign out of all other devices' }).click();
    await expect(page.getByRole('heading', { name: 'You have signed out of every other device' })).toBeVisible();
    await otherPage.goto('/account');
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();
  });
});

test.describe('forgotten password', () => {
  test('the reset link from the server log sets a new password', async ({ page }) => {
    // A fresh account of its own, so changing the password cannot disturb other tests.
    const email = `reset-${Date.now()}@kent.gov.uk`;
    await page.goto('/register');
    await page.getByLabel('Full name').fill(uniqueName('Rita Reset'));
    await page.getByLabel('Work email address').fill(email);
    await page.getByLabel('Organisation').fill('Kent County Council');
    await page.getByLabel('Create a password').fill('first-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.goto(await linkFromServerLog(email, '/verify-email'));
    await page.getByRole('button', { name: 'Confirm email address' }).click();

    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

    const link = await linkFromServerLog(email, '/reset-password');
    await page.goto(link);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert')).toContainText('Password must be 12 characters or more');
    await page.getByLabel('New password').fill('second-long-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('heading', { name: 'Your password has been changed' })).toBeVisible();

    // The link works once.
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link has expired');

    await page.goto('/login');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('second-long-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  });
});
