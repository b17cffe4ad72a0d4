/**
 * Reading history: when each member last opened each content page, the opt-in weekly e-mail
 * of pages changed since, and the 12-month purge. The rules are in
 * lib/domain/reading/model.ts; the pages and their amendments come from the caller (the
 * content collections, or the build's amendments file for the background job).
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { PortalDb } from '../../../../db/client.ts';
import { readingDigestSubscribers, readingHistory, users } from '../../../../db/schema.ts';
import {
  DIGEST_INTERVAL_SECONDS,
  READING_RETENTION_SECONDS,
  digestPages,
  type ChangeablePage,
  type ReadingEntry,
} from '../../domain/reading/model.ts';
import { queueEmails } from '../outbox.ts';
import { allRows, preparedPer } from '../prepared.ts';
import { formatDate } from '../../format.ts';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Records that a member opened a page now, and returns when they last opened it before
 * (null the first time, or when that reading has been deleted or purged).
 */
export async function recordReading(portal: PortalDb, userId: number, page: string, now = nowSeconds()): Promise<number | null> {
  return portal.write(async (tx) => {
    const [before] = await tx
      .select({ readAt: readingHistory.readAt })
      .from(readingHistory)
      .where(and(eq(readingHistory.userId, userId), eq(readingHistory.page, page)));
    await tx
      .insert(readingHistory)
      .values({ userId, page, readAt: now })
      .onConflictDoUpdate({ target: [readingHistory.userId, readingHistory.page], set: { readAt: now } });
    // A reading older than the retention period is as good as purged.
    return before && before.readAt > now - READING_RETENTION_SECONDS ? before.readAt : null;
  });
}

// The account page reads this on every visit: its SQL is built once.
const historyOfUser = preparedPer((db: PortalDb['db']) =>
  db
    .select({ page: readingHistory.page, readAt: readingHistory.readAt })
    .from(readingHistory)
    .where(and(eq(readingHistory.userId, sql.placeholder('userId')), gt(readingHistory.readAt, sql.placeholder('since'))))
    .orderBy(desc(readingHistory.readAt), asc(readingHistory.page))
    .prepare(),
);

/** A member's reading history, most recent first. */
export async function readingHistoryOf(portal: PortalDb, userId: number, now = nowSeconds()): Promise<ReadingEntry[]> {
  return allRows(portal.db, historyOfUser(portal.db), { userId, since: now - READING_RETENTION_SECONDS });
}

/** Deletes one page from a member's history, or all of it when `page` is omitted. */
export async function deleteReadingHistory(portal: PortalDb, userId: number, page?: string): Promise<void> {
  await portal.write((tx) =>
    tx.delete(readingHistory).where(page === undefined ? eq(readingHistory.userId, userId) : and(eq(readingHistory.userId, userId), eq(readingHistory.page, page))),
  );
}

/** Deletes every reading older than 12 months. Returns how many went. */
export async function purgeOldReadings(portal: PortalDb, now = nowSeconds()): Promise<number> {
  const removed = await portal.write((tx) =>
    tx.delete(readingHistory).where(lte(readingHistory.readAt, now - READING_RETENTION_SECONDS)).returning({ userId: readingHistory.userId }),
  );
  return removed.length;
}

/** True when the member has asked for the weekly e-mail. */
export async function wantsReadingDigest(portal: PortalDb, userId: number): Promise<boolean> {
  const rows = await portal.db.select({ userId: readingDigestSubscribers.userId }).from(readingDigestSubscribers).where(eq(readingDigestSubscribers.userId, userId));
  return rows.length > 0;
}

/**
 * Turns the weekly e-mail on or off. Turning it on counts from now, so the first e-mail lists
 * changes published after the member asked.
 */
export async function setReadingDigest(portal: PortalDb, userId: number, on: boolean, now = nowSeconds()): Promise<void> {
  await portal.write(async (tx) => {
    if (on) await tx.insert(readingDigestSubscribers).values({ userId, lastSentAt: now, createdAt: now }).onConflictDoNothing();
    else await tx.delete(readingDigestSubscribers).where(eq(readingDigestSubscribers.userId, userId));
  });
}

/**
 * Queues the weekly e-mail for every subscriber it is due for and who has a page changed
 * since they read it; subscribers with nothing changed get nothing (and stay due, so the
 * next change reaches them at the next run, not a week later). Who is due is read without
 * the write lock (it runs every minute and is usually nobody); each e-mail is then queued in
 * the same transaction as a conditional update of `lastSentAt`, so two instances never both
 * send it. Returns the number of e-mails queued.
 */
export async function sendReadingDigests(portal: PortalDb, pages: readonly ChangeablePage[], baseUrl: string, now = nowSeconds()): Promise<number> {
  const isDue = or(isNull(readingDigestSubscribers.lastSentAt), lte(readingDigestSubscribers.lastSentAt, now - DIGEST_INTERVAL_SECONDS));
  const due = await portal.db
    .select({ userId: readingDigestSubscribers.userId, lastSentAt: readingDigestSubscribers.lastSentAt, email: users.email, name: users.name })
    .from(readingDigestSubscribers)
    .innerJoin(users, eq(users.id, readingDigestSubscribers.userId))
    .where(and(eq(users.status, 'active'), isDue));
  if (due.length === 0) return 0;
  const history = await portal.db
    .select()
    .from(readingHistory)
    .where(and(inArray(readingHistory.userId, due.map((d) => d.userId)), gt(readingHistory.readAt, now - READING_RETENTION_SECONDS)));
  const emails = due.flatMap((subscriber) => {
    const changed = digestPages(history.filter((h) => h.userId === subscriber.userId), pages, subscriber.lastSentAt);
    if (changed.length === 0) return [];
    const lines = changed.flatMap((c) => [c.title, `${baseUrl}${c.url}`, ...c.changes.map((a) => `- ${formatDate(a.date)}: ${a.summary}`), '']);
    return [{
      userId: subscriber.userId,
      message: {
        to: subscriber.email,
        subject: changed.length === 1 ? 'A page you read has changed' : `${changed.length} pages you read have changed`,
        body: `Dear ${subscriber.name},\n\nThese guidance pages have changed since you last read them:\n\n${lines.join('\n')}\nSee everything that changed, and your reading history:\n${baseUrl}/account/reading\n\nTo stop these e-mails, turn them off on that page.\n\nTroubled Families Practitioner Portal\nKent County Council`,
      },
    }];
  });
  if (emails.length === 0) return 0;
  return portal.write(async (tx) => {
    // Claimed here: a subscriber another instance got to first has already moved lastSentAt.
    const claimed = await tx
      .update(readingDigestSubscribers)
      .set({ lastSentAt: now })
      .where(and(inArray(readingDigestSubscribers.userId, emails.map((e) => e.userId)), isDue))
      .returning({ userId: readingDigestSubscribers.userId });
    const mine = new Set(claimed.map((c) => c.userId));
    const messages = emails.filter((e) => mine.has(e.userId)).map((e) => e.message);
    if (messages.length > 0) await queueEmails(tx, messages);
    return messages.length;
  });
}
