/**
 * Turns the session cookie into `locals.user` and `locals.session`, and applies the route
 * rules from lib/domain/account/permissions.ts. Prerendered pages never reach the database.
 */
import { defineMiddleware } from 'astro:middleware';
import { CHANGE_PASSWORD_PATH, authorizeRoute, safeReturnPath } from './lib/domain/account/permissions.ts';
import { SELF_GUARDED_PATHS, crossOriginForbidden, isForbiddenCrossOriginRequest } from './lib/domain/origin-check.ts';
import { isBodyTooLarge } from './lib/domain/limits.ts';

/**
 * The socket's address, or undefined when the client has already gone (the node adapter
 * then throws rather than answer): the throttle counts such requests as one "unknown" address.
 */
function clientAddressOf(context: { clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined;
  }
}

/**
 * The server-side modules the middleware needs, imported on the first on-demand request and
 * not at the top, so `astro build` never opens the database; kept, so later requests do not
 * go through the module loader again.
 */
function loadServerModules() {
  return Promise.all([
    import('./lib/server/db.ts'),
    import('./lib/server/config.ts'),
    import('./lib/server/auth/session.ts'),
    import('./lib/server/auth/cookies.ts'),
    import('./lib/server/throttle.ts'),
    import('./lib/domain/account/two-factor.ts'),
  ]);
}
let serverModules: ReturnType<typeof loadServerModules> | undefined;

export const onRequest = defineMiddleware(async (context, next) => {
  context.locals.user = null;
  context.locals.session = null;
  context.locals.pendingSignIn = null;
  if (context.isPrerendered) return next();
  // The partners' eligibility API reads no cookies and changes nothing: no session is looked
  // up (or refreshed, or cleared) for it, and it answers cross-origin requests itself.
  if (SELF_GUARDED_PATHS.some((p) => context.url.pathname.startsWith(p))) return next();
  // Astro's own origin check is off (astro.config.mjs) so the partners' API can answer
  // for itself; every other route is checked here exactly as Astro would.
  if (isForbiddenCrossOriginRequest(context.request, context.url)) return crossOriginForbidden(context.request.method);
  // A body over the limit gets a page saying so, instead of the form coming back empty.
  if (context.request.method === 'POST' && context.url.pathname !== '/413' && isBodyTooLarge(context.request.headers.get('content-length'))) {
    return context.rewrite('/413');
  }

  const [{ getPortalDb }, { isProduction }, session, cookies, { refuseThrottledSignIn }, { secondStep }] = await (serverModules ??= loadServerModules());
  // A sign-in from an address over the wrong-password limit is answered here, before the
  // session lookup, the form and the page: under a flood it writes nothing, and reads the
  // database only until the address is known to be refused (src/lib/server/rate-limit.ts).
  if (context.request.method === 'POST' && context.url.pathname === '/login') {
    const returnTo = safeReturnPath(context.url.searchParams.get('returnTo'));
    const refused = await refuseThrottledSignIn(await getPortalDb(), context.request, clientAddressOf(context), returnTo);
    if (refused) return refused;
  }
  const token = cookies.readSessionCookie(context.cookies, isProduction);
  if (token) {
    const result = await session.validateSessionToken(await getPortalDb(), token);
    if (result) {
      const step = secondStep(result.user, result.session.twoFactorVerified);
      if (step === 'none') {
        context.locals.user = result.user;
        context.locals.session = result.session;
      } else {
        // Password given, second step owed: treated as signed out everywhere but the
        // two-factor page and sign-out.
        context.locals.pendingSignIn = { user: result.user, session: result.session, step };
      }
    } else {
      cookies.deleteSessionCookie(context.cookies, isProduction);
    }
  }
  // Static pages fetch the header's account links only when this hint says there is a
  // session. A session from before the hint existed gets one; a hint without a session goes.
  const hinted = cookies.hasSignedInHintCookie(context.cookies, isProduction);
  if ((context.locals.user || context.locals.pendingSignIn) && !hinted) cookies.setSignedInHint(context.cookies, isProduction);
  else if (!token && hinted) cookies.deleteSignedInHint(context.cookies, isProduction);

  const decision = authorizeRoute(context.locals.user, context.url.pathname);
  if (decision === 'sign-in') {
    const returnTo = context.url.pathname + context.url.search;
    return context.redirect(`/login?returnTo=${encodeURIComponent(returnTo)}`, 303);
  }
  if (decision === 'forbidden') return context.rewrite('/403');
  if (decision === 'change-password') return context.redirect(CHANGE_PASSWORD_PATH, 303);

  const response = await next();
  // Pages drawn for one person must never be kept by a shared cache.
  if (token || context.locals.user) response.headers.set('Cache-Control', 'private, no-store');
  return response;
});
