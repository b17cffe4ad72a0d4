/**
 * The attendee list of a session as CSV, for registers and spreadsheets. Everyone on the
 * session: places held, then the waiting list in queue order, then places that ended.
 */
import type { APIRoute } from 'astro';
import { attendeesFileName, toCsv } from '../../../../lib/domain/training/csv.ts';
import { statusLabel } from '../../../../lib/domain/training/labels.ts';
import { unixToUkLocal } from '../../../../lib/domain/training/time.ts';
import { getPortalDb } from '../../../../lib/server/db.ts';
import { attendeeListFor, getSession } from '../../../../lib/server/training/catalogue.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { parseId } from '../../../../lib/domain/ids.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, rewrite, locals }) => {
  const id = parseId(params.id);
  const portal = await getPortalDb();
  const session = id === null ? undefined : await getSession(portal.db, id);
  if (!session) return rewrite('/404');
  // Attendee details go only to the trainers who run the course.
  const list = await attendeeListFor(portal.db, { sessionId: session.id, actorId: locals.user!.id });
  if (!list.ok) return rewrite('/403');
  const people = list.attendees;
  let position = 0;
  const rows = people.map((a) => [
    a.name,
    a.organisation,
    a.email,
    statusLabel(a.status, a.managerEmail),
    a.status === 'waiting' ? ++position : '',
    a.status === 'offered' && a.offerExpiresAt !== null ? formatDateTime(a.offerExpiresAt) : '',
  ]);
  const body = toCsv(['Name', 'Organisation', 'Email', 'Status', 'Place on waiting list', 'Offer open until'], rows);
  const fileName = attendeesFileName(session.courseSlug, unixToUkLocal(session.startsAt).date);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
