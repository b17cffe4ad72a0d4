/**
 * Production entry point: prepares the database, then serves the built site with the
 * portal's security headers on every response, static files included, and delivers
 * queued e-mail in the background. `npm start` runs `astro build` and then this file.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import { setupDatabase } from '../../db/setup.ts';
import { deliverPendingEmail, logTransport, smtpTransport, type MailTransport } from '../lib/server/outbox.ts';
import { pruneExpiredRegistrations, pruneSignInFailures } from '../lib/server/accounts.ts';
import { pruneRateLimits } from '../lib/server/rate-limit.ts';
import { expireApprovals, expireOffers, sendReminders } from '../lib/server/training/bookings.ts';
import { pruneEvaluations } from '../lib/server/training/evaluations.ts';
import { sendDigests } from '../lib/server/forum/queries.ts';
import { purgeOldReadings, sendReadingDigests } from '../lib/server/reading/history.ts';
import { pagesFromJson, type ChangeablePageJson } from '../lib/domain/reading/model.ts';
import { mergeContentSecurityPolicy, securityHeaders } from '../lib/server/security-headers.ts';
import { crossOriginForbidden, isForbiddenCrossOriginRequest } from '../lib/domain/origin-check.ts';
import { isPagefindData, precompressedFiles } from '../lib/server/precompressed.ts';
import { staticFiles } from '../lib/server/static-files.ts';
import { signInRefusalFor } from '../lib/server/sign-in-refusal.ts';
import { clientIp } from '../lib/server/request.ts';
import { safeReturnPath } from '../lib/domain/account/permissions.ts';

const entry = new URL('../../dist/server/entry.mjs', import.meta.url);
if (!existsSync(entry)) {
  console.error('The site has not been built. Run "npm start" (or "npm run build" first).');
  process.exit(1);
}

const production = process.env.NODE_ENV === 'production';
const port = Number(process.env.PORT || 4321);
const host = process.env.HOST || 'localhost';

// The adapter runs in middleware mode (astro.config.mjs): it renders Astro's pages and
// leaves the built files to this server (src/lib/server/static-files.ts).
const { handler } = (await import(entry.href)) as {
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;
};

const headers = securityHeaders(production);
// Gzip or Brotli for every text response; most pages shrink to a quarter of their size.
// Pagefind's files are packed already: gzipping them again only adds bytes.
const compress = compression({ filter: (req, res) => !isPagefindData(req.url) && compression.filter(req, res) });
// Files whose names carry a hash of their content never change: browsers may keep them.
const IMMUTABLE = /^\/(_astro\/|pagefind\/(index|fragment|filter)\/)/;
// The offline service worker and the size it downloads must be checked on every visit, or a
// browser would keep saving an old build's list of files.
const REVALIDATE = /^\/(sw\.js|offline-size\.json)(\?|$)/;
const CLIENT_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));
// The prerendered pages and assets, listed once: any other request goes straight to Astro.
const files = staticFiles(CLIENT_DIR);
// The built pages, styles and scripts, and Pagefind's files, packed once and kept.
const sendPrecompressed = precompressedFiles(CLIENT_DIR);
// The pages and their amendments as this build publishes them, for the weekly e-mail.
const changeablePages = pagesFromJson((JSON.parse(readFileSync(join(CLIENT_DIR, 'amendments.json'), 'utf8')) as { pages: ChangeablePageJson[] }).pages);

/**
 * A POST (or other unsafe method) to a built file. The adapter would answer it with the file,
 * and the middleware's origin check never runs for prerendered pages, so it is answered here:
 * a form from another site gets the same 403 as everywhere else, anything else 405. The
 * request's own origin is taken from its Host header, with either scheme, since a proxy in
 * front may end TLS.
 */
