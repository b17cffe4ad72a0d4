/**
 * Starts the built portal for the browser tests on a brand-new database, copying its
 * output to a log file so tests can follow the links in e-mails, as a local user would.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { E2E_DIR, E2E_SERVER_LOG } from './paths.ts';

rmSync(E2E_DIR, { recursive: true, force: true });
mkdirSync(E2E_DIR, { recursive: true });
const log = createWriteStream(E2E_SERVER_LOG, { flags: 'a' });
const server = spawn(process.execPath, ['src/cli/serve.ts'], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
server.stdout.on('data', (chunk: Buffer) => {
  log.write(chunk);
  process.stdout.write(chunk);
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.kill(signal));
