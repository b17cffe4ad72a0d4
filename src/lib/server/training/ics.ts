/**
 * A small iCalendar (RFC 5545) writer for one event per file, enough for calendar invites to
 * training places: REQUEST to add or update, CANCEL to remove. Times are written in UTC, text
 * is escaped, lines end in CRLF and are folded at 75 octets without splitting a character.
 *
 * Calendars match an update to the event they hold by UID, and apply it only when its
 * SEQUENCE is higher: the caller must raise SEQUENCE on every change.
 *
 * REQUEST and CANCEL are iTIP scheduling messages (RFC 5546 sections 3.2.2 and 3.2.5): each
 * must name the ORGANIZER and at least one ATTENDEE, or some calendar programs refuse the
 * file. Every event here has both: the course's trainer organises, the person attends.
 */

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';
export type EventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface CalendarEvent {
  /** Stable for the life of the event, e.g. `booking-12@portal.example`. */
  uid: string;
  sequence: number;
  method: CalendarMethod;
  status: EventStatus;
  /** Unix seconds. */
  start: number;
  end: number;
  /** When this file was made, unix seconds. */
  stamp: number;
  summary: string;
  location?: string | undefined;
  description?: string | undefined;
  url?: string | undefined;
  /** Who runs the event: the course's trainer. Required by RFC 5546 for REQUEST and CANCEL. */
  organizer: { name?: string | undefined; email: string };
  /** The person the file is for. Required by RFC 5546 for REQUEST and CANCEL. */
  attendee: { name?: string | undefined; email: string; partstat: 'ACCEPTED' | 'TENTATIVE' | 'NEEDS-ACTION' | 'DECLINED' };
}

const PRODID = '-//Kent County Council//Troubled Families Practitioner Portal//EN';
const MAX_OCTETS = 75;

/**
 * Escapes a TEXT value: backslash, semicolon, comma and line breaks.
 * @example escapeText('Room 2, Gateway; Swale') // 'Room 2\\, Gateway\\; Swale'
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value, quoted when it holds characters that would end it. Quotes are dropped. */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[;:,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * Folds a content line so no physical line exceeds 75 octets of UTF-8; continuation lines
 * start with one space (which counts towards their 75). Never splits a character.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * A UTC DATE-TIME.
 * @example formatUtc(1800000000) // '20270115T080000Z'
 */
export function formatUtc(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The whole VCALENDAR file for one event, CRLF line endings throughout. */
export function buildCalendar(event: CalendarEvent): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
  const cn = (name: string | undefined) => (name ? `;CN=${paramValue(name)}` : '');
  const mailto = (email: string) => `mailto:${email.replace(/[\r\n\s]/g, '')}`;
  lines.push(`ORGANIZER${cn(event.organizer.name)}:${mailto(event.organizer.email)}`);
  lines.push(
    `ATTENDEE${cn(event.attendee.name)};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${event.attendee.partstat};RSVP=FALSE:${mailto(event.attendee.email)}`,
  );
  lines.push(`STATUS:${event.status}`);
  if (event.status !== 'CANCELLED') lines.push('TRANSP:OPAQUE');
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
