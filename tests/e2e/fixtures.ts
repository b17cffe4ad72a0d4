import { closeSync, existsSync, openSync, readFileSync, renameSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../db/seed.ts';
import { E2E_BASE_URL, E2E_DIR, E2E_SERVER_LOG } from './paths.ts';

export { expect };

export type DemoRole = 'practitioner' | 'trainer' | 'moderator' | 'editor' | 'admin';

/** A documentation-range address per test, so throttling of one test never touches another. */
function randomAddress(): string {
  const n = () => Math.floor(Math.random() * 250) + 1;
  return `10.${n()}.${n()}.${n()}`;
}

/** The current code from the demo accounts' authenticator, as an app would show it. */
export function demoTotpCode(): string {
  return generateTOTP(decodeBase32IgnorePadding(DEMO_TOTP_SECRET), 30, 6);
}

/**
 * The demo trainer, moderator, editor and admin sign in with a code as well as the password, and a
 * code is accepted once per account. Each signs in once per run, in a browser of its own;
 * the cookies are saved in the run's folder and every test that needs the role reuses them.
 * The first worker to need a role takes a lock file and signs in; any other waits for it.
 */
async function demoSessionFile(browser: Browser, role: Exclude<DemoRole, 'practitioner'>): Promise<string> {
  const file = `${E2E_DIR}demo-${role}.json`;
  if (existsSync(file)) return file;
  let mine = false;
  try {
    closeSync(openSync(`${file}.lock`, 'wx'));
    mine = true;
  } catch {
    // Another worker is signing this role in.
  }
  if (mine) {
    const context = await browser.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { 'X-Forwarded-For': randomAddress() } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email address').fill(`${role}@example.org`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Enter the 6-digit code from your authenticator app').fill(demoTotpCode());
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await context.storageState({ path: `${file}.tmp` });
    renameSync(`${file}.tmp`, file);
    await context.close();
    return file;
  }
  await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true);
  return file;
}

/**
 * Signs `target` in as a demo account. The practitioner signs in with the form; the others
 * reuse their once-per-run session (see demoSessionFile).
 */
export async function signInAsDemo(browser: Browser, role: DemoRole, target: Page): Promise<void> {
  // Signing in ends the browser's previous session: drop its cookies first, so a shared
  // demo session this browser was using is left alone.
  await target.context().clearCookies();
  if (role === 'practitioner') {
    await target.goto('/login');
    await target.getByLabel('Email address').fill(`${role}@example.org`);
    await target.getByLabel('Password').fill(DEMO_PASSWORD);
    await target.getByRole('button', { name: 'Sign in' }).click();
  } else {
    const state = JSON.parse(readFileSync(await demoSessionFile(browser, role), 'utf8')) as { cookies: Parameters<ReturnType<Page['context']>['addCookies']>[0] };
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
