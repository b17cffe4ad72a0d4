import { describe, expect, test } from 'vitest';
import {
  OFFLINE_EXTRA_URLS,
  OFFLINE_FILE_PATTERNS,
  fileToUrl,
  formatBytes,
  isNeverStored,
  offlineBannerText,
  storedUrlFor,
  withOfflineBanner,
} from '../../../src/lib/domain/offline/model.ts';
import { ROUTE_RULES } from '../../../src/lib/domain/account/permissions.ts';

describe('isNeverStored', () => {
  test.each([
    '/forum/',
    '/forum/t/12/rent-arrears',
    '/account',
    '/account/bookings/3.ics',
    '/account/notifications',
    '/eligibility/tf-phase-2/attendance',
    '/api/eligibility/check',
    '/training/sessions/4/book',
    '/admin/users',
    '/editor/feedback',
    '/feedback',
    '/login',
    '/_server-islands/AccountNav',
    '//Forum//',
  ])('%s is never stored', (path) => expect(isNeverStored(path)).toBe(true));

  test.each(['/guidance/phase-2/', '/skills-matrix/systems-and-it/', '/resources/business-case-template.docx', '/glossary/', '/search/', '/pagefind/pagefind.js', '/forums-of-practice/'])(
    '%s may be stored',
    (path) => expect(isNeverStored(path)).toBe(false),
  );

  test('every protected area of the site is never stored', () => {
    for (const rule of ROUTE_RULES) expect(isNeverStored(rule.prefix), rule.prefix).toBe(true);
  });

  test('nothing the allow-list names is refused, and no pattern reaches a personal area', () => {
    for (const pattern of OFFLINE_FILE_PATTERNS) expect(isNeverStored(fileToUrl(pattern.replace(/\*\*?/g, 'x'))), pattern).toBe(false);
    for (const url of OFFLINE_EXTRA_URLS) expect(isNeverStored(url)).toBe(false);
  });
});

describe('fileToUrl and storedUrlFor', () => {
  test.each([
    ['guidance/phase-2/index.html', '/guidance/phase-2/'],
    ['guidance/index.html', '/guidance/'],
    ['resources/business-case-template.docx', '/resources/business-case-template.docx'],
  ])('file %s is stored as %s', (file, url) => expect(fileToUrl(file)).toBe(url));

  test.each([
    ['/guidance/phase-2', '/guidance/phase-2/'],
    ['/guidance/phase-2/', '/guidance/phase-2/'],
    ['/guidance/phase-2/index.html', '/guidance/phase-2/'],
    ['/resources/business-case-template.md', '/resources/business-case-template.md'],
  ])('a request for %s is answered with %s', (path, stored) => expect(storedUrlFor(path)).toBe(stored));
});

describe('the offline banner', () => {
  test('says when the page was saved, in UK time', () => {
    expect(offlineBannerText(new Date('2026-11-30T10:00:00Z'))).toBe('Saved on 30 November 2026. You are offline; this may not be the latest version.');
    expect(offlineBannerText(new Date('2026-06-30T23:30:00Z'))).toMatch(/^Saved on 1 July 2026\./);
  });

  test('goes at the top of the main content, as plain HTML with no inline style or script', () => {
    const html = '<body><main id="main-content" tabindex="-1"><h1>Phase 2</h1></main></body>';
    const out = withOfflineBanner(html, 'Saved on <today>.');
    expect(out).toBe('<body><main id="main-content" tabindex="-1"><div class="offline-banner" role="status" data-offline-banner><p>Saved on &lt;today&gt;.</p></div><h1>Phase 2</h1></main></body>');
    expect(out).not.toMatch(/style=|<script/);
  });
});

describe('formatBytes', () => {
  test.each([
    [1_576_178, '1.6 MB'],
    [900, '1 KB'],
    [45_300, '45 KB'],
  ])('%d bytes is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