function refuseUnsafeStatic(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): boolean {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? 'GET')) return false;
  const pathname = (req.url ?? '/').split('?')[0]!;
  if (files.fileFor(pathname) === null) return false;
  const requestHeaders = new Headers();
  for (const name of ['origin', 'content-type']) {
    const value = req.headers[name];
    if (typeof value === 'string') requestHeaders.set(name, value);
  }
  const origin = requestHeaders.get('origin');
  const hostOrigin = ['http', 'https'].map((scheme) => `${scheme}://${req.headers.host ?? ''}`).find((o) => o === origin) ?? `http://${req.headers.host ?? ''}`;
  const answer = isForbiddenCrossOriginRequest({ method: req.method ?? 'POST', headers: requestHeaders }, new URL(hostOrigin))
    ? crossOriginForbidden(req.method ?? 'POST')
    : new Response('This address only answers GET and HEAD', { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' } });
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  void answer.text().then((text) => res.end(text));
  return true;
}

/**
 * Until the database is ready every request gets 503 with Retry-After, so a load balancer
 * keeps traffic away and nothing is half-served.
 */
let portal: Awaited<ReturnType<typeof setupDatabase>> | null = null;

/**
 * A sign-in form post's address and where to go back to, or null for any other request.
 * Only the word "true" in TRUST_PROXY trusts a proxy's X-Forwarded-For, as astro.config.mjs
 * reads it.
 */
function signInPost(req: import('node:http').IncomingMessage): { address: string; returnTo: string } | null {
  if (req.method !== 'POST') return null;
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://portal.invalid');
  } catch {
    return null;
  }
  if (url.pathname !== '/login' && url.pathname !== '/login/') return null;
  const forwardedFor = req.headers['x-forwarded-for'];
  const address = clientIp(req.socket.remoteAddress, typeof forwardedFor === 'string' ? forwardedFor : null, process.env.TRUST_PROXY === 'true');
  return { address, returnTo: safeReturnPath(url.searchParams.get('returnTo')) };
}

// Explicit limits so a client sending a body or headers very slowly cannot hold a
// connection open indefinitely: the whole request within 30 s, headers within 10 s.
// An idle kept-alive connection stays open for 65 s, longer than the idle timeout of a
// proxy or client that reuses it (60 s on most load balancers): Node's default of 5 s let a
// client send its next request on a connection the server was closing at that moment, and
// the request failed with a connection reset.
const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 65_000 }, (req, res) => {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (!portal) {
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '5', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ status: 'starting', database: 'unavailable' }));
    return;
  }
  // A path that is not valid percent-encoding gets 400, as the adapter's standalone server gave.
  try {
    decodeURI(req.url ?? '/');
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Bad request.');
    return;
  }
  if (refuseUnsafeStatic(req, res)) return;
  // A sign-in from an address over its wrong-password limit gets the small 429 page here,
  // before the adapter and Astro: under a flood, after the first refusal this process
  // answers from memory, so each refused attempt costs next to nothing. Anything else goes
  // on, and the middleware checks again (it also serves `astro dev`).
  const signIn = signInPost(req);
  if (signIn) {
    void signInRefusalFor(portal, signIn.address, signIn.returnTo).then(
      (refusal) => {
        if (!refusal) return serve(req, res);
        res.writeHead(refusal.status, refusal.headers);
        res.end(refusal.body);
      },
      () => serve(req, res),
    );
    return;
  }
  serve(req, res);
});

