import { describe, expect, test } from 'vitest';
import { parseDate, parseTime, ukLocalToUnix, ukOffsetAt, unixToUkLocal } from '../../../src/lib/domain/training/time.ts';

const utc = (iso: string) => Date.parse(iso) / 1000;

describe('UK local time to Unix seconds', () => {
  test('winter times are GMT', () => {
    expect(ukLocalToUnix('2026-11-27', '10:00')).toEqual({ ok: true, unix: utc('2026-11-27T10:00:00Z') });
    expect(ukLocalToUnix('27/11/2026', '9.30')).toEqual({ ok: true, unix: utc('2026-11-27T09:30:00Z') });
  });

  test('summer times are BST, an hour ahead of UTC', () => {
    expect(ukLocalToUnix('2026-07-01', '10:00')).toEqual({ ok: true, unix: utc('2026-07-01T09:00:00Z') });
  });

  test('either side of the clocks going forward (29 March 2026)', () => {
    expect(ukLocalToUnix('2026-03-29', '00:30')).toEqual({ ok: true, unix: utc('2026-03-29T00:30:00Z') });
    expect(ukLocalToUnix('2026-03-29', '01:30')).toEqual({ ok: false, reason: 'no-such-time' });
    expect(ukLocalToUnix('2026-03-29', '02:00')).toEqual({ ok: true, unix: utc('2026-03-29T01:00:00Z') });
    expect(ukLocalToUnix('2026-03-30', '09:00')).toEqual({ ok: true, unix: utc('2026-03-30T08:00:00Z') });
  });

  test('either side of the clocks going back (25 October 2026): the repeated hour is taken in BST', () => {
    expect(ukLocalToUnix('2026-10-24', '09:00')).toEqual({ ok: true, unix: utc('2026-10-24T08:00:00Z') });
    expect(ukLocalToUnix('2026-10-25', '01:30')).toEqual({ ok: true, unix: utc('2026-10-25T00:30:00Z') });
    expect(ukLocalToUnix('2026-10-25', '02:30')).toEqual({ ok: true, unix: utc('2026-10-25T02:30:00Z') });
    expect(ukLocalToUnix('2026-10-26', '09:00')).toEqual({ ok: true, unix: utc('2026-10-26T09:00:00Z') });
  });

  test('refuses dates and times that do not exist', () => {
    expect(ukLocalToUnix('2026-02-30', '10:00')).toEqual({ ok: false, reason: 'invalid-date' });
    expect(ukLocalToUnix('2026-13-01', '10:00')).toEqual({ ok: false, reason: 'invalid-date' });
    expect(ukLocalToUnix('tomorrow', '10:00')).toEqual({ ok: false, reason: 'invalid-date' });
    expect(ukLocalToUnix('2026-11-27', '24:00')).toEqual({ ok: false, reason: 'invalid-time' });
    expect(ukLocalToUnix('2026-11-27', '10:60')).toEqual({ ok: false, reason: 'invalid-time' });
    expect(ukLocalToUnix('2026-11-27', '10am')).toEqual({ ok: false, reason: 'invalid-time' });
    expect(parseDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDate('2027-02-29')).toBeUndefined();
    expect(parseTime('7:05')).toEqual({ hour: 7, minute: 5 });
  });
});

describe('Unix seconds to UK local time', () => {
  test('round trips across the year, whatever the server zone', () => {
    for (const [date, time] of [
      ['2026-01-15', '09:30'],
      ['2026-03-29', '03:15'],
      ['2026-06-21', '23:59'],
      ['2026-10-25', '01:30'],
      ['2026-10-25', '00:00'],
      ['2026-12-31', '18:45'],
    ] as const) {
      const r = ukLocalToUnix(date, time);
      expect(r.ok).toBe(true);
      expect(unixToUkLocal((r as { unix: number }).unix)).toEqual({ date, time });
    }
  });

  test('the offset is an hour in summer and nothing in winter', () => {
    expect(ukOffsetAt(utc('2026-07-01T12:00:00Z'))).toBe(3600);
    expect(ukOffsetAt(utc('2026-12-01T12:00:00Z'))).toBe(0);
    expect(unixToUkLocal(utc('2026-10-25T01:30:00Z'))).toEqual({ date: '2026-10-25', time: '01:30' });
  });
});
