/**
 * UK local time (Europe/London) to and from Unix seconds, for the trainer's forms. Trainers
 * type a date and a start time as they read them on a Kent clock; the database stores
 * seconds. British Summer Time is handled by asking Intl for the offset at that moment.
 */

const TIME_ZONE = 'Europe/London';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock reading in the UK at a moment. */
export function ukPartsOf(unix: number): LocalParts {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(unix * 1000)).map((x) => [x.type, x.value]));
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute) };
}

/** Seconds the UK is ahead of UTC at a moment: 0 in winter, 3600 in summer. */
export function ukOffsetAt(unix: number): number {
  const p = ukPartsOf(unix);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) / 1000;
  return asUtc - Math.floor(unix / 60) * 60;
}

/** A date as YYYY-MM-DD or DD/MM/YYYY; undefined when it is not a real date. */
export function parseDate(text: string): { year: number; month: number; day: number } | undefined {
  const value = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  let year: number, month: number, day: number;
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(value);
    if (!m) return undefined;
    [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return { year, month, day };
}

/** A 24-hour time as HH:MM (or H:MM, HH.MM); undefined when it is not a real time. */
export function parseTime(text: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

export type UkTimeResult = { ok: true; unix: number } | { ok: false; reason: 'invalid-date' | 'invalid-time' | 'no-such-time' };

/**
 * The moment a UK clock shows `date` at `time`. When the clocks go back the hour between
 * 1am and 2am happens twice: the first (British Summer Time) one is taken. When they go
 * forward the hour between 1am and 2am never happens: 'no-such-time'.
 * @example ukLocalToUnix('2026-07-01', '10:00') // { ok: true, unix: 1782896400 } (09:00 UTC)
 */
export function ukLocalToUnix(date: string, time: string): UkTimeResult {
  const d = parseDate(date);
  if (!d) return { ok: false, reason: 'invalid-date' };
  const t = parseTime(time);
  if (!t) return { ok: false, reason: 'invalid-time' };
  const wall = Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute) / 1000;
  // Try the summer offset first so the earlier of two repeated times wins.
  for (const offset of [3600, 0]) {
    const unix = wall - offset;
    if (ukOffsetAt(unix) === offset) return { ok: true, unix };
  }
  return { ok: false, reason: 'no-such-time' };
}

/** The date (YYYY-MM-DD) and time (HH:MM) a UK clock shows at a moment, to fill a form. */
export function unixToUkLocal(unix: number): { date: string; time: string } {
  const p = ukPartsOf(unix);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${two(p.month)}-${two(p.day)}`, time: `${two(p.hour)}:${two(p.minute)}` };
}
