import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshMember, test } from './fixtures.ts';

// Guidance saved for offline use: saved from the home page, read with the network cut off
// (Playwright's offline mode), searched, removed. Service workers are allowed explicitly; the
// tests wait for the worker's state and for what the page shows, never for time.

test.use({ serviceWorkers: 'allow' });

const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
const BANNER = `Saved on ${today}. You are offline; this may not be the latest version.`;

/** Records Content-Security-Policy violations in every page of the context. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.context().addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []);
}

async function saveFromHere(page: Page): Promise<void> {
  const section = page.getByRole('region', { name: 'Save guidance for offline use' });
  await expect(section.getByText(/Saving downloads about [\d.]+ MB \(\d+ files\) to this device\./)).toBeVisible();
  await section.getByRole('button', { name: 'Save guidance for offline use' }).click();
  await expect(section.locator('[data-offline-status]')).toHaveText(`Guidance is saved on this device. Saved on ${today}.`);
}

/** Every address stored in the browser's caches. */
function storedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
}

test('saving stores the guidance, search and downloads but never the forum; online a saved page is the live page; remove clears everything', async ({ page }) => {
  const cspViolations = await watchCsp(page);
  await page.goto('/');
  await saveFromHere(page);
  await expectNoAxeViolations(page);
  expect(await cspViolations()).toEqual([]);

  const stored = await storedUrls(page);
  expect(stored).toContain('/guidance/phase-2/');
  expect(stored).toContain('/resources/business-case-template.docx');
  expect(stored.some((u) => u.startsWith('/pagefind/index/'))).toBe(true);
  expect(stored.filter((u) => /^\/(forum|account|admin|trainer|training|eligibility|api|login|editor|feedback|_server-islands)(\/|$)/.test(u))).toEqual([]);

  // Online, a saved page is the live page, with no offline banner.
  await page.goto('/guidance/governance/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[data-offline-banner]')).toHaveCount(0);

  await page.goto('/');
  const section = page.getByRole('region', { name: 'Save guidance for offline use' });
  await section.getByRole('button', { name: 'Remove offline guidance' }).click();
  await expect(section.locator('[data-offline-status]')).toHaveText('Offline guidance removed from this device.');
  expect(await storedUrls(page)).toEqual([]);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
});

test('offline, saved pages and search work with a banner, and the forum says it is not saved', async ({ page, context }) => {
  const cspViolations = await watchCsp(page);
  await page.goto('/');
  await saveFromHere(page);

  await context.setOffline(true);
  for (const [path, heading] of [
    ['/guidance/phase-2/', 'Phase 2 of the programme'],
    ['/skills-matrix/systems-and-it', /Systems and IT/i],
    ['/glossary/', /Glossary/],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toHaveText(BANNER);
    expect(await cspViolations(), `CSP on ${path}`).toEqual([]);
  }
  await expectNoAxeViolations(page);

  await page.goto('/search/?q=lead+worker');
  await expect(page.getByRole('heading', { level: 1, name: 'Search the portal' })).toBeVisible();
  await expect(page.getByText(/pages? match(es)? “lead worker”/)).toBeVisible();
  await expect(page.getByRole('link', { name: /lead worker/i }).first()).toBeVisible();
  expect(await cspViolations(), 'CSP on the stored search page').toEqual([]);

  await page.goto('/forum/');
  await expect(page.getByRole('heading', { level: 1, name: 'This page is not saved for offline use' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'A to Z of pages' })).toHaveAttribute('href', '/search/#a-to-z');
  await expectNoAxeViolations(page);
  expect((await storedUrls(page)).filter((u) => u.startsWith('/forum'))).toEqual([]);
});

test('the service worker is served fresh each time, under the portal\'s headers', async ({ request }) => {
  const response = await request.get('/sw.js');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/javascript/);
  expect(response.headers()['cache-control']).toBe('no-cache');
  expect(response.headers()['content-security-policy']).toContain("object-src 'none'");
  const size = await request.get('/offline-size.json');
  expect(await size.json()).toEqual({ bytes: expect.any(Number), files: expect.any(Number) });
});

test('signing out on a shared device offers to remove saved guidance', async ({ browser }) => {
  const { page, close } = await freshMember(browser);
  await page.goto('/account');
  await saveFromHere(page);
  await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
  const offer = page.locator('[data-offline-sign-out]');
  await expect(offer.getByRole('heading', { name: 'Guidance is saved on this device' })).toBeVisible();
  await expectNoAxeViolations(page);
  await offer.getByRole('button', { name: 'Remove offline guidance' }).click();
  await expect(offer.locator('[data-offline-status]')).toHaveText('Offline guidance removed from this device.');
  expect(await storedUrls(page)).toEqual([]);
  await close();
});

test.describe('when JavaScript is unavailable', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page offers no saving and works as before', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Troubled Families Practitioner Portal' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save guidance for offline use' })).toBeHidden();
  });
});
