import { describe, expect, test } from 'vitest';
import {
  DEFAULT_BOOKING_TERMS,
  countNonAttendances,
  nonAttendanceText,
  nonAttendanceWindowStart,
  showsBookingTerms,
  termsParagraphs,
} from '../../../src/lib/domain/training/non-attendance.ts';

const at = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

describe('nonAttendanceWindowStart', () => {
  test.each([
    ['2026-11-30T10:00:00Z', '2025-11-30T10:00:00.000Z'],
    ['2026-01-15T00:00:00Z', '2025-01-15T00:00:00.000Z'],
    // 29 February goes back to the last day of February a year earlier.
    ['2028-02-29T09:30:00Z', '2027-02-28T09:30:00.000Z'],
  ])('12 calendar months before %s is %s', (now, start) => {
    expect(nonAttendanceWindowStart(new Date(now)).toISOString()).toBe(start);
  });
});

describe('countNonAttendances', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  test('counts places marked did not attend on sessions within the last 12 months', () => {
    const places = [
      { status: 'no-show' as const, startsAt: at('2026-10-01T10:00:00Z') },
      { status: 'no-show' as const, startsAt: at('2025-11-30T12:00:00Z') }, // exactly at the start of the window
      { status: 'no-show' as const, startsAt: at('2025-11-30T11:59:59Z') }, // a second before
      { status: 'attended' as const, startsAt: at('2026-06-01T10:00:00Z') },
      { status: 'cancelled' as const, startsAt: at('2026-06-02T10:00:00Z') },
    ];
    expect(countNonAttendances(places, now)).toBe(2);
  });

  test('ignores a session that has not happened yet', () => {
    expect(countNonAttendances([{ status: 'no-show', startsAt: at('2026-12-01T10:00:00Z') }], now)).toBe(0);
  });
});

describe('showsBookingTerms', () => {
  test('from two non-attendances, never from one', () => {
    expect(showsBookingTerms(0)).toBe(false);
    expect(showsBookingTerms(1)).toBe(false);
    expect(showsBookingTerms(2)).toBe(true);
    expect(showsBookingTerms(5)).toBe(true);
  });

  test('says how many the records show', () => {
    expect(nonAttendanceText(2)).toBe('Our records show 2 sessions in the last 12 months that you booked but did not attend or cancel.');
  });
});

describe('termsParagraphs', () => {
  test('the default when the setting is unset or blank', () => {
    expect(termsParagraphs(undefined)).toEqual([DEFAULT_BOOKING_TERMS]);
    expect(termsParagraphs('   ')).toEqual([DEFAULT_BOOKING_TERMS]);
  });

  test('blank lines, or a written \\n\\n, start new paragraphs', () => {
    expect(termsParagraphs('Come if you book.\n\nCancel if\nyou cannot.')).toEqual(['Come if you book.', 'Cancel if you cannot.']);
    expect(termsParagraphs('Come if you book.\\n\\nCancel if you cannot.')).toEqual(['Come if you book.', 'Cancel if you cannot.']);
  });
});
