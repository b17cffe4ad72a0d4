/**
 * The site's Content-Security-Policy blocks inline styles and scripts. A page that uses one
 * still "works" in a quick look (the trainer's fill chart drew every bar full), so this test
 * visits every kind of page, signed out and signed in as each role, and fails on any
 * violation the browser reports.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DemoRole } from './fixtures.ts';
import { SERVICE_PAGES } from './site-pages.ts';

/** Signed out, in two halves: the guidance and its tools, then the service's own pages. */
const SIGNED_OUT_START = {
  guidance: ['/', '/guidance/', '/skills-matrix/', '/resources/', '/glossary/', '/amendments/', '/search/', '/search/?q=lead+professional', '/contact/'],
  service: ['/eligibility/', '/eligibility/outcomes', '/training/', ...SERVICE_PAGES],
};

/**
 * Signed in, each role's own pages: where it starts, and the areas whose links it follows. The
 * pages every member sees (guidance with the member's header, the account pages, the forum
 * and training) are crawled as a practitioner, in two halves; each other role crawls only
 * its tools and what only it sees (a moderator's controls on forum pages), so no page kind is
 * crawled once per role.
 */
const SIGNED_IN: { name: string; role: DemoRole; start: string[]; within: string[] }[] = [
  {
    name: 'a member’s account pages and guidance',
    role: 'practitioner',
    start: ['/account', '/account/bookings', '/account/skills', '/account/notifications', '/account/reading', '/account/transfers?token=not-a-real-token', '/guidance/'],
    within: ['/account', '/guidance', '/skills-matrix', '/resources', '/search'],
  },
  { name: 'the forum and training as a member', role: 'practitioner', start: ['/forum/', '/forum/search?q=meeting', '/training/'], within: ['/forum', '/training'] },
  { name: 'the trainer’s desk', role: 'trainer', start: ['/trainer/', '/trainer/courses/new', '/account'], within: ['/trainer', '/account/two-factor'] },
  { name: 'moderation and the forum as a moderator', role: 'moderator', start: ['/forum/moderation', '/forum/'], within: ['/forum'] },
  { name: 'page feedback for editors', role: 'editor', start: ['/editor/feedback', '/editor/feedback/troubled-families-programme-team'], within: ['/editor', '/guidance'] },
  { name: 'user and course management', role: 'admin', start: ['/admin/users', '/admin/users?status=pending', '/admin/courses'], within: ['/admin'] },
];

/** Addresses never visited: they change things, download files or end the session. */
const SKIP = /^\/(logout|eligibility\/exit)|\.(docx|md|ics|csv|pdf)(\?|$)|\/pagefind\//;

/**
 * One page of each kind: the first address seen whose shape (first segment, then how many
 * more) is new, so /guidance/a/ stands for every guidance page.
 */
function kindOf(path: string): string {
  const [pathname, query] = path.split('?');
  const segments = pathname!.split('/').filter(Boolean);
  return `${segments[0] ?? ''}/${segments.slice(1).map((s) => (/^\d+$/.test(s) ? '#' : '*')).join('/')}${query ? '?' : ''}`;
}

interface Violation {
  page: string;
  what: string;
}

/** Records CSP violation events in the page, from before any of its own code runs. */
async function watchForViolations(page: Page, found: Violation[]): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || 'page'}:${e.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) found.push({ page: page.url(), what: message.text() });
  });
}

async function collect(page: Page, found: Violation[]): Promise<void> {
  const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
  for (const what of events) found.push({ page: page.url(), what });
}

/**
 * Waits until the page's late parts have run: every server island has replaced its
 * placeholder script and every client island has hydrated. A search with a query then loads
 * the index in the background, which shows no sign of finishing: there, wait for the network.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('script[data-island-id], astro-island[ssr]'));
  const url = new URL(page.url());
  if (url.pathname.startsWith('/search') && url.searchParams.get('q')) await page.waitForLoadState('networkidle');
}

/**
 * Visits the start pages and one page of each kind linked from them, following only links
 * that begin with one of `within` when it is given; returns what was visited.
 */
async function visitEveryKind(page: Page, start: readonly string[], found: Violation[], limit = 45, within?: readonly string[]): Promise<string[]> {
  const queue = [...start];
  const kinds = new Set<string>();
  const visited: string[] = [];
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!;
    const kind = kindOf(path);
    if (kinds.has(kind) && !start.includes(path)) continue;
    kinds.add(kind);
    await page.goto(path);
    await settled(page);
    await collect(page, found);
    visited.push(path);
    const links = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('#')[0]!));
    for (const link of links) {
      if (link && !SKIP.test(link) && !kinds.has(kindOf(link)) && (!within || within.some((area) => link.startsWith(area)))) queue.push(link);
    }
  }
  return visited;
}

test.describe('Content-Security-Policy', () => {
  test('the check notices a violation', async ({ page }) => {
    const found: Violation[] = [];
    await watchForViolations(page, found);
    await page.goto('/contact/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.append(script);
    });
    await expect.poll(async () => (await collect(page, found), found.length)).toBeGreaterThan(0);
  });

  test('no guidance page or tool breaks it when signed out', async ({ page }) => {
    const found: Violation[] = [];
    await watchForViolations(page, found);
    const visited = await visitEveryKind(page, SIGNED_OUT_START.guidance, found, 20);
    expect(visited.length).toBeGreaterThan(SIGNED_OUT_START.guidance.length);
    expect(found).toEqual([]);
  });

  test('no service page breaks it when signed out', async ({ page }) => {
    const found: Violation[] = [];
    await watchForViolations(page, found);
    const visited = await visitEveryKind(page, SIGNED_OUT_START.service, found, 25);
    // The eligibility check's question pages come from a form.
    await page.goto('/eligibility/');
    await page.getByRole('button', { name: 'Start now' }).click();
    await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
    await settled(page);
    await collect(page, found);
    expect(visited.length).toBeGreaterThan(SIGNED_OUT_START.service.length);
    expect(found).toEqual([]);
  });

  for (const { name, role, start, within } of SIGNED_IN) {
    test(`nothing breaks it in ${name}, signed in as ${role}`, async ({ page, signInAs }) => {
      const found: Violation[] = [];
      await watchForViolations(page, found);
      await signInAs(role);
      await collect(page, found);
      const visited = await visitEveryKind(page, start, found, 25, within);
      expect(visited.length).toBeGreaterThan(start.length);
      expect(found).toEqual([]);
    });
  }
});
