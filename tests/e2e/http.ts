/**
 * Set-up over HTTP for the browser tests. A test clicks through the one journey it is about;
 * the courses, sessions, bookings and sign-ins it needs first are posted here as the browser's
 * signed-in member would post them (same cookies, same client address), which costs a request
 * each instead of a page load and a form per field. Every journey posted here is also clicked
 * through in a test of its own.
 *
 * Each helper posts like a form with no JavaScript: `Origin` set, redirects not followed, and
 * it expects the 303 that a successful form answers, so a set-up step that fails says so at
 * once rather than as a confusing failure later.
 */
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { E2E_BASE_URL } from './paths.ts';

/** Fields of a form, in order; repeat a name for a multiple choice (checkboxes). */
export type FormFields = Record<string, string> | [string, string][];

/**
 * Posts a form as the member signed in on `page` and returns where the portal sent them
 * (the `Location` of its 303).
 *
 * @example await postForm(trainer, `/trainer/sessions/${id}/cancel`, { reason: 'Venue closed' })
 */
export async function postForm(page: Page, path: string, fields: FormFields = {}): Promise<string> {
  const response = await page.request.post(path, {
    data: new URLSearchParams(fields).toString(),
    headers: { Origin: E2E_BASE_URL, 'Content-Type': 'application/x-www-form-urlencoded' },
    maxRedirects: 0,
  });
  expect(response.status(), `posting to ${path}`).toBe(303);
  return response.headers().location ?? '';
}

/** Signs `page`'s browser in with the password alone (no two-factor code is asked for). */
export async function signInOverHttp(page: Page, email: string, password: string): Promise<void> {
  expect(await postForm(page, '/login', { email, password }), `signing ${email} in`).toBe('/account');
}

/** A word no other call returns, for titles that must not clash with another test's. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The UTC calendar date `days` from now (back, when negative), as a date box takes it. */
export function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The web address name the portal makes from a course title. */
export function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export type Course = { id: string; title: string; slug: string; /** The trainer's page. */ url: string };

/**
 * Creates a course as the trainer signed in on `trainer`. By default it builds Critical
 * reflection and analysis, one session per person.
 */
export async function createCourse(
  trainer: Page,
  {
    title = `Restorative practice ${uniqueSuffix()}`,
    domains = ['critical-reflection-and-analysis'],
    placesPerPerson = '1',
    requiresApproval = false,
  }: { title?: string; domains?: string[]; placesPerPerson?: string; /** Places need a line manager's approval. */ requiresApproval?: boolean } = {},
): Promise<Course> {
  const location = await postForm(trainer, '/trainer/courses/new', [
    ['title', title],
    ['slug', ''],
    ['summary', 'Working restoratively with families.'],
    ['audience', 'Lead workers.'],
    ['outcomes', 'Run a family meeting'],
    ...domains.map((d): [string, string] => ['domains', d]),
    ['placesPerPerson', placesPerPerson],
    ...(requiresApproval ? [['requiresApproval', 'yes'] as [string, string]] : []),
  ]);
  const id = /^\/trainer\/courses\/(\d+)\?done=created$/.exec(location)?.[1];
  expect(id, `creating "${title}" (sent to ${location})`).toBeTruthy();
  return { id: id!, title, slug: slugOf(title), url: `/trainer/courses/${id}` };
}

/** A session's form, as the trainer fills it in. Defaults: in person in Swale in 30 days, 3 places. */
export type SessionFields = {
  date?: string;
  time?: string;
  durationHours?: string;
  durationMinutes?: string;
  mode?: 'in-person' | 'online';
  venue?: string;
  district?: string;
  capacity?: number;
  cutoffHours?: number;
};

function sessionForm({
  date = dateIn(30),
  time = '10:00',
  durationHours = '2',
  durationMinutes = '',
  mode = 'in-person',
  district = 'Swale',
  venue = mode === 'online' ? 'Microsoft Teams' : `${district} Gateway`,
  capacity = 3,
  cutoffHours = 24,
}: SessionFields): Record<string, string> {
  return { date, time, durationHours, durationMinutes, mode, venue, district: mode === 'online' ? '' : district, capacity: String(capacity), cutoffHours: String(cutoffHours) };
}

export type Session = { id: string; /** The trainer's page. */ url: string };

/** Adds a session to a course as the trainer signed in on `trainer`. */
export async function addSession(trainer: Page, courseId: string, fields: SessionFields = {}): Promise<Session> {
  const location = await postForm(trainer, `/trainer/courses/${courseId}/sessions/new`, sessionForm(fields));
  const id = /^\/trainer\/sessions\/(\d+)\?done=created$/.exec(location)?.[1];
  expect(id, `adding a session (sent to ${location})`).toBeTruthy();
  return { id: id!, url: `/trainer/sessions/${id}` };
}

/**
 * Saves a session's details as the trainer signed in on `trainer`. The form holds every field,
 * so pass all those that differ from the defaults, not only the ones that change.
 */
export async function editSession(trainer: Page, sessionId: string, fields: SessionFields): Promise<void> {
  expect(await postForm(trainer, `/trainer/sessions/${sessionId}/edit`, sessionForm(fields))).toMatch(new RegExp(`^/trainer/sessions/${sessionId}\\?`));
}

/**
 * Books (or joins the waiting list of) a session as the member signed in on `member`, and
 * returns the outcome the course page would show: `booked`, `waiting`, `course-limit`...
 */
export async function book(member: Page, sessionId: string): Promise<string> {
  const location = await postForm(member, `/training/sessions/${sessionId}/book`);
  const outcome = /[?&]outcome=([a-z-]+)/.exec(location)?.[1];
  expect(outcome, `booking session ${sessionId} (sent to ${location})`).toBeTruthy();
  return outcome!;
}
