/**
 * Booking under load, against the built server and a real database file. Prints figures; it
 * does not fail on a number, only when the run itself breaks (exit code 1).
 *
 *   npm run bench:bookings            burst: 200 practitioners book 20 seats at the same moment; then
 *                                     the same burst while 20 colleagues take up places passed to them
 *                                     and the same burst again on a session with seats set aside for two
 *                                     organisations, its clients spread over organisations, with transfers
 *   npm run bench:bookings -- --burst     the first burst alone (with its warm-up)
 *   npm run bench:bookings -- --reserved  the reserved-seat run alone
 *   npm run bench:bookings -- --server-db   the same two runs against two instances sharing one
 *                                     libSQL server (sqld), the requests split over both
 *   npm run bench:bookings -- --kill  durability: SIGKILL the server 20 times under booking load
 *
 * Accounts and their sign-in sessions are written straight into the database (with the
 * portal's own session functions) rather than signing in 200 times through the form; every
 * booking goes through HTTP: `POST /training/sessions/<id>/book` with the session cookie and
 * an Origin header, answered by a 303 whose `outcome` says what happened.
 *
 * Mode 1 fires the requests from 4 child processes (this file run with `--client`), so the
 * load does not queue behind one client's event loop; they start on one shared signal. The
 * measured burst comes second: the same burst on another session first brings a server that
 * has just started to the state of one that has been answering for a while (its code
 * compiled), and its figures are printed as the warm-up's. With
 * `--server-db`, two client processes send to each instance. Each instance groups the
 * bookings it receives into shared transactions, but two processes share no queue: what keeps
 * the session from being overbooked across them is the database, which lets one write
 * transaction in at a time, and the seat guard's one conditional statement (`takeSeats`).
 *
 * Besides latency, each run prints the CPU time the portal's processes used during it (from
 * /proc), which depends far less than wall time on what else the machine is doing, and the
 * CPU time the client processes used, which the portal had to share the cores with.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createDb, type PortalDb } from '../../db/client.ts';
import { createSession } from '../../src/lib/server/auth/session.ts';
import { cookieNames } from '../../src/lib/server/auth/cookies.ts';
import { ACTIVE_STATUSES, SEAT_HOLDING, type BookingStatus } from '../../src/lib/domain/training/model.ts';
import { bookPlace, cancelPlace } from '../../src/lib/server/training/bookings.ts';
import { nowSeconds } from '../../src/lib/time.ts';
import { offerPlaceToColleague } from '../../src/lib/server/training/transfers.ts';
import { organisationKey } from '../../src/lib/domain/training/places.ts';
import { cpuMs, restartablePortal, startPortal, startSqld } from './support.ts';
import { percentile } from './stats.ts';

const SESSION_COOKIE = cookieNames(false).session;
const ACKNOWLEDGED = new Set(['booked', 'waiting']);

/** One booking request as a client saw it. */
interface Attempt {
  userId: number;
  sessionId: number;
  /** HTTP status, 0 for a network error or timeout. */
  status: number;
  /** The `outcome` of a 303, '' otherwise. */
  outcome: string;
  ms: number;
  error?: string;
}

interface Ticket {
  userId: number;
  token: string;
  /** For a colleague taking up a place passed to them: the e-mailed link's token. */
  transfer?: string;
}

type ToClient = { type: 'jobs'; url: string; sessionId: number; tickets: Ticket[] } | { type: 'warm' } | { type: 'go'; at: number };
type FromClient = { type: 'loaded' } | { type: 'ready' } | { type: 'results'; attempts: Attempt[]; cpuMs: number };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The clients' connections: kept open between requests, as a browser keeps its connection to
 * the portal, and as many as there are requests in flight. node:http rather than fetch: the
 * clients share the machine's cores with the portal, and fetch used about 1.5 ms of CPU a
 * request, half as much as the portal spent answering it; the portal's figures should not
 * depend on how heavy the load generator is.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** One request on the kept connections: its status and Location header, once the body has been read. */
function exchange(target: string, method: 'GET' | 'POST', headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const options = { method, agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal: AbortSignal.timeout(timeoutMs) };
    const request = httpRequest(target, options, (response) => {
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location }));
      response.resume();
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function book(url: string, sessionId: number, ticket: Ticket, timeoutMs = 30_000): Promise<Attempt> {
  const started = performance.now();
  const base = { userId: ticket.userId, sessionId };
  // A colleague accepts a place passed on to them through the page a person would use.
  const target = ticket.transfer ? `${url}/account/transfers?token=${encodeURIComponent(ticket.transfer)}` : `${url}/training/sessions/${sessionId}/book`;
  const body = ticket.transfer ? new URLSearchParams({ intent: 'accept', token: ticket.transfer }).toString() : '';
  const headers = { cookie: `${SESSION_COOKIE}=${ticket.token}`, origin: url, 'content-type': 'application/x-www-form-urlencoded' };
  try {
    const { status, location } = await exchange(target, 'POST', headers, body, timeoutMs);
    const ms = performance.now() - started;
    const params = status === 303 && location ? new URL(location, url).searchParams : undefined;
    const outcome = params?.get('outcome') ?? params?.get('notice') ?? '';
    return { ...base, status, outcome, ms };
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { ...base, status: 0, outcome: '', ms: performance.now() - started, error: e.code ?? e.message ?? String(error) };
  }
}

