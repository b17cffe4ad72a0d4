import { describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY, mergeContentSecurityPolicy, securityHeaders } from '../../../src/lib/server/security-headers.ts';
import { clientIp } from '../../../src/lib/server/request.ts';
import { describeWait } from '../../../src/lib/server/forms.ts';

describe('securityHeaders', () => {
  test('sets the required policy on every response', () => {
    const headers = securityHeaders(false);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
  });

  test('adds HSTS only in production', () => {
    expect(securityHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders(true)['Strict-Transport-Security']).toMatch(/max-age=\d{7,}/);
  });
});

describe('clientIp', () => {
  test.each([
    ['10.0.0.2', null, false, '10.0.0.2'],
    ['10.0.0.2', '203.0.113.9', false, '10.0.0.2'],
    ['10.0.0.2', '203.0.113.9', true, '203.0.113.9'],
    ['10.0.0.2', 'spoofed, 203.0.113.9', true, '203.0.113.9'],
    ['10.0.0.2', ' , ', true, '10.0.0.2'],
    [undefined, null, false, 'unknown'],
  ])('socket %s, forwarded %j, trusted %s: %s', (socket, forwarded, trust, expected) => {
    expect(clientIp(socket, forwarded, trust)).toBe(expected);
  });
});

describe('describeWait', () => {
  test.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [3600, '60 minutes'],
    [7300, '3 hours'],
  ])('%i seconds reads "%s"', (seconds, text) => {
    expect(describeWait(seconds)).toBe(text);
  });
});

describe('mergeContentSecurityPolicy', () => {
  test("keeps the page's hashes and adds the portal's directives", () => {
    const merged = mergeContentSecurityPolicy("script-src 'self' 'sha256-abc'; style-src 'self'");
    expect(merged).toBe(`script-src 'self' 'sha256-abc'; style-src 'self'; ${CONTENT_SECURITY_POLICY}`);
  });

  test('lets the portal win where both set a directive', () => {
    expect(mergeContentSecurityPolicy("object-src *; script-src 'self'", "object-src 'none'")).toBe("object-src 'none'; script-src 'self'");
  });

  test('gives just the portal policy when the page has none', () => {
    expect(mergeContentSecurityPolicy(undefined)).toBe(CONTENT_SECURITY_POLICY);
  });
});
