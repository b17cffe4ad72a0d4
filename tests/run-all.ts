/**
 * `npm test`: every check, in order, with shared set-up done once. The site is built once and
 * that one build serves the browser tests and the two-instance test. Each stage's output
 * streams as it runs; at the end come each runner's own summary lines and a table of how long
 * every stage took. Exits non-zero if any stage failed.
 *
 * Stages that need the build are skipped when the build fails; the others still run, so one
 * run shows every failure. `npm test -- browser` (or any stage names) runs only those stages.
 */
import { spawn } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Stage = {
  name: string;
  command: string[];
  /** Stages whose success this one needs. */
  needs?: string[];
  /** Lines of the runner's own output that sum up its result. */
  summary: RegExp;
};

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = (name: string) => `node_modules/.bin/${name}`;

const STAGES: Stage[] = [
  { name: 'check', command: [bin('astro'), 'check'], summary: /^Result \(|^- \d+ (errors?|warnings?|hints?)/ },
  { name: 'sources', command: [process.execPath, 'src/cli/check-sources.ts'], summary: /^Every rule has|without a source|^\S+: \d+ rules/ },
  {
    name: 'unit+integration',
    command: [bin('vitest'), 'run', '--config', 'tests/vitest.config.ts'],
    summary: /^\s*(Test Files|Tests|Duration)\s/,
  },
  { name: 'build', command: [bin('astro'), 'build'], summary: /\[build\] (Complete!|\d+ page\(s\) built)|error/i },
  {
    name: 'browser',
    command: [bin('playwright'), 'test', '-c', 'tests/playwright.config.ts'],
    needs: ['build'],
    summary: /^\s*\d+ (passed|failed|flaky|skipped|did not run|interrupted)\b/,
  },
  {
    name: 'server-db',
    command: [process.execPath, 'tests/server-db/two-instances.ts'],
    needs: ['build'],
    summary: /^(#|ℹ) (tests|pass|fail|duration_ms) /,
  },
  {
    name: 'security',
    command: [process.execPath, 'tests/security/routes.ts'],
    needs: ['build'],
    summary: /^(#|ℹ) (tests|pass|fail|duration_ms) /,
  },
];

type Result = { name: string; status: 'passed' | 'failed' | 'skipped'; seconds: number; summary: string[] };

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Runs one stage, streaming its output, and keeps the lines that sum it up. */
function run(stage: Stage): Promise<Result> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(stage.command[0]!, stage.command.slice(1), {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // The project's own Node first, as npm scripts have it, whichever node started this.
        PATH: [dirname(process.execPath), join(root, 'node_modules/.bin'), process.env.PATH].join(delimiter),
        FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0'),
      },
    });
    const summary: string[] = [];
    let pending = '';
    const collect = (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const plain = line.replace(ANSI, '').replace(/\r/g, '').trimEnd();
        if (stage.summary.test(plain)) summary.push(plain.trim());
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      collect(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      collect(chunk);
    });
    const finish = (ok: boolean) => {
      collect(Buffer.from('\n'));
      resolve({ name: stage.name, status: ok ? 'passed' : 'failed', seconds: (performance.now() - started) / 1000, summary });
    };
    child.on('error', (error) => {
      summary.push(`could not start: ${error.message}`);
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${(seconds % 60).toFixed(0).padStart(2, '0')} s`;
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !STAGES.some((s) => s.name === name));
if (unknown.length) {
  console.error(`Unknown stage: ${unknown.join(', ')}. Stages: ${STAGES.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

const results: Result[] = [];
const runStarted = performance.now();
for (const stage of STAGES) {
  if (wanted.length && !wanted.includes(stage.name)) continue;
  const blocked = (stage.needs ?? []).filter((need) => results.some((r) => r.name === need && r.status !== 'passed'));
  if (blocked.length) {
    results.push({ name: stage.name, status: 'skipped', seconds: 0, summary: [`skipped: ${blocked.join(', ')} did not pass`] });
    continue;
  }
  console.log(`\n=== ${stage.name}: ${stage.command.join(' ')}\n`);
  results.push(await run(stage));
}
const total = (performance.now() - runStarted) / 1000;

console.log('\n=== Summary\n');
for (const result of results) {
  console.log(`${result.name}:`);
  for (const line of result.summary.length ? result.summary : ['(no summary line)']) console.log(`  ${line}`);
}
const width = Math.max(...results.map((r) => r.name.length), 'Stage'.length, 'Total'.length);
console.log(`\n${'Stage'.padEnd(width)}  Result   Time`);
for (const result of results) console.log(`${result.name.padEnd(width)}  ${result.status.padEnd(7)}  ${formatSeconds(result.seconds)}`);
const failed = results.filter((r) => r.status !== 'passed');
console.log(`${'Total'.padEnd(width)}  ${(failed.length ? 'failed' : 'passed').padEnd(7)}  ${formatSeconds(total)}`);
process.exit(failed.length ? 1 : 0);
