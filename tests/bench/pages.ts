/**
 * Page weight, search cost and build speed of the guidance library. Prints figures and the
 * targets beside them; it does not fail, so the numbers can be tracked as content grows.
 *
 *   npm run bench:pages
 *   npm run bench:pages -- --no-lighthouse   (everything but the Lighthouse scores)
 *   npm run bench:pages -- --pages 1000 [--rounds 3]
 *
 * With `--pages N` it measures a library of N pages instead: the guidance is multiplied in a
 * temporary copy of the portal (tests/bench/library.ts), the same MDX is built with Starlight
 * (tests/bench/starlight, default settings), the two builds take turns for a few rounds, and
 * it prints each build's time, pages a second and the ratio, then what a first and a repeat
 * search for "lead worker" transfer on the larger library.
 *
 * Sizes are what a compressing server or proxy sends: each response is gzipped here
 * (level 6, the common default), except Pagefind's index files, which are stored compressed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { loadavg } from 'node:os';
import { portalWithPages, starlightWithContentOf, timeBuild, type BuildTime } from './library.ts';
import { kb, root, startPortal } from './support.ts';
import { median } from './stats.ts';
import { CHROMIUM_ARGS, findChromium } from '../chromium.ts';

const argument = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

function transferSize(url: string, body: Buffer): number {
  return /\/pagefind\/.*\.pf_/.test(url) ? body.length : gzipSync(body, { level: 6 }).length;
}

/** Bytes a cold visit to `path` transfers, split by kind. */
async function weigh(page: Page, url: string): Promise<{ total: number; js: number; requests: number }> {
  const sizes: { url: string; size: number; type: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    pending.push(
      response
        .body()
        .then((body) => void sizes.push({ url: response.url(), size: transferSize(response.url(), body), type: response.request().resourceType() }))
        .catch(() => undefined),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  page.removeAllListeners('response');
  return {
    total: sizes.reduce((s, r) => s + r.size, 0),
    js: sizes.filter((r) => r.type === 'script').reduce((s, r) => s + r.size, 0),
    requests: sizes.length,
  };
}

/** Prints the Pagefind index's size and chunks under `client`. */
function printIndex(client: string, stdout: string): void {
  const indexFiles = filesUnder(join(client, 'pagefind')).filter((f) => /\.pf_/.test(f));
  const indexBytes = indexFiles.reduce((s, f) => s + statSync(f).size, 0);
  const chunks = indexFiles.filter((f) => f.endsWith('.pf_index')).map((f) => statSync(f).size);
  const fragments = indexFiles.filter((f) => f.endsWith('.pf_fragment')).map((f) => statSync(f).size);
  const indexed = stdout.match(/Indexed (\d+) pages/)?.[1] ?? '?';
  console.log(`  pages indexed:         ${indexed}`);
  console.log(`  Pagefind index size:   ${kb(indexBytes)} on disk (word index, filters and page fragments)`);
  console.log(`  word index chunks:     ${chunks.length}, largest ${kb(Math.max(...chunks))}`);
  console.log(`  page fragments:        ${fragments.length}, largest ${kb(Math.max(...fragments))}, mean ${kb(fragments.reduce((a, b) => a + b, 0) / fragments.length)}`);
}

const htmlPagesUnder = (client: string) => filesUnder(client).filter((f) => f.endsWith('.html')).length;

/**
 * Runs `queries` one after another in a fresh browser context on the search page and prints
 * what each transferred: the first pays for Pagefind's code and WebAssembly once, then for the
 * index chunks that hold the query's words and one fragment per result shown.
 */
async function searchSession(browser: Browser, base: string, queries: string[]): Promise<number[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/search/`, { waitUntil: 'networkidle' });
  let bytes = 0;
  const spent: number[] = [];
  const pending: Promise<void>[] = [];
  // The body's size as it crossed the network (Brotli, gzip or none, whatever the server
  // chose), once the response has finished.
  page.on('response', (r) => pending.push(r.finished().then(() => r.request().sizes()).then((s) => void (bytes += s.responseBodySize)).catch(() => undefined)));
  for (const [i, query] of queries.entries()) {
    bytes = 0;
    const box = page.getByLabel('Search the portal', { exact: true });
    await box.fill(query);
    await box.press('Enter');
    await page.getByRole('status').filter({ hasText: query }).waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending.splice(0));
    spent.push(bytes);
    console.log(`  ${(i === 0 ? 'first search' : 'repeat search').padEnd(22)} ${kb(bytes).padStart(9)}  "${query}"`);
  }
  await context.close();
  return spent;
}

/** The portal's own content: build, page weights, searches and Lighthouse. */
async function siteAsItIs(): Promise<void> {
  // 1. Build.
  const started = performance.now();
  const build = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: root, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  const buildSeconds = (performance.now() - started) / 1000;
  if (build.status !== 0) {
    console.error(build.stderr || build.stdout);
    process.exit(1);
  }
  const client = join(root, 'dist/client');
  const htmlPages = htmlPagesUnder(client);

  console.log('Build');
  console.log(`  build time:            ${buildSeconds.toFixed(1)} s`);
  console.log(`  pages built:           ${htmlPages} (${(htmlPages / buildSeconds).toFixed(1)} pages/s)`);
  printIndex(client, build.stdout);

  // 2. Page weights and search, in a real browser against the real server.
  const portal = await startPortal();
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
  try {
    const templates: [string, string][] = [
      ['home', '/'],
      ['guidance index', '/guidance/'],
      ['guidance page', '/guidance/common-assessment-framework/'],
      ['long guidance page', '/guidance/phase-2/'],
      ['Skills Matrix domain', '/skills-matrix/systems-and-it/'],
      ['resource template', '/resources/business-case-template/'],
      ['glossary', '/glossary/'],
      ['search page', '/search/'],
    ];
    console.log('\nFirst visit, compressed (target: guidance pages at most 30 KB, no JavaScript of their own)');
    for (const [name, path] of templates) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const w = await weigh(page, `${portal.url}${path}`);
      console.log(`  ${name.padEnd(22)} ${kb(w.total).padStart(9)}  JavaScript ${kb(w.js).padStart(8)}  ${w.requests} requests  ${path}`);
      await context.close();
    }

    console.log('\nSearch (targets: first search at most 130 KB, a repeat search at most 25 KB)');
    // A first search pays for Pagefind's code and WebAssembly once, then for the index chunks
    // that hold the query's words and one fragment per result shown. Several sessions, since the
    // cost depends on which chunks a query touches.
    const sessions: string[][] = [
      ['team around the family', 'consent', 'attachment fee'],
      ['consent', 'lead worker', 'information sharing'],
      ['common assessment framework', 'payment by results', 'Kent Offer'],
    ];
    for (const queries of sessions) await searchSession(browser, portal.url, queries);
    await offline(browser, portal.url);
    // `npm run bench:pages -- --no-lighthouse` skips the slowest part, for a quick look.
    if (!process.argv.includes('--no-lighthouse')) await lighthouse(portal.url, templates);
  } finally {
    await browser.close();
    portal.stop();
  }
}


/**
 * A library of `pages` pages, built by the portal and by Starlight in turn for `rounds`
 * rounds (median shown), then the portal's searches on it.
 */
async function library(pages: number, rounds: number): Promise<void> {
  console.log(`Load average at the start: ${load()}`);
  const portal = portalWithPages(pages);
  const starlight = starlightWithContentOf(portal.dir);
  try {
    console.log(`A library of ${portal.mdx} MDX pages (the portal's guidance copied), built by the portal and by Starlight in turn, ${rounds} rounds`);
    const times: { portal: BuildTime[]; starlight: BuildTime[] } = { portal: [], starlight: [] };
    let portalOut = '';
    for (let round = 1; round <= rounds; round++) {
      for (const [name, dir] of [['portal', portal.dir], ['starlight', starlight.dir]] as const) {
        const t = timeBuild(dir);
        times[name].push(t);
        if (name === 'portal') portalOut = t.stdout;
        console.log(`  round ${round}, ${name.padEnd(9)} ${t.seconds.toFixed(1).padStart(6)} s, CPU ${t.cpuSeconds.toFixed(1).padStart(6)} s (load average ${load()})`);
      }
    }
    const portalClient = join(portal.dir, 'dist/client');
    const figures = {
      portal: { html: htmlPagesUnder(portalClient), seconds: median(times.portal.map((t) => t.seconds)), cpu: median(times.portal.map((t) => t.cpuSeconds)) },
      starlight: { html: htmlPagesUnder(join(starlight.dir, 'dist')), seconds: median(times.starlight.map((t) => t.seconds)), cpu: median(times.starlight.map((t) => t.cpuSeconds)) },
    };
    console.log(`\nBuild, median of ${rounds} rounds (target: the portal's time at most 0.8 of Starlight's)`);
    for (const [name, f] of Object.entries(figures)) {
      console.log(`  ${name.padEnd(9)} ${f.seconds.toFixed(1).padStart(6)} s for ${f.html} HTML pages, ${(f.html / f.seconds).toFixed(1)} pages/s; CPU ${f.cpu.toFixed(1)} s`);
    }
    console.log(`  ratio of the portal to Starlight: ${(figures.portal.seconds / figures.starlight.seconds).toFixed(2)} in time, ${(figures.portal.cpu / figures.starlight.cpu).toFixed(2)} in CPU`);
    printIndex(portalClient, portalOut);

    console.log(`\nSearch on ${portal.mdx} pages (targets: a first search at most 110 KB, a repeat at most 25 KB)`);
    const server = await startPortal({}, { cwd: portal.dir });
    const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS] });
    try {
      await searchSession(browser, server.url, ['lead worker']);
      await searchSession(browser, server.url, ['consent', 'lead worker']);
    } finally {
      await browser.close();
      server.stop();
    }
    console.log(`\nLoad average at the end: ${load()}`);
  } finally {
    portal.remove();
    starlight.remove();
  }
}