/** Everything but the refusals above: the built files and Astro's pages, with the portal's headers. */
function serve(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
  const immutable = IMMUTABLE.test(req.url ?? '');
  const revalidate = REVALIDATE.test(req.url ?? '');
  // On-demand pages carry Astro's own policy (script and style hashes) as a header, which
  // would replace ours: merge the two instead.
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (immutable && status === 200) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    if (revalidate && status === 200) res.setHeader('Cache-Control', 'no-cache');
    const last = rest.at(-1);
    if (last && typeof last === 'object' && !Array.isArray(last)) {
      const outgoing = last as Record<string, unknown>;
      const key = Object.keys(outgoing).find((k) => k.toLowerCase() === 'content-security-policy');
      if (key) {
        outgoing[key] = mergeContentSecurityPolicy(String(outgoing[key]));
      }
    }
    // Compression moves a headers argument onto the response before this runs.
    const policy = res.getHeader('Content-Security-Policy');
    if (policy !== undefined) res.setHeader('Content-Security-Policy', mergeContentSecurityPolicy(String(policy)));
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  // A built file, or null for an on-demand page (and for anything that is neither).
  const file = files.fileFor((req.url ?? '/').split('?')[0]!);
  const toAdapter = () =>
    compress(req as never, res as never, () => {
      if (file === null) void handler(req, res);
      else if (req.method === 'OPTIONS') {
        // A built file answers GET and HEAD (other methods are refused above): say so.
        res.writeHead(204, { Allow: 'GET, HEAD, OPTIONS' });
        res.end();
      } else files.send(req, res, file, () => void handler(req, res));
    });
  if (file !== null && (req.method === 'GET' || req.method === 'HEAD')) {
    void sendPrecompressed(req, res, file).then(
      (sent) => {
        if (!sent) toAdapter();
      },
      () => {
        if (res.headersSent) res.destroy();
        else toAdapter();
      },
    );
    return;
  }
  toAdapter();
}

const transport: MailTransport = process.env.SMTP_URL
  ? await smtpTransport(process.env.SMTP_URL, process.env.MAIL_FROM || 'Troubled Families Portal <no-reply@localhost>')
  : logTransport();

/**
 * Runs `task` every `ms`, never two at once: a slow run makes the next one wait its turn
 * rather than pile up. Failures are logged and the timer carries on.
 */
function every(ms: number, what: string, task: () => Promise<unknown>): NodeJS.Timeout {
  let running = false;
  return setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      console.error(`${what} failed:`, error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  }, ms);
}

server.listen(port, host, () => {
  console.log(`Troubled Families Practitioner Portal: http://${host.includes(':') ? `[${host}]` : host}:${port}`);
});

/**
 * Opens, migrates and seeds the database, trying again with a growing pause (up to 30 s)
 * while it cannot be opened, for example while a volume is still being mounted. The server
 * answers 503 meanwhile instead of exiting.
 */
async function openDatabase(): Promise<NonNullable<typeof portal>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await setupDatabase();
    } catch (error) {
      const wait = Math.min(1000 * 2 ** (attempt - 1), 30_000);
      console.error(`The database could not be opened (${error instanceof Error ? error.message : String(error)}); trying again in ${wait / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

const db = await openDatabase();
portal = db;

const mailTimer = every(Number(process.env.MAIL_INTERVAL_MS || 2000), 'Email delivery', () => deliverPendingEmail(db, transport));
const pruneTimer = every(60 * 60 * 1000, 'Pruning throttling, sign-in failures, expired registrations, old readings and old evaluations', async () => {
  await pruneRateLimits(db);
  await pruneSignInFailures(db);
  await pruneExpiredRegistrations(db);
  await purgeOldReadings(db);
  await pruneEvaluations(db);
});

// Waiting-list offers that were not taken up, and seats held for a line manager's approval
// that ran out unanswered, pass to the next person; reminders go out
// before sessions; members who asked get the forum's daily digest (titles only) and the
// weekly e-mail of pages changed since they read them. All are safe to run on several
// instances at once.
const housekeepingSettings = { baseUrl: process.env.PUBLIC_URL || `http://${host}:${port}` };
const housekeepingTimer = every(Number(process.env.TRAINING_INTERVAL_MS || 60_000), 'Housekeeping', async () => {
  await expireOffers(db, housekeepingSettings);
  await expireApprovals(db, housekeepingSettings);
  await sendReminders(db, housekeepingSettings);
  await sendDigests(db, housekeepingSettings.baseUrl);
  await sendReadingDigests(db, changeablePages, housekeepingSettings.baseUrl);
});

function shutdown() {
  clearInterval(mailTimer);
  clearInterval(pruneTimer);
  clearInterval(housekeepingTimer);
  server.close(() => {
    db.close();
    process.exit(0);
  });
  // Keep-alive connections would hold the process open; give them a moment, then go.
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
