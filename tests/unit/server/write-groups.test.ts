import { describe, expect, test } from 'vitest';
import { groupWrites, type Settled } from '../../../src/lib/server/write-groups.ts';

/** A group writer that records the groups it is given and answers each item doubled. */
function recorder(answer: (item: number) => Settled<number> = (item) => ({ ok: true, value: item * 2 })) {
  const groups: number[][] = [];
  const write = async (items: readonly number[]) => {
    groups.push([...items]);
    return items.map(answer);
  };
  return { groups, write };
}

describe('groupWrites', () => {
  test('requests made together go into one group, in the order they were made, each with its own answer', async () => {
    const { groups, write } = recorder();
    const add = groupWrites(write, { maxGroup: 10 });
    expect(await Promise.all([1, 2, 3, 4].map(add))).toEqual([2, 4, 6, 8]);
    expect(groups).toEqual([[1, 2, 3, 4]]);
  });

  test('a group holds at most maxGroup requests; the rest follow in later groups, in order', async () => {
    const { groups, write } = recorder();
    const add = groupWrites(write, { maxGroup: 3 });
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map(add));
    expect(groups).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  test('requests made while a group is being written wait for the next group, together', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const add = groupWrites(
      async (items: readonly number[]) => {
        groups.push([...items]);
        if (groups.length === 1) await held;
        return items.map((value) => ({ ok: true as const, value }));
      },
      { maxGroup: 10 },
    );
    const first = add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const more = [add(2), add(3)];
    expect(groups).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...more])).toEqual([1, 2, 3]);
    expect(groups).toEqual([[1], [2, 3]]);
  });

  test('a group ends where the next request may not share it with the first', async () => {
    const { groups, write } = recorder();
    const add = groupWrites(write, { maxGroup: 10, together: (first, next) => Math.floor(first / 10) === Math.floor(next / 10) });
    await Promise.all([11, 12, 21, 13].map(add));
    expect(groups).toEqual([[11, 12], [21], [13]]);
  });

  test('a request that failed alone is rejected alone', async () => {
    const { write } = recorder((item) => (item === 2 ? { ok: false, error: new Error('two failed') } : { ok: true, value: item }));
    const add = groupWrites(write, { maxGroup: 10 });
    const results = await Promise.allSettled([1, 2, 3].map(add));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('two failed') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  test('when the group itself fails, every request in it is rejected, and later groups still run', async () => {
    let calls = 0;
    const add = groupWrites(
      async (items: readonly number[]) => {
        calls++;
        if (calls === 1) throw new Error('commit failed');
        return items.map((value) => ({ ok: true as const, value }));
      },
      { maxGroup: 2 },
    );
    const results = await Promise.allSettled([1, 2, 3].map(add));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(await add(4)).toBe(4);
  });
});
