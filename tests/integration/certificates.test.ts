import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { bookings, certificates, courses, users } from '../../db/schema.ts';
import { attendedCoursesOf, certificateForPlace, issueCertificates, verifyCertificate } from '../../src/lib/server/training/certificates.ts';
import { nonAttendancesOf } from '../../src/lib/server/training/non-attendance.ts';
import { DAY, NOW, course, members, pastSession, places } from './after-the-course.ts';
import { freshDb } from './helpers.ts';

const titles: Record<string, string> = { 'critical-reflection-and-analysis': 'Critical reflection and analysis', 'systems-and-it': 'Systems and IT' };
const domainTitle = (slug: string) => titles[slug] ?? slug;

async function setup() {
  const portal = await freshDb();
  const [trainer, holder, other] = await members(portal, 3);
  const courseId = await course(portal, trainer!);
  const sessionId = await pastSession(portal, courseId);
  const [place, otherPlace] = await places(portal, sessionId, [holder!, other!]);
  return { portal, trainer: trainer!, holder: holder!, other: other!, courseId, sessionId, place: place!, otherPlace: otherPlace! };
}

describe('certificates of attendance', () => {
  test('the certificate states who, what, when, how long and who trained them, with a code', async () => {
    const { portal, holder, place } = await setup();
    const result = await certificateForPlace(portal, { bookingId: place, userId: holder, domainTitle, now: NOW });
    if (!result.ok) throw new Error(result.reason);
    expect(result.facts).toEqual({
      code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/),
      holderName: 'Person 1',
      courseTitle: 'Restorative practice',
      domains: ['Critical reflection and analysis', 'Systems and IT'],
      sessionStartsAt: NOW - DAY,
      durationMinutes: 150,
      trainerName: 'Person 0',
    });
  });

  test('issued once: the code stays the same and later changes to the course do not alter it', async () => {
    const { portal, holder, place, courseId } = await setup();
    const first = await certificateForPlace(portal, { bookingId: place, userId: holder, domainTitle, now: NOW });
    await portal.db.update(courses).set({ title: 'Renamed' }).where(eq(courses.id, courseId));
    await Promise.all([1, 2, 3].map(() => issueCertificates(portal, { userId: holder, domainTitle, now: NOW })));
    const again = await certificateForPlace(portal, { bookingId: place, userId: holder, domainTitle, now: NOW });
    expect(again.ok && first.ok && again.facts).toEqual(first.ok && first.facts);
    expect(await portal.db.select().from(certificates)).toHaveLength(1);
  });

  test('only for the holder, and only for a place marked attended', async () => {
    const { portal, holder, other, place, otherPlace } = await setup();
    expect(await certificateForPlace(portal, { bookingId: place, userId: other, domainTitle, now: NOW })).toEqual({ ok: false, reason: 'not-found' });
    await portal.db.update(bookings).set({ status: 'no-show' }).where(eq(bookings.id, otherPlace));
    expect(await certificateForPlace(portal, { bookingId: otherPlace, userId: other, domainTitle, now: NOW })).toEqual({ ok: false, reason: 'not-attended' });
    expect((await certificateForPlace(portal, { bookingId: place, userId: holder, domainTitle, now: NOW })).ok).toBe(true);
  });

  test('anyone can check a code; an unknown one is not found; a corrected register withdraws it', async () => {
    const { portal, holder, place } = await setup();
    const issued = await certificateForPlace(portal, { bookingId: place, userId: holder, domainTitle, now: NOW });
    if (!issued.ok) throw new Error(issued.reason);
    const checked = await verifyCertificate(portal.db, issued.facts.code.toLowerCase().replace(/-/g, ' '));
    expect(checked?.state).toBe('valid');
    expect(checked?.facts.holderName).toBe('Person 1');
    expect(await verifyCertificate(portal.db, '0000-0000-0000-0000')).toBeUndefined();
    expect(await verifyCertificate(portal.db, 'not a code')).toBeUndefined();
    await portal.db.update(bookings).set({ status: 'no-show' }).where(eq(bookings.id, place));
    expect((await verifyCertificate(portal.db, issued.facts.code))?.state).toBe('withdrawn');
  });

  test('the record lists attended courses with their domains and codes', async () => {
    const { portal, holder, courseId } = await setup();
    const later = await pastSession(portal, courseId, 0);
    await portal.db.update(users).set({ name: 'Renamed Person' }).where(eq(users.id, holder));
    await places(portal, later, [holder], 'no-show');
    const record = await attendedCoursesOf(portal, { userId: holder, domainTitle, now: NOW });
    expect(record).toEqual([
      {
        courseTitle: 'Restorative practice',
        courseSlug: expect.any(String),
        domains: ['critical-reflection-and-analysis', 'systems-and-it'],
        sessionStartsAt: NOW - DAY,
        durationMinutes: 150,
        certificateCode: expect.stringMatching(/^\w{4}-\w{4}-\w{4}-\w{4}$/),
      },
    ]);
  });
});

describe('non-attendance', () => {
  test('counts places marked did not attend in the last 12 months only', async () => {
    const portal = await freshDb();
    const [trainer, person] = await members(portal, 2);
    const courseId = await course(portal, trainer!);
    const now = new Date(NOW * 1000);
    for (const ago of [10 * DAY, 200 * DAY, 400 * DAY]) await places(portal, await pastSession(portal, courseId, ago), [person!], 'no-show');
    await places(portal, await pastSession(portal, courseId, 20 * DAY), [person!], 'attended');
    expect(await nonAttendancesOf(portal.db, person!, now)).toBe(2);
    expect(await nonAttendancesOf(portal.db, trainer!, now)).toBe(0);
  });
});
