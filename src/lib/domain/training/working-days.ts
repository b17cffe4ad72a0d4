/**
 * Working days in England: Monday to Friday, except bank holidays. Training is run on
 * working days, so demo sessions (and anything else that picks a date) use these rules.
 *
 * Policy source: the bank holidays for England and Wales published on GOV.UK
 * (https://www.gov.uk/bank-holidays), kept as data in bank-holidays-england-and-wales.json
 * with the years it covers.
 */
import holidays from './bank-holidays-england-and-wales.json' with { type: 'json' };

/** Bank holidays in England and Wales, as `YYYY-MM-DD`. */
export const BANK_HOLIDAYS: ReadonlySet<string> = new Set(holidays.dates);

/** The first and last years the bank holiday list covers. */
export const BANK_HOLIDAY_YEARS: readonly [number, number] = [holidays.covers[0]!, holidays.covers[1]!];

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const LONDON_WEEKDAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short' });

/** The calendar date in London of a moment, as `YYYY-MM-DD`. */
export function londonDate(at: Date): string {
  return LONDON_DATE.format(at);
}

/** True when the London calendar day of `at` is a Monday to Friday that is not a bank holiday. */
export function isWorkingDay(at: Date, bankHolidays: ReadonlySet<string> = BANK_HOLIDAYS): boolean {
  const weekday = LONDON_WEEKDAY.format(at);
  if (weekday === 'Sat' || weekday === 'Sun') return false;
  return !bankHolidays.has(londonDate(at));
}

/** `at`, or the same time on the next working day after it (whole days later). */
export function onWorkingDay(at: Date, bankHolidays: ReadonlySet<string> = BANK_HOLIDAYS): Date {
  let day = at;
  while (!isWorkingDay(day, bankHolidays)) day = new Date(day.getTime() + 86_400_000);
  return day;
}

/**
 * The moment a period of `days` working days that starts at `at` ends: midnight in London at
 * the end of the `days`th working day after the day of `at` (the day itself does not count,
 * whatever the time). Weekends and bank holidays in England and Wales are skipped.
 * @example endOfWorkingDays(new Date('2026-11-30T10:00:00Z'), 5) // 2026-12-08T00:00:00Z, the end of Monday 7 December
 */
export function endOfWorkingDays(at: Date, days: number, bankHolidays: ReadonlySet<string> = BANK_HOLIDAYS): Date {
  let date = londonDate(at);
  for (let counted = 0; counted < days; ) {
    date = nextDate(date);
    if (isWorkingDate(date, bankHolidays)) counted += 1;
  }
  return londonMidnight(nextDate(date));
}

/** True when a London calendar date (`YYYY-MM-DD`) is a Monday to Friday that is not a bank holiday. */
export function isWorkingDate(date: string, bankHolidays: ReadonlySet<string> = BANK_HOLIDAYS): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays.has(date);
}

/** The calendar date after `YYYY-MM-DD`. */
function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });

/** Midnight at the start of a London calendar date (`YYYY-MM-DD`). */
export function londonMidnight(date: string): Date {
  const utc = Date.parse(`${date}T00:00:00Z`);
  // London is UTC or one hour ahead, and the clocks never change at midnight.
  return new Date(utc - Number(LONDON_HOUR.format(new Date(utc))) * 3_600_000);
}
