import { describe, expect, test } from 'vitest';
import { NO_CHROMIUM_MESSAGE, findChromium, requireChromium } from '../chromium.ts';

/** A file system holding only `present`. */
const only = (...present: string[]) => (path: string) => present.includes(path);

describe('findChromium', () => {
  test('uses CHROMIUM_PATH first when that file exists', () => {
    const found = findChromium({ env: { CHROMIUM_PATH: '/opt/chrome/chrome' }, exists: only('/opt/chrome/chrome', '/usr/bin/chromium'), bundled: () => '/pw/chrome' });
    expect(found).toBe('/opt/chrome/chrome');
  });

  test.each([
    [{ CHROMIUM_PATH: '/nowhere/chrome' }, only('/usr/bin/chromium'), '/usr/bin/chromium'],
    [{}, only('/usr/bin/chromium', '/usr/bin/chromium-browser'), '/usr/bin/chromium'],
    [{}, only('/usr/bin/chromium-browser'), '/usr/bin/chromium-browser'],
    [{}, only('/usr/bin/chromium', '/usr/bin/chromium-headless-shell'), '/usr/bin/chromium-headless-shell'],
    [{ CHROMIUM_PATH: '/opt/chrome/chrome' }, only('/opt/chrome/chrome', '/usr/bin/chromium-headless-shell'), '/opt/chrome/chrome'],
    [{ CHROMIUM_PATH: '' }, only('/pw/chrome'), '/pw/chrome'],
  ])('with %j falls back in order', (env, exists, expected) => {
    expect(findChromium({ env, exists, bundled: () => '/pw/chrome' })).toBe(expected);
  });

  test('skips the headless build when the full browser is asked for', () => {
    const exists = only('/usr/bin/chromium-headless-shell', '/usr/bin/chromium');
    expect(findChromium({ env: {}, exists, bundled: () => '/pw/chrome', full: true })).toBe('/usr/bin/chromium');
    expect(findChromium({ env: {}, exists: only('/usr/bin/chromium-headless-shell'), bundled: () => '/pw/chrome', full: true })).toBeUndefined();
    expect(findChromium({ env: {}, exists: only('/usr/bin/chromium-headless-shell', '/pw/chrome'), bundled: () => '/pw/chrome', full: true })).toBe('/pw/chrome');
  });

  test('finds nothing when no browser is installed, even if Playwright names a path', () => {
    expect(findChromium({ env: {}, exists: only(), bundled: () => '/pw/chrome' })).toBeUndefined();
    expect(findChromium({ env: {}, exists: only(), bundled: () => undefined })).toBeUndefined();
  });
});

describe('requireChromium', () => {
  test('gives the path it finds', () => {
    expect(requireChromium({ env: {}, exists: only('/usr/bin/chromium'), bundled: () => undefined })).toBe('/usr/bin/chromium');
  });

  test('says how to install one when there is none', () => {
    expect(() => requireChromium({ env: {}, exists: only(), bundled: () => undefined })).toThrow(NO_CHROMIUM_MESSAGE);
  });
});
