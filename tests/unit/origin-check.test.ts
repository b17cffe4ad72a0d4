import { describe, expect, test } from 'vitest';
import { isForbiddenCrossOriginRequest } from '../../src/lib/domain/origin-check.ts';

const SITE = 'http://localhost:4321';
const req = (method: string, path: string, headers: Record<string, string>) => [{ method, headers: new Headers(headers) }, new URL(path, SITE)] as const;

describe('isForbiddenCrossOriginRequest', () => {
  test.each<[string, string, string, Record<string, string>, boolean]>([
    ['a same-origin form post', 'POST', '/login', { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' }, false],
    ['a cross-site form post', 'POST', '/login', { origin: 'https://evil.example.org', 'content-type': 'application/x-www-form-urlencoded' }, true],
    ['a cross-site multipart post', 'POST', '/forum/new', { origin: 'https://evil.example.org', 'content-type': 'multipart/form-data; boundary=x' }, true],
    ['a cross-site text/plain post', 'POST', '/login', { origin: 'https://evil.example.org', 'content-type': 'text/plain' }, true],
    ['a post with no origin and no content type', 'POST', '/login', {}, true],
    ['a post with no origin and a form content type', 'POST', '/login', { 'content-type': 'application/x-www-form-urlencoded' }, true],
    ['a cross-site JSON post', 'POST', '/login', { origin: 'https://evil.example.org', 'content-type': 'application/json' }, false],
    ['a GET', 'GET', '/login', { origin: 'https://evil.example.org' }, false],
    ['the eligibility API with a form content type', 'POST', '/api/eligibility/check', { 'content-type': 'text/plain' }, false],
    ['the eligibility API with no content type', 'POST', '/api/eligibility/check', { origin: 'https://partner.example.org' }, false],
    ['a look-alike path outside the API', 'POST', '/api/eligibility-other', { 'content-type': 'text/plain' }, true],
  ])('%s', (_label, method, path, headers, forbidden) => {
    expect(isForbiddenCrossOriginRequest(...req(method, path, headers))).toBe(forbidden);
  });
});
