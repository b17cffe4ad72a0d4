/**
 * Loaded into the portal's server process by `bench:forum` (`node --import`), never in
 * production. It counts the SQL statements the portal sends to libSQL, times each one (the
 * embedded driver runs a statement synchronously, so a statement's time is time the event
 * loop is blocked), and tracks the event loop's delay. The benchmark drives it over the IPC
 * channel: 'probe:reset' starts watching afresh, 'probe:read' answers with a ProbeFigures,
 * and 'probe:off' stops watching, so that throughput is measured without the probe's cost.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import Database from 'libsql';

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
  /** Each statement's SQL (shortened), how often it ran and its total wall time in ms, costliest first. */
  byStatement: { sql: string; count: number; ms: number }[];
}

type Fn = (...args: unknown[]) => unknown;

// Worker threads inherit the server's `--import`: the probe watches the server's own thread
// only (its 1 ms timer in every search worker would take CPU from the server).
if (isMainThread) install();

function install(): void {
  // Off until asked ('probe:reset'): the throughput rounds run without the timer, the delay
  // histogram and the per-statement clock, which would otherwise cost the portal CPU that the
  // bare page beside it does not pay.
  let watching = false;
  let statements = 0;
  let longestMs = 0;
  let longestSql = '';
  let longestCpuMs = 0;
  let longestCpuSql = '';
  let byStatement = new Map<string, { count: number; ms: number }>();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let busiestTurnCpuMs = 0;
  let lastTurn = process.threadCpuUsage();
  let turns: NodeJS.Timeout | undefined;
  function watch(on: boolean) {
    watching = on;
    clearInterval(turns);
    if (on) {
      loop.enable();
      lastTurn = process.threadCpuUsage();
      turns = setInterval(() => {
        const used = process.threadCpuUsage(lastTurn);
        busiestTurnCpuMs = Math.max(busiestTurnCpuMs, (used.user + used.system) / 1000);
        lastTurn = process.threadCpuUsage();
      }, 1).unref();
    } else {
      loop.disable();
    }
  }

  // Every statement the portal runs on an embedded file ends in a libSQL statement's all() or
  // run(), whether it goes through the libSQL client or the portal's kept statements
  // (db/cached-reads.ts); both run synchronously on the thread that asks, so the CPU time of
  // that call is how long the statement held the event loop. The package is shared by the
  // built server and this file, so patching its prototypes here reaches the portal's.
  const sqlOf = new WeakMap<object, string>();
  const connectionProto = Database.prototype as unknown as Record<string, Fn>;
  const prepare = connectionProto.prepare!;
  connectionProto.prepare = function (this: unknown, ...args: unknown[]) {
    const statement = prepare.apply(this, args) as object;
    sqlOf.set(statement, String(args[0]));
    return statement;
  };
  const scratch = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(scratch.prepare('select 1')) as Record<string, Fn>;
  scratch.close();
  for (const method of ['all', 'run'] as const) {
    const original = statementProto[method]!;
    statementProto[method] = function (this: object, ...args: unknown[]) {
      if (!watching) return original.apply(this, args);
      statements++;
      const started = performance.now();
      const cpu = process.threadCpuUsage();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - started;
        const used = process.threadCpuUsage(cpu);
        const cpuMs = (used.user + used.system) / 1000;
        const text = () => (sqlOf.get(this) ?? '').replace(/\s+/g, ' ').slice(0, 120);
        const sql = sqlOf.get(this) ?? '';
        const total = byStatement.get(sql) ?? { count: 0, ms: 0 };
        total.count++;
        total.ms += ms;
        byStatement.set(sql, total);
        if (ms > longestMs) {
          longestMs = ms;
          longestSql = text();
        }
        if (cpuMs > longestCpuMs) {
          longestCpuMs = cpuMs;
          longestCpuSql = text();
        }
      }
    };
  }

  process.on('message', (message) => {
    if (message === 'probe:reset') {
      statements = 0;
      longestMs = 0;
      longestSql = '';
      longestCpuMs = 0;
      longestCpuSql = '';
      loop.reset();
      busiestTurnCpuMs = 0;
      byStatement = new Map();
      watch(true);
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
        byStatement: [...byStatement]
          .map(([sql, t]) => ({ sql: sql.replace(/\s+/g, ' ').slice(0, 160), ...t }))
          .sort((a, b) => b.ms - a.ms),
      };
      process.send?.({ probe: 'read', figures });
    } else if (message === 'probe:off') {
      watch(false);
      process.send?.({ probe: 'off' });
    }
  });
}
