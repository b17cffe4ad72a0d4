import { describe, expect, test } from 'vitest';
import ICAL from 'ical.js';
import { googleCalendarUrl, outlookCalendarUrl } from '../../../src/lib/domain/training/calendar-links.ts';
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
  organizer: { name: 'Tom Barker', email: 'trainer@example.org' },
  attendee: { name: 'Priya Shah', email: 'practitioner@example.org', partstat: 'ACCEPTED' },
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

  test('the organiser, with a quoted common name when it needs one', () => {
    const lines = logical(buildCalendar({ ...event, organizer: { name: 'Training team, KCC', email: 'training@kent.example' } }));
    expect(lines).toContain('ORGANIZER;CN="Training team, KCC":mailto:training@kent.example');
  });

  test('a long description is folded and unfolds to the escaped original', () => {
    const description = `Line one, with commas; and semicolons\n${'word '.repeat(40)}`;
    const ics = buildCalendar({ ...event, description });
    expect(logical(ics)).toContain(`DESCRIPTION:${escapeText(description)}`);
  });
});

describe('read back by a real iCalendar parser (ical.js)', () => {
  /** Parses a file and returns its calendar and its one event. */
  function parse(ics: string) {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    return { calendar, vevent: events[0]! };
  }

  test('a REQUEST has everything RFC 5546 requires: ORGANIZER, ATTENDEE, DTSTAMP, DTSTART, SEQUENCE, SUMMARY, UID', () => {
    const { calendar, vevent } = parse(buildCalendar(event));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toMatch(/Troubled Families Practitioner Portal/);
    const organizer = vevent.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:trainer@example.org');
    expect(organizer.getParameter('cn')).toBe('Tom Barker');
    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    expect(attendees[0]!.getFirstValue()).toBe('mailto:practitioner@example.org');
    expect(attendees[0]!.getParameter('cn')).toBe('Priya Shah');
    expect(attendees[0]!.getParameter('partstat')).toBe('ACCEPTED');
    expect(attendees[0]!.getParameter('role')).toBe('REQ-PARTICIPANT');
    const e = new ICAL.Event(vevent);
    expect(e.uid).toBe('booking-12@portal.test');
    expect(e.sequence).toBe(3);
    expect(e.summary).toBe('Lead worker training');
    expect(e.location).toBe('Swale Gateway, training room 2');
    expect(e.description).toBe('Your place.\nCourse details: https://portal.test/training/lead-worker-training/');
    expect(e.startDate.toJSDate().getTime()).toBe(1_800_000_000_000);
    expect(e.startDate.zone?.tzid).toBe('UTC');
    expect(e.endDate.toJSDate().getTime()).toBe((1_800_000_000 + 3 * 3600) * 1000);
    expect((vevent.getFirstPropertyValue('dtstamp') as InstanceType<typeof ICAL.Time>).toJSDate().getTime()).toBe(1_799_000_000_000);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  test('a CANCEL keeps the UID and names the organiser and the attendee', () => {
    const { calendar, vevent } = parse(
      buildCalendar({ ...event, method: 'CANCEL', status: 'CANCELLED', sequence: 4, attendee: { ...event.attendee, partstat: 'DECLINED' } }),
    );
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('uid')).toBe('booking-12@portal.test');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(4);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:trainer@example.org');
    expect(vevent.getFirstPropertyValue('attendee')).toBe('mailto:practitioner@example.org');
  });

  test('awkward names and long text survive the round trip', () => {
    const summary = `Lead worker training; part 2, with “quotes” and a very long name ${'é'.repeat(50)}`;
    const { vevent } = parse(buildCalendar({ ...event, summary, attendee: { name: 'O\'Brien; Siobhán, "Shiv"', email: 'shiv@kent.gov.uk', partstat: 'TENTATIVE' } }));
    expect(vevent.getFirstPropertyValue('summary')).toBe(summary);
    const attendee = vevent.getFirstProperty('attendee')!;
    expect(attendee.getParameter('cn')).toBe("O'Brien; Siobhán, Shiv");
    expect(attendee.getParameter('partstat')).toBe('TENTATIVE');
  });
});

describe('web calendar links', () => {
  const linkEvent = { title: 'Lead worker training', start: 1_800_000_000, end: 1_800_000_000 + 3 * 3600, location: 'Swale Gateway, room 2', details: 'Your place.\nSee https://portal.test/' };

  test('Google Calendar: an event template with UTC dates', () => {
    const url = new URL(googleCalendarUrl(linkEvent));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe('Lead worker training');
    expect(url.searchParams.get('dates')).toBe('20270115T080000Z/20270115T110000Z');
    expect(url.searchParams.get('location')).toBe('Swale Gateway, room 2');
    expect(url.searchParams.get('details')).toBe('Your place.\nSee https://portal.test/');
  });

  test('Outlook on the web: a compose deep link with ISO 8601 UTC times', () => {
    const url = new URL(outlookCalendarUrl(linkEvent));
    expect(url.origin + url.pathname).toBe('https://outlook.office.com/calendar/0/deeplink/compose');
    expect(url.searchParams.get('path')).toBe('/calendar/action/compose');
    expect(url.searchParams.get('rru')).toBe('addevent');
    expect(url.searchParams.get('subject')).toBe('Lead worker training');
    expect(url.searchParams.get('startdt')).toBe('2027-01-15T08:00:00Z');
    expect(url.searchParams.get('enddt')).toBe('2027-01-15T11:00:00Z');
    expect(url.searchParams.get('location')).toBe('Swale Gateway, room 2');
  });
});
