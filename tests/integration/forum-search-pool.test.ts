/**
 * Forum search in its worker threads (search-pool.ts, search-worker.ts) against a real,
 * migrated database file: the same results as searching on the server's own connection, held
 * and hidden posts left out, and the failures a page must survive: a worker that crashes is
 * replaced, and a search that cannot be answered fails with SearchUnavailableError.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { seedCategories } from '../../db/seed-forum.ts';
import { createTopic, moderate, reply } from '../../src/lib/server/forum/forum.ts';
import { listCategories, searchForum } from '../../src/lib/server/forum/queries.ts';
import { SearchPool, SearchUnavailableError } from '../../src/lib/server/forum/search-pool.ts';
import { freshDb } from './helpers.ts';

const NOW = 1_800_000_000;
const DAY = 86400;
const WORKER = new URL('../../src/lib/server/forum/search-worker.ts', import.meta.url);
const CRASHING_WORKER = new URL('./fixtures/crashing-search-worker.ts', import.meta.url);

const pools: SearchPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
function pool(options: ConstructorParameters<typeof SearchPool>[0]): SearchPool {
  const p = new SearchPool(options);
  pools.push(p);
  return p;
}

async function forum() {
  const portal = await freshDb();
  await portal.write((tx) => seedCategories(tx));
  const general = (await listCategories(portal.db)).find((c) => c.slug === 'general')!.id;
  const ids: number[] = [];
  await portal.write(async (tx) => {
    for (const name of ['Asha Patel', 'Ben Cole', 'Cara Doyle']) {
      const r = await tx.run(sql`
        INSERT INTO users (email, name, organisation, password_hash, status, approved_at, created_at)
        VALUES (${`${name.split(' ')[0]!.toLowerCase()}@kent.gov.uk`}, ${name}, 'KCC', 'x', 'active', ${NOW - 30 * DAY}, ${NOW - 30 * DAY})
        RETURNING id`);
      ids.push(Number(r.rows[0]!.id));
    }
  });
  const [author, other, mod] = ids as [number, number, number];
  const topic = await createTopic(portal, {
    categoryId: general,
    authorId: other,
    title: 'Rent arrears and the first visit',
    body: 'How do you open a conversation about **rent arrears** on a first visit?',
    now: NOW,
  });
  if (!topic.ok) throw new Error('topic');
  const answer = await reply(portal, { topicId: topic.topicId, authorId: author, body: 'I ask about rent arrears once the family trust me.', now: NOW + 10 });
  if (!answer.ok) throw new Error('reply');
  return { portal, author, other, mod, topic, answer };
}

describe('SearchPool', () => {
  test('answers in a worker thread exactly as the server connection would, excerpts included', async () => {
    const { portal, topic, answer } = await forum();
    const searches = pool({ url: portal.url, size: 2, workerUrl: WORKER });
    const inWorker = await searches.search('rent arrears');
    expect(inWorker).toEqual(await searchForum(portal.db, 'rent arrears'));
    expect(inWorker.total).toBe(2);
    expect(inWorker.hits.map((h) => h.postId).sort()).toEqual([topic.postId, answer.postId].sort());
    // Cut from the stored HTML: the Markdown's asterisks are gone, the match is marked.
    expect(inWorker.hits.find((h) => h.postId === topic.postId)!.snippet).toBe(
      'How do you open a conversation about <mark>rent</mark> <mark>arrears</mark> on a first visit?',
    );
    expect(await searches.search('')).toEqual({ hits: [], total: 0, more: false });
  });

  test('leaves out a held post, and a topic whose opening post is hidden, for every reader', async () => {
    const { portal, author, mod, topic } = await forum();
    const searches = pool({ url: portal.url, size: 1, workerUrl: WORKER });
    const held = await reply(portal, {
      topicId: topic.topicId,
      authorId: author,
      body: 'Spoke to Chantelle about the rent arrears and she will ring the landlord.',
      hold: true,
      now: NOW + 20,
    });
    expect(held).toMatchObject({ ok: true, held: true });
    expect((await searches.search('Chantelle landlord')).hits).toEqual([]);
    expect((await searches.search('rent arrears')).hits.map((h) => h.postId)).not.toContain(held.ok && held.postId);
    await moderate(portal, mod, { action: 'hide', postId: topic.postId, reason: 'Names a family' }, NOW + 30);
    expect(await searches.search('rent arrears')).toMatchObject({ hits: [], total: 0 });
  });

  test('a worker that crashes fails only the searches it held, and the next search gets a new worker', async () => {
    const { portal } = await forum();
    const searches = pool({ url: portal.url, size: 1, workerUrl: CRASHING_WORKER });
    expect((await searches.search('arrears')).total).toBe(2);
    expect(searches.started).toBe(1);
    await expect(searches.search('crash-the-worker')).rejects.toBeInstanceOf(SearchUnavailableError);
    expect((await searches.search('arrears')).total).toBe(2);
    expect(searches.started).toBe(2);
  });

  test('a search that never ends fails after the time limit, and its worker is replaced', async () => {
    const { portal } = await forum();
    const searches = pool({ url: portal.url, size: 1, workerUrl: CRASHING_WORKER, timeoutMs: 1_000 });
    // The first search waits for the worker to start; the limit then applies as set.
    expect((await searches.search('arrears')).total).toBe(2);
    await expect(searches.search('hang-the-worker')).rejects.toThrow(/took longer than 1000 ms/);
    expect((await searches.search('arrears')).total).toBe(2);
    expect(searches.started).toBe(2);
  });

  test('a database it cannot search gives SearchUnavailableError, not a stack trace', async () => {
    const { portal } = await forum();
    await portal.write((tx) => tx.run(sql`DROP TABLE forum_search`));
    const searches = pool({ url: portal.url, size: 1, workerUrl: WORKER });
    const failure = await searches.search('arrears').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SearchUnavailableError);
    expect((failure as Error).message).not.toContain('arrears');
  });

  test('the worker cannot write to the database', async () => {
    const { portal } = await forum();
    const { openReadOnlyDb } = await import('../../db/client.ts');
    const reader = await openReadOnlyDb(portal.url);
    try {
      const refused = await reader.db.run(sql`DELETE FROM forum_search`).catch((error: unknown) => error as Error);
      expect(String((refused as Error).cause)).toMatch(/SQLITE_READONLY/);
    } finally {
      reader.close();
    }
    expect((await searchForum(portal.db, 'arrears')).total).toBe(2);
  });
});
