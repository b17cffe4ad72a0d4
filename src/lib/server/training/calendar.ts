/**
 * The calendar file for one of a person's places. The UID stays the same for the life of
 * the place, and SEQUENCE (the session's plus the place's) rises with every change, so
 * importing a later file updates or removes the event a calendar already holds. What the
 * event says (cancelled, provisional or confirmed) is the domain's `calendarState`.
 */
import { calendarState } from '../../domain/training/places.ts';
import { nowSeconds } from '../../time.ts';
import { MODE_LABELS } from '../../training/view.ts';
import { calendarOrganizer, getSession } from './catalogue.ts';
import { buildCalendar, type CalendarEvent } from './ics.ts';
import { readBooking, type Reader } from './repository.ts';

/** A calendar file ready to send. */
export interface CalendarFile {
  fileName: string;
  body: string;
}

/**
 * The iCalendar file for place `bookingId` of `person`, or undefined when it is not theirs
 * (or does not exist).
 */
export async function placeCalendar(
  db: Reader,
  { bookingId, person, baseUrl, now = nowSeconds() }: { bookingId: number; person: { id: number; name: string; email: string }; baseUrl: string; now?: number },
): Promise<CalendarFile | undefined> {
  const place = await readBooking(db, bookingId, person.id);
  if (!place) return undefined;
  const [organizer, session] = await Promise.all([calendarOrganizer(db, place.sessionId), getSession(db, place.sessionId, now)]);
  if (!session) return undefined;

  const state = calendarState(place.status, session.status);
  // Provisional either way, but for a different reason.
  const awaitingApproval = state === 'tentative' && place.status === 'awaiting-approval';
  const base = new URL(baseUrl);
  const courseUrl = new URL(`/training/${session.courseSlug}/`, base).href;
  const where = session.mode === 'online' ? `${MODE_LABELS.online}: ${session.venue}` : `${session.venue}${session.district ? `, ${session.district}` : ''}`;
  const description = [
    state === 'cancelled'
      ? 'This place has been cancelled.'
      : awaitingApproval
        ? 'Your place is held while we ask your line manager to approve it. We will email you when they answer.'
        : state === 'tentative'
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
    sequence: session.sequence + place.sequence,
    method: state === 'cancelled' ? 'CANCEL' : 'REQUEST',
    status: state === 'cancelled' ? 'CANCELLED' : state === 'tentative' ? 'TENTATIVE' : 'CONFIRMED',
    start: session.startsAt,
    end: session.startsAt + session.durationMinutes * 60,
    stamp: now,
    summary: `${awaitingApproval ? 'Awaiting approval: ' : state === 'tentative' ? 'Waiting list: ' : ''}${session.courseTitle}`,
    location: where,
    description,
    url: courseUrl,
    // The course's trainer, or the portal itself for a course nobody has been given yet.
    organizer: organizer ?? { name: 'Troubled Families Practitioner Portal', email: `no-reply@${base.hostname}` },
    attendee: { name: person.name, email: person.email, partstat: state === 'cancelled' ? 'DECLINED' : state === 'tentative' ? 'TENTATIVE' : 'ACCEPTED' },
  };
  return { fileName: `${session.courseSlug}-${bookingId}.ics`, body: buildCalendar(event) };
}
