import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import { SERVICE_PAGES } from './site-pages.ts';

const PUBLIC_PAGES = ['/', ...SERVICE_PAGES];

test.describe('accessibility', () => {
  for (const path of PUBLIC_PAGES) {
    test(`${path} has no axe violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }

  for (const [role, path] of [
    ['practitioner', '/account'],
    ['admin', '/admin/users'],
    ['admin', '/admin/users?status=pending'],
  ] as const) {
    test(`${path} signed in as ${role} has no axe violations`, async ({ page, signInAs }) => {
      await signInAs(role);
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }

  test('the skip link is the first thing a keyboard reaches and moves focus to the content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });

  test('the sign-in form can be completed with the keyboard alone', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email address').focus();
    await page.keyboard.type('practitioner@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type('portal-demo-2026');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  });
});
