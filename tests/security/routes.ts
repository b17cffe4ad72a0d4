/**
 * Security checks against the built portal, as an outside tester would make them: every
 * protected page for every role, and the origin check on every page that accepts a form.
 * Starts its own server on a fresh database. Run with `npm run test:security` after a build.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../db/seed.ts';
import { createDb } from '../../db/client.ts';
import { throttleEvents } from '../../db/schema.ts';
import { signInFailureKey } from '../../src/lib/server/accounts.ts';
import { SIGN_IN_FAILURE_LIMITS } from '../../src/lib/domain/account/throttling.ts';
import { authorizeRoute, ruleFor, type Role } from '../../src/lib/domain/account/permissions.ts';
import { payloadsInBrowser, unsanitisedInBrowser } from './xss-in-browser.ts';

/** The one partner origin the server is told to allow for the eligibility API. */
const PARTNER = 'https://case.partner.example';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pagesDir = join(root, 'src/pages');
const workDir = mkdtempSync(join(tmpdir(), 'portal-security-'));
let server: ChildProcess;
let base: string;

/** Every page file's route, with `[param]` segments filled with `1`. */
function routes(): { path: string; file: string; dynamic: boolean }[] {
  const found: { path: string; file: string; dynamic: boolean }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(astro|ts)$/.test(name)) {
        const route = `/${relative(pagesDir, full)}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '') || '/';
        found.push({ path: route.replace(/\[[^\]]+\]/g, '1'), file: full, dynamic: route.includes('[') });
      }
    }
  };
  walk(pagesDir);
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let address = 0;
/** A different client address per sign-in, so throttling of one never touches another. */
const nextAddress = () => `10.77.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

function cookieFrom(response: Response): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith('session='))?.split(';')[0];
}

async function post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, 'X-Forwarded-For': nextAddress(), ...headers },
    body: new URLSearchParams(form),
  });
}

const cookies = new Map<Role, string>();

/** Signs a demo account in over HTTP, with the authenticator code where the role needs one. */
async function signIn(role: Role): Promise<string> {
  const first = await post('/login', { email: `${role}@example.org`, password: DEMO_PASSWORD });
  assert.equal(first.status, 303, `${role} password accepted`);
  const cookie = cookieFrom(first)!;
  if (first.headers.get('location')?.startsWith('/login/two-factor')) {
    const code = generateTOTP(decodeBase32IgnorePadding(DEMO_TOTP_SECRET), 30, 6);
    const second = await post('/login/two-factor', { intent: 'code', code }, { Cookie: cookie });
    assert.equal(second.status, 303, `${role} code accepted`);
  }
  return cookie;
}

before(async () => {
  if (!existsSync(join(root, 'dist/server/entry.mjs'))) throw new Error('Build the site first: npm run build');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['src/cli/serve.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', TRUST_PROXY: 'true', PUBLIC_URL: base, ELIGIBILITY_API_ORIGINS: PARTNER, DATABASE_URL: `file:${join(workDir, 'portal.db')}` },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${base}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const role of ['practitioner', 'trainer', 'moderator', 'editor', 'admin'] as const) cookies.set(role, await signIn(role));
});

