/**
 * Commits requests that arrive together in groups. Under `synchronous = FULL` every write
 * transaction costs one fsync of the database file, and only one runs at a time, so a burst
 * of requests queues behind a line of fsyncs. Requests waiting here while a group is being
 * written go into the next group together: one transaction, one fsync for all of them.
 *
 * Order is kept: groups are taken from the front of the queue, each a run of consecutive
 * requests, and the function that writes a group handles its requests in the order given,
 * so the first to arrive is the first served. Each request gets its own answer (or its own
 * error) from the group's result; answers are given only once the group has committed, so
 * nobody is told of a change that a failed commit then lost.
 *
 * The queue lives in one process. Several instances sharing a database each have their own;
 * whatever must hold across instances is the database's to enforce (one writer at a time,
 * and conditional statements such as the training seat guard).
 */

/** One request's outcome within a group: its value, or the error that failed it alone. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface WriteGroupOptions<I> {
  /** The most requests one group may hold, so one transaction never holds the lock for long. */
  maxGroup: number;
  /**
   * Whether request `next` may share a group with `first`, the group's first request (for
   * example, only requests made at the same clock second).
   */
  together?: (first: I, next: I) => boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Returns a function that queues one request and resolves with its own result once the
 * group it joined has been written. `writeGroup` writes a group in one transaction and
 * returns one Settled per request, in the same order; if it throws, every request in the
 * group is rejected with that error (nothing of the group was committed).
 */
export function groupWrites<I, O>(writeGroup: (items: readonly I[]) => Promise<readonly Settled<O>[]>, { maxGroup, together = () => true }: WriteGroupOptions<I>): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    try {
      // Requests whose bodies were read in the same turn of the event loop join the first group.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.length) {
        const first = queue[0]!.item;
        let size = 1;
        while (size < queue.length && size < maxGroup && together(first, queue[size]!.item)) size++;
        const group = queue.splice(0, size);
        try {
          const results = await writeGroup(group.map((w) => w.item));
          if (results.length !== group.length) throw new Error(`a group of ${group.length} requests returned ${results.length} results`);
          group.forEach((w, i) => {
            const result = results[i]!;
            if (result.ok) w.resolve(result.value);
            else w.reject(result.error);
          });
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      draining = false;
    }
  }

  return (item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!draining) void drain();
    });
}
