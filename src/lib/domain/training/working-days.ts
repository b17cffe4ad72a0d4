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
