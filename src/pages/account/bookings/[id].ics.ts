/**
 * A calendar file for one of the signed-in person's places (made by placeCalendar in
 * src/lib/server/training/calendar.ts).
 */
import type { APIRoute } from 'astro';
import { accountSettings } from '../../../lib/server/config.ts';
import { getPortalDb } from '../../../lib/server/db.ts';
import { placeCalendar } from '../../../lib/server/training/calendar.ts';
import { parseId } from '../../../lib/domain/ids.ts';

export const prerender = false;

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET: APIRoute = async ({ params, locals }) => {
  const user = locals.user;
  const bookingId = parseId(params.id);
  if (!user || bookingId === null) return notFound();
  const portal = await getPortalDb();
  const file = await placeCalendar(portal.db, { bookingId, person: user, baseUrl: accountSettings.baseUrl });
  if (!file) return notFound();
  return new Response(file.body, {
    status: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