/**
 * What "Save guidance for offline use" downloads, and how quickly a stored page opens with
 * the network cut off. The build's own list gives the files and their size on disk; the
 * browser's caches give what was really stored (after the save, read back from Cache
 * Storage), and each response is gzipped here, as a compressing server sends it, for the
 * bytes on the wire.
 */
async function offline(browser: import('@playwright/test').Browser, base: string): Promise<void> {
  const listed = JSON.parse(readFileSync(join(root, 'dist/client/offline-size.json'), 'utf8')) as { bytes: number; files: number };
  console.log('\nSave for offline (what "Save guidance for offline use" downloads)');
  console.log(`  build's list:          ${listed.files} files, ${kb(listed.bytes)} uncompressed`);
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const page = await context.newPage();
  const wire: number[] = [];
  const pending: Promise<void>[] = [];
  // Requests the service worker makes while saving are reported on the context.
  context.on('response', (r) => {
    if (r.fromServiceWorker()) return;
    if (r.request().serviceWorker()) pending.push(r.body().then((b) => void wire.push(transferSize(r.url(), b))).catch(() => undefined));
  });
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  const started = performance.now();
  await page.getByRole('button', { name: 'Save guidance for offline use' }).click();
  await page.getByText(/Guidance is saved on this device/).waitFor({ timeout: 120_000 });
  const saveSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  const stored = await page.evaluate(async () => {
    let files = 0;
    let bytes = 0;
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        files++;
        bytes += response ? (await response.arrayBuffer()).byteLength : 0;
      }
    }
    return { files, bytes };
  });
  console.log(`  stored in the browser: ${stored.files} entries, ${kb(stored.bytes)} uncompressed`);
  if (wire.length) console.log(`  downloaded:            ${wire.length} requests, ${kb(wire.reduce((a, b) => a + b, 0))} compressed`);
  console.log(`  time to save:          ${saveSeconds.toFixed(1)} s (local server)`);
  await context.setOffline(true);
  const paths = ['/guidance/phase-2/', '/guidance/common-assessment-framework/', '/skills-matrix/systems-and-it/', '/resources/business-case-template/', '/glossary/'];
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const path of paths) {
      const t = performance.now();
      await page.goto(`${base}${path}`, { waitUntil: 'load' });
      await page.locator('[data-offline-banner]').waitFor();
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(`  open a stored page offline: median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms (${times.length} opens, ${paths.length} pages)`);
  await context.close();
}

