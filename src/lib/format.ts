/** Dates and times the way GOV.UK writes them, in UK time whatever the server's zone. */

const TIME_ZONE = 'Europe/London';

// Built once: creating an Intl formatter costs about as much as rendering a small page, and a
// forum page formats dozens of dates.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: TIME_ZONE });

function toDate(value: Date | number): Date {
  // Numbers are the database's integer seconds.
  return typeof value === 'number' ? new Date(value * 1000) : value;
}

/**
 * @example formatDate(new Date('2026-11-27T12:00:00Z')) // '27 November 2026'
 */
export function formatDate(value: Date | number): string {
  return DATE_FORMAT.format(toDate(value));
}

/**
 * @example formatTime(new Date('2026-11-27T10:05:00Z')) // '10:05am'
 * @example formatTime(new Date('2026-11-27T12:00:00Z')) // 'midday'
 */
export function formatTime(value: Date | number): string {
  const date = toDate(value);
  // The formatted text ("10:05 am") is read directly: a forum page formats dozens of times,
  // and formatToParts costs three times as much. Should ICU ever write it differently, the
  // parts are read instead.
  const text = /^(\d{1,2}):(\d{2})\s*([ap])\.?\s*m\.?$/i.exec(TIME_FORMAT.format(date));
  if (text) return clockTime(text[1]!, text[2]!, `${text[3]!.toLowerCase()}m`);
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of TIME_FORMAT.formatToParts(date)) parts[part.type] = part.value;
  return clockTime(parts.hour ?? '', parts.minute ?? '00', (parts.dayPeriod ?? '').toLowerCase().replace(/\./g, '').replace(/\s/g, ''));
}

/** "10:05am", or "midday" and "midnight" as GOV.UK writes them. */
function clockTime(hour: string, minute: string, period: string): string {
  if (hour === '12' && minute === '00') return period.startsWith('p') ? 'midday' : 'midnight';
  return `${hour}:${minute}${period}`;
}

/**
 * @example formatDateTime(new Date('2026-11-27T10:05:00Z')) // '27 November 2026 at 10:05am'
 */
export function formatDateTime(value: Date | number): string {
  return `${formatDate(value)} at ${formatTime(value)}`;
}
