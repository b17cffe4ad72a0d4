import { completeTwoFactorSetup, expect, expectNoAxeViolations, freshAccount, signInWith, test, uniqueName } from './fixtures.ts';
import { E2E_BASE_URL } from './paths.ts';
import { DEMO_PASSWORD } from '../../db/seed.ts';

test.describe('role gates', () => {
  test('anonymous visitors to protected pages are sent to sign in', async ({ page }) => {
    for (const path of ['/account', '/admin/users']) {
      await page.goto(path);
      await expect(page).toHaveURL(`/login?returnTo=${encodeURIComponent(path)}`);
    }
  });

  test('a practitioner is refused the admin pages with 403', async ({ page, signInAs }) => {
    await signInAs('practitioner');
    const response = await page.goto('/admin/users');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
    await expectNoAxeViolations(page);
  });

  test('an admin can list, search and filter accounts, and grant and remove a role', async ({ page, signInAs }) => {
    // A new member, so no other test's account changes roles under it.
    const { email } = await freshAccount(page, { name: uniqueName('Ravi Role') });

    await signInAs('admin');
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Manage users' })).toBeVisible();
    await page.getByLabel('Search by name, email or organisation').fill(email);
    await page.getByRole('button', { name: 'Filter accounts' }).click();
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    await row.getByRole('button', { name: /^Make trainer/ }).click();
    await expect(page.getByRole('heading', { name: 'Role granted' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('trainer');
    await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: /^Remove trainer/ }).click();
    await expect(page.getByRole('heading', { name: 'Role removed' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a disabled account is signed out at once', async ({ browser, page, signInAs }) => {
    // A throwaway account: register it on the trusted domain and confirm it.
    const victim = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.251.0.9' } });
    const victimPage = await victim.newPage();
    const { email, password } = await freshAccount(victimPage, { name: uniqueName('Dee Sable') });
    await signInWith(victimPage, email, password);

    await signInAs('admin');
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: /^Disable/ }).click();
    await expect(page.getByRole('heading', { name: 'Account disabled and signed out everywhere' })).toBeVisible();

    await victimPage.reload();
    await expect(victimPage).toHaveURL(/\/login/);
    await victim.close();
  });
});

test.describe('protection on every response', () => {
  test('a form posted from another site is refused', async ({ request }) => {
    const response = await request.post('/login', {
      form: { email: 'practitioner@example.org', password: 'portal-demo-2026' },
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.status()).toBe(403);
    expect(response.headers()['set-cookie']).toBeUndefined();
  });

  test('static and dynamic pages carry the security headers', async ({ request }) => {
    for (const path of ['/', '/login', '/healthz', '/favicon.svg']) {
      const response = await request.get(path);
      const headers = response.headers();
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy'], path).toContain("object-src 'none'");
      expect(headers['content-security-policy'], path).toContain("base-uri 'none'");
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    }
  });

  test('pages are sent compressed, and hashed assets may be cached for a year', async ({ page, request }) => {
    for (const path of ['/guidance/', '/login']) {
      const response = await request.get(path, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(response.headers()['content-encoding'], path).toMatch(/^(br|gzip)$/);
      expect(response.headers()['vary'], path).toMatch(/Accept-Encoding/i);
    }
    await page.goto('/guidance/');
    const stylesheet = await page.locator('link[rel="stylesheet"][href^="/_astro/"]').first().getAttribute('href');
    const asset = await request.get(stylesheet!);
    expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    // Pages themselves are revalidated, so a corrected page reaches readers at once.
    expect((await request.get('/guidance/')).headers()['cache-control']).not.toContain('immutable');
  });

  test('a short JSON answer goes with its length and uncompressed; a long one is compressed', async ({ request }) => {
    const health = await request.get('/healthz', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(health.status()).toBe(200);
    expect(health.headers()['content-encoding']).toBeUndefined();
    expect(Number(health.headers()['content-length'])).toBe((await health.body()).length);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
    const rulesets = await request.get('/api/eligibility/rulesets', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(rulesets.status()).toBe(200);
    expect(rulesets.headers()['content-encoding']).toBe('gzip');
    expect((await rulesets.body()).length).toBeGreaterThan(1024);
    expect(await rulesets.json()).toBeTruthy();
  });

  test('an on-demand page is sent whole: with its length, and compressed it decodes to the complete page', async ({ request }) => {
    const plain = await request.get('/login', { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.status()).toBe(200);
    const body = await plain.body();
    expect(plain.headers()['transfer-encoding']).toBeUndefined();
    expect(Number(plain.headers()['content-length'])).toBe(body.length);
    expect(body.toString('utf8').trimEnd()).toMatch(/<\/html>$/);
    const packed = await request.get('/login', { headers: { 'Accept-Encoding': 'br' } });
    expect(packed.headers()['content-encoding']).toBe('br');
    expect((await packed.text()).trimEnd()).toMatch(/<\/html>$/);
  });

  test('the session cookie is HttpOnly and SameSite=Lax', async ({ signInAs, context }) => {
    await signInAs('practitioner');
    const cookie = (await context.cookies(E2E_BASE_URL)).find((c) => c.name === 'session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  test('a form body over 1 MB gets a page saying it was too large', async ({ request }) => {
    const response = await request.post('/login', {
      form: { email: 'someone@example.org', password: 'x'.repeat(1024 * 1024 + 10) },
      headers: { Origin: E2E_BASE_URL },
    });
    expect(response.status()).toBe(413);
    expect(await response.text()).toContain('What you sent was too large');
  });

  test('crafted return addresses and page numbers never cause a server error', async ({ page, request, signInAs }) => {
    for (const [returnTo, location] of [
      ['/%E2%80%A8', '/%E2%80%A8'],
      ['/%E2%88%95evil', '/%E2%88%95evil'],
      ['/%0D%0ASet-Cookie:x', '/account'],
    ]) {
      const response = await request.post(`/login?returnTo=${returnTo}`, {
        form: { email: 'practitioner@example.org', password: DEMO_PASSWORD },
        headers: { Origin: E2E_BASE_URL },
        maxRedirects: 0,
      });
      expect(response.status(), returnTo).toBe(303);
      expect(response.headers().location, returnTo).toBe(location);
    }
    await signInAs('admin');
    for (const n of ['99999999999999999999999', '-1', 'abc', '1e400']) {
      const response = await page.goto(`/admin/users?page=${n}`);
      expect(response?.status(), n).toBe(200);
    }
  });

  test('the health check answers with JSON once the database answers', async ({ request }) => {
    const response = await request.get('/healthz');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  test('sign-out only happens by POST', async ({ page, signInAs }) => {
    await signInAs('practitioner');
    const response = await page.goto('/logout');
    expect(response?.status()).not.toBe(200);
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  });
});

test.describe('passwords that no longer meet the rules', () => {
  test('a moderator with a password shorter than 15 characters must change it before anything else', async ({ browser, page, signInAs }) => {
    const member = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.251.0.15' } });
    const memberPage = await member.newPage();
    const short = 'juniper-crow'; // 12 characters: enough for a practitioner
    const { email } = await freshAccount(memberPage, { name: uniqueName('Mo Derate'), password: short });

    await signInAs('admin');
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByRole('row').filter({ hasText: email }).getByRole('button', { name: /^Make moderator/ }).click();

    // A moderator signs in with a code too: set that up first, then the password rule applies.
    await memberPage.goto('/login');
    await memberPage.getByLabel('Email address').fill(email);
    await memberPage.getByLabel('Password').fill(short);
    await memberPage.getByRole('button', { name: 'Sign in' }).click();
    await completeTwoFactorSetup(memberPage);
    await memberPage.getByRole('link', { name: 'Continue' }).click();
    const notice = memberPage.getByRole('region', { name: 'Choose a new password to carry on' });
    await expect(notice).toContainText('15 characters or more');
    await expectNoAxeViolations(memberPage);
    for (const path of ['/forum/moderation', '/forum/', '/account/bookings']) {
      await memberPage.goto(path);
      await expect(memberPage, path).toHaveURL(/\/account#password$/);
    }

    await memberPage.getByLabel('Current password', { exact: true }).fill(short);
    await memberPage.getByLabel('New password', { exact: true }).fill('juniper-crow-lantern');
    await memberPage.getByRole('button', { name: 'Change password' }).click();
    await expect(memberPage.getByRole('heading', { name: /Your password has been changed/ })).toBeVisible();
    await expect(notice).toHaveCount(0);
    await memberPage.goto('/forum/moderation');
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Forum moderation' })).toBeVisible();
    await member.close();
  });
});
