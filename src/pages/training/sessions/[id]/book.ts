/**
 * Books a place on a session, or a place on its waiting list, for the signed-in person.
 *
 * Contract (the booking benchmark depends on it): POST, form-encoded; always answers 303 to
 * `/training/<slug>/?outcome=<o>&session=<id>#session-<id>`, where `<o>` is `booked`,
 * `waiting` or the reason bookPlace refused. Anonymous visitors are sent to sign in first;
 * an unknown session is a 404. On a course that needs a line manager's approval it answers
 * 303 to that session's line manager form (`/training/sessions/<id>/line-manager`).
 */
import type { APIRoute } from 'astro';
import { existingPlaceRefusal } from '../../../../lib/domain/training/places.ts';
import { accountSettings } from '../../../../lib/server/config.ts';
import { getPortalDb } from '../../../../lib/server/db.ts';
import { bookPlace } from '../../../../lib/server/training/bookings.ts';
import { courseSlugOf, placeOn } from '../../../../lib/server/training/catalogue.ts';
import { parseId } from '../../../../lib/domain/ids.ts';

export const prerender = false;

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

const redirect = (location: string) => new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });

export const POST: APIRoute = async ({ params, locals }) => {
  const sessionId = parseId(params.id);
  if (sessionId === null) return notFound();
  const portal = await getPortalDb();
  const courseSlug = await courseSlugOf(portal.db, sessionId);
  if (courseSlug === undefined) return notFound();
  const coursePage = `/training/${courseSlug}/`;
  const user = locals.user;
  if (!user) return redirect(`/login?returnTo=${coursePage}`);

  const back = (outcome: string) => redirect(`${coursePage}?outcome=${outcome}&session=${sessionId}#session-${sessionId}`);
  try {
    const result = await bookPlace(portal, { sessionId, userId: user.id }, { baseUrl: accountSettings.baseUrl });
    if (result.ok) return back(result.status);
    if (result.reason === 'not-found') return notFound();
    // A course that needs approval asks for the line manager first.
    if (result.reason === 'manager-needed') return redirect(`/training/sessions/${sessionId}/line-manager`);
    return back(result.reason);
  } catch (error) {
    // A lost race (two clicks at once) must not look like a failure: report the place held.
    const place = await placeOn(portal.db, user.id, sessionId).catch(() => undefined);
    const existing = place ? existingPlaceRefusal(place.status) : null;
    if (existing) return back(existing);
    throw error;
  }
};

export const GET: APIRoute = async ({ params }) => {
  const sessionId = parseId(params.id);
  if (sessionId === null) return notFound();
  const portal = await getPortalDb();
  const courseSlug = await courseSlugOf(portal.db, sessionId);
  if (courseSlug === undefined) return notFound();
  return redirect(`/training/${courseSlug}/#session-${sessionId}`);
};
