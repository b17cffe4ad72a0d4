/**
 * A calendar file for one of the signed-in person's places. The UID stays the same for the
 * life of the place, and SEQUENCE (the session's plus the place's) rises with every change,
 * so importing a later file updates or removes the event a calendar already holds.
 */
import type { APIRoute } from 'astro';
import { sql } from 'drizzle-orm';
import { accountSettings } from '../../../lib/server/config.ts';
import { getPortalDb } from '../../../lib/server/db.ts';
import { nowSeconds } from '../../../lib/time.ts';
import { calendarOrganizer, getSession } from '../../../lib/server/training/catalogue.ts';
import { buildCalendar, type CalendarEvent } from '../../../lib/server/training/ics.ts';
import { MODE_LABELS } from '../../../lib/training/view.ts';
import { parseId } from '../../../lib/domain/ids.ts';

export const prerender = false;

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET: APIRoute = async ({ params, locals }) => {
  const user = locals.user;
  const bookingId = parseId(params.id);
  if (!user || bookingId === null) return notFound();
  const portal = await getPortalDb();
  const row = (await portal.db.run(sql`SELECT session_id, status, sequence FROM bookings WHERE id = ${bookingId} AND user_id = ${user.id}`)).rows[0];
  if (!row) return notFound();
  const organizer = await calendarOrganizer(portal.db, Number(row.session_id));
  const session = await getSession(portal.db, Number(row.session_id));
  if (!session) return notFound();

  const status = String(row.status);
  const ended = session.status === 'cancelled' || ['cancelled', 'declined', 'expired'].includes(status);
  const base = new URL(accountSettings.baseUrl);
  const courseUrl = new URL(`/training/${session.courseSlug}/`, base).href;
  const where = session.mode === 'online' ? `${MODE_LABELS.online}: ${session.venue}` : `${session.venue}${session.district ? `, ${session.district}` : ''}`;
  const waiting = status === 'waiting';
  const description = [
    ended
      ? 'This place has been cancelled.'
      : waiting
        ? 'You are on the waiting list for this session. We will email you if a place comes up.'
        : 'Your place on this Skills Matrix training session.',
    session.status === 'cancelled' && session.cancelReason ? `Reason: ${session.cancelReason}` : '',
    `Course details: ${courseUrl}`,
    `Your training bookings: ${new URL('/account/bookings', base).href}`,
  ]
    .filter(Boolean)
    .join('\n');

  const event: CalendarEvent = {
    uid: `booking-${bookingId}@${base.hostname}`,
    sequence: session.sequence + Number(row.sequence),
    method: ended ? 'CANCEL' : 'REQUEST',
    status: ended ? 'CANCELLED' : waiting ? 'TENTATIVE' : 'CONFIRMED',
    start: session.startsAt,
    end: session.startsAt + session.durationMinutes * 60,
    stamp: nowSeconds(),
    summary: `${waiting ? 'Waiting list: ' : ''}${session.courseTitle}`,
    location: where,
    description,
    url: courseUrl,
    // The course's trainer, or the portal itself for a course nobody has been given yet.
    organizer: organizer ?? { name: 'Troubled Families Practitioner Portal', email: `no-reply@${base.hostname}` },
    attendee: { name: user.name, email: user.email, partstat: ended ? 'DECLINED' : waiting ? 'TENTATIVE' : 'ACCEPTED' },
  };
  return new Response(buildCalendar(event), {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${session.courseSlug}-${bookingId}.ics"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
