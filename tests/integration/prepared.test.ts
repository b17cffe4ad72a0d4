import { afterEach, describe, expect, test, vi } from 'vitest';
import { count, eq, getTableColumns, sql } from 'drizzle-orm';
import { KeptStatementsClient } from '../../db/kept-statements.ts';
import { createDb } from '../../db/client.ts';
import { forumCategories, forumPosts, forumTopics, sessions, userRoles, users } from '../../db/schema.ts';
import { allRows } from '../../src/lib/server/prepared.ts';
import { activeMember, freshDb } from './helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A member with a role and a session, a second member with neither, a topic with two posts (one by nobody now). */
async function seeded() {
  const portal = await freshDb();
  const ada = await activeMember(portal, 'ada@kent.gov.uk', 'a long enough password', ['moderator', 'trainer']);
  const [ben] = await portal.db.insert(users).values({ email: 'ben@kent.gov.uk', name: 'Ben', organisation: '', passwordHash: 'x', status: 'active', totpKey: Buffer.from([7, 0, 255]) }).returning();
  await portal.db.insert(sessions).values({ id: 'session-one', secretHash: Buffer.from([1, 2, 3, 250]), userId: ada.id, createdAt: 10, lastSeenAt: 20, userAgent: 'Firefox', twoFactorVerified: true });
  const [category] = await portal.db.insert(forumCategories).values({ slug: 'general', title: 'General', description: 'Anything', position: 1 }).returning();
  const [topic] = await portal.db
    .insert(forumTopics)
    .values({ categoryId: category!.id, authorId: ada.id, title: 'A topic', slug: 'a-topic', pinned: true, locked: false, postCount: 2, createdAt: 100, lastPostAt: 200 })
    .returning();
  await portal.db.insert(forumPosts).values([
    { topicId: topic!.id, authorId: ada.id, body: 'First', bodyHtml: '<p>First</p>', createdAt: 100 },
    { topicId: topic!.id, authorId: null, body: 'Second – with “quotes”', bodyHtml: '<p>Second</p>', createdAt: 200, editedAt: 250, heldAt: 210, heldReason: 'a name' },
  ]);
  return { portal, ada, ben: ben!, topic: topic! };
}

describe('allRows', () => {
  test('gives what drizzle gives, for nested selections, modes, blobs, NULLs, sql<T>, counts and outer joins', async () => {
    const { portal, ada, topic } = await seeded();
    const db = portal.db;
    expect(portal.client).toBeInstanceOf(KeptStatementsClient);
    const statements = {
      // Nested objects from an inner join, a buffer blob, booleans, a computed boolean and a subquery.
      session: db
        .select({
          session: { id: sessions.id, userId: sessions.userId, twoFactorVerified: sessions.twoFactorVerified, createdAt: sessions.createdAt },
          secretHash: sessions.secretHash,
          // A blob through sql``, whose decoder leaves the value as the driver gives it.
          hashAsRead: sql<Buffer>`${sessions.secretHash}`,
          account: { id: users.id, email: users.email, passwordChangeRequired: users.passwordChangeRequired, totpKey: users.totpKey },
          twoFactorEnabled: sql<number>`${users.totpKey} is not null`,
          roles: sql<string | null>`(select group_concat(${userRoles.role}, ',') from ${userRoles} where ${userRoles.userId} = ${users.id})`,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.id, sql.placeholder('id')))
        .prepare(),
      // Every column of a table, a flat column from an outer join (NULL for the author-less post), aliased SQL and mapWith.
      posts: db
        .select({
          ...getTableColumns(forumPosts),
          authorName: users.name,
          doubled: sql`${forumPosts.createdAt} * 2`.mapWith(Number).as('doubled'),
          heldFlag: sql<boolean>`${forumPosts.heldAt} is not null`.mapWith(Boolean),
        })
        .from(forumPosts)
        .leftJoin(users, eq(users.id, forumPosts.authorId))
        .where(eq(forumPosts.topicId, sql.placeholder('topicId')))
        .orderBy(forumPosts.id)
        .prepare(),
      // A nested object from an outer join: drizzle makes it null when all its values are, so it keeps that one.
      nestedOuter: db
        .select({ id: forumPosts.id, author: { name: users.name, organisation: users.organisation } })
        .from(forumPosts)
        .leftJoin(users, eq(users.id, forumPosts.authorId))
        .orderBy(forumPosts.id)
        .prepare(),
      topics: db.select().from(forumTopics).where(eq(forumTopics.id, sql.placeholder('topicId'))).prepare(),
      counted: db.select({ n: count() }).from(forumPosts).where(eq(forumPosts.topicId, sql.placeholder('topicId'))).prepare(),
      none: db.select({ id: users.id }).from(users).where(eq(users.id, sql.placeholder('userId'))).prepare(),
    };
    const values = { id: 'session-one', topicId: topic.id, userId: -1 };
    for (const [name, statement] of Object.entries(statements)) {
      const expected = await statement.all(values);
      expect({ name, rows: await allRows(db, statement, values) }).toEqual({ name, rows: expected });
    }
    // The shapes checked above, as a reader sees them.
    const [session] = await allRows(db, statements.session, values);
    expect(session!.secretHash).toBeInstanceOf(Buffer);
    expect([...session!.secretHash]).toEqual([1, 2, 3, 250]);
    expect(session!.hashAsRead).toBeInstanceOf(Buffer);
    expect(session!.session.twoFactorVerified).toBe(true);
    expect(session!.account).toMatchObject({ id: ada.id, passwordChangeRequired: false, totpKey: null });
    expect(session!.roles!.split(',').sort()).toEqual(['moderator', 'trainer']);
    const posts = await allRows(db, statements.posts, values);
    expect(posts.map((p) => [p.authorName, p.doubled, p.heldFlag])).toEqual([
      ['Sam Okafor', 200, false],
      [null, 400, true],
    ]);
    expect((await allRows(db, statements.nestedOuter, values)).map((p) => p.author)).toEqual([{ name: 'Sam Okafor', organisation: 'KCC' }, null]);
  });

  test('reads through the kept statements as arrays, and leaves other clients and transactions to drizzle', async () => {
    const { portal, topic } = await seeded();
    const statement = portal.db.select({ id: forumPosts.id }).from(forumPosts).where(eq(forumPosts.topicId, sql.placeholder('topicId'))).prepare();
    const arrays = vi.spyOn(KeptStatementsClient.prototype, 'executeArrays');
    expect(await allRows(portal.db, statement, { topicId: topic.id })).toHaveLength(2);
    expect(arrays).toHaveBeenCalledTimes(1);

    // An in-memory database has no file for kept statements: drizzle runs it as usual.
    const memory = await createDb(':memory:');
    expect(memory.client).not.toBeInstanceOf(KeptStatementsClient);
    const one = memory.db.select({ one: sql<number>`1` }).from(sql`(select 1)`).prepare();
    expect(await allRows(memory.db, one, {})).toEqual([{ one: 1 }]);
    memory.close();

    await portal.write(async (tx) => {
      const inside = tx.select({ id: forumPosts.id }).from(forumPosts).prepare();
      expect(await allRows(tx, inside, {})).toHaveLength(2);
    });
    expect(arrays).toHaveBeenCalledTimes(1);
  });
});
