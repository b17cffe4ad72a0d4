/**
 * The forum search worker: a worker thread that runs forum searches (`search.ts`) on a
 * read-only database connection of its own. The embedded libSQL driver runs each statement
 * synchronously on the thread that asks, so full-text ranking here never holds the server's
 * event loop. Started, and restarted after a crash, by `search-pool.ts`, which passes the
 * database's address in `workerData`. The search terms are never logged.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyDb } from '../../../../db/client.ts';
import { searchForum, type SearchResults } from './search.ts';

/** What the pool asks: one page of results for what was typed. */
export interface SearchRequest {
  id: number;
  input: string;
  page: number;
  perPage: number;
}

/** The worker's answer to request `id`: the results, or why there are none. */
export type SearchReply = { id: number; ok: true; results: SearchResults } | { id: number; ok: false; error: string };

/** Sent once, when the worker has opened its database: the pool's time limit counts from here. */
export interface SearchWorkerReady {
  ready: true;
}

/** Which database to open, as the pool passes it. */
export interface SearchWorkerData {
  url: string;
  authToken?: string;
}

const port = parentPort;
if (!port) throw new Error('search-worker.ts runs only as a worker thread');
const { url, authToken } = workerData as SearchWorkerData;
const opening = openReadOnlyDb(url, authToken);
let opened = false;
opening.then(
  () => {
    opened = true;
    port.postMessage({ ready: true } satisfies SearchWorkerReady);
  },
  // Each waiting search is answered with the failure, then the worker exits (below).
  () => {},
);

port.on('message', async (request: SearchRequest) => {
  let reply: SearchReply;
  try {
    const { db } = await opening;
    reply = { id: request.id, ok: true, results: await searchForum(db, request.input, request.page, request.perPage) };
  } catch (error) {
    // The code or class of the failure only: a driver's message may quote the terms.
    const code = (error as { code?: unknown }).code;
    reply = { id: request.id, ok: false, error: typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error' };
  }
  port.postMessage(reply);
  // A connection that never opened will not open later: exit, and the pool starts afresh.
  if (!opened) process.exit(1);
});
