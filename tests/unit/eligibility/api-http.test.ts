import { describe, expect, test } from 'vitest';
import { allowHeader, corsHeaders, parseAllowedOrigins, preflightHeaders } from '../../../src/lib/domain/eligibility/api-http.ts';

const PARTNER = 'https://case.partner.example.org';

describe('parseAllowedOrigins', () => {
  test.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['*', []],
    [`${PARTNER}`, [PARTNER]],
    [` ${PARTNER}/ , https://b.example.org:8443/path , not a url, ftp://x.example.org, ${PARTNER}`, [PARTNER, 'https://b.example.org:8443']],
  ])('%o gives %o', (setting, origins) => {
    expect(parseAllowedOrigins(setting)).toEqual(origins);
  });
});

describe('allowHeader', () => {
  test('lists HEAD with GET and always OPTIONS', () => {
    expect(allowHeader(['GET'])).toBe('GET, HEAD, OPTIONS');
    expect(allowHeader(['POST'])).toBe('POST, OPTIONS');
  });
});

describe('corsHeaders', () => {
  test('echoes a listed origin, never another, and always varies on Origin', () => {
    expect(corsHeaders(PARTNER, [PARTNER])).toEqual({ Vary: 'Origin', 'Access-Control-Allow-Origin': PARTNER });
    expect(corsHeaders('https://evil.example.org', [PARTNER])).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(null, [PARTNER])).toEqual({ Vary: 'Origin' });
  });

  test('is off by default: no origin is allowed when none is listed', () => {
    expect(corsHeaders(PARTNER, parseAllowedOrigins(undefined))).toEqual({ Vary: 'Origin' });
  });
});

describe('preflightHeaders', () => {
  const ask = (origin: string | null, method: string | null, headers: string | null = 'content-type') => preflightHeaders({ origin, method, headers }, ['POST'], [PARTNER]);

  test('grants a listed origin a POST with Content-Type', () => {
    expect(ask(PARTNER, 'POST')).toMatchObject({
      Allow: 'POST, OPTIONS',
      'Access-Control-Allow-Origin': PARTNER,
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
    });
  });

  test.each<[string, string | null, string | null, string | null]>([
    ['an origin not listed', 'https://evil.example.org', 'POST', 'content-type'],
    ['no origin', null, 'POST', 'content-type'],
    ['a method the endpoint does not allow', PARTNER, 'DELETE', 'content-type'],
    ['a header not allowed', PARTNER, 'POST', 'content-type, authorization'],
    ['no method asked for', PARTNER, null, null],
  ])('grants nothing for %s, but still says Allow', (_label, origin, method, headers) => {
    const result = ask(origin, method, headers);
    expect(result.Allow).toBe('POST, OPTIONS');
    expect(result['Access-Control-Allow-Origin']).toBeUndefined();
  });
});
