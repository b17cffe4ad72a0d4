/**
 * A larger guidance library for `bench:pages -- --pages N`, and the same MDX in a Starlight
 * project, both in temporary folders under `.bench/` in the portal (git ignores it), so both
 * resolve the portal's node_modules and build with one Astro.
 *
 * The portal's guidance pages are copied round-robin (`lead-worker-role-2.mdx`, …) until the
 * content collections hold N pages. A copy keeps its text, topics and chosen related pages;
 * its title gains its number, and it names no search subjects, since a real library would
 * not have forty pages claiming one best bet.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { root } from './support.ts';

/** What is not copied into a temporary project. */
const SKIPPED = new Set(['node_modules', 'dist', '.astro', 'data', 'test-results', 'playwright-report', '.git', 'tests', '.bench']);

/** A new empty folder under `.bench/`. A folder outside the portal would need node_modules linked, and Vite then resolves Starlight's components to two paths. */
function temporaryFolder(prefix: string): string {
  mkdirSync(join(root, '.bench'), { recursive: true });
  return mkdtempSync(join(root, '.bench', prefix));
}

function mdxUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? mdxUnder(join(dir, d.name)) : d.name.endsWith('.mdx') ? [join(dir, d.name)] : [],
  );
}

function unquote(value: string): string {
  if (value.startsWith('"')) return JSON.parse(value) as string;
  if (value.startsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

/** The MDX of copy `n` of a page: numbered title, no search subjects. */
export function copyOfPage(mdx: string, n: number): string {
  return mdx
    .replace(/^title: (.+)$/m, (_, title: string) => `title: ${JSON.stringify(`${unquote(title.trim())} (${n})`)}`)
    .replace(/^subjects: \[.*\]\n/m, '')
    .replace(/^subjects:\n(?: {2}- .*\n)+/m, '');
}

/** A temporary copy of the portal whose content collections hold `pages` MDX pages. */
export function portalWithPages(pages: number): { dir: string; mdx: number; remove: () => void } {
  const dir = temporaryFolder('portal-');
  for (const name of readdirSync(root)) {
    if (!SKIPPED.has(name)) cpSync(join(root, name), join(dir, name), { recursive: true });
  }
  const content = join(dir, 'content');
  const guidance = mdxUnder(join(content, 'guidance')).sort();
  let count = mdxUnder(content).length;
  for (let n = 2; count < pages; n++) {
    for (const file of guidance) {
      if (count >= pages) break;
      writeFileSync(file.replace(/\.mdx$/, `-${n}.mdx`), copyOfPage(readFileSync(file, 'utf8'), n));
      count++;
    }
  }
  return { dir, mdx: count, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// The portal hands these to its MDX through <Content components={…}>; Starlight cannot, so
// the Starlight copy imports them where they are used.
const PORTAL_COMPONENTS: Record<string, string> = {
  DeliveryStreams: 'src/components/diagrams/DeliveryStreams.astro',
  EngagementProcess: 'src/components/diagrams/EngagementProcess.astro',
  FundingChart: 'src/components/diagrams/FundingChart.astro',
  Mailbox: 'src/components/Mailbox.astro',
};

/** A temporary Starlight project (tests/bench/starlight) holding the same MDX as `portalDir`. */
export function starlightWithContentOf(portalDir: string): { dir: string; remove: () => void } {
  const dir = temporaryFolder('starlight-');
  cpSync(join(root, 'tests/bench/starlight'), dir, { recursive: true });
  cpSync(join(portalDir, 'content/contacts.json'), join(dir, 'src/contacts.json'));
  const content = join(portalDir, 'content');
  for (const file of mdxUnder(content)) {
    const target = join(dir, 'src/content/docs', relative(content, file));
    mkdirSync(dirname(target), { recursive: true });
    let mdx = readFileSync(file, 'utf8');
    const imports = Object.entries(PORTAL_COMPONENTS)
      .filter(([name]) => mdx.includes(`<${name}`))
      .map(([name, path]) => `import ${name} from ${JSON.stringify(join(portalDir, path))};`);
    if (imports.length) mdx = mdx.replace(/^(---\n[\s\S]*?\n---\n)/, `$1\n${imports.join('\n')}\n`);
    writeFileSync(target, mdx);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A build's wall time and the CPU time it and its children (Pagefind's binary) used, in seconds. */
export interface BuildTime {
  seconds: number;
  cpuSeconds: number;
  stdout: string;
}

/**
 * Runs `astro build` in `dir` from a fresh start (its previous output deleted first, untimed).
 * On a machine other work shares, wall time depends on the load; CPU time much less so.
 * Node cannot report a child's CPU time, so a shell runs the build and prints `times`.
 */
export function timeBuild(dir: string): BuildTime {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const started = performance.now();
  const build = spawnSync('/bin/sh', ['-c', '"$@"; status=$?; times >&2; exit $status', 'sh', process.execPath, join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (build.status !== 0) throw new Error(`${basename(dir)} did not build:\n${build.stdout.slice(-4000)}\n${build.stderr.slice(-4000)}`);
  // The last line of `times` is the children's user and system time, e.g. "0m18.43s 0m5.06s".
  const children = build.stderr.trim().split('\n').at(-1) ?? '';
  const cpuSeconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  return { seconds, cpuSeconds, stdout: build.stdout };
}
