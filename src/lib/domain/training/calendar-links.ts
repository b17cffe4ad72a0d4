/**
 * "Add to calendar" links for people whose calendar is on the web: Google Calendar's event
 * template and Outlook on the web's compose deep link (the one Microsoft 365 work accounts,
 * such as Kent County Council's, open). Both carry the times in UTC, so no time zone is
 * guessed.
 *
 * Formats: Google Calendar `render?action=TEMPLATE` with `dates=<start>/<end>` as
 * `YYYYMMDDTHHMMSSZ`; Outlook `deeplink/compose` with `startdt`/`enddt` as ISO 8601 UTC
 * (`YYYY-MM-DDTHH:MM:SSZ`).
 */

export interface CalendarLinkEvent {
  title: string;
  /** Unix seconds. */
  start: number;
  end: number;
  location: string;
  details: string;
}

/** `20270115T080000Z` */
function basicUtc(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** `2027-01-15T08:00:00Z` */
function isoUtc(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}/, '');
}

/** A link that opens Google Calendar with the event filled in, ready to save. */
export function googleCalendarUrl(e: CalendarLinkEvent): string {
  const url = new URL('https://calendar.google.com/calendar/render');
  url.searchParams.set('action', 'TEMPLATE');
  url.searchParams.set('text', e.title);
  url.searchParams.set('dates', `${basicUtc(e.start)}/${basicUtc(e.end)}`);
  url.searchParams.set('details', e.details);
  url.searchParams.set('location', e.location);
  return url.href;
}

/** A link that opens a new event in Outlook on the web (work or school account), filled in. */
export function outlookCalendarUrl(e: CalendarLinkEvent): string {
  const url = new URL('https://outlook.office.com/calendar/0/deeplink/compose');
  url.searchParams.set('path', '/calendar/action/compose');
  url.searchParams.set('rru', 'addevent');
  url.searchParams.set('subject', e.title);
  url.searchParams.set('startdt', isoUtc(e.start));
  url.searchParams.set('enddt', isoUtc(e.end));
  url.searchParams.set('body', e.details);
  url.searchParams.set('location', e.location);
  return url.href;
}
