/**
 * Loaded into the portal's server process by `bench:forum` (`node --import`), never in
 * production. It counts the SQL statements the portal sends to libSQL, times each one (the
 * embedded driver runs a statement synchronously, so a statement's time is time the event
 * loop is blocked), and tracks the event loop's delay. The benchmark asks for the figures
 * over the IPC channel: send 'probe:reset' or 'probe:read', get back a ProbeFigures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { createClient } from '@libsql/client';

export interface ProbeFigures {
  statements: number;
  /** The longest single statement, in ms of wall time, and its SQL (shortened). */
  longestMs: number;
  longestSql: string;
  /**
   * The most CPU time (this thread, ms) one statement used. On a busy machine the wall time
   * includes waiting for a core; this is the statement's own cost.
   */
  longestCpuMs: number;
  longestCpuSql: string;
  /** Event loop delay since the last reset, ms. */
  loopP99Ms: number;
  loopMaxMs: number;
  /**
   * The most CPU time (this thread, ms) used between two turns of a 1 ms timer: an upper
   * bound on how long any one piece of work held the event loop. Unlike the delay, it does
   * not count time the process spent waiting for a core on a busy machine.
   */
  busiestTurnCpuMs: number;
}

type Fn = (...args: unknown[]) => Promise<unknown>;

// Worker threads inherit the server's `--import`: the probe watches the server's own thread
// only (its 1 ms timer in every search worker would take CPU from the server).
if (isMainThread) install();

function install(): void {
  let statements = 0;
  let longestMs = 0;
  let longestSql = '';
  let longestCpuMs = 0;
  let longestCpuSql = '';
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let busiestTurnCpuMs = 0;
  let lastTurn = process.threadCpuUsage();
  setInterval(() => {
    const used = process.threadCpuUsage(lastTurn);
    busiestTurnCpuMs = Math.max(busiestTurnCpuMs, (used.user + used.system) / 1000);
    lastTurn = process.threadCpuUsage();
  }, 1).unref();

  const sqlOf = (s: unknown) => (typeof s === 'string' ? s : String((s as { sql?: unknown }).sql ?? ''));

  function timed(fn: Fn, count: (args: unknown[]) => number, text: (args: unknown[]) => string): Fn {
    return async function (this: unknown, ...args: unknown[]) {
      statements += count(args);
      const started = performance.now();
      const cpu = process.threadCpuUsage();
      try {
        return await fn.apply(this, args);
      } finally {
        const ms = performance.now() - started;
        const used = process.threadCpuUsage(cpu);
        const cpuMs = (used.user + used.system) / 1000;
        if (ms > longestMs) {
          longestMs = ms;
          longestSql = text(args).replace(/\s+/g, ' ').slice(0, 120);
        }
        if (cpuMs > longestCpuMs) {
          longestCpuMs = cpuMs;
          longestCpuSql = text(args).replace(/\s+/g, ' ').slice(0, 120);
        }
      }
    };
  }

  // The local client's class is shared by every client this process creates, the portal's included.
  const probe = createClient({ url: ':memory:' });
  const clientProto = Object.getPrototypeOf(probe) as Record<string, Fn>;
  probe.close();
  const patchedTx = new WeakSet<object>();
  const execute = clientProto.execute!;
  const batch = clientProto.batch!;
  const transaction = clientProto.transaction!;
  clientProto.execute = timed(execute, () => 1, (a) => sqlOf(a[0]));
  clientProto.batch = timed(batch, (a) => (a[0] as unknown[]).length, (a) => `batch of ${(a[0] as unknown[]).length}`);
  clientProto.transaction = async function (this: unknown, ...args: unknown[]) {
    const tx = (await transaction.apply(this, args)) as object;
    const txProto = Object.getPrototypeOf(tx) as Record<string, Fn>;
    if (!patchedTx.has(txProto)) {
      patchedTx.add(txProto);
      txProto.execute = timed(txProto.execute!, () => 1, (a) => sqlOf(a[0]));
      txProto.batch = timed(txProto.batch!, (a) => (a[0] as unknown[]).length, (a) => `batch of ${(a[0] as unknown[]).length}`);
    }
    return tx;
  };

  process.on('message', (message) => {
    if (message === 'probe:reset') {
      statements = 0;
      longestMs = 0;
      longestSql = '';
      longestCpuMs = 0;
      longestCpuSql = '';
      loop.reset();
      busiestTurnCpuMs = 0;
      lastTurn = process.threadCpuUsage();
      process.send?.({ probe: 'reset' });
    } else if (message === 'probe:read') {
      const figures: ProbeFigures = {
        statements,
        longestMs,
        longestSql,
        longestCpuMs,
        longestCpuSql,
        loopP99Ms: loop.percentile(99) / 1e6,
        loopMaxMs: loop.max / 1e6,
        busiestTurnCpuMs,
      };
      process.send?.({ probe: 'read', figures });
    }
  });
}
