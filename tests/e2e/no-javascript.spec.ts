import { DEMO_PASSWORD } from '../../db/seed.ts';
import { expect, linkFromServerLog, test, uniqueEmail, uniqueName } from './fixtures.ts';

// Every form must work for people whose browser runs no JavaScript.
test.describe('when JavaScript is unavailable', () => {
  test.use({ javaScriptEnabled: false });

  test('register, confirm, sign in, update details and sign out', async ({ page }) => {
    const email = uniqueEmail('kent.gov.uk');
    await page.goto('/register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveCount(4);
    await page.getByLabel('Full name').fill(uniqueName('Noa Script'));
    await page.getByLabel('Work email address').fill(email);
    await page.getByLabel('Organisation').fill('Kent County Council');
    await page.getByLabel('Create a password').fill('thimble-orchard-brass');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

    await page.goto(await linkFromServerLog(email, '/verify-email'));
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('thimble-orchard-brass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    // Without JavaScript the header island shows its fallback link.
    await expect(page.getByRole('banner').getByRole('link', { name: 'Your account' })).toBeVisible();

    await page.getByLabel('Organisation').fill('Kent County Council, Early Help');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByRole('heading', { name: 'Your details have been updated' })).toBeVisible();

    await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'You have signed out' })).toBeVisible();
  });

  test('a wrong password shows the error summary and keeps the address', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email address').fill('practitioner@example.org');
    await page.getByLabel('Password').fill('not-it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter a correct email address and password');
    await expect(page.getByLabel('Email address')).toHaveValue('practitioner@example.org');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  });

  test('reset a forgotten password', async ({ page }) => {
    const email = uniqueEmail('kent.gov.uk');
    await page.goto('/register');
    await page.getByLabel('Full name').fill(uniqueName('Noa Reset'));
    await page.getByLabel('Work email address').fill(email);
    await page.getByLabel('Organisation').fill('Kent County Council');
    await page.getByLabel('Create a password').fill('thimble-orchard-brass');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.goto(await linkFromServerLog(email, '/verify-email'));
    await page.getByRole('button', { name: 'Confirm email address' }).click();

    await page.goto('/forgot-password');
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.goto(await linkFromServerLog(email, '/reset-password'));
    await page.getByLabel('New password').fill('velvet-canyon-drum');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('heading', { name: 'Your password has been changed' })).toBeVisible();
  });

  test('an admin approves an account', async ({ page, browser, signInAs }) => {
    const email = uniqueEmail('school.example');
    const applicant = await browser.newPage({ javaScriptEnabled: false, extraHTTPHeaders: { 'X-Forwarded-For': '10.252.3.4' } });
    await applicant.goto('/register');
    await applicant.getByLabel('Full name').fill(uniqueName('Ash Teacher'));
    await applicant.getByLabel('Work email address').fill(email);
    await applicant.getByLabel('Organisation').fill('Oak Primary School');
    await applicant.getByLabel('Create a password').fill('thimble-orchard-brass');
    await applicant.getByRole('button', { name: 'Create account' }).click();
    await applicant.goto(await linkFromServerLog(email, '/verify-email'));
    await applicant.getByRole('button', { name: 'Confirm email address' }).click();
    await applicant.close();

    await signInAs('admin');
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: /^Approve/ }).click();
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Active');
  });
});
