import type { APIRoute } from 'astro';
import { deleteSessionCookie } from '../lib/server/auth/cookies.ts';
import { invalidateSession } from '../lib/server/auth/session.ts';
import { isProduction } from '../lib/server/config.ts';
import { getPortalDb } from '../lib/server/db.ts';

export const prerender = false;

/** Signing out deletes the session on the server, not just the cookie. POST only. */
export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  const session = locals.session ?? locals.pendingSignIn?.session;
  if (session) await invalidateSession(await getPortalDb(), session.id);
  deleteSessionCookie(cookies, isProduction);
  return redirect('/login?notice=signed-out', 303);
};
