/**
 * Loaded into the portal's server process by `bench:forum` (`node --import`), never in
 * production. It counts the SQL statements the portal sends to libSQL, times each one (the
 * embedded driver runs a statement synchronously, so a statement's time is time the event
 * loop is blocked), and tracks the event loop's delay. The benchmark drives it over the IPC
 * channel: 'probe:reset' starts watching afresh, 'probe:read' answers with a ProbeFigures,
 * and 'probe:off' stops watching, so that throughput is measured without the probe's cost.
 */
import { EventEmitter } from 'node:events';
import { openSync, readSync } from 'node:fs';
import { Server, ServerResponse } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import Database from 'libsql';
import { percentile } from './stats.ts';

export interface ProbeFigures {
  statements: number;
  /** The longest single statement, in ms of wall time, and its SQL (shortened). */
  longestMs: number;
  longestSql: string;
  /**
   * The most CPU time (this thread, ms) one statement used. On a busy machine the wall time
   * includes waiting for a core; this is the statement's own cost, as far as the kernel's
   * per-thread clock can tell (where it moves in steps of about 4 ms, a statement that
   * straddles a step reads 4 ms).
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
  /** How long single requests held the server's thread, in wall time: see RequestHold. */
  requests: RequestHold;
}

/**
 * How long each request held the server's thread while watching: the time from the moment
 * it reached the portal (Node's 'request' event) to the moment its answer was handed to the
 * socket (`res.end()`). Work after `end()` (the socket write, compression in the thread pool)
 * is not counted. While one request is between the two, nothing else runs on the thread
 * unless the request waits on something; if another request started inside it, it did, and
 * its figure is then an upper bound ("overlapped").
 *
 * It is wall time, not CPU time: on the machines this was measured on, the kernel's
 * per-thread CPU clock (getrusage, /proc/thread-self/schedstat) moves in steps of about
 * 4 ms and can read more than the wall time that passed, so it cannot time a request of a
 * few milliseconds. Wall time also counts any moment the thread waited for a core.
 */
export interface RequestHold {
  count: number;
  /** Requests that another request started inside of (their figure is an upper bound). */
  overlapped: number;
  /** The longest and the 99th percentile, in ms, garbage collection pauses included. */
  maxMs: number;
  p99Ms: number;
  /** The same with the garbage collection pauses that fell inside each request taken out. */
  maxWithoutGcMs: number;
  p99WithoutGcMs: number;
  /** Requests over 5 ms, with and without their collection pauses. */
  over5Ms: number;
  over5WithoutGcMs: number;
  /**
   * Of the requests over 5 ms without their collection pauses, those during which the
   * kernel took the thread off its core for something else (its involuntary context
   * switches, from /proc/thread-self/status): their time includes waiting for a core.
   */
  over5Preempted: number;
  /** The longest single garbage collection pause while watching, ms, and how many there were. */
  longestGcMs: number;
  gcPauses: number;
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
  // Each request's start and end (performance.now()), whether another started inside it and
  // whether the thread was preempted during it.
  let held: { start: number; end: number; overlapped: boolean; preempted: boolean }[] = [];
  // Each garbage collection pause while watching: [start, duration] in ms.
  let pauses: [number, number][] = [];
  const collections = new PerformanceObserver((list) => {
    if (watching) for (const entry of list.getEntries()) pauses.push([entry.startTime, entry.duration]);
  });
  function watch(on: boolean) {
    watching = on;
    clearInterval(turns);
    if (on) {
      collections.observe({ entryTypes: ['gc'] });
      loop.enable();
      lastTurn = process.threadCpuUsage();
      turns = setInterval(() => {
        const used = process.threadCpuUsage(lastTurn);
        busiestTurnCpuMs = Math.max(busiestTurnCpuMs, (used.user + used.system) / 1000);
        lastTurn = process.threadCpuUsage();
      }, 1).unref();
    } else {
      loop.disable();
      collections.disconnect();
    }
  }

  // A request starts at the server's 'request' event and has done its work when the portal
  // calls res.end(). Both are patched for every server in the process; they do nothing more
  // than call through while the probe is off.
  const open = new Map<ServerResponse, { start: number; overlapped: boolean; switches: number }>();
  // The server thread's involuntary context switches so far (about 15 µs to read), or 0
  // where /proc is not there to ask.
  const status = (() => {
    try {
      return openSync('/proc/thread-self/status', 'r');
    } catch {
      return undefined;
    }
  })();
  const statusBuffer = Buffer.alloc(8192);
  const preemptions = (): number => {
    if (status === undefined) return 0;
    const length = readSync(status, statusBuffer, 0, statusBuffer.length, 0);
    return Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(statusBuffer.toString('latin1', 0, length))?.[1] ?? 0);
  };
  const emit = EventEmitter.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (watching && event === 'request') {
      for (const other of open.values()) other.overlapped = true;
      open.set(args[1] as ServerResponse, { start: performance.now(), overlapped: false, switches: preemptions() });
    }
    return emit.call(this, event, ...args);
  } as Server['emit'];
  const end = ServerResponse.prototype.end as unknown as Fn;
  ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
    const started = open.get(this);
    if (started) {
      open.delete(this);
      const ended = performance.now();
      held.push({ start: started.start, end: ended, overlapped: started.overlapped, preempted: preemptions() > started.switches });
    }
    return end.apply(this, args);
  } as ServerResponse['end'];

  function requestHold(): RequestHold {
    const sorted = [...pauses].sort((a, b) => a[0] - b[0]);
    const withGc: number[] = [];
    const withoutGc: number[] = [];
    let over5Preempted = 0;
    for (const r of held) {
      let gc = 0;
      for (const [start, duration] of sorted) {
        if (start >= r.end) break;
        gc += Math.max(0, Math.min(r.end, start + duration) - Math.max(r.start, start));
      }
      withGc.push(r.end - r.start);
      withoutGc.push(Math.max(0, r.end - r.start - gc));
      if (r.end - r.start - gc > 5 && r.preempted) over5Preempted++;
    }
    return {
      count: held.length,
      overlapped: held.filter((r) => r.overlapped).length,
      maxMs: withGc.reduce((a, b) => Math.max(a, b), 0),
      p99Ms: percentile(withGc, 99),
      maxWithoutGcMs: withoutGc.reduce((a, b) => Math.max(a, b), 0),
      p99WithoutGcMs: percentile(withoutGc, 99),
      over5Ms: withGc.filter((ms) => ms > 5).length,
      over5WithoutGcMs: withoutGc.filter((ms) => ms > 5).length,
      over5Preempted,
      longestGcMs: pauses.reduce((a, [, duration]) => Math.max(a, duration), 0),
      gcPauses: pauses.length,
    };
  }

  // Every statement the portal runs on an embedded file ends in a libSQL statement's all() or
  // run(), whether it goes through the libSQL client or the portal's kept statements
  // (db/kept-statements.ts); both run synchronously on the thread that asks, so the CPU time of
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
      held = [];
      pauses = [];
      open.clear();
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
        requests: requestHold(),
      };
      process.send?.({ probe: 'read', figures });
    } else if (message === 'probe:off') {
      watch(false);
      process.send?.({ probe: 'off' });
    }
  });
}
