import type { APIRoute } from 'astro';
import { deleteSessionCookie } from '../lib/server/auth/cookies.ts';
import { invalidateSession } from '../lib/server/auth/session.ts';
import { isProduction } from '../lib/server/config.ts';
import { getPortalDb } from '../lib/server/db.ts';

export const prerender = false;

/** Signing out deletes the session on the server, not just the cookie. POST only. */
export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  if (locals.session) await invalidateSession(await getPortalDb(), locals.session.id);
  deleteSessionCookie(cookies, isProduction);
  return redirect('/login?notice=signed-out', 303);
};