/** How many requests failed, how, and how long after they were sent. */
function describeErrors(errors: Attempt[]): string {
  if (!errors.length) return '0';
  const ms = errors.map((e) => e.ms);
  const kinds = tally(errors.map((e) => (e.status ? `HTTP ${e.status}` : (e.error ?? 'network'))));
  return `${errors.length} (${kinds}; after ${Math.min(...ms).toFixed(0)} to ${Math.max(...ms).toFixed(0)} ms)`;
}

function tally(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ');
}

// ---------------------------------------------------------------------------------------
// Database set-up, straight into the file the server uses.

async function courseId(portal: PortalDb): Promise<number> {
  const r = await portal.client.execute(`SELECT id FROM courses WHERE slug = 'caf-practitioner-workshop'`);
  const id = r.rows[0]?.id ?? (await portal.client.execute('SELECT id FROM courses ORDER BY id LIMIT 1')).rows[0]?.id;
  if (id === undefined || id === null) throw new Error('no course in the database: the server did not seed it');
  return Number(id);
}

/** A session of the course, starting `days` from now, booking closing 24 hours before. */
async function addSession(portal: PortalDb, course: number, capacity: number, days: number, venue: string): Promise<number> {
  const now = nowSeconds();
  return portal.write(async (tx) => {
    const r = await tx.run(sql`
      INSERT INTO training_sessions (course_id, starts_at, duration_minutes, mode, venue, district, capacity, cutoff_hours, created_at, updated_at)
      VALUES (${course}, ${now + days * 86400}, 180, 'in-person', ${venue}, 'Maidstone', ${capacity}, 24, ${now}, ${now})
      RETURNING id`);
    return Number(r.rows[0]!.id);
  });
}

/** `count` active practitioner accounts of `organisation`, each with a fresh sign-in session. */
async function addPractitioners(portal: PortalDb, count: number, tag: string, organisation = 'Kent County Council'): Promise<Ticket[]> {
  const now = nowSeconds();
  const ids = await portal.write(async (tx) => {
    const out: number[] = [];
    for (let i = 1; i <= count; i++) {
      // Nobody signs in with a password here, so the hash is a placeholder.
      const r = await tx.run(sql`
        INSERT INTO users (email, name, organisation, password_hash, status, email_verified_at, approved_at, created_at)
        VALUES (${`bench-${tag}-${i}@kent.gov.uk`}, ${`Bench Practitioner ${tag} ${i}`}, ${organisation}, '!', 'active', ${now}, ${now}, ${now})
        RETURNING id`);
      out.push(Number(r.rows[0]!.id));
    }
    return out;
  });
  const tickets: Ticket[] = [];
  for (const userId of ids) tickets.push({ userId, token: (await createSession(portal, userId, 'bookings benchmark')).token });
  return tickets;
}

/** One booking on a session of its own, so a missing endpoint fails the run before the figures. */
async function preflight(url: string, sessionId: number, ticket: Ticket): Promise<void> {
  const a = await book(url, sessionId, ticket);
  if (a.status !== 303 || !ACKNOWLEDGED.has(a.outcome)) {
    throw new Error(
      `the booking endpoint did not acknowledge a warm-up booking (status ${a.status}${a.outcome ? `, outcome ${a.outcome}` : ''}${a.error ? `, ${a.error}` : ''}); ` +
        'is src/pages/training/sessions/[id]/book.ts built into dist/?',
    );
  }
}

async function statusCounts(portal: PortalDb, sessionId: number): Promise<Record<string, number>> {
  const r = await portal.client.execute({ sql: 'SELECT status, count(*) AS n FROM bookings WHERE session_id = ? GROUP BY status', args: [sessionId] });
  return Object.fromEntries(r.rows.map((row) => [String(row.status), Number(row.n)]));
}

const held = (counts: Record<string, number>): number => SEAT_HOLDING.reduce((s, k) => s + (counts[k] ?? 0), 0);

/** Where the requests go: one portal on a database file, or two sharing one libSQL server. */
interface Deployment {
  /** The instances' addresses; client process i sends to `urls[i % urls.length]`. */
  urls: string[];
  /** The portal processes, for their CPU time. */
  pids: (number | undefined)[];
  /** The benchmark's own connection to the same database. */
  db: PortalDb;
  label: string;
  stop(): void;
}

async function deploy(serverDb: boolean): Promise<Deployment> {
  if (!serverDb) {
    const server = await startPortal();
    const db = await createDb(`file:${join(server.dbDir, 'portal.db')}`);
    return {
      urls: [server.url],
      pids: [server.child.pid],
      db,
      label: 'one portal instance on an embedded database file',
      stop: () => {
        db.close();
        server.stop();
      },
    };
  }
  const stops: (() => void)[] = [];
  const stopAll = () => {
    for (const stop of stops.reverse()) stop();
  };
  try {
    const sqld = await startSqld();
    stops.push(sqld.stop);
    // One at a time, so only the first applies the migrations and seeds.
    const a = await startPortal({ DATABASE_URL: sqld.url });
    stops.push(a.stop);
    const b = await startPortal({ DATABASE_URL: sqld.url });
    stops.push(b.stop);
    const db = await createDb(sqld.url);
    stops.push(() => db.close());
    return { urls: [a.url, b.url], pids: [a.child.pid, b.child.pid], db, label: 'two portal instances sharing one libSQL server (sqld)', stop: stopAll };
  } catch (error) {
    stopAll();
    throw error;
  }
}