/**
 * Lighthouse scores for each page template (mobile, headless Chromium). Lighthouse is a
 * large tool used only here, so it is fetched on demand rather than installed with the
 * portal; without a registry the section says so and the rest of the figures still stand.
 */
async function lighthouse(base: string, templates: [string, string][]): Promise<void> {
  console.log('\nLighthouse, mobile (target: 100 in every category)');
  const chrome = findChromium({ full: true });
  const others: [string, string][] = [
    ['training catalogue', '/training/'],
    ['training course', '/training/caf-practitioner-workshop/'],
    ['eligibility start', '/eligibility/'],
    ['sign in', '/login'],
    ['create an account', '/register'],
    ['reset password', '/forgot-password'],
  ];
  let scored = 0;
  for (const [name, path] of [...templates, ...others]) {
    // A headless trace now and then fails to record (NO_NAVSTART); a second run settles it.
    let run = audit(chrome, `${base}${path}`);
    if (run.status !== 0) run = audit(chrome, `${base}${path}`);
    if (run.status !== 0) {
      const why = (run.stderr || 'no output').trim().split('\n').at(-1);
      if (scored === 0) {
        console.log(`  Lighthouse could not run (${why}); skipped.`);
        return;
      }
      console.log(`  ${name.padEnd(22)} could not be measured (${why})`);
      continue;
    }
    scored += 1;
    const report = JSON.parse(run.stdout) as { categories: Record<string, { title: string; score: number | null }> };
    const scores = Object.values(report.categories).map((c) => `${c.title} ${c.score === null ? '-' : Math.round(c.score * 100)}`);
    console.log(`  ${name.padEnd(22)} ${scores.join(', ')}`);
  }
}

function audit(chrome: string | undefined, url: string) {
  return spawnSync(
    'npx',
    ['--yes', 'lighthouse@13', url, '--quiet', '--output=json', '--output-path=stdout', '--form-factor=mobile', '--chrome-flags=--headless=new --no-sandbox'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...(chrome ? { CHROME_PATH: chrome } : {}) } },
  );
}

const LIBRARY_PAGES = argument('pages');
if (LIBRARY_PAGES) await library(Number(LIBRARY_PAGES), Number(argument('rounds') ?? 3));
else await siteAsItIs();
