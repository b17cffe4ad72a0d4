/**
 * Page feedback: storing what readers send from the foot of content pages, and the owners'
 * view of it. The rules (what is accepted, the order of the view) are in
 * lib/domain/feedback/model.ts.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { PortalDb } from '../../../../db/client.ts';
import { pageFeedback } from '../../../../db/schema.ts';
import { FEEDBACK_LIMITS, type FeedbackInput, type FeedbackRecord } from '../../domain/feedback/model.ts';
import type { ThrottleResult } from '../../domain/account/throttling.ts';
import { consumeRateLimit } from '../rate-limit.ts';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Row → record. */
function toRecord(row: typeof pageFeedback.$inferSelect): FeedbackRecord {
  return { id: row.id, page: row.page, kind: row.kind, wrong: row.wrong, doing: row.doing, createdAt: row.createdAt, doneAt: row.doneAt };
}

/**
 * Counts one submission from `address` against the feedback limits; when within them,
 * stores the feedback. A refused submission writes nothing.
 */
export async function recordFeedback(portal: PortalDb, address: string, input: FeedbackInput, now = nowSeconds()): Promise<ThrottleResult> {
  const allowed = await consumeRateLimit(portal, `feedback:${address}`, FEEDBACK_LIMITS, now);
  if (!allowed.allowed) return allowed;
  await portal.write((tx) => tx.insert(pageFeedback).values({ page: input.page, kind: input.kind, wrong: input.wrong, doing: input.doing, createdAt: now }));
  return allowed;
}

/** Every piece of feedback about `pages`, newest first. */
export async function feedbackForPages(portal: PortalDb, pages: readonly string[]): Promise<FeedbackRecord[]> {
  if (pages.length === 0) return [];
  const rows = await portal.db
    .select()
    .from(pageFeedback)
    .where(inArray(pageFeedback.page, [...pages]))
    .orderBy(desc(pageFeedback.createdAt), desc(pageFeedback.id));
  return rows.map(toRecord);
}

/**
 * Marks a problem report about one of `pages` done. Returns false when there is no such
 * open report among them (already done, or about a page the owner does not own).
 */
export async function markFeedbackDone(portal: PortalDb, actorId: number, id: number, pages: readonly string[], now = nowSeconds()): Promise<boolean> {
  const done = await portal.write((tx) =>
    tx
      .update(pageFeedback)
      .set({ doneAt: now, doneBy: actorId })
      .where(and(eq(pageFeedback.id, id), eq(pageFeedback.kind, 'problem'), isNull(pageFeedback.doneAt), inArray(pageFeedback.page, [...pages])))
      .returning({ id: pageFeedback.id }),
  );
  return done.length > 0;
}
