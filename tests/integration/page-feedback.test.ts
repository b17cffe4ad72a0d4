import { describe, expect, test } from 'vitest';
import { pageFeedback } from '../../db/schema.ts';
import { feedbackForPages, markFeedbackDone, recordFeedback } from '../../src/lib/server/feedback/feedback.ts';
import { FEEDBACK_LIMITS } from '../../src/lib/domain/feedback/model.ts';
import { activeMember, freshDb } from './helpers.ts';

const report = { page: '/guidance/phase-2/', kind: 'problem' as const, wrong: 'A broken link', doing: null };

describe('page feedback', () => {
  test('stores feedback and lists it for the owner, newest first', async () => {
    const portal = await freshDb();
    await recordFeedback(portal, '203.0.113.1', { page: '/guidance/phase-2/', kind: 'yes', wrong: null, doing: null }, 1000);
    await recordFeedback(portal, '203.0.113.1', report, 2000);
    await recordFeedback(portal, '203.0.113.1', { ...report, page: '/guidance/other/' }, 3000);
    const listed = await feedbackForPages(portal, ['/guidance/phase-2/']);
    expect(listed.map((f) => [f.kind, f.createdAt])).toEqual([['problem', 2000], ['yes', 1000]]);
  });

  test('an address over the limit is refused with a wait, and nothing is stored', async () => {
    const portal = await freshDb();
    const minute = FEEDBACK_LIMITS[0]!;
    for (let i = 0; i < minute.max; i++) expect((await recordFeedback(portal, '203.0.113.2', report, 5000 + i)).allowed).toBe(true);
    const refused = await recordFeedback(portal, '203.0.113.2', report, 5000 + minute.max);
    expect(refused).toEqual({ allowed: false, retryAfter: expect.any(Number) });
    expect(await portal.db.select().from(pageFeedback)).toHaveLength(minute.max);
    // Another address is not affected.
    expect((await recordFeedback(portal, '203.0.113.3', report, 5000 + minute.max)).allowed).toBe(true);
  });

  test('a report is marked done once, and only by the owner of its page', async () => {
    const portal = await freshDb();
    const editor = await activeMember(portal, 'editor@kent.gov.uk', 'a-long-enough-password');
    await recordFeedback(portal, '203.0.113.4', report, 1000);
    const [stored] = await feedbackForPages(portal, ['/guidance/phase-2/']);
    expect(await markFeedbackDone(portal, editor.id, stored!.id, ['/guidance/other/'], 2000)).toBe(false);
    expect(await markFeedbackDone(portal, editor.id, stored!.id, ['/guidance/phase-2/'], 2000)).toBe(true);
    expect(await markFeedbackDone(portal, editor.id, stored!.id, ['/guidance/phase-2/'], 3000)).toBe(false);
    expect((await feedbackForPages(portal, ['/guidance/phase-2/']))[0]!.doneAt).toBe(2000);
  });
});
