import { expect, expectNoAxeViolations, freshAccount, signInWith, test, uniqueName } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** A fresh, signed-in account on the trusted domain, so changes stay within the test. */
async function newMember(page: Page, password = 'glacier-teapot-violin') {
  const { email } = await freshAccount(page, { name: uniqueName('Morgan Adeyemi'), password });
  await signInWith(page, email, password);
  return email;
}

test.describe('your account', () => {
  test('change your name and organisation, with errors kept beside the fields', async ({ page }) => {
    await newMember(page);
    await page.getByLabel('Full name').fill('');
    await page.getByLabel('Organisation').fill('Kent Fire and Rescue');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(['Enter your full name']);
    await expect(page.getByLabel('Organisation')).toHaveValue('Kent Fire and Rescue');
    await expectNoAxeViolations(page);
    const name = uniqueName('Morgan A. Adeyemi');
    await page.getByLabel('Full name').fill(name);
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByRole('heading', { name: 'Your details have been updated' })).toBeVisible();
    await expect(page.getByLabel('Full name')).toHaveValue(name);
    await expect(page.getByLabel('Organisation')).toHaveValue('Kent Fire and Rescue');
  });

  test('a name another member uses is refused beside the field, however it is typed', async ({ page }) => {
    await newMember(page);
    // The demo moderator's name, in capitals, with a zero-width space and a Cyrillic "о".
    await page.getByLabel('Full name').fill('MEGAN\u200b H\u043eLLIS');
    await page.getByLabel('Organisation').fill('Kent Fire and Rescue');
    await page.getByRole('button', { name: 'Save details' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(['Full name must not mix letters from different alphabets in one word']);
    await page.getByLabel('Full name').fill('MEGAN\u200b  HOLLIS');
    await page.getByRole('button', { name: 'Save details' }).click();
    const message = /Another member already uses this name\. Add a middle name or initial, for example MEGAN A HOLLIS/;
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(message);
    await expect(page.locator('#name-error')).toHaveText(message);
    await expect(page.getByLabel('Full name')).toHaveValue('MEGAN\u200b  HOLLIS');
    await expect(page.getByLabel('Organisation')).toHaveValue('Kent Fire and Rescue');
    await expectNoAxeViolations(page);
  });

  test('change your password: the old one stops working and you stay signed in', async ({ page }) => {
    const email = await newMember(page);
    await page.getByLabel('Current password').fill('wrong-current-password');
    await page.getByLabel('New password').fill('harbour-saffron-kite');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert')).toContainText('Your current password is not right');
    await page.getByLabel('Current password').fill('glacier-teapot-violin');
    await page.getByLabel('New password').fill('harbour-saffron-kite');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('heading', { name: /Your password has been changed/ })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();

    await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.goto('/login');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('glacier-teapot-violin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter a correct email address and password');
  });
});
