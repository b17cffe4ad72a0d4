/**
 * The forum under load, against the built server and a real database file, side by side
 * with a bare Astro page. Prints figures; it does not fail on a number, only when the run
 * itself breaks (exit code 1).
 *
 *   npm run build && npm run bench:forum [-- --baseline DIR] [-- --seconds N] [-- --rounds N]
 *                                        [-- --only TEXT] [-- --profile DIR]
 *
 * 1. Seeds a fresh database directly: 100,000 posts in 5,000 topics across every category,
 *    with varied, realistic text from 300 members, in batched multi-row inserts. The
 *    full-text index (forum_search) is filled in step, one row per post.
 * 2. Builds the fixture in tests/bench/bare (one on-demand page rendering a 30-item list,
 *    the portal's own Astro and node adapter) into a temporary folder and starts it beside
 *    the portal. The portal runs with tests/bench/server-probe.ts loaded, which counts and
 *    times its SQL statements and watches its event loop.
 * 3. Counts SQL statements per request for each page (ten requests one after another).
 * 4. Three interleaved rounds (or `--rounds N`): each page in turn under autocannon, 10 connections, for a few
 *    seconds (the topic and category pages also once more as a browser asks, compressed);
 *    prints per page the median of the rounds' req/s, p50 and p99, and the ratio of
 *    its req/s to the bare page's. The probe is off for these (and for the CPU figures), so
 *    the portal pays nothing the bare page does not. `--baseline DIR` also runs another built checkout of the
 *    portal (say, the previous commit, built, with node_modules linked) on the same database,
 *    interleaved in the same rounds, so before and after are compared under the same load.
 * 5. One more run of each page with the probe watching: the event loop's worst delay and
 *    the longest single SQL statement on the server's thread (the search's own statements
 *    run in worker threads).
 * 6. A 50-client flood of wrong passwords from one address while the static and topic pages
 *    are measured: their p99 against the same pages measured alone just before. The flood
 *    first runs until the address is over its limit (most answers 429).
 * 7. The HTML size of the 50-post topic.
 *
 * Before the rounds it also prints the server's CPU time per request for each page (from
 * /proc, every thread, requests one after another), and during the flood the CPU time of
 * one refused attempt: on a busy machine these compare two builds where req/s cannot.
 *
 * autocannon is the load generator: it keeps connections open like a browser and measures
 * with HDR histograms, so p99 is trustworthy, where a fetch loop in one process measures
 * its own scheduling too.
 */
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { InStatement } from '@libsql/client';
import { createDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { seedCategories } from '../../db/seed-forum.ts';
import { createSession } from '../../src/lib/server/auth/session.ts';
import { cookieNames } from '../../src/lib/server/auth/cookies.ts';
import { SIGNED_IN_HINT_VALUE } from '../../src/lib/domain/account/signed-in-hint.ts';
import { POSTS_PER_PAGE } from '../../src/lib/domain/forum/posting.ts';
import { topicSlug } from '../../src/lib/server/forum/forum.ts';
import { ftsQuery, searchForum } from '../../src/lib/server/forum/queries.ts';
import { freePort, kb, root, startPortal, waitFor } from './support.ts';
import { median } from './stats.ts';
import type { ProbeFigures } from './server-probe.ts';
import { nowSeconds } from '../../src/lib/time.ts';
import { escapeHtml } from '../../src/lib/domain/html.ts';

const TOPICS = 5_000;
const POSTS = 100_000;
const MEMBERS = 300;
const MEASURED_TOPIC_POSTS = 50;
const CONNECTIONS = 10;
const FLOOD_CLIENTS = 50;
const argument = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const SECONDS = Number(argument('seconds') ?? 5);
// `--rounds N` interleaved rounds (3 by default): more make the medians steadier on a noisy machine.
const ROUNDS = Number(argument('rounds') ?? 3);
const BASELINE = argument('baseline');
// `--profile DIR` writes the portal's CPU profile (a .cpuprofile for Chrome's DevTools) there.
const PROFILE = argument('profile');
// `--only TEXT` measures only the pages whose name contains TEXT (and the bare page), without
// the flood: with --profile, a profile of one page.
const ONLY = argument('only');
// BENCH_STATEMENTS=N lists each page's N costliest statements (2 by default), one a line;
// BENCH_SQL_CHARS=N shows N characters of each one's SQL (70 by default).
const LISTED_STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 2);
const SQL_CHARS = Number(process.env.BENCH_SQL_CHARS ?? 70);
// What a browser sends: the forum pages are then compressed as they are for every visitor.
// autocannon sends no Accept-Encoding, so the other pages go out uncompressed, like the bare page.
const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const ROWS_PER_INSERT = 250;
const POSTS_PER_TRANSACTION = 10_000;