/** CPU time the portal's processes have used so far, in ms (undefined without /proc). */
function portalCpu(d: Pick<Deployment, 'pids'>): number | undefined {
  const each = d.pids.map(cpuMs);
  return each.some((ms) => ms === undefined) ? undefined : each.reduce((sum, ms) => sum! + ms!, 0);
}

function printCpu(before: number | undefined, after: number | undefined, requests: number, clientCpuMs: number): void {
  if (before !== undefined && after !== undefined) {
    console.log(`portal CPU during the run: ${(after - before).toFixed(0)} ms (${((after - before) / requests).toFixed(2)} ms a request)`);
  }
  // The clients share the machine's cores with the portal: what they use is time it can wait for.
  console.log(`client processes' CPU sending and reading: ${clientCpuMs.toFixed(0)} ms (${(clientCpuMs / requests).toFixed(2)} ms a request)`);
}

// ---------------------------------------------------------------------------------------
// Mode 1: a burst of 200 bookings for 20 seats.

const CLIENTS = 4;
const PER_CLIENT = 50;
const SEATS = 20;
const CANCELS = 5;

/** Waits for the parent's message of type `type`. */
function message<T extends ToClient['type']>(type: T): Promise<Extract<ToClient, { type: T }>> {
  return new Promise((resolve) => {
    const listen = (m: unknown) => {
      if ((m as ToClient).type !== type) return;
      process.off('message', listen);
      resolve(m as Extract<ToClient, { type: T }>);
    };
    process.on('message', listen);
  });
}

/**
 * Runs in each child process: take the jobs, say loaded; on "warm" open the connections and
 * say ready; fire everything on "go".
 */
async function client(): Promise<void> {
  const send = (m: FromClient) => process.send!(m);
  const warm = message('warm');
  const go = message('go');
  const jobs = await message('jobs');
  send({ type: 'loaded' });
  await warm;
  // Open the connections before the signal, so the burst measures booking, not TCP set-up.
  // Every process does so at the same time, once all are loaded, so no connection sits idle
  // long enough for the server's keep-alive timeout (65 s) to close it under the burst.
  await Promise.all(jobs.tickets.map(() => exchange(`${jobs.url}/healthz`, 'GET', {}, '', 30_000).catch(() => undefined)));
  send({ type: 'ready' });
  const { at } = await go;
  // The signal carries a moment slightly ahead, so every process fires at the same instant
  // whatever the IPC delivery skew.
  while (Date.now() < at) await sleep(Math.max(0, Math.min(5, at - Date.now())));
  const cpu = process.cpuUsage();
  const attempts = await Promise.all(jobs.tickets.map((t) => book(jobs.url, jobs.sessionId, t)));
  const used = process.cpuUsage(cpu);
  send({ type: 'results', attempts, cpuMs: (used.user + used.system) / 1000 });
  process.disconnect?.();
}

interface Client {
  child: ChildProcess;
  loaded: Promise<void>;
  ready: Promise<void>;
  results: Promise<{ attempts: Attempt[]; cpuMs: number }>;
}

/** Every client's answers, and the CPU time the client processes used sending them. */
async function collect(clients: readonly Client[]): Promise<{ attempts: Attempt[]; clientCpuMs: number }> {
  const each = await Promise.all(clients.map((c) => c.results));
  return { attempts: each.flatMap((r) => r.attempts), clientCpuMs: each.reduce((sum, r) => sum + r.cpuMs, 0) };
}

