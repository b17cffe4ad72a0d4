import { describe, expect, test } from 'vitest';
import { DEMO_SESSION_PLAN, demoSessionStart } from '../../../db/seed-training.ts';
import { BANK_HOLIDAYS, BANK_HOLIDAY_YEARS, isWorkingDay, londonDate, onWorkingDay } from '../../../src/lib/domain/training/working-days.ts';

const at = (iso: string) => new Date(`${iso}T09:30:00Z`);

describe('working days in England', () => {
  test('weekends and bank holidays are not working days', () => {
    expect(isWorkingDay(at('2026-12-05'))).toBe(false); // Saturday
    expect(isWorkingDay(at('2026-12-06'))).toBe(false); // Sunday
    expect(isWorkingDay(at('2026-12-25'))).toBe(false); // Christmas Day, a Friday
    expect(isWorkingDay(at('2026-12-28'))).toBe(false); // Boxing Day moved to the Monday
    expect(isWorkingDay(at('2027-03-29'))).toBe(false); // Easter Monday
    expect(isWorkingDay(at('2026-12-07'))).toBe(true);
    expect(isWorkingDay(at('2026-12-29'))).toBe(true);
  });

  test('a day is judged by its date in London, not in UTC', () => {
    // 23:30 UTC on Friday 31 July 2026 is 00:30 on Saturday in London (summer time).
    expect(isWorkingDay(new Date('2026-07-31T23:30:00Z'))).toBe(false);
    expect(londonDate(new Date('2026-07-31T23:30:00Z'))).toBe('2026-08-01');
  });

  test('moves a date forward past a weekend and the bank holidays after it', () => {
    expect(londonDate(onWorkingDay(at('2026-12-25')))).toBe('2026-12-29');
    expect(londonDate(onWorkingDay(at('2027-12-25')))).toBe('2027-12-29');
    expect(onWorkingDay(at('2026-12-07')).toISOString()).toBe('2026-12-07T09:30:00.000Z');
  });

  test('the list has eight or more bank holidays in each year it covers', () => {
    for (let year = BANK_HOLIDAY_YEARS[0]; year <= BANK_HOLIDAY_YEARS[1]; year++) {
      expect([...BANK_HOLIDAYS].filter((d) => d.startsWith(`${year}-`)).length).toBeGreaterThanOrEqual(8);
    }
  });

  test('the list covers every day the demo seed can reach from now', () => {
    const furthest = Math.max(...DEMO_SESSION_PLAN.map(([, inDays]) => inDays)) + 7;
    const lastYear = new Date(Date.now() + furthest * 86_400_000).getUTCFullYear();
    expect(BANK_HOLIDAY_YEARS[1], 'add the next year of bank holidays from GOV.UK').toBeGreaterThanOrEqual(lastYear);
  });
});

describe('demo sessions', () => {
  test('fall on working days only, whenever the demo is seeded', () => {
    // Every start day from the first covered year to the last the seed can reach.
    const first = Date.UTC(BANK_HOLIDAY_YEARS[0], 0, 1) / 1000;
    const last = Date.UTC(BANK_HOLIDAY_YEARS[1], 9, 1) / 1000;
    for (let now = first; now < last; now += 86400) {
      for (const [, inDays] of DEMO_SESSION_PLAN) {
        const start = new Date(demoSessionStart(now, inDays) * 1000);
        if (!isWorkingDay(start)) expect.fail(`${londonDate(start)}, seeded on ${new Date(now * 1000).toISOString()}, is not a working day`);
      }
    }
  });

  test('start at half past nine UTC, at most a few days after the plan', () => {
    const now = Date.UTC(2026, 11, 18, 15) / 1000; // Friday 18 December 2026
    const start = demoSessionStart(now, 7); // planned for Friday 25 December
    expect(new Date(start * 1000).toISOString()).toBe('2026-12-29T09:30:00.000Z');
  });
});
