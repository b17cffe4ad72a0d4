/** Facts about the incoming request that need care to read safely. */

/**
 * The client's address for throttling. `X-Forwarded-For` can be forged by anyone, so it is
 * read only when the portal is configured to sit behind a proxy that sets it; then the
 * right-most entry is the one the proxy saw.
 * @example clientIp('10.0.0.2', '203.0.113.9, 10.0.0.1', true) // '10.0.0.1'
 */
export function clientIp(socketAddress: string | undefined, forwardedFor: string | null, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const hops = forwardedFor
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  return socketAddress || 'unknown';
}