function startClient(url: string, sessionId: number, tickets: Ticket[]): Client {
  const child = fork(fileURLToPath(import.meta.url), ['--client'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const signal = (type: FromClient['type']) => new Promise<void>((resolve) => child.on('message', (m) => (m as FromClient).type === type && resolve()));
  const results = new Promise<{ attempts: Attempt[]; cpuMs: number }>((resolve, reject) => {
    child.on('message', (m) => {
      const message = m as FromClient;
      if (message.type === 'results') resolve({ attempts: message.attempts, cpuMs: message.cpuMs });
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`client process ended early (code ${code}, signal ${signal})`)));
  });
  // Awaited below; this branch only keeps a late rejection (the kill in `finally`) quiet.
  results.catch(() => undefined);
  // A crash before a signal must not leave the parent waiting for ever.
  const orCrash = (p: Promise<void>) => Promise.race([p, results.then(() => undefined)]);
  const loaded = orCrash(signal('loaded'));
  const ready = orCrash(signal('ready'));
  child.send({ type: 'jobs', url, sessionId, tickets } satisfies ToClient);
  return { child, loaded, ready, results };
}

/**
 * One burst: CLIENTS client processes (added to `children`), client i sending `ticketsFor(i)`
 * to `urls[i % urls.length]`, all at the same moment, on `sessionId`.
 */
async function fireBurst(deployment: Pick<Deployment, 'urls' | 'pids'>, sessionId: number, ticketsFor: (client: number) => Ticket[], children: ChildProcess[]) {
  const { urls } = deployment;
  const clients = Array.from({ length: CLIENTS }, (_, i) => startClient(urls[i % urls.length]!, sessionId, ticketsFor(i)));
  children.push(...clients.map((c) => c.child));
  const at = await fireTogether(clients);
  const cpuBefore = portalCpu(deployment);
  const { attempts, clientCpuMs } = await collect(clients);
  const wall = Date.now() - at;
  const cpuAfter = portalCpu(deployment);
  return { attempts, clientCpuMs, wall, cpuBefore, cpuAfter };
}

/** Warms every client's connections at once, then fires them together; returns the start time. */
async function fireTogether(clients: readonly Client[]): Promise<number> {
  await Promise.all(clients.map((c) => c.loaded));
  for (const c of clients) c.child.send({ type: 'warm' } satisfies ToClient);
  await Promise.all(clients.map((c) => c.ready));
  const at = Date.now() + 250;
  for (const c of clients) c.child.send({ type: 'go', at } satisfies ToClient);
  return at;
}

async function burst(serverDb: boolean): Promise<void> {
  console.log(`Booking burst: ${CLIENTS * PER_CLIENT} practitioners in ${CLIENTS} client processes book one session of ${SEATS} seats at the same moment`);
  console.log(`Machine: ${availableParallelism()} cores available (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; server and clients share it`);
  const deployment = await deploy(serverDb);
  const { db, urls } = deployment;
  console.log(`Portal: ${deployment.label}${urls.length > 1 ? `; client processes split evenly between them` : ''}`);
  const children: ChildProcess[] = [];
  try {
    const course = await courseId(db);
    const sessionId = await addSession(db, course, SEATS, 4, 'Bench room (burst)');
    const warmId = await addSession(db, course, 5, 4, 'Bench room (warm-up)');
    const tickets = await addPractitioners(db, CLIENTS * PER_CLIENT + urls.length, 'burst');
    for (const url of urls) await preflight(url, warmId, tickets.pop()!);

    // A server that has just started runs its code cold (interpreted, then compiled while it
    // runs); one that has been up for an hour when a course opens for booking does not. The
    // same burst on another session first brings the server to that state; its figures are
    // printed too.
    const warmUpId = await addSession(db, course, SEATS, 5, 'Bench room (warm-up burst)');
    const warmTickets = await addPractitioners(db, CLIENTS * PER_CLIENT, 'warm-up');
    const warmUp = await fireBurst(deployment, warmUpId, (i) => warmTickets.slice(i * PER_CLIENT, (i + 1) * PER_CLIENT), children);
    const warmMs = warmUp.attempts.map((a) => a.ms);
    const warmErrors = warmUp.attempts.filter((a) => a.status !== 303);
    console.log(
      `\nwarm-up: the same burst on another session, the first the server answers: p50 ${percentile(warmMs, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(warmMs, 95).toFixed(1)} ms, errors ${describeErrors(warmErrors)}` +
        (warmUp.cpuBefore !== undefined && warmUp.cpuAfter !== undefined ? `, portal CPU ${(warmUp.cpuAfter - warmUp.cpuBefore).toFixed(0)} ms` : ''),
    );

    const { attempts, clientCpuMs, wall, cpuBefore, cpuAfter } = await fireBurst(deployment, sessionId, (i) => tickets.slice(i * PER_CLIENT, (i + 1) * PER_CLIENT), children);

    const booked = attempts.filter((a) => a.status === 303 && a.outcome === 'booked');
    const waiting = attempts.filter((a) => a.status === 303 && a.outcome === 'waiting');
    const refused = attempts.filter((a) => a.status === 303 && !ACKNOWLEDGED.has(a.outcome));
    const errors = attempts.filter((a) => a.status !== 303);
    const counts = await statusCounts(db, sessionId);
    const overbooked = Math.max(0, held(counts) - SEATS);

    console.log(`\n${attempts.length} booking requests, all sent at once; last answer after ${wall} ms`);
    console.log(`bookings made: ${booked.length}`);
    console.log(`waiting-list entries: ${waiting.length}`);
    console.log(`overbooked: ${overbooked}`);
    console.log(`errors: ${describeErrors(errors)}`);
    if (refused.length) console.log(`refused: ${refused.length} (${tally(refused.map((r) => r.outcome || 'no outcome'))})`);
    const ms = attempts.map((a) => a.ms);
    console.log(`latency p50: ${percentile(ms, 50).toFixed(1)} ms`);
    console.log(`latency p95: ${percentile(ms, 95).toFixed(1)} ms`);
    printCpu(cpuBefore, cpuAfter, attempts.length, clientCpuMs);

    // Cross-check: what the clients were told against what the database holds.
    const rows = await db.client.execute({ sql: 'SELECT user_id, status FROM bookings WHERE session_id = ?', args: [sessionId] });
    const statusOf = new Map(rows.rows.map((r) => [Number(r.user_id), String(r.status)]));
    const disagreeing = [...booked, ...waiting].filter((a) => statusOf.get(a.userId) !== a.outcome).length;
    const unacknowledgedRows = rows.rows.length - booked.length - waiting.length;
    const agree = (counts.booked ?? 0) === booked.length && (counts.waiting ?? 0) === waiting.length && disagreeing === 0 && unacknowledgedRows === 0;
    console.log(
      `database cross-check: ${counts.booked ?? 0} booked, ${counts.waiting ?? 0} waiting, ${rows.rows.length} rows; ` +
        (agree ? 'matches every answer' : `MISMATCH (${disagreeing} answers differ from their row, ${unacknowledgedRows} rows no client was told of)`),
    );

    // Cancel some booked places; each freed seat should be offered to the head of the queue.
    console.log(`\nCancelling ${CANCELS} booked places with cancelPlace() from src/lib/server/training/bookings.ts on the same database (not over HTTP)`);
    const victims = await db.client.execute({ sql: `SELECT id, user_id FROM bookings WHERE session_id = ? AND status = 'booked' ORDER BY id LIMIT ?`, args: [sessionId, CANCELS] });
    const cancelled: string[] = [];
    for (const v of victims.rows) {
      const r = await cancelPlace(db, { bookingId: Number(v.id), userId: Number(v.user_id) }, { baseUrl: urls[0]! });
      cancelled.push(r.ok ? 'ok' : r.reason);
    }
    const offeredRows = (await statusCounts(db, sessionId)).offered ?? 0;
    const offeredEvents = Number(
      (
        await db.client.execute({
          sql: `SELECT count(*) AS n FROM booking_events e JOIN bookings b ON b.id = e.booking_id WHERE b.session_id = ? AND e.event = 'offered'`,
          args: [sessionId],
        })
      ).rows[0]!.n,
    );
    const after = await statusCounts(db, sessionId);
    console.log(`cancelled: ${cancelled.filter((c) => c === 'ok').length}${cancelled.some((c) => c !== 'ok') ? ` (refused: ${tally(cancelled.filter((c) => c !== 'ok'))})` : ''}`);
    console.log(`promotions: ${offeredEvents}`);
    console.log(`  places now 'offered': ${offeredRows}; 'offered' events recorded: ${offeredEvents}; seats held: ${held(after)} of ${SEATS}; still waiting: ${after.waiting ?? 0}`);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    deployment.stop();
  }
}

// ---------------------------------------------------------------------------------------
// Mode 2: durability of acknowledged bookings across SIGKILLs.

const KILLS = 20;
const KILL_SESSIONS = 20;
const KILL_CAPACITY = 25;
const KILL_USERS = 800;
const KILL_CONCURRENCY = 16;

async function durability(): Promise<void> {
  console.log(`Durability: a continuous booking load (${KILL_CONCURRENCY} requests in flight, ${KILL_USERS} practitioners, ${KILL_SESSIONS} sessions of ${KILL_CAPACITY} seats)`);
  console.log(`while the server is SIGKILLed ${KILLS} times at random moments and restarted on the same database file.`);
  console.log('Every booking a client was told of (a 303 with outcome booked or waiting) must be in the database afterwards.');
  console.log(`Machine: ${availableParallelism()} cores available (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}; server and client share it`);
  const server = await restartablePortal();
  try {
    const db = await createDb(server.databaseUrl);
    let sessionIds: number[];
    let tickets: Ticket[];
    try {
      const course = await courseId(db);
      sessionIds = [];
      for (let i = 0; i < KILL_SESSIONS; i++) sessionIds.push(await addSession(db, course, KILL_CAPACITY, 3 + i, `Bench room ${i + 1} (durability)`));
      const warmId = await addSession(db, course, 5, 3, 'Bench room (warm-up)');
      tickets = await addPractitioners(db, KILL_USERS + 1, 'kill');
      await preflight(server.url, warmId, tickets.pop()!);
    } finally {
      // The bench holds no connection to the file while the server is being killed.
      db.close();
    }

    // Every (person, session) pair once, in random order; a pair whose answer was lost is
    // tried again next.
    const queue: { sessionId: number; ticket: Ticket }[] = [];
    for (const sessionId of sessionIds) for (const ticket of tickets) queue.push({ sessionId, ticket });
    for (let i = queue.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [queue[i], queue[j]] = [queue[j]!, queue[i]!];
    }
    const acknowledged = new Map<string, { userId: number; sessionId: number; outcome: string }>();
    let answered = 0;
    let lostAnswers = 0;
    let otherStatus = 0;
    let retriedAlreadyThere = 0;
    const refusedReasons: string[] = [];
    const tried = new Set<string>();
    let running = true;

    async function worker(): Promise<void> {
      while (running) {
        const job = queue.shift();
        if (!job) return;
        const key = `${job.sessionId}:${job.ticket.userId}`;
        const retry = tried.has(key);
        tried.add(key);
        const a = await book(server.url, job.sessionId, job.ticket, 10_000);
        if (a.status === 303) {
          answered++;
          if (ACKNOWLEDGED.has(a.outcome)) acknowledged.set(key, { userId: a.userId, sessionId: a.sessionId, outcome: a.outcome });
          else if (retry && a.outcome.startsWith('already-')) retriedAlreadyThere++;
          else refusedReasons.push(a.outcome || 'no outcome');
        } else {
          if (a.status === 0) lostAnswers++;
          else otherStatus++;
          // Tried again as soon as the server answers, as a person would press again.
          queue.unshift(job);
          await sleep(100);
        }
      }
    }

    const started = Date.now();
    const workers = Array.from({ length: KILL_CONCURRENCY }, () => worker());
    let kills = 0;
    let downMs = 0;
    const integrity: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      await sleep(200 + Math.random() * 1300);
      if (queue.length === 0) console.log('  (the booking queue ran dry: load stopped before this kill)');
      await server.kill();
      kills++;
      const down = Date.now();
      // While the server is down: is the file it left behind sound?
      const probe = await createDb(server.databaseUrl);
      try {
        const result = await probe.client.execute('PRAGMA integrity_check');
        integrity.push(String(result.rows[0]?.[0] ?? 'no answer'));
      } finally {
        probe.close();
      }
      await server.start();
      downMs += Date.now() - down;
    }
    // Some load after the last restart too, then stop.
    await sleep(1000);
    running = false;
    await Promise.all(workers);
    const seconds = (Date.now() - started) / 1000;

    // Read back from the file the server has recovered.
    const check = await createDb(server.databaseUrl);
    try {
      const rows = await check.client.execute(
        `SELECT session_id, user_id, status FROM bookings WHERE session_id IN (${sessionIds.join(',')})`,
      );
      const statusOf = new Map(rows.rows.map((r) => [`${Number(r.session_id)}:${Number(r.user_id)}`, String(r.status)]));
      let found = 0;
      let changed = 0;
      for (const [key, ack] of acknowledged) {
        const status = statusOf.get(key);
        if (status === undefined || !ACTIVE_STATUSES.includes(status as BookingStatus)) continue;
        found++;
        if (status !== ack.outcome) changed++;
      }
      let overbooked = 0;
      for (const id of sessionIds) overbooked += Math.max(0, held(await statusCounts(check, id)) - KILL_CAPACITY);
      const rowsBooked = rows.rows.filter((r) => r.status === 'booked').length;
      const rowsWaiting = rows.rows.filter((r) => r.status === 'waiting').length;

      console.log(`\n${seconds.toFixed(1)} s under load; server down ${(downMs / 1000).toFixed(1)} s in all (${(downMs / kills).toFixed(0)} ms per restart on average)`);
      console.log(`server kills: ${kills}`);
      const sound = integrity.filter((r) => r === 'ok').length;
      console.log(`integrity_check after each kill: ${sound} of ${integrity.length} ok${sound < integrity.length ? ` (${tally(integrity.filter((r) => r !== 'ok'))})` : ''}`);
      console.log(`acknowledged bookings: ${acknowledged.size}`);
      console.log(`acknowledged bookings found after restarts: ${found}`);
      console.log(`lost: ${acknowledged.size - found}`);
      console.log(`overbooked: ${overbooked}`);
      console.log(
        `  requests answered: ${answered}; requests with no answer (server down, or killed mid-request), retried: ${lostAnswers}; other HTTP statuses (retried): ${otherStatus}; ` +
          `retries that found the place already made (committed, answer lost): ${retriedAlreadyThere}`,
      );
      if (refusedReasons.length) console.log(`  refused: ${tally(refusedReasons)}`);
      if (changed) console.log(`  acknowledged places whose status differs from the answer: ${changed}`);
      console.log(`  database: ${rowsBooked} booked and ${rowsWaiting} waiting on the ${KILL_SESSIONS} sessions; ${queue.length} (person, session) pairs never tried`);
    } finally {
      check.close();
    }
  } finally {
    server.stop();
  }
}

// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// Mode 1b: the same burst while booked practitioners' colleagues take up their places.

const TRANSFERS = 20;

async function transfersRun(serverDb: boolean): Promise<void> {
  console.log(`\nBooking burst with transfers: ${SEATS} practitioners hold every seat and have each offered their place to a colleague;`);
  console.log(`${CLIENTS * PER_CLIENT} practitioners book and the ${TRANSFERS} colleagues accept, all at the same moment, from ${CLIENTS} client processes`);
  const deployment = await deploy(serverDb);
  const { db, urls } = deployment;
  console.log(`Portal: ${deployment.label}${urls.length > 1 ? `; client processes split evenly between them` : ''}`);
  const children: ChildProcess[] = [];
  try {
    const course = await courseId(db);
    const sessionId = await addSession(db, course, SEATS, 4, 'Bench room (transfers)');
    const holders = await addPractitioners(db, TRANSFERS, 'holder');
    const colleagues = await addPractitioners(db, TRANSFERS, 'colleague');
    const settings = { baseUrl: urls[0]! };
    const pairs: { holder: number; colleague: number }[] = [];
    for (let i = 0; i < TRANSFERS; i++) {
      const booked = await bookPlace(db, { sessionId, userId: holders[i]!.userId }, settings);
      if (!booked.ok) throw new Error(`a holder could not book: ${booked.reason}`);
      const email = `bench-colleague-${i + 1}@kent.gov.uk`;
      const offered = await offerPlaceToColleague(db, { bookingId: booked.bookingId, userId: holders[i]!.userId, colleagueEmail: email }, settings);
      if (!offered.ok) throw new Error(`a place could not be offered: ${offered.reason}`);
      const mail = await db.client.execute({ sql: 'SELECT body FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1', args: [email] });
      colleagues[i]!.transfer = decodeURIComponent(/\/account\/transfers\?token=(\S+)/.exec(String(mail.rows[0]!.body))![1]!);
      pairs.push({ holder: holders[i]!.userId, colleague: colleagues[i]!.userId });
    }
    const bookers = await addPractitioners(db, CLIENTS * PER_CLIENT, 'transfer-burst');
    const per = TRANSFERS / CLIENTS;
    const { attempts, clientCpuMs, wall, cpuBefore, cpuAfter } = await fireBurst(
      deployment,
      sessionId,
      (i) => [...bookers.slice(i * PER_CLIENT, (i + 1) * PER_CLIENT), ...colleagues.slice(i * per, (i + 1) * per)].sort(() => Math.random() - 0.5),
      children,
    );

    const colleagueIds = new Set(colleagues.map((c) => c.userId));
    const accepted = attempts.filter((a) => colleagueIds.has(a.userId) && a.status === 303 && a.outcome === 'transfer-accepted');
    const booked = attempts.filter((a) => !colleagueIds.has(a.userId) && a.status === 303 && a.outcome === 'booked');
    const waiting = attempts.filter((a) => !colleagueIds.has(a.userId) && a.status === 303 && a.outcome === 'waiting');
    const errors = attempts.filter((a) => a.status !== 303);
    const counts = await statusCounts(db, sessionId);
    const rows = await db.client.execute({ sql: `SELECT user_id, status FROM bookings WHERE session_id = ?`, args: [sessionId] });
    const statusOf = new Map(rows.rows.map((r) => [Number(r.user_id), String(r.status)]));
    const seated = (id: number) => SEAT_HOLDING.includes(statusOf.get(id) as BookingStatus);
    const bothHold = pairs.filter((p) => seated(p.holder) && seated(p.colleague)).length;
    const neither = pairs.filter((p) => !seated(p.holder) && !seated(p.colleague)).length;

    console.log(`\n${attempts.length} requests (${CLIENTS * PER_CLIENT} bookings, ${TRANSFERS} transfers), all sent at once; last answer after ${wall} ms`);
    console.log(`transfers accepted: ${accepted.length} of ${TRANSFERS}`);
    console.log(`bookings made: ${booked.length}`);
    console.log(`waiting-list entries: ${waiting.length}`);
    console.log(`overbooked: ${Math.max(0, held(counts) - SEATS)}`);
    console.log(`errors: ${describeErrors(errors)}`);
    console.log(`seats held by both a holder and their colleague: ${bothHold}; by neither: ${neither}`);
    const ms = attempts.map((a) => a.ms);
    console.log(`latency p50: ${percentile(ms, 50).toFixed(1)} ms`);
    console.log(`latency p95: ${percentile(ms, 95).toFixed(1)} ms`);
    printCpu(cpuBefore, cpuAfter, attempts.length, clientCpuMs);
    console.log(`database: ${held(counts)} seats held of ${SEATS}, ${counts.waiting ?? 0} waiting`);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    deployment.stop();
  }
}

