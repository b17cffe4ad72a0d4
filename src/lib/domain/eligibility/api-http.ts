/**
 * The HTTP rules of the partners' eligibility API, kept pure so they are tested without a
 * server: which methods each endpoint allows, and which cross-origin callers may use it.
 *
 * Cross-origin calls are off unless origins are listed in `ELIGIBILITY_API_ORIGINS`. The
 * API is stateless and reads no cookies, so allowing a listed partner's web application to
 * call it exposes nothing but the public rules; credentials are never allowed.
 */

export type ApiMethod = 'GET' | 'HEAD' | 'POST' | 'OPTIONS';

/** How long a browser may cache a preflight answer, in seconds. */
export const PREFLIGHT_MAX_AGE = 600;

/** The request headers a cross-origin caller may send. */
export const ALLOWED_REQUEST_HEADERS = ['Content-Type'];

/**
 * Reads the comma-separated setting into origins (`https://case.example.org`). Entries that
 * are not an http(s) origin, and `*`, are ignored: partners are named one by one.
 * @example parseAllowedOrigins('https://a.example.org, https://b.example.org/') → ['https://a.example.org', 'https://b.example.org']
 */
export function parseAllowedOrigins(setting: string | undefined): string[] {
  const origins: string[] = [];
  for (const entry of (setting ?? '').split(',')) {
    const trimmed = entry.trim();
    if (!trimmed || trimmed === '*') continue;
    try {
      const url = new URL(trimmed);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && !origins.includes(url.origin)) origins.push(url.origin);
    } catch {
      // Not a URL: ignored, as documented.
    }
  }
  return origins;
}

/** The `Allow` header for an endpoint's methods. */
export function allowHeader(methods: readonly ApiMethod[]): string {
  const all = new Set<ApiMethod>([...methods, 'OPTIONS']);
  if (all.has('GET')) all.add('HEAD');
  return (['GET', 'HEAD', 'POST', 'OPTIONS'] as const).filter((m) => all.has(m)).join(', ');
}

/** CORS headers for an actual (not preflight) response: the origin echoed only if listed. */
export function corsHeaders(origin: string | null, allowed: readonly string[]): Record<string, string> {
  // Vary on every response, so a shared cache never serves one origin's answer to another.
  const headers: Record<string, string> = { Vary: 'Origin' };
  if (origin && allowed.includes(origin)) headers['Access-Control-Allow-Origin'] = origin;
  return headers;
}

/**
 * The answer to `OPTIONS`: always `Allow`; and, for a listed origin asking to use an allowed
 * method with allowed headers, the CORS preflight grant.
 */
export function preflightHeaders(
  request: { origin: string | null; method: string | null; headers: string | null },
  methods: readonly ApiMethod[],
  allowed: readonly string[],
): Record<string, string> {
  const allow = allowHeader(methods);
  const headers: Record<string, string> = { Allow: allow, Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' };
  const { origin, method, headers: requested } = request;
  if (!origin || !allowed.includes(origin) || !method) return headers;
  if (!allow.split(', ').includes(method.toUpperCase())) return headers;
  const asked = (requested ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  if (!asked.every((h) => ALLOWED_REQUEST_HEADERS.some((a) => a.toLowerCase() === h))) return headers;
  return {
    ...headers,
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': allow,
    'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS.join(', '),
    'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
  };
}