// A small deterministic generator, so every run seeds the same forum.
let state = 0x9e3779b9;
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x1_0000_0000;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const FIRST = ['Aisha', 'Ben', 'Chloe', 'Daniel', 'Emma', 'Farah', 'George', 'Hannah', 'Imran', 'Jade', 'Kieran', 'Laura', 'Marcus', 'Nadia', 'Oliver', 'Priti', 'Rachel', 'Sam', 'Tariq', 'Una', 'Vikram', 'Wendy', 'Yusuf', 'Zoe'];
const LAST = ['Adams', 'Begum', 'Clarke', 'Davies', 'Evans', 'Fletcher', 'Green', 'Hussain', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Mensah', 'Nowak', 'Okafor', 'Patel', 'Quinn', 'Roberts', 'Singh', 'Taylor', 'Walsh', 'Young'];
const ORGS = ['Kent County Council', 'Kent Police', 'Kent Community Health NHS Foundation Trust', 'Dover District Council', 'Swale Borough Council', 'Jobcentre Plus', 'Thanet District Council', 'Kent Fire and Rescue Service'];

const OPENERS = [
  'How do you', 'Has anyone found a good way to', 'What is the best way to', 'Any tips on how to', 'Is it normal to', 'Who do we contact to',
  'Question about how to', 'Struggling to', 'Advice needed: how to', 'Looking for examples of how to',
];
const TASKS = [
  'run a team around the family meeting', 'get consent for a CAF assessment', 'record school attendance outcomes', 'claim a payment by results outcome',
  'engage a family who keep cancelling visits', 'share information with the school nurse', 'close a case when the family move district',
  'write an action plan the family understand', 'link up with the local family hub', 'measure progress on worklessness',
  'hand over to a new lead worker', 'support a parent back into work', 'log anti-social behaviour reductions', 'use the Skills Matrix in supervision',
  'find out which youth services run in Swale', 'organise a joint visit with housing', 'review an action plan after three months',
  'explain the programme to a sceptical family', 'prepare for an attendance panel', 'keep notes that meet the information sharing procedure',
];
const SENTENCES = [
  'We tried a shorter agenda last month and it made a real difference to how the family took part.',
  'Our district asks for the consent form to be signed before any information is shared, which slows things down.',
  'The school attendance officer was really helpful once we explained what the programme could offer.',
  'I would start with what the family want to change and build the plan from there.',
  'Check the guidance on information sharing first, it covers most of these situations.',
  'In Thanet we use a simple outcomes tracker that the whole team around the family can see.',
  'Payment by results claims need evidence from three consecutive terms for attendance.',
  'It helps to agree one lead worker early so the family are not overwhelmed by professionals.',
  'Our supervisor suggested mapping the family’s support network before the first meeting.',
  'The Skills Matrix domain on engaging families has some useful prompts for this.',
  'We found Jobcentre Plus work coaches were keen to join the meeting if invited early.',
  'Keep the action plan to five or six actions at most, otherwise nothing gets done.',
  'The training on motivational interviewing changed how I open these conversations.',
  'I would check with your manager whether the case meets the criteria before going further.',
  'Family hubs in Maidstone run a drop-in on Tuesdays that several of our families use.',
  'We record anti-social behaviour outcomes with the police liaison officer every quarter.',
  'Try meeting somewhere the family choose, such as the library or a community centre.',
  'There is a template on the resources page that covers most of the common headings.',
  'Make sure everyone at the meeting knows what happens to the notes afterwards.',
  'Our housing officer could only attend online, and that worked better than expected.',
  'Worth asking the health visitor too, they often know the family well.',
  'Remember the review date when you write the plan, it keeps everyone honest.',
  'We had the same problem and solved it by sending a short summary after each meeting.',
  'The eligibility checker on the portal helped us explain the criteria to a new colleague.',
];
// Sentences are also built from parts, so words recur about as often as in a real forum
// rather than in every other post.
const WHO = ['Our lead worker', 'The school nurse', 'My manager', 'The attendance officer', 'A colleague in Dartford', 'The health visitor', 'Our team leader', 'The housing officer', 'The youth worker', 'A work coach', 'The family support worker', 'The police liaison officer', 'Our data officer', 'The early help hub', 'The district coordinator'];
const DID = ['suggested', 'recommended', 'tried', 'asked us to', 'usually prefers to', 'found it easier to', 'has started to', 'agreed to', 'offered to', 'was reluctant to'];
const WHAT = ['rearrange the review', 'phone the family first', 'write a one-page summary', 'bring the outcomes tracker', 'check the eligibility criteria', 'meet at the children’s centre', 'send the minutes within two days', 'invite the grandparents', 'use plain English throughout', 'update the chronology', 'escalate to the panel', 'draft a transport plan', 'map the support network', 'set smaller weekly goals', 'record the evidence for the claim', 'try a walk-and-talk session', 'agree a single point of contact', 'book an interpreter', 'arrange a budgeting workshop', 'look at the dental appointments backlog'];
const WHEN = ['before the next meeting', 'after half term', 'within a fortnight', 'at the three-month review', 'during the home visit', 'once consent was recorded', 'when the tenancy ended', 'over the summer holidays', 'at supervision', 'before closing the case'];
function sentence(): string {
  return random() < 0.35 ? pick(SENTENCES) : `${pick(WHO)} ${pick(DID)} ${pick(WHAT)} ${pick(WHEN)}.`;
}
const LIST_ITEMS = ['agree the lead worker', 'check consent is recorded', 'set a review date', 'share the plan with the family', 'invite the school', 'book a room', 'send the agenda a week ahead'];

function topicTitle(): string {
  const place = random() < 0.3 ? ` (${pick(['Dover', 'Swale', 'Thanet', 'Ashford', 'Maidstone', 'Canterbury', 'Gravesham', 'Sevenoaks'])})` : '';
  return `${pick(OPENERS)} ${pick(TASKS)}${place}?`;
}

/** Markdown as a member would write it, and the HTML the portal would store for it. */
function postText(): { body: string; html: string } {
  const size = random();
  const paragraphs = size < 0.25 ? 1 : size < 0.7 ? between(1, 2) : size < 0.95 ? between(2, 4) : between(4, 7);
  const md: string[] = [];
  const html: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    if (p > 0 && random() < 0.12) {
      const items = Array.from({ length: between(2, 4) }, () => pick(LIST_ITEMS));
      md.push(items.map((i) => `- ${i}`).join('\n'));
      html.push(`<ul>\n${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('\n')}\n</ul>`);
      continue;
    }
    const text = Array.from({ length: between(1, 4) }, () => sentence()).join(' ');
    md.push(text);
    html.push(`<p>${escapeHtml(text)}</p>`);
  }
  return { body: md.join('\n\n'), html: html.join('\n') };
}