// ---------------------------------------------------------------------------------------

// Mode 1c: the burst and transfers on a session with seats set aside for two organisations.

const RESERVED = [
  { organisation: 'Kent Police', seats: 4, bookers: 50, holders: 2 },
  { organisation: 'Kent schools', seats: 4, bookers: 50, holders: 2 },
];
const OPEN_BOOKERS = CLIENTS * PER_CLIENT - RESERVED.reduce((a, r) => a + r.bookers, 0);
const OPEN_HOLDERS = 6;

async function reservedRun(): Promise<void> {
  const aside = RESERVED.map((r) => `${r.seats} for ${r.organisation}`).join(' and ');
  console.log(`\nBooking burst with seats set aside: one session of ${SEATS} seats, ${aside} until a release date next week;`);
  console.log(
    `${CLIENTS * PER_CLIENT} practitioners book (${RESERVED.map((r) => `${r.bookers} from ${r.organisation}`).join(', ')}, ${OPEN_BOOKERS} from Kent County Council) ` +
      `while ${RESERVED.reduce((a, r) => a + r.holders, 0) + OPEN_HOLDERS} colleagues take up places passed to them, all at the same moment, from ${CLIENTS} client processes`,
  );
  const server = await startPortal();
  const db = await createDb(`file:${join(server.dbDir, 'portal.db')}`);
  const children: ChildProcess[] = [];
  try {
    const course = await courseId(db);
    const sessionId = await addSession(db, course, SEATS, 10, 'Bench room (reserved)');
    const now = nowSeconds();
    await db.write(async (tx) => {
      for (const r of RESERVED)
        await tx.run(sql`INSERT INTO seat_reservations (session_id, organisation, organisation_key, seats, release_at, created_at)
          VALUES (${sessionId}, ${r.organisation}, ${organisationKey(r.organisation)}, ${r.seats}, ${now + 7 * 86400}, ${now})`);
    });
    const settings = { baseUrl: server.url };
    const groups = [...RESERVED.map((r) => ({ organisation: r.organisation, holders: r.holders, bookers: r.bookers })), { organisation: 'Kent County Council', holders: OPEN_HOLDERS, bookers: OPEN_BOOKERS }];
    const colleagues: Ticket[] = [];
    const bookers: Ticket[] = [];
    const pairs: { holder: number; colleague: number }[] = [];
    for (const [g, group] of groups.entries()) {
      const holders = await addPractitioners(db, group.holders, `r${g}-holder`, group.organisation);
      const mates = await addPractitioners(db, group.holders, `r${g}-colleague`, group.organisation);
      for (let i = 0; i < group.holders; i++) {
        const booked = await bookPlace(db, { sessionId, userId: holders[i]!.userId }, settings);
        if (!booked.ok || booked.status !== 'booked') throw new Error(`a holder could not book: ${booked.ok ? booked.status : booked.reason}`);
        const email = `bench-r${g}-colleague-${i + 1}@kent.gov.uk`;
        const offered = await offerPlaceToColleague(db, { bookingId: booked.bookingId, userId: holders[i]!.userId, colleagueEmail: email }, settings);
        if (!offered.ok) throw new Error(`a place could not be offered: ${offered.reason}`);
        const mail = await db.client.execute({ sql: 'SELECT body FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1', args: [email] });
        mates[i]!.transfer = decodeURIComponent(/\/account\/transfers\?token=(\S+)/.exec(String(mail.rows[0]!.body))![1]!);
        pairs.push({ holder: holders[i]!.userId, colleague: mates[i]!.userId });
      }
      colleagues.push(...mates);
      bookers.push(...(await addPractitioners(db, group.bookers, `r${g}-burst`, group.organisation)));
    }
    // Every client process gets a share of each organisation and of the transfers.
    const mixed = [...bookers, ...colleagues].sort(() => Math.random() - 0.5);
    const per = Math.ceil(mixed.length / CLIENTS);
    const target = { urls: [server.url], pids: [server.child.pid] };
    const { attempts, wall } = await fireBurst(target, sessionId, (i) => mixed.slice(i * per, (i + 1) * per), children);

    const colleagueIds = new Set(colleagues.map((c) => c.userId));
    const accepted = attempts.filter((a) => colleagueIds.has(a.userId) && a.status === 303 && a.outcome === 'transfer-accepted');
    const booked = attempts.filter((a) => !colleagueIds.has(a.userId) && a.status === 303 && a.outcome === 'booked');
    const waiting = attempts.filter((a) => !colleagueIds.has(a.userId) && a.status === 303 && a.outcome === 'waiting');
    const errors = attempts.filter((a) => a.status !== 303);

    // From the database: seats held per organisation (the organisation on each account), and
    // how many seats were held by people a reservation did not cover beyond the open seats.
    const perOrg = await db.client.execute({
      sql: `SELECT u.organisation AS organisation, count(*) AS n FROM bookings b JOIN users u ON u.id = b.user_id
            WHERE b.session_id = ? AND b.status IN (${SEAT_HOLDING.map(() => '?').join(', ')}) GROUP BY u.organisation`,
      args: [sessionId, ...SEAT_HOLDING],
    });
    const heldBy = new Map(perOrg.rows.map((r) => [String(r.organisation), Number(r.n)]));
    const totalHeld = [...heldBy.values()].reduce((a, b) => a + b, 0);
    const covered = RESERVED.reduce((a, r) => a + Math.min(r.seats, heldBy.get(r.organisation) ?? 0), 0);
    const openSeats = SEATS - RESERVED.reduce((a, r) => a + r.seats, 0);
    const reservedToOthers = Math.max(0, totalHeld - covered - openSeats);
    const rows = await db.client.execute({ sql: `SELECT user_id, status FROM bookings WHERE session_id = ?`, args: [sessionId] });
    const statusOf = new Map(rows.rows.map((r) => [Number(r.user_id), String(r.status)]));
    const seated = (id: number) => SEAT_HOLDING.includes(statusOf.get(id) as BookingStatus);
    const bothHold = pairs.filter((p) => seated(p.holder) && seated(p.colleague)).length;
    const counts = await statusCounts(db, sessionId);

    console.log(`\n${attempts.length} requests (${bookers.length} bookings, ${colleagues.length} transfers), all sent at once; last answer after ${wall} ms`);
    console.log(`transfers accepted: ${accepted.length} of ${colleagues.length}`);
    console.log(`bookings made: ${booked.length}`);
    console.log(`waiting-list entries: ${waiting.length}`);
    console.log(`overbooked: ${Math.max(0, held(counts) - SEATS)}`);
    console.log(`errors: ${errors.length}${errors.length ? ` (${tally(errors.map((e) => (e.status ? `HTTP ${e.status}` : (e.error ?? 'network'))))})` : ''}`);
    console.log(`seats held by organisation (from the database): ${[...heldBy].map(([o, n]) => `${o} ${n}`).join(', ')}; ${totalHeld} of ${SEATS}`);
    console.log(`reserved seats held by non-members before the release: ${reservedToOthers} (seats held outside a reservation: ${totalHeld - covered}, open seats: ${openSeats})`);
    console.log(`reserved counts exceeded: ${reservedToOthers > 0 ? 'YES' : 'no'}`);
    console.log(`seats held by both a holder and their colleague: ${bothHold}`);
    const ms = attempts.map((a) => a.ms);
    console.log(`latency p50: ${percentile(ms, 50).toFixed(1)} ms`);
    console.log(`latency p95: ${percentile(ms, 95).toFixed(1)} ms`);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    db.close();
    server.stop();
  }
}

// ---------------------------------------------------------------------------------------

const args = process.argv.slice(2);
try {
  if (args.includes('--client')) await client();
  else if (args.includes('--kill')) await durability();
  else if (args.includes('--transfers')) await transfersRun(args.includes('--server-db'));
  else if (args.includes('--reserved')) await reservedRun();
  else if (args.includes('--burst')) await burst(args.includes('--server-db'));
  else {
    await burst(args.includes('--server-db'));
    await transfersRun(args.includes('--server-db'));
    await reservedRun();
  }
} catch (error) {
  console.error(`\nThe benchmark run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
  // A client process that failed lets go of its channel to the parent, so it ends and the
  // parent hears of it rather than waiting for its results for ever.
  if (process.connected) process.disconnect?.();
}
