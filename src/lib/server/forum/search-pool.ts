/**
 * Forum searches, answered off the event loop by a small pool of worker threads
 * (`search-worker.ts`), one per core up to four, each with its own read-only connection to the
 * same database. A worker that crashes, or takes longer than the time limit, is replaced on
 * the next search; the searches it held fail with SearchUnavailableError, which the page turns
 * into a plain "search is not working" message. Workers are started on the first search, not
 * at start-up, and never keep the process alive on their own.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import builtWorkerUrl from 'virtual:portal/search-worker';
import type { SearchResults } from './search.ts';
import type { SearchReply, SearchRequest, SearchWorkerData, SearchWorkerReady } from './search-worker.ts';

/** A search could not be answered: the worker failed, crashed or took too long. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}

export interface SearchPoolOptions {
  /** The database, as `createDb` takes it. */
  url: string;
  authToken?: string;
  /** Workers in the pool; by default one per core, at most four. */
  size?: number;
  /** The worker's script; by default the one the build made of `search-worker.ts`. */
  workerUrl?: string | URL;
  /** A search taking longer than this fails, and its worker is replaced (10 s). */
  timeoutMs?: number;
  /** The same for a search sent to a worker still starting: loading its code and opening the database (60 s). */
  startTimeoutMs?: number;
}

interface Pending {
  resolve: (results: SearchResults) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker | null;
  /** The worker has opened its database and answers searches. */
  ready: boolean;
  pending: Map<number, Pending>;
}

/** Searches spread over worker threads, the least busy first. */
export class SearchPool {
  /** Workers started so far, replacements included. */
  started = 0;
  private readonly slots: Slot[];
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private nextId = 1;
  private closed = false;

  private readonly options: SearchPoolOptions;

  constructor(options: SearchPoolOptions) {
    this.options = options;
    const size = options.size ?? Math.max(1, Math.min(4, availableParallelism()));
    this.slots = Array.from({ length: size }, () => ({ worker: null, ready: false, pending: new Map() }));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
  }

  /** One page of results for what was typed, from the least busy worker. */
  search(input: string, page = 1, perPage = 20): Promise<SearchResults> {
    if (this.closed) return Promise.reject(new SearchUnavailableError('the search pool is closed'));
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const worker = slot.worker ?? this.start(slot);
    const id = this.nextId++;
    // Starting a worker can take seconds on a busy machine: that is not a slow search.
    const limit = slot.ready ? this.timeoutMs : this.startTimeoutMs;
    return new Promise<SearchResults>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.retire(slot, worker, `a search took longer than ${limit} ms`);
        void worker.terminate();
      }, limit);
      slot.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, input, page, perPage } satisfies SearchRequest);
    });
  }

  /** Stops every worker; searches still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map((slot) => {
        const worker = slot.worker;
        if (!worker) return undefined;
        this.retire(slot, worker, 'the search pool was closed', false);
        return worker.terminate();
      }),
    );
  }

  private start(slot: Slot): Worker {
    const workerData: SearchWorkerData = { url: this.options.url, authToken: this.options.authToken };
    const worker = new Worker(new URL(this.options.workerUrl ?? builtWorkerUrl), { workerData, name: 'forum-search' });
    // The server keeps running for its HTTP listener; an idle worker must not keep a script alive.
    worker.unref();
    this.started++;
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (reply: SearchReply | SearchWorkerReady) => {
      if ('ready' in reply) {
        slot.ready = true;
        return;
      }
      const job = slot.pending.get(reply.id);
      if (!job) return;
      slot.pending.delete(reply.id);
      clearTimeout(job.timer);
      if (reply.ok) job.resolve(reply.results);
      else job.reject(new SearchUnavailableError(`the forum search failed (${reply.error})`));
    });
    worker.on('error', (error: unknown) => this.retire(slot, worker, `the search worker crashed (${error instanceof Error ? error.name : 'unknown error'})`));
    worker.on('exit', (code) => this.retire(slot, worker, `the search worker stopped (exit code ${code})`));
    return worker;
  }

  /** Forgets a worker that failed: its searches fail, and the next search starts a new one. */
  private retire(slot: Slot, worker: Worker, reason: string, log = true): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    slot.ready = false;
    if (log && !this.closed) console.error(`Forum search: ${reason}; a new worker will be started.`);
    for (const job of slot.pending.values()) {
      clearTimeout(job.timer);
      job.reject(new SearchUnavailableError(reason));
    }
    slot.pending.clear();
  }
}

let shared: SearchPool | undefined;

/**
 * One page of forum search results for what was typed, worked out in the server's search
 * pool (opened on first use, on the server's database). Throws SearchUnavailableError when
 * the search cannot be answered.
 */
export async function searchForumOffThread(input: string, page = 1, perPage = 20): Promise<SearchResults> {
  if (!shared) {
    // Read here, not at the top, so tests can use the pool without the server's settings.
    const { databaseAuthToken, databaseUrl } = await import('../config.ts');
    shared ??= new SearchPool({ url: databaseUrl, authToken: databaseAuthToken });
  }
  return shared.search(input, page, perPage);
}
