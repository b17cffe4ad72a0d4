/** Dates and times the way GOV.UK writes them, in UK time whatever the server's zone. */

const TIME_ZONE = 'Europe/London';

// Built once: creating an Intl formatter costs about as much as rendering a small page, and a
// forum page formats dozens of dates.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: TIME_ZONE });

/**
 * Formats by instant, remembering what it wrote: a forum page shows the same posts' times to
 * everyone who opens it, and formatting one with Intl costs far more than finding it again.
 * The memory is emptied when it reaches `MEMORY_LIMIT` instants.
 */
const MEMORY_LIMIT = 10_000;
function remembered(format: (date: Date) => string): (value: Date | number) => string {
  const written = new Map<number, string>();
  return (value) => {
    // Numbers are the database's integer seconds.
    const ms = typeof value === 'number' ? value * 1000 : value.getTime();
    let text = written.get(ms);
    if (text === undefined) {
      text = format(new Date(ms));
      if (written.size >= MEMORY_LIMIT) written.clear();
      written.set(ms, text);
    }
    return text;
  };
}

/**
 * @example formatDate(new Date('2026-11-27T12:00:00Z')) // '27 November 2026'
 */
export const formatDate = remembered((date) => DATE_FORMAT.format(date));

/**
 * @example formatTime(new Date('2026-11-27T10:05:00Z')) // '10:05am'
 * @example formatTime(new Date('2026-11-27T12:00:00Z')) // 'midday'
 */
export const formatTime = remembered(timeOf);

function timeOf(date: Date): string {
  // The formatted text ("10:05 am") is read directly: formatToParts costs three times as
  // much. Should ICU ever write it differently, the parts are read instead.
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
export const formatDateTime = remembered((date) => `${DATE_FORMAT.format(date)} at ${timeOf(date)}`);

/**
 * The instant as a `<time datetime>` wants it.
 * @example isoDateTime(1795774500) // '2026-11-27T10:15:00.000Z'
 */
export const isoDateTime = remembered((date) => date.toISOString());

const COUNT_FORMAT = new Intl.NumberFormat('en-GB');

/**
 * A count as GOV.UK writes it, with commas from 1,000. Counts below 1,000 (most of a forum
 * page's) need no formatter at all.
 * @example formatCount(4) // '4'
 * @example formatCount(12500) // '12,500'
 */
export function formatCount(n: number): string {
  return Number.isInteger(n) && n > -1000 && n < 1000 ? String(n) : COUNT_FORMAT.format(n);
}
