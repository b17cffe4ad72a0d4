/**
 * "Changed since you last read": which of a member's pages have been amended since they last
 * opened them, how long the reading history is kept, and the weekly e-mail that lists them.
 *
 * Policy: UK GDPR Article 5(1)(c) and (e) (data minimisation and storage limitation): the
 * history holds only the page and the last time it was opened, is the member's own (shown to
 * them and deletable by them, Articles 15 and 17), and is kept for 12 months, as the privacy
 * notice says. The weekly e-mail is opt-in and sends nothing when nothing changed.
 */

/** One line of a page's amendments list (frontmatter `amendments`). */
export interface Amendment {
  /** The day the change was published (midnight UTC of that day). */
  date: Date;
  summary: string;
}

/** A content page as this area needs it. */
export interface ChangeablePage {
  url: string;
  title: string;
  amendments: readonly Amendment[];
}

/** One entry of a member's reading history. */
export interface ReadingEntry {
  page: string;
  /** Seconds since the epoch. */
  readAt: number;
}

/** How long a reading is kept: 12 months (365 days). */
export const READING_RETENTION_SECONDS = 365 * 24 * 60 * 60;

/** How often the opt-in e-mail goes: weekly. */
export const DIGEST_INTERVAL_SECONDS = 7 * 24 * 60 * 60;

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar day (YYYY-MM-DD) a reading happened on, in UK time.
 * @example readingDay(Date.UTC(2026, 9, 3, 23, 30) / 1000) // '2026-10-04' (British Summer Time)
 */
export function readingDay(readAt: number): string {
  return LONDON_DAY.format(new Date(readAt * 1000));
}

/**
 * The amendments published after the day of a reading, newest first. Amendments carry a day,
 * not a time, so one published on the day of reading might have come before or after it:
 * only later days count, so a reader is never told of a change they may already have seen.
 * @example amendmentsSince([{ date: new Date('2026-11-30'), summary: 'Added a link.' }], Date.UTC(2026, 9, 3) / 1000)
 * // [{ date: 2026-11-30, summary: 'Added a link.' }]
 */
export function amendmentsSince(amendments: readonly Amendment[], readAt: number): Amendment[] {
  const day = readingDay(readAt);
  return amendments.filter((a) => a.date.toISOString().slice(0, 10) > day).sort((a, b) => b.date.getTime() - a.date.getTime());
}

/** A page read before and changed since, with what changed. */
export interface ChangedPage {
  url: string;
  title: string;
  readAt: number;
  changes: Amendment[];
}

/**
 * Every page in `history` amended since it was read, the most recently changed first. Pages
 * no longer published are left out.
 */
export function changedSinceRead(history: readonly ReadingEntry[], pages: readonly ChangeablePage[]): ChangedPage[] {
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const changed: ChangedPage[] = [];
  for (const entry of history) {
    const page = byUrl.get(entry.page);
    if (!page) continue;
    const changes = amendmentsSince(page.amendments, entry.readAt);
    if (changes.length > 0) changed.push({ url: page.url, title: page.title, readAt: entry.readAt, changes });
  }
  return changed.sort((a, b) => b.changes[0]!.date.getTime() - a.changes[0]!.date.getTime() || a.title.localeCompare(b.title, 'en-GB'));
}

/**
 * The pages a weekly e-mail should list: changed since read, and with at least one amendment
 * published after the previous e-mail, so the same change is not sent week after week.
 * Empty means send nothing.
 */
export function digestPages(history: readonly ReadingEntry[], pages: readonly ChangeablePage[], lastSentAt: number | null): ChangedPage[] {
  const changed = changedSinceRead(history, pages);
  if (lastSentAt === null) return changed;
  return changed
    .map((c) => ({ ...c, changes: amendmentsSince(c.changes, lastSentAt) }))
    .filter((c) => c.changes.length > 0);
}

/** True when a member's weekly e-mail is due: never sent, or sent a week or more ago. */
export function digestDue(lastSentAt: number | null, now: number): boolean {
  return lastSentAt === null || now - lastSentAt >= DIGEST_INTERVAL_SECONDS;
}

/** A page as written to the build's `amendments.json`: dates as YYYY-MM-DD. */
export interface ChangeablePageJson {
  url: string;
  title: string;
  amendments: { date: string; summary: string }[];
}

/** A page for `amendments.json`. */
export function pageToJson(page: ChangeablePage): ChangeablePageJson {
  return { url: page.url, title: page.title, amendments: page.amendments.map((a) => ({ date: a.date.toISOString().slice(0, 10), summary: a.summary })) };
}

/** The pages read back from `amendments.json`. */
export function pagesFromJson(pages: readonly ChangeablePageJson[]): ChangeablePage[] {
  return pages.map((p) => ({ url: p.url, title: p.title, amendments: p.amendments.map((a) => ({ date: new Date(`${a.date}T00:00:00Z`), summary: a.summary })) }));
}
