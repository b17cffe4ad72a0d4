/**
 * Non-attendance: how many places a person booked, kept and did not use (marked "did not
 * attend" on the register) in the last 12 months. The rule and its window are in
 * lib/domain/training/non-attendance.ts; the terms shown are a setting (config.ts).
 */
import { and, eq, gte } from 'drizzle-orm';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import { bookings, trainingSessions } from '../../../../db/schema.ts';
import { countNonAttendances, nonAttendanceWindowStart } from '../../domain/training/non-attendance.ts';

type Reader = PortalDb['db'] | Tx;

/** A person's non-attendances in the window that ends now. */
export async function nonAttendancesOf(db: Reader, userId: number, now = new Date()): Promise<number> {
  const from = Math.floor(nonAttendanceWindowStart(now).getTime() / 1000);
  const rows = await db
    .select({ status: bookings.status, startsAt: trainingSessions.startsAt })
    .from(bookings)
    .innerJoin(trainingSessions, eq(trainingSessions.id, bookings.sessionId))
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'no-show'), gte(trainingSessions.startsAt, from)));
  return countNonAttendances(rows, now);
}
