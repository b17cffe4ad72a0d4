import { describe, expect, test } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatTime, isoDateTime } from '../../src/lib/format.ts';
import { describeBrowser } from '../../src/lib/user-agent.ts';
import { isCurrentSection } from '../../src/lib/navigation.ts';

describe('formatDate', () => {
  test.each([
    ['2026-11-27T12:00:00Z', '27 November 2026'],
    // 11:30pm UTC on 31 May is already 1 June in British Summer Time.
    ['2026-05-31T23:30:00Z', '1 June 2026'],
  ])('%s is %s', (iso, text) => {
    expect(formatDate(new Date(iso))).toBe(text);
  });

  test('reads integer seconds from the database', () => {
    expect(formatDate(1795780800)).toBe('27 November 2026');
  });
});

describe('formatTime', () => {
  test.each([
    ['2026-11-27T10:05:00Z', '10:05am'],
    ['2026-11-27T15:30:00Z', '3:30pm'],
    ['2026-11-27T12:00:00Z', 'midday'],
    ['2026-11-27T00:00:00Z', 'midnight'],
    ['2026-07-01T09:00:00Z', '10:00am'],
    ['2026-11-27T12:30:00Z', '12:30pm'],
    ['2026-11-27T00:30:00Z', '12:30am'],
  ])('%s is %s', (iso, text) => {
    expect(formatTime(new Date(iso))).toBe(text);
  });

  test("agrees with ICU's parts at every minute of a winter day and a summer day", () => {
    const parts = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });
    const fromParts = (date: Date) => {
      const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
      const period = String(p.dayPeriod).toLowerCase().replace(/[.\s]/g, '');
      if (p.hour === '12' && p.minute === '00') return period.startsWith('p') ? 'midday' : 'midnight';
      return `${p.hour}:${p.minute}${period}`;
    };
    const wrong: string[] = [];
    for (const day of ['2026-11-27T00:00:00Z', '2026-07-01T00:00:00Z']) {
      for (let minute = 0; minute < 24 * 60; minute++) {
        const date = new Date(Date.parse(day) + minute * 60_000);
        if (formatTime(date) !== fromParts(date)) wrong.push(`${date.toISOString()}: ${formatTime(date)} against ${fromParts(date)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('formatDateTime', () => {
  test('joins date and time with "at"', () => {
    expect(formatDateTime(new Date('2026-11-27T10:05:00Z'))).toBe('27 November 2026 at 10:05am');
  });
});

describe('remembered formatting', () => {
  test('an instant is written the same whether it comes as seconds or as a Date, first time or again', () => {
    const seconds = 1795774500; // 27 November 2026, 10:15am
    const first = [formatDateTime(seconds), formatDate(seconds), formatTime(seconds), isoDateTime(seconds)];
    expect(first).toEqual(['27 November 2026 at 10:15am', '27 November 2026', '10:15am', '2026-11-27T10:15:00.000Z']);
    const date = new Date(seconds * 1000);
    expect([formatDateTime(date), formatDate(date), formatTime(date), isoDateTime(date)]).toEqual(first);
  });

  test('stays right for every instant after its memory has been emptied', () => {
    // More instants than it keeps, a minute apart across the October clock change.
    const start = Date.parse('2026-10-20T00:00:00Z') / 1000;
    const icu = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
    const wrong: string[] = [];
    for (const round of [1, 2]) {
      for (let i = 0; i < 12_000; i++) {
        const at = start + i * 60;
        if (formatDate(at) !== icu.format(new Date(at * 1000))) wrong.push(`round ${round}: ${at}`);
        if (!formatDateTime(at).startsWith(`${icu.format(new Date(at * 1000))} at `)) wrong.push(`round ${round}: ${at} with its time`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('formatCount', () => {
  test.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [12500, '12,500'],
    [-1200, '-1,200'],
    [2.5, '2.5'],
  ])('%d is %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });
});

describe('describeBrowser', () => {
  test.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0', 'Edge on Windows'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1', 'Safari on iPhone or iPad'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0', 'Firefox on Linux'],
    ['', 'A browser on an unknown system'],
  ])('%s', (ua, text) => {
    expect(describeBrowser(ua)).toBe(text);
  });
});

describe('isCurrentSection', () => {
  test.each([
    ['/guidance/', '/guidance/', true],
    ['/guidance/lead-worker-role/', '/guidance/', true],
    ['/guidance', '/guidance/', true],
    ['/guidancex/', '/guidance/', false],
    ['/', '/guidance/', false],
  ])('%s in %s: %s', (path, href, expected) => {
    expect(isCurrentSection(path, href)).toBe(expected);
  });
});