/** Posts per topic: the measured topic has 50; the rest are skewed like real forums, summing to POSTS. */
function postCounts(): number[] {
  const others = TOPICS - 1;
  const budget = POSTS - MEASURED_TOPIC_POSTS;
  const weights = Array.from({ length: others }, () => Math.exp(1.1 * Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random())));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.min(600, Math.round((w / total) * budget))));
  let diff = budget - counts.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = Math.floor(random() * others);
    if (diff > 0 && counts[i]! < 600) {
      counts[i]!++;
      diff--;
    } else if (diff < 0 && counts[i]! > 1) {
      counts[i]!--;
      diff++;
    }
  }
  return [MEASURED_TOPIC_POSTS, ...counts];
}

const SEARCHES = ['consent', 'attendance', 'family hub', 'payment by results', 'lead worker', 'Thanet', 'motivational interviewing', 'housing officer', 'agenda', 'Skills Matrix', 'Jobcentre', 'library community centre', 'supervisor', 'review date'];

function multiInsert(table: string, columns: string[], rows: unknown[][]): InStatement[] {
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    out.push({ sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders}`, args: chunk.flat() as never });
  }
  return out;
}

async function seed(url: string): Promise<{ token: string; measured: { id: number; slug: string }; short: { id: number; slug: string }; topics: { id: number; slug: string }[]; categories: string[]; seconds: number }> {
  const started = performance.now();
  const portal = await createDb(url);
  await migrateDb(portal);
  await portal.write((tx) => seedCategories(tx));
  const categoryRows = await portal.client.execute('SELECT id, slug FROM forum_categories ORDER BY position');
  const categories = categoryRows.rows.map((r) => ({ id: Number(r.id), slug: String(r.slug) }));

  const now = nowSeconds();
  const since = now - 2 * 365 * 86400;
  const memberRows: unknown[][] = [];
  for (let i = 1; i <= MEMBERS; i++) {
    memberRows.push([i, `bench-member-${i}@kent.gov.uk`, `${pick(FIRST)} ${pick(LAST)}`, pick(ORGS), '!', 'active', since - 86400, since - 86400, since - 86400]);
  }
  await portal.client.batch(multiInsert('users', ['id', 'email', 'name', 'organisation', 'password_hash', 'status', 'email_verified_at', 'approved_at', 'created_at'], memberRows), 'write');

  const counts = postCounts();
  const topics: { id: number; slug: string }[] = [];
  let postId = 0;
  let topicRows: unknown[][] = [];
  let postRows: unknown[][] = [];
  let searchRows: unknown[][] = [];
  const flush = async () => {
    await portal.client.batch(
      [
        ...multiInsert('forum_topics', ['id', 'category_id', 'author_id', 'title', 'slug', 'pinned', 'locked', 'post_count', 'created_at', 'last_post_at'], topicRows),
        ...multiInsert('forum_posts', ['id', 'topic_id', 'author_id', 'body', 'body_html', 'created_at', 'edited_at'], postRows),
        ...multiInsert('forum_search', ['title', 'body', 'post_id', 'topic_id'], searchRows),
      ],
      'write',
    );
    topicRows = [];
    postRows = [];
    searchRows = [];
  };
  // Topics start in date order over two years; replies follow within days or weeks.
  for (let t = 0; t < TOPICS; t++) {
    const id = t + 1;
    const title = id === 1 ? 'How do you run a team around the family meeting that the family actually want to come to?' : topicTitle();
    const slug = topicSlug(title);
    const category = id === 1 ? categories[0]! : pick(categories);
    const author = between(1, MEMBERS);
    const createdAt = since + Math.floor((t / TOPICS) * (now - since - 30 * 86400));
    let at = createdAt;
    for (let p = 0; p < counts[t]!; p++) {
      postId++;
      const { body, html } = postText();
      if (p > 0) at += between(60, 2 * 86400);
      postRows.push([postId, id, p === 0 ? author : between(1, MEMBERS), body, html, at, random() < 0.03 ? at + 600 : null]);
      searchRows.push([title, body, postId, id]);
    }
    topicRows.push([id, category.id, author, title, slug, random() < 0.005 ? 1 : 0, random() < 0.01 ? 1 : 0, counts[t]!, createdAt, at]);
    topics.push({ id, slug });
    if (postRows.length >= POSTS_PER_TRANSACTION) await flush();
  }
  await flush();
  await portal.client.execute('ANALYZE');
  await portal.client.execute("INSERT INTO forum_search (forum_search) VALUES ('optimize')");
  const check = await portal.client.execute('SELECT (SELECT count(*) FROM forum_topics) AS t, (SELECT count(*) FROM forum_posts) AS p, (SELECT count(*) FROM forum_search) AS s');
  const row = check.rows[0]!;
  if (Number(row.t) !== TOPICS || Number(row.p) !== POSTS || Number(row.s) !== POSTS) throw new Error(`seeding went wrong: ${JSON.stringify(row)}`);
  const matches: string[] = [];
  for (const q of SEARCHES) {
    const r = await portal.client.execute({ sql: 'SELECT count(*) AS n FROM forum_search WHERE forum_search MATCH ?', args: [ftsQuery(q)] });
    matches.push(`${q} ${Number(r.rows[0]!.n).toLocaleString('en-GB')}`);
  }
  console.log(`  posts matching each search: ${matches.join(', ')}`);
  // The embedded driver runs statements synchronously, so a search's own time, with nothing
  // else running, is how long it holds the event loop. Each search twice; the second is timed.
  const timings: string[] = [];
  for (const q of SEARCHES) {
    await searchForum(portal.db, q);
    const started = performance.now();
    const cpu = process.threadCpuUsage();
    await searchForum(portal.db, q);
    const used = process.threadCpuUsage(cpu);
    timings.push(`${q} ${((used.user + used.system) / 1000).toFixed(1)} ms (${(performance.now() - started).toFixed(1)} ms wall)`);
  }
  console.log(`  one search alone, CPU time of its statements and excerpts (and wall time): ${timings.join(', ')}`);
  const { token } = await createSession(portal, 1, 'forum benchmark');
  await portal.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  portal.close();
  return { token, measured: topics[0]!, short: topics[counts.indexOf(1)]!, topics, categories: categories.map((c) => c.slug), seconds: (performance.now() - started) / 1000 };
}

const CPU_REQUESTS = 200;
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (user and system, every thread) a process has used, in ms, from /proc. */
function processCpuMs(pid: number): number {
  // Fields after the command name: state is the 3rd field overall, utime the 14th, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The server's CPU time per request for `send`, one request after another. */
async function cpuPerRequest(child: ChildProcess, send: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < CPU_REQUESTS / 4; i++) await send();
  const before = processCpuMs(child.pid!);
  for (let i = 0; i < CPU_REQUESTS; i++) await send();
  return (processCpuMs(child.pid!) - before) / CPU_REQUESTS;
}

const figure = (n: number) => Math.round(n).toLocaleString('en-GB');
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

interface Target {
  name: string;
  base: string;
  paths: () => string;
  cookie?: string;
  /** Asked for as a browser asks, with its Accept-Encoding: the answer must come compressed. */
  compressed?: boolean;
  probe?: ChildProcess;
  /** Only its SQL statements are counted, to show they do not grow with the page's length. */
  countOnly?: boolean;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** The headers every request to `target` carries: its cookie, and a browser's Accept-Encoding when it is asked for compressed. */
function requestHeaders(target: Target): Record<string, string> {
  return { ...(target.compressed ? BROWSER : {}), ...(target.cookie ? { cookie: target.cookie } : {}) };
}

/** One autocannon run of `target` for `seconds`, cycling through its paths. */
async function hammer(target: Target, seconds = SECONDS, connections = CONNECTIONS): Promise<Measured> {
  const result = await autocannon({
    url: target.base,
    connections,
    duration: seconds,
    headers: requestHeaders(target),
    requests: [{ setupRequest: (request) => ({ ...request, path: target.paths() }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

/**
 * Asks the probe in a portal process to start watching afresh ('reset'), for its figures
 * ('read'), or to stop watching ('off', so that it costs the server nothing).
 */
async function probe(child: ChildProcess, what: 'reset' | 'read' | 'off'): Promise<ProbeFigures> {
  const reply = new Promise<ProbeFigures>((resolve) => {
    const listen = (message: { probe?: string; figures?: ProbeFigures }) => {
      if (message.probe !== what) return;
      child.off('message', listen);
      resolve(message.figures!);
    };
    child.on('message', listen);
  });
  child.send(`probe:${what}`);
  return reply;
}

/** Builds the bare fixture and starts it. */
async function startBare(): Promise<{ url: string; stop: () => void }> {
  // Inside the fixture (git ignores dist/), so the server finds the portal's node_modules.
  const outDir = join(root, 'tests/bench/bare/dist');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', join(root, 'tests/bench/bare')], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the bare page did not build:\n${build.stdout}\n${build.stderr}`);
  const port = await freePort();
  const child = spawn(process.execPath, [join(outDir, 'server/entry.mjs')], {
    cwd: outDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`);
  return {
    url,
    stop: () => {
      child.kill('SIGKILL');
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-forum-'));
  const url = `file:${join(dir, 'portal.db')}`;
  const stops: (() => void)[] = [];
  try {
    console.log(`Load average at the start: ${load()}`);
    console.log(`Seeding ${POSTS.toLocaleString('en-GB')} posts in ${TOPICS.toLocaleString('en-GB')} topics…`);
    const seeded = await seed(url);
    console.log(`  seeded in ${seeded.seconds.toFixed(1)} s`);
    const bare = await startBare();
    stops.push(bare.stop);
    const env = { DATABASE_URL: url, TRAINING_INTERVAL_MS: '3600000' };
    const probeArgs = ['--import', join(root, 'tests/bench/server-probe.ts')];
    const profileArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
    const portal = await startPortal(env, { nodeArgs: [...probeArgs, ...profileArgs], ipc: true });
    // The profile is written when the process exits on its own, so it is stopped gently first.
    stops.push(PROFILE ? () => { portal.child.once('exit', portal.stop); portal.child.kill('SIGTERM'); } : portal.stop);
    const baseline = BASELINE ? await startPortal(env, { cwd: BASELINE, nodeArgs: probeArgs, ipc: true }) : undefined;
    if (baseline) stops.push(baseline.stop);
    // Both cookies a browser holds after signing in: without the signed-in hint every answer
    // would set it again.
    const names = cookieNames(false);
    const cookie = `${names.session}=${seeded.token}; ${names.signedIn}=${SIGNED_IN_HINT_VALUE}`;

    const topicPath = (t: { id: number; slug: string }, page = 1) => `/forum/t/${t.id}/${t.slug}${page > 1 ? `?page=${page}` : ''}`;
    let searchIndex = 0;
    const pagesOf = (label: string, base: string, child: ChildProcess): Target[] => [
      { name: `${label}static guidance page`, base, paths: () => '/guidance/engaging-families/' },
      { name: `${label}topic page`, base, cookie, probe: child, paths: () => topicPath(seeded.measured) },
      { name: `${label}category page`, base, cookie, probe: child, paths: () => `/forum/${seeded.categories[0]}/` },
      // As a browser asks for them: the server packs each page (Brotli), as it does for every visitor.
      { name: `${label}topic page, compressed`, base, cookie, compressed: true, paths: () => topicPath(seeded.measured) },
      { name: `${label}category page, compressed`, base, cookie, compressed: true, paths: () => `/forum/${seeded.categories[0]}/` },
      ...(label ? [] : [{ name: 'topic page, 1 post (statements only)', base, cookie, probe: child, countOnly: true, paths: () => topicPath(seeded.short) }]),
      ...(label ? [] : [{ name: 'category page 2 (statements only)', base, cookie, probe: child, countOnly: true, paths: () => `/forum/${seeded.categories[0]}/?page=2` }]),
      { name: `${label}forum search`, base, cookie, probe: child, paths: () => `/forum/search?${new URLSearchParams({ q: SEARCHES[searchIndex++ % SEARCHES.length]! })}` },
      { name: `${label}/account`, base, cookie, probe: child, paths: () => '/account' },
    ];
    const everything: Target[] = [
      { name: 'bare Astro page', base: bare.url, paths: () => '/' },
      ...pagesOf('', portal.url, portal.child),
      ...(baseline ? pagesOf('baseline ', baseline.url, baseline.child) : []),
    ];
    const targets = everything.filter((t) => !t.countOnly && (!ONLY || t.name === 'bare Astro page' || t.name.includes(ONLY)));
    // One request of each first, so a broken page fails before the figures.
    for (const target of everything) {
      const r = await fetch(target.base + target.paths(), { headers: requestHeaders(target), redirect: 'manual' });
      if (r.status !== 200) throw new Error(`${target.name} answered ${r.status}; is the session cookie accepted and the site built?`);
      if (target.compressed && !r.headers.get('content-encoding')) throw new Error(`${target.name} was not compressed`);
      await r.text();
    }

    console.log('\nSQL statements per request (ten requests one after another, signed in):');
    for (const target of everything.filter((t) => t.probe && (!ONLY || t.name.includes(ONLY)))) {
      await probe(target.probe!, 'reset');
      for (let i = 0; i < 10; i++) await (await fetch(target.base + target.paths(), { headers: { cookie: target.cookie! } })).text();
      const { statements, byStatement } = await probe(target.probe!, 'read');
      // The search's own statements run in the search worker threads, off the server's event loop.
      const note = target.name === 'forum search' ? ' on the server thread (the search itself runs in a worker thread)' : '';
      const costliest = byStatement.slice(0, LISTED_STATEMENTS).map((s) => `${(s.ms / s.count).toFixed(2)} ms ${s.sql.slice(0, SQL_CHARS)}…`);
      console.log(`  ${target.name}: ${(statements / 10).toFixed(1)}${note}; costliest: ${costliest.join(process.env.BENCH_STATEMENTS ? '\n    ' : '; ')}`);
    }

    // From here on the probe is off: CPU per request and throughput are measured without it.
    for (const child of new Set(everything.flatMap((t) => (t.probe ? [t.probe] : [])))) await probe(child, 'off');
    // CPU time is what a request costs the machine whatever else is running, so unlike req/s
    // it compares two builds fairly on a busy machine.
    console.log(`\nServer CPU per request (every thread of the server process, ${CPU_REQUESTS} requests one after another, after ${CPU_REQUESTS / 4} to warm up):`);
    for (const target of everything.filter((t) => t.probe && (!ONLY || t.name.includes(ONLY)))) {
      const get = async () => (await fetch(target.base + target.paths(), { headers: { cookie: target.cookie! } })).text();
      console.log(`  ${target.name}: ${(await cpuPerRequest(target.probe!, get)).toFixed(2)} ms`);
    }

    // Warm up every target, then the interleaved rounds.
    for (const target of targets) await hammer(target, 1);
    const runs = new Map<string, Measured[]>(targets.map((t) => [t.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      console.log(`\nRound ${round} of ${ROUNDS} (load average ${load()})`);
      for (const target of targets) {
        const m = await hammer(target);
        runs.get(target.name)!.push(m);
        console.log(`  ${target.name}: ${figure(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms${m.non2xx || m.errors ? `, ${m.non2xx} not 2xx, ${m.errors} errors` : ''}`);
      }
    }
    // Then one more run of each page with the probe watching: the portal's event loop under
    // that load, its worst delay and the most CPU one SQL statement used. The probe's timer
    // and clocks cost the server a little, so these runs' req/s are not counted.
    const searchStalls: [string, ProbeFigures][] = [];
    const loops = new Map<string, ProbeFigures[]>();
    for (const target of targets.filter((t) => t.probe)) {
      await probe(target.probe!, 'reset');
      await hammer(target);
      const figures = await probe(target.probe!, 'read');
      await probe(target.probe!, 'off');
      loops.set(target.name, [figures]);
      if (target.name.endsWith('forum search')) searchStalls.push([target.name, figures]);
    }

    const bareRps = median(runs.get('bare Astro page')!.map((m) => m.rps));
    console.log(`\nMedian of ${ROUNDS} rounds, ${CONNECTIONS} connections, ${SECONDS} s each:`);
    for (const target of targets) {
      const ms = runs.get(target.name)!;
      const rps = median(ms.map((m) => m.rps));
      console.log(`  ${target.name}: ${figure(rps)} req/s, p50 ${median(ms.map((m) => m.p50))} ms, p99 ${median(ms.map((m) => m.p99))} ms, ratio ${(rps / bareRps).toFixed(2)} to a bare Astro page`);
    }
    console.log('\nWhile searching (one run with the probe watching): the SQL statement that used most CPU (the embedded driver runs it on the event loop, so this is how long it blocks), the longest by wall time (includes waiting for a core), and the event loop delay:');
    for (const [name, s] of searchStalls) console.log(`  ${name}: most CPU ${s.longestCpuMs.toFixed(1)} ms (${s.longestCpuSql.slice(0, 60)}…), longest wall ${s.longestMs.toFixed(1)} ms, event loop p99 ${s.loopP99Ms.toFixed(1)} ms, max ${s.loopMaxMs.toFixed(1)} ms`);

    // monitorEventLoopDelay sees every delay, including time the process waits for a core on
    // a busy machine. The CPU used between two turns of the loop, and by the costliest
    // statement, is the part the portal itself causes, but the kernel's per-thread CPU clock
    // can move in steps of about 4 ms, so below that they are coarse. How long each request
    // held the thread is timed with the wall clock, and the collection pauses inside it are
    // shown apart: they are V8's, not the request's own work.
    console.log('\nEvent loop under load (target: no request blocks it for more than 5 ms), one run of each page with the probe watching:');
    let worstLoop = 0;
    let worstTurn = 0;
    let worstCpu = 0;
    let worstHold = 0;
    // Pages whose requests mostly overlap (search waits on its worker) give only an upper
    // bound, so they are left out of the summary and named instead.
    const overlapping: string[] = [];
    let worstPause = 0;
    for (const [name, figures] of loops) {
      const loopMax = Math.max(...figures.map((f) => f.loopMaxMs));
      const turnMax = Math.max(...figures.map((f) => f.busiestTurnCpuMs));
      const cpuMax = Math.max(...figures.map((f) => f.longestCpuMs));
      worstLoop = Math.max(worstLoop, loopMax);
      worstTurn = Math.max(worstTurn, turnMax);
      worstCpu = Math.max(worstCpu, cpuMax);
      console.log(`  ${name}: delay max ${loopMax.toFixed(1)} ms (p99 ${median(figures.map((f) => f.loopP99Ms)).toFixed(1)} ms); most CPU between two turns ${turnMax.toFixed(1)} ms; costliest statement ${cpuMax.toFixed(1)} ms CPU (${figures[0]!.longestCpuSql.slice(0, 50)}…), longest ${figures[0]!.longestMs.toFixed(1)} ms wall (${figures[0]!.longestSql.slice(0, 50)}…)`);
      const r = figures[0]!.requests;
      if (r.overlapped > r.count / 10) overlapping.push(name);
      else worstHold = Math.max(worstHold, r.maxWithoutGcMs);
      worstPause = Math.max(worstPause, r.longestGcMs);
      console.log(
        `    one request on the server thread: at most ${r.maxWithoutGcMs.toFixed(1)} ms (p99 ${r.p99WithoutGcMs.toFixed(1)} ms) without the garbage collection pauses inside it, ` +
          `${r.maxMs.toFixed(1)} ms (p99 ${r.p99Ms.toFixed(1)} ms) with them; over 5 ms: ${r.over5WithoutGcMs} (${r.over5Preempted} of them taken off their core by the kernel) and ${r.over5Ms} of ${figure(r.count)}; ` +
          `${r.overlapped ? `${figure(r.overlapped)} overlapped by another (an upper bound)` : 'none overlapped by another'}; ` +
          `${figure(r.gcPauses)} collection pauses, the longest ${r.longestGcMs.toFixed(1)} ms`,
      );
    }
    console.log(`  all pages: delay max ${worstLoop.toFixed(1)} ms; most CPU between two turns ${worstTurn.toFixed(1)} ms; costliest statement ${worstCpu.toFixed(1)} ms CPU`);
    console.log(
      `  all pages: the longest one request held the server thread, without garbage collection pauses, ${overlapping.length < loops.size ? `${worstHold.toFixed(1)} ms` : 'not measured'}` +
        `${overlapping.length ? ` (not counting ${overlapping.join(', ')}: its requests overlap, so its figure is an upper bound)` : ''}; the longest collection pause ${worstPause.toFixed(1)} ms`,
    );

    // The flood: wrong passwords from one address. The first attempts are real password
    // checks; once the address is over the limit every answer should be a 429.
    const flooded = ONLY ? [] : [portal, ...(baseline ? [baseline] : [])];
    for (const server of flooded) {
      const label = server === portal ? '' : 'baseline ';
      const flood = (seconds: number) =>
        autocannon({
          url: `${server.url}/login`,
          connections: FLOOD_CLIENTS,
          duration: seconds,
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
          body: new URLSearchParams({ email: 'bench-member-2@kent.gov.uk', password: 'not-the-password-at-all' }).toString(),
        });
      // The first wrong passwords are real checks (argon2, a write each) until the address
      // reaches its limit; on a busy machine that takes longer than one short run. The
      // figures are for the flood that follows, when every attempt is refused.
      let attempts = 0;
      let refused = 0;
      for (let run = 0; run < 10; run++) {
        const primed = await flood(3);
        attempts += primed.requests.total;
        refused += primed.non2xx;
        if (primed.non2xx >= primed.requests.total * 0.9) break;
      }
      console.log(`\n${label}wrong-password flood, ${FLOOD_CLIENTS} clients (priming: ${figure(attempts)} attempts, ${figure(refused)} not 2xx)`);
      const refusedPost = async () => {
        const r = await fetch(`${server.url}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
          body: new URLSearchParams({ email: 'bench-member-2@kent.gov.uk', password: 'not-the-password-at-all' }),
        });
        await r.text();
        if (r.status !== 429) throw new Error(`a sign-in from a refused address answered ${r.status}`);
      };
      console.log(`  server CPU per refused attempt: ${(await cpuPerRequest(server.child, refusedPost)).toFixed(2)} ms`);
      for (const name of [`${label}static guidance page`, `${label}topic page`]) {
        const target = targets.find((t) => t.name === name)!;
        const [during, floodRun] = await Promise.all([hammer(target), flood(SECONDS)]);
        const alone = runs.get(name)!;
        const statuses = Object.entries(floodRun.statusCodeStats ?? {}).map(([code, v]) => `${code}: ${figure((v as { count: number }).count)}`).join(', ');
        console.log(`  ${name}: p99 ${during.p99} ms during the flood (${median(alone.map((m) => m.p99))} ms alone), ${figure(during.rps)} req/s; flood answers ${statuses}`);
      }
    }

    console.log(`\nHTML size of the ${MEASURED_TOPIC_POSTS}-post topic (POSTS_PER_PAGE is ${POSTS_PER_PAGE}, so it has ${Math.ceil(MEASURED_TOPIC_POSTS / POSTS_PER_PAGE)} pages):`);
    let all = 0;
    let allGzip = 0;
    for (let page = 1; page <= Math.ceil(MEASURED_TOPIC_POSTS / POSTS_PER_PAGE); page++) {
      const r = await fetch(portal.url + topicPath(seeded.measured, page), { headers: { cookie, 'accept-encoding': 'identity' } });
      const html = Buffer.from(await r.arrayBuffer());
      const gz = gzipSync(html, { level: 6 }).length;
      all += html.length;
      allGzip += gz;
      const posts = (html.toString('utf8').match(/class="forum-post"/g) ?? []).length;
      console.log(`  page ${page}${page === 1 ? ' (the figure)' : '             '}: ${kb(html.length).padStart(9)} HTML, ${kb(gz).padStart(8)} gzipped, ${posts} posts`);
    }
    console.log(`  all pages     : ${kb(all).padStart(9)} HTML, ${kb(allGzip).padStart(8)} gzipped`);
    console.log(`\nLoad average at the end: ${load()}`);
  } finally {
    for (const stop of stops.reverse()) stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
