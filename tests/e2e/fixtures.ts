import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed.ts';
import { E2E_BASE_URL, E2E_SERVER_LOG } from './paths.ts';

export { expect };

export type DemoRole = 'practitioner' | 'trainer' | 'moderator' | 'admin';

/** A documentation-range address per test, so throttling of one test never touches another. */
function randomAddress(): string {
  const n = () => Math.floor(Math.random() * 250) + 1;
  return `10.${n()}.${n()}.${n()}`;
}

export const test = base.extend<{ clientAddress: string; signInAs: (role: DemoRole, page?: Page) => Promise<void> }>({
  clientAddress: async ({}, use) => use(randomAddress()),
  // The server trusts X-Forwarded-For in tests, as it would behind the council's proxy.
  extraHTTPHeaders: async ({ clientAddress }, use) => use({ 'X-Forwarded-For': clientAddress }),
  signInAs: async ({ page }, use) => {
    await use(async (role, target = page) => {
      await target.goto('/login');
      await target.getByLabel('Email address').fill(`${role}@example.org`);
      await target.getByLabel('Password').fill(DEMO_PASSWORD);
      await target.getByRole('button', { name: 'Sign in' }).click();
      await expect(target.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    });
  },
});

/** A unique address for a new account. */
export function uniqueEmail(domain = 'police.example'): string {
  return `user-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@${domain}`;
}

/** Waits for an e-mail to `to` whose subject matches, and returns the whole message as logged. */
export async function mailTo(to: string, subject: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const messages = readFileSync(E2E_SERVER_LOG, 'utf8').split('[email] To: ').slice(1);
    const found = messages.reverse().find((m) => m.startsWith(`${to}\n`) && subject.test(m.split('\n')[1] ?? ''));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No e-mail to ${to} with a subject like ${subject}`);
}

/**
 * The last link to `path` e-mailed to `to`, read from the server log where e-mails go when
 * no SMTP server is set. Waits for the outbox to deliver it.
 */
export async function linkFromServerLog(to: string, path: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const log = readFileSync(E2E_SERVER_LOG, 'utf8');
    const messages = log.split('[email] To: ').slice(1);
    const mine = messages.filter((m) => m.startsWith(`${to}\n`)).reverse();
    for (const message of mine) {
      const match = message.match(new RegExp(`(https?://\\S+${path.replace(/[/]/g, '\\/')}\\?token=\\S+)`));
      if (match) return match[1]!;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No e-mail to ${to} with a ${path} link in the server log`);
}

/**
 * Registers and confirms a new account on a trusted domain, so it is active at once, for a
 * test whose account nothing else may touch. Returns the address and password.
 *
 * It posts the two forms over HTTP with the page's own cookies and client address rather than
 * filling them in: registration through the pages has tests of its own, and this is set-up.
 */
export async function freshAccount(
  page: Page,
  { name = 'Fiona Fresh', password = 'a-long-test-password' }: { name?: string; password?: string } = {},
): Promise<{ email: string; password: string }> {
  const email = uniqueEmail('kent.gov.uk');
  const headers = { Origin: E2E_BASE_URL };
  const registered = await page.request.post('/register', { form: { name, email, organisation: 'Kent County Council', password }, headers, maxRedirects: 0 });
  expect(registered.headers().location, `registering ${email}`).toBe('/register/check-email');
  const token = new URL(await linkFromServerLog(email, '/verify-email')).searchParams.get('token')!;
  const confirmed = await page.request.post('/verify-email', { form: { token }, headers, maxRedirects: 0 });
  expect(confirmed.headers().location, `confirming ${email}`).toBe('/login?notice=verified');
  return { email, password };
}

/**
 * A new member signed in on a browser of their own (own cookies, own client address). Tests
 * that post to the forum use one each: posting limits count per member, so members that no
 * other test uses are never told to wait.
 */
export async function freshMember(
  browser: Browser,
  { name = 'Fiona Fresh', javaScriptEnabled = true }: { name?: string; javaScriptEnabled?: boolean } = {},
): Promise<{ page: Page; email: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': randomAddress() } });
  const page = await context.newPage();
  const { email, password } = await freshAccount(page, { name });
  await signInWith(page, email, password);
  return { page, email, close: () => context.close() };
}

/** Signs `page` in with an e-mail address and password. */
export async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
}

/** Runs axe over the page against WCAG 2.2 AA and expects no violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
