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
    [{ CHROMIUM_PATH: '' }, only('/pw/chrome'), '/pw/chrome'],
  ])('with %j falls back in order', (env, exists, expected) => {
    expect(findChromium({ env, exists, bundled: () => '/pw/chrome' })).toBe(expected);
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
