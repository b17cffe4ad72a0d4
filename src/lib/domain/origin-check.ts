/**
 * Cross-site form protection, as Astro's own `security.checkOrigin` does it, with one
 * exception: the partners' eligibility API. Astro's check runs before any route and answers
 * a plain-text 403 to a POST from another origin with a form-like (or no) content type, so
 * the API could never say "415, send JSON". The API reads no cookies and changes nothing,
 * so there is nothing to forge; it answers for itself (JSON, 405, 415, CORS for listed
 * partners). Everything else keeps exactly Astro's rule.
 */

const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Paths that answer cross-origin requests themselves. */
export const SELF_GUARDED_PATHS = ['/api/eligibility/'];

/**
 * Whether a request must be refused as a cross-site form submission: an unsafe method from
 * another origin with a form-like content type or none at all.
 */
export function isForbiddenCrossOriginRequest(request: { method: string; headers: Headers }, url: URL): boolean {
  if (SAFE_METHODS.includes(request.method)) return false;
  if (SELF_GUARDED_PATHS.some((p) => url.pathname.startsWith(p))) return false;
  const sameOrigin = request.headers.get('origin') === url.origin;
  const type = request.headers.get('content-type');
  if (type !== null) return !sameOrigin && FORM_CONTENT_TYPES.some((t) => type.toLowerCase().includes(t));
  return !sameOrigin;
}

/** The answer Astro gives to a refused request. */
export function crossOriginForbidden(method: string): Response {
  return new Response(`Cross-site ${method} form submissions are forbidden`, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