after(() => {
  server?.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

const protectedPages = routes().filter((r) => !r.dynamic && r.file.endsWith('.astro') && ruleFor(r.path));

test('there are protected pages to check', () => {
  assert.ok(protectedPages.length >= 8, `found ${protectedPages.map((p) => p.path).join(', ')}`);
});

for (const page of protectedPages) {
  test(`role matrix: ${page.path}`, async () => {
    assert.ok(ruleFor(page.path), 'the page is protected');
    const anonymous = await fetch(`${base}${page.path}`, { redirect: 'manual' });
    assert.equal(anonymous.status, 303, 'anonymous visitors are sent to sign in');
    assert.match(anonymous.headers.get('location') ?? '', /^\/login\?returnTo=/);
    for (const role of ['practitioner', 'trainer', 'moderator', 'editor', 'admin'] as const) {
      const response = await fetch(`${base}${page.path}`, { redirect: 'manual', headers: { Cookie: cookies.get(role)! } });
      const allowed = authorizeRoute({ roles: role === 'practitioner' ? ['practitioner'] : ['practitioner', role] }, page.path) === 'allow';
      if (allowed) assert.equal(response.status, 200, `${role} may see ${page.path}`);
      else assert.equal(response.status, 403, `${role} is refused ${page.path}`);
    }
  });
}

// Every page that accepts a form, whoever may use it.
const formTargets = routes().filter((r) => /method === 'POST'|export const POST/.test(readFileSync(r.file, 'utf8')) && !r.path.startsWith('/api/'));

test('there are forms to check', () => {
  assert.ok(formTargets.length >= 15, `found ${formTargets.map((p) => p.path).join(', ')}`);
});

for (const target of formTargets) {
  test(`origin check: POST ${target.path}`, async () => {
    for (const origin of [undefined, 'https://evil.example']) {
      const response = await fetch(`${base}${target.path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies.get('admin')!, ...(origin ? { Origin: origin } : {}) },
        body: 'intent=x',
      });
      assert.equal(response.status, 403, `a form from ${origin ?? 'no origin'} is refused`);
    }
  });
}

test('the origin check lets the portal’s own forms through', async () => {
  const response = await post('/login', { email: 'nobody@example.org', password: 'not-the-password' });
  assert.equal(response.status, 200);
});

test('sign-ins from an address over its wrong-password limit get a small 429 page, even with the right password; other addresses still sign in', async () => {
  const flooded = '10.99.0.1';
  // The limit's worth of wrong passwords in the last ten minutes, written as the server would.
  const portal = await createDb(`file:${join(workDir, 'portal.db')}`);
  try {
    const now = Math.floor(Date.now() / 1000);
    const [tenMinutes] = SIGN_IN_FAILURE_LIMITS;
    await portal.write((tx) => tx.insert(throttleEvents).values(Array.from({ length: tenMinutes!.max }, () => ({ key: signInFailureKey(flooded), at: now - 1 }))));
  } finally {
    portal.close();
  }
  // The first refusal reads the database; the rest are answered from memory. Both the same.
  for (let i = 0; i < 3; i++) {
    const refused = await post('/login?returnTo=/forum', { email: 'practitioner@example.org', password: DEMO_PASSWORD }, { 'X-Forwarded-For': flooded });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(refused.headers.get('set-cookie'), null);
    assert.match(refused.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const html = await refused.text();
    assert.match(html, /You have tried too many times\. Wait \d+ (second|minute|hour)s? and try again/);
    assert.match(html, /<a href="\/login\?returnTo=%2Fforum">Go back to the sign-in page<\/a>/);
  }
  const elsewhere = await post('/login', { email: 'practitioner@example.org', password: DEMO_PASSWORD }, { 'X-Forwarded-For': '10.99.0.2' });
  assert.equal(elsewhere.status, 303);
});

test('crafted return addresses after sign-in are answered with a local ASCII path', async () => {
  for (const [returnTo, location] of [
    ['/%E2%80%A8', '/%E2%80%A8'],
    ['/%E2%88%95evil', '/%E2%88%95evil'],
    ['//evil.example/', '/account'],
    ['/%0D%0ASet-Cookie:x', '/account'],
  ] as const) {
    const response = await post(`/login?returnTo=${returnTo}`, { email: 'practitioner@example.org', password: DEMO_PASSWORD });
    assert.equal(response.status, 303, returnTo);
    assert.equal(response.headers.get('location'), location, returnTo);
  }
});

test('any page number on the users list is a page', async () => {
  for (const n of ['99999999999999999999999', '-1', 'abc', '1e400', '0x10']) {
    const response = await fetch(`${base}/admin/users?page=${n}`, { headers: { Cookie: cookies.get('admin')! } });
    assert.equal(response.status, 200, n);
  }
});

test('a form body over 1 MB gets a page saying so', async () => {
  const response = await post('/register', { name: 'x'.repeat(1024 * 1024 + 1) });
  assert.equal(response.status, 413);
  assert.match(await response.text(), /What you sent was too large/);
});

test('hidden characters in a name are refused with a message', async () => {
  const response = await post('/register', { name: 'Megan\u202eHollis', email: 'megan@example.org', organisation: 'KCC', password: 'a-long-enough-passphrase' });
  assert.equal(response.status, 200);
  assert.match(await response.text(), /Full name must not contain hidden characters that change the direction of text/);
});

test('XSS payloads in Chromium: the harness notices a script that runs (positive control)', async () => {
  const report = await unsanitisedInBrowser(base, cookies.get('practitioner')!);
  assert.ok(report.calls.length + report.cspViolations.length + report.dialogs.length + report.foreignRequests.length > 0, 'raw HTML is noticed');
});

test('XSS payloads in Chromium: none rendered by the forum runs, loads or navigates', async () => {
  const report = await payloadsInBrowser(base, cookies.get('practitioner')!);
  assert.ok(report.payloads >= 200 && report.pages >= 4, `${report.payloads} payloads on ${report.pages} pages`);
  assert.deepEqual(report.calls, []);
  assert.deepEqual(report.dialogs, []);
  assert.deepEqual(report.cspViolations, []);
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.foreignRequests, []);
  assert.deepEqual(report.dangerous, []);
  assert.deepEqual(report.navigatedTo, []);
  assert.equal(report.frames, 1);
});

const CHECK = { ruleset: 'tf-phase-2', answers: {} };

/** A call to the eligibility API's check, from `origin` (a browser on another site), with `cookie` if given. */
async function eligibilityCheck(origin: string | undefined, cookie?: string) {
  return fetch(`${base}/api/eligibility/check`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}), ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(CHECK),
  });
}

test('eligibility API: reads no cookies and sets none', async () => {
  const plain = await eligibilityCheck(PARTNER);
  const withSession = await eligibilityCheck(PARTNER, cookies.get('admin'));
  const withJunk = await eligibilityCheck(PARTNER, 'session=forged.value; trusted_device=x');
  for (const response of [plain, withSession, withJunk]) {
    assert.equal(response.headers.getSetCookie().length, 0, 'no cookie is set');
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  }
  const bodies = await Promise.all([plain, withSession, withJunk].map((r) => r.text()));
  assert.equal(plain.status, withSession.status);
  assert.equal(bodies[1], bodies[0], 'a session changes nothing in the answer');
  assert.equal(bodies[2], bodies[0], 'a forged cookie changes nothing in the answer');
  // The admin's session is still good: the API neither used nor ended it.
  const account = await fetch(`${base}/account`, { redirect: 'manual', headers: { Cookie: cookies.get('admin')! } });
  assert.equal(account.status, 200);
});

test('eligibility API: CORS only for origins in ELIGIBILITY_API_ORIGINS', async () => {
  const allowed = await eligibilityCheck(PARTNER);
  assert.equal(allowed.headers.get('access-control-allow-origin'), PARTNER);
  assert.equal(allowed.headers.get('access-control-allow-credentials'), null, 'credentials are never allowed');
  for (const origin of ['https://evil.example', 'https://case.partner.example.evil.example', 'http://case.partner.example', 'null', base]) {
    const response = await eligibilityCheck(origin);
    assert.equal(response.headers.get('access-control-allow-origin'), null, `no CORS for ${origin}`);
  }
  const preflight = (origin: string) =>
    fetch(`${base}/api/eligibility/check`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
  const good = await preflight(PARTNER);
  assert.equal(good.status, 204);
  assert.equal(good.headers.get('access-control-allow-origin'), PARTNER);
  assert.match(good.headers.get('access-control-allow-methods') ?? '', /POST/);
  const bad = await preflight('https://evil.example');
  assert.equal(bad.headers.get('access-control-allow-origin'), null);
  assert.equal(bad.headers.get('access-control-allow-methods'), null);
  for (const path of ['/api/eligibility/rulesets', '/api/eligibility/rulesets/tf-phase-2']) {
    const listed = await fetch(`${base}${path}`, { headers: { Origin: PARTNER } });
    assert.equal(listed.headers.get('access-control-allow-origin'), PARTNER, path);
    const other = await fetch(`${base}${path}`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null, path);
  }
});

test('eligibility API: a form post from another site gets JSON 415, and changes nothing', async () => {
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
    const response = await fetch(`${base}/api/eligibility/check`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': type, Origin: 'https://evil.example', Cookie: cookies.get('admin')! },
      body: 'ruleset=tf-phase-2',
    });
    assert.equal(response.status, 415, type);
    assert.equal(response.headers.getSetCookie().length, 0);
    assert.equal(((await response.json()) as { error: string }).error, 'unsupported-media-type');
  }
});

test('a built page or file answers GET and HEAD, says so to OPTIONS, and refuses a form post', async () => {
  for (const path of ['/guidance/', '/guidance', '/favicon.svg']) {
    const got = await fetch(`${base}${path}`);
    assert.equal(got.status, 200, `GET ${path}`);
    const body = await got.text();
    const head = await fetch(`${base}${path}`, { method: 'HEAD' });
    assert.equal(head.status, 200, `HEAD ${path}`);
    assert.equal(head.headers.get('etag'), got.headers.get('etag'), `HEAD ${path} describes the same file`);
    assert.ok(body.length > 0);
    const options = await fetch(`${base}${path}`, { method: 'OPTIONS' });
    assert.equal(options.status, 204, `OPTIONS ${path}`);
    assert.equal(options.headers.get('allow'), 'GET, HEAD, OPTIONS');
    const posted = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base }, body: 'a=b' });
    assert.equal(posted.status, 405, `POST ${path}`);
    assert.equal(posted.headers.get('allow'), 'GET, HEAD');
  }
  const malformed = await fetch(`${base}/%E0%A4%A`);
  assert.equal(malformed.status, 400);
});

// Every route outside the API, whether or not it takes forms: a cross-site form post is refused.
const nonApiRoutes = routes().filter((r) => !r.path.startsWith('/api/') && !/\.(xml|txt|json|ics)$/.test(r.path));

test('a cross-site form post to any route outside the eligibility API is refused 403', async () => {
  assert.ok(nonApiRoutes.length >= 30, `found ${nonApiRoutes.length}`);
  const wrong: string[] = [];
  for (const route of nonApiRoutes) {
    const response = await fetch(`${base}${route.path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', Cookie: cookies.get('admin')! },
      body: 'intent=x',
    });
    if (response.status !== 403) wrong.push(`${route.path}: ${response.status}`);
  }
  assert.deepEqual(wrong, []);
});
