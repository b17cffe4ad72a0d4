import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed.ts';
import { demoSessionFile, demoTotpCode } from './demo-accounts.ts';
import { signInOverHttp } from './http.ts';
import { E2E_BASE_URL, E2E_DIR, E2E_SERVER_LOG } from './paths.ts';

export { expect, demoTotpCode };

export type DemoRole = 'practitioner' | 'trainer' | 'moderator' | 'editor' | 'admin';

/** A documentation-range address per test, so throttling of one test never touches another. */
function randomAddress(): string {
  const n = () => Math.floor(Math.random() * 250) + 1;
  return `10.${n()}.${n()}.${n()}`;
}

/**
 * Signs `target` in as a demo account and opens their account page. The practitioner signs in
 * with a request to the sign-in form; the others reuse their once-per-run session (see
 * demoSessionFile). `browser` is unused, kept so callers need not change.
 */
export async function signInAsDemo(browser: Browser, role: DemoRole, target: Page): Promise<void> {
  // Signing in ends the browser's previous session: drop its cookies first, so a shared
  // demo session this browser was using is left alone.
  await target.context().clearCookies();
  if (role === 'practitioner') {
    // The sign-in form has tests of its own: here signing in is set-up, so it is one request.
    await signInOverHttp(target, `${role}@example.org`, DEMO_PASSWORD);
    await target.goto('/account');
  } else {
    const state = JSON.parse(readFileSync(demoSessionFile(role), 'utf8')) as { cookies: Parameters<ReturnType<Page['context']>['addCookies']>[0] };
    await target.context().addCookies(state.cookies);
    await target.goto('/account');
  }
  await expect(target.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
}

export const test = base.extend<{ clientAddress: string; signInAs: (role: DemoRole, page?: Page) => Promise<void> }>({
  clientAddress: async ({}, use) => use(randomAddress()),
  // The server trusts X-Forwarded-For in tests, as it would behind the council's proxy.
  extraHTTPHeaders: async ({ clientAddress }, use) => use({ 'X-Forwarded-For': clientAddress }),
  signInAs: async ({ page, browser }, use) => {
    await use((role, target = page) => signInAsDemo(browser, role, target));
  },
});

/** A unique address for a new account. */
export function uniqueEmail(domain = 'police.example'): string {
  return `user-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@${domain}`;
}

let names = 0;
/**
 * `base` followed by a word no other call returns, e.g. "Fiona Fresh Kqzmwd": no two members
 * may share a name, so each account a test makes needs its own. Letters only, capitalised,
 * so it can be mentioned like any name.
 */
export function uniqueName(base: string): string {
  const n = (Date.now() * 1000 + process.pid * 37 + ++names) % 26 ** 6;
  const letters = Array.from({ length: 6 }, (_, i) => String.fromCharCode(97 + (Math.floor(n / 26 ** i) % 26))).join('');
  return `${base} ${letters[0]!.toUpperCase()}${letters.slice(1)}`;
}

/** The e-mails written to the server log (where they go when no SMTP server is set), newest first. */
function loggedMail(to: string): string[] {
  return readFileSync(E2E_SERVER_LOG, 'utf8').split('[email] To: ').slice(1).filter((m) => m.startsWith(`${to}\n`)).reverse();
}

/** Waits for an e-mail to `to` whose subject matches, and returns the whole message as logged. */
export async function mailTo(to: string, subject: RegExp): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(() => (found = loggedMail(to).find((m) => subject.test(m.split('\n')[1] ?? ''))) !== undefined, { message: `an e-mail to ${to} with a subject like ${subject}`, intervals: [100] })
    .toBe(true);
  return found!;
}

/**
 * The last link to `path` e-mailed to `to`, read from the server log. Waits for the outbox to
 * deliver it.
 */
export async function linkFromServerLog(to: string, path: string): Promise<string> {
  const link = new RegExp(`(https?://\\S+${path.replace(/[/]/g, '\\/')}\\?token=\\S+)`);
  let found: string | undefined;
  await expect
    .poll(() => (found = loggedMail(to).map((m) => m.match(link)?.[1]).find(Boolean)) !== undefined, { message: `an e-mail to ${to} with a ${path} link`, intervals: [100] })
    .toBe(true);
  return found!;
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
  { name = uniqueName('Fiona Fresh'), password = 'a-long-test-password', organisation = 'Kent County Council' }: { name?: string; password?: string; organisation?: string } = {},
): Promise<{ email: string; password: string }> {
  const email = uniqueEmail('kent.gov.uk');
  const headers = { Origin: E2E_BASE_URL };
  const registered = await page.request.post('/register', { form: { name, email, organisation, password }, headers, maxRedirects: 0 });
  expect(registered.headers().location, `registering ${email}`).toBe('/register/check-email');
  const token = new URL(await linkFromServerLog(email, '/verify-email')).searchParams.get('token')!;
  const confirmed = await page.request.post('/verify-email', { form: { token }, headers, maxRedirects: 0 });
  expect(confirmed.headers().location, `confirming ${email}`).toBe('/login?notice=verified');
  return { email, password };
}

/**
 * On the "Set up two-factor sign-in" page (or form), reads the key as a person would copy it
 * into an authenticator app, enters the app's current code and returns the key and the
 * recovery codes shown.
 */
export async function completeTwoFactorSetup(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secret = ((await page.locator('.secret-key code').textContent()) ?? '').replace(/\s/g, '');
  await page.getByLabel('Enter the 6-digit code the app shows').fill(generateTOTP(decodeBase32IgnorePadding(secret), 30, 6));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
  return { secret, recoveryCodes: await page.locator('.recovery-codes code').allTextContents() };
}

/**
 * A new member signed in on a browser of their own (own cookies, own client address). Tests
 * that post to the forum use one each: posting limits count per member, so members that no
 * other test uses are never told to wait.
 */
export async function freshMember(
  browser: Browser,
  { name = uniqueName('Fiona Fresh'), javaScriptEnabled = true, organisation }: { name?: string; javaScriptEnabled?: boolean; organisation?: string } = {},
): Promise<{ page: Page; email: string; close: () => Promise<void> }> {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': randomAddress() } });
  const page = await context.newPage();
  const { email, password } = await freshAccount(page, { name, ...(organisation ? { organisation } : {}) });
  await signInOverHttp(page, email, password);
  return { page, email, close: () => context.close() };
}

/**
 * A demo account signed in on a browser of its own (own cookies, own client address), for a
 * test that needs a second person with a known name and organisation, such as Priya Shah of
 * Kent Police. Share one only where nothing the test does depends on the account's other
 * bookings or posts (a course the test has just created, say).
 */
export async function demoMember(
  browser: Browser,
  role: DemoRole,
  { javaScriptEnabled = true }: { javaScriptEnabled?: boolean } = {},
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': randomAddress() } });
  const page = await context.newPage();
  await signInAsDemo(browser, role, page);
  return { page, close: () => context.close() };
}

/** Signs `page` in with an e-mail address and password. */
export async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
}

/**
 * Runs axe over the page against WCAG 2.2 AA and expects no violations.
 *
 * Axe runs in the page itself (legacy mode). The default mode runs it in parts and then opens
 * a blank page to put the results together, which is there for cross-origin frames: the
 * portal has none, and the extra page doubled the time of every check.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).setLegacyMode(true).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Collects the Content-Security-Policy reports a page makes (Chromium logs each blocked
 * script, style or connection to the console); a test expects the list to stay empty.
 */
export function watchCsp(page: Page): string[] {
  const reports: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) reports.push(`${page.url()}: ${message.text()}`);
  });
  return reports;
}
