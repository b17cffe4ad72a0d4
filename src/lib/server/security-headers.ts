/**
 * Headers sent with every response, static files included (the start script adds them
 * before Astro answers). Script and style sources are pinned per page by Astro's own CSP
 * `<meta>` tag; this header adds what only a header can say.
 */

/** The policy every response carries. */
export const CONTENT_SECURITY_POLICY = [
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Security headers for a response; HSTS only in production, where TLS is certain. */
export function securityHeaders(production: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (production) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/**
 * Joins the portal's policy with one Astro sets for an on-demand page (its script and
 * style hashes), so neither replaces the other. Our directives win where both name one.
 * @example mergeContentSecurityPolicy("script-src 'self'", "object-src 'none'")
 *   // "script-src 'self'; object-src 'none'"
 */
export function mergeContentSecurityPolicy(fromPage: string | undefined, ours = CONTENT_SECURITY_POLICY): string {
  const directives = new Map<string, string>();
  for (const policy of [fromPage ?? '', ours]) {
    for (const part of policy.split(';')) {
      const directive = part.trim();
      if (!directive) continue;
      directives.set(directive.split(/\s+/)[0]!.toLowerCase(), directive);
    }
  }
  return [...directives.values()].join('; ');
}
