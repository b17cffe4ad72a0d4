import { describe, expect, test } from 'vitest';
import { buildCalendar, escapeText, foldLine, formatUtc, type CalendarEvent } from '../../../src/lib/server/training/ics.ts';

const event: CalendarEvent = {
  uid: 'booking-12@portal.test',
  sequence: 3,
  method: 'REQUEST',
  status: 'CONFIRMED',
  start: 1_800_000_000,
  end: 1_800_000_000 + 3 * 3600,
  stamp: 1_799_000_000,
  summary: 'Lead worker training',
  location: 'Swale Gateway, training room 2',
  description: 'Your place.\nCourse details: https://portal.test/training/lead-worker-training/',
  url: 'https://portal.test/training/lead-worker-training/',
};

/** Unfolds as a calendar would, then splits into logical lines. */
const logical = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('escapeText', () => {
  test('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('a\\b; c, d\ne\r\nf')).toBe('a\\\\b\\; c\\, d\\ne\\nf');
  });
  test('leaves colons and ordinary text alone', () => {
    expect(escapeText('Microsoft Teams: link by email')).toBe('Microsoft Teams: link by email');
  });
});

describe('foldLine', () => {
  test('short lines are unchanged', () => {
    expect(foldLine('SUMMARY:Short')).toBe('SUMMARY:Short');
  });
  test('long lines fold at 75 octets with a leading space on each continuation', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
  test('never splits a multi-byte character', () => {
    const line = `SUMMARY:${'é£'.repeat(60)}`;
    const parts = foldLine(line).split('\r\n');
    for (const p of parts) {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      expect(p).not.toContain('\uFFFD');
    }
    expect(foldLine(line).replace(/\r\n /g, '')).toBe(line);
  });
});

describe('formatUtc', () => {
  test('writes a UTC date-time', () => {
    expect(formatUtc(1_800_000_000)).toBe('20270115T080000Z');
    expect(formatUtc(Date.UTC(2026, 6, 1, 8, 30) / 1000)).toBe('20260701T083000Z');
  });
});

describe('buildCalendar', () => {
  test('a request: CRLF throughout, required properties, escaped text', () => {
    const ics = buildCalendar(event);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = logical(ics);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain('UID:booking-12@portal.test');
    expect(lines).toContain('SEQUENCE:3');
    expect(lines).toContain('DTSTART:20270115T080000Z');
    expect(lines).toContain('DTEND:20270115T110000Z');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain('LOCATION:Swale Gateway\\, training room 2');
    expect(lines).toContain('DESCRIPTION:Your place.\\nCourse details: https://portal.test/training/lead-worker-training/');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(ics.indexOf('PRODID:')).toBeGreaterThan(0);
    for (const physical of ics.split('\r\n')) expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
  });

  test('a cancellation keeps the UID and says CANCEL and CANCELLED', () => {
    const lines = logical(buildCalendar({ ...event, method: 'CANCEL', status: 'CANCELLED', sequence: 4 }));
    expect(lines).toContain('METHOD:CANCEL');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:4');
    expect(lines).toContain('UID:booking-12@portal.test');
    expect(lines).not.toContain('TRANSP:OPAQUE');
  });

  test('optional organiser, with a quoted common name when it needs one', () => {
    const lines = logical(buildCalendar({ ...event, organizer: { name: 'Training team, KCC', email: 'training@kent.example' } }));
    expect(lines).toContain('ORGANIZER;CN="Training team, KCC":mailto:training@kent.example');
    expect(logical(buildCalendar(event)).some((l) => l.startsWith('ORGANIZER'))).toBe(false);
  });

  test('a long description is folded and unfolds to the escaped original', () => {
    const description = `Line one, with commas; and semicolons\n${'word '.repeat(40)}`;
    const ics = buildCalendar({ ...event, description });
    expect(logical(ics)).toContain(`DESCRIPTION:${escapeText(description)}`);
  });
});
