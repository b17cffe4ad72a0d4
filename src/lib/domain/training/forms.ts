/**
 * The trainer's forms: courses, sessions and cancelling a session. Pure: the pages read the
 * posted form, these check it and give one GOV.UK-style message per field.
 */
import { z } from 'astro/zod';
import { KENT_DISTRICTS, DELIVERY_MODES, type DeliveryMode } from './model.ts';
import { errorsFromIssues, type FieldErrors } from '../account/schema.ts';
import { slugify } from '../text.ts';
import { parseDate, parseTime, ukLocalToUnix } from './time.ts';

/** Trims, and turns a missing field into an empty string so "required" messages apply. */
const text = () => z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string());

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The posted values of a form, with every value of repeated fields (checkboxes) kept. */
export function formValues(data: FormData): { values: Record<string, string>; lists: Record<string, string[]> } {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [key, value] of data.entries()) {
    if (typeof value !== 'string') continue;
    if (!(key in values)) values[key] = value;
    (lists[key] ??= []).push(value);
  }
  return { values, lists };
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

// ---------------------------------------------------------------------------------------
// Courses

export interface CourseForm {
  title: string;
  slug: string;
  summary: string;
  audience: string;
  outcomes: string;
  domains: string[];
  /** Sessions of the course one person may hold a place on at once (1 to 10). */
  placesPerPerson: number;
  /** A place needs the person's line manager's approval (the "requiresApproval" checkbox, off by default). */
  requiresApproval: boolean;
}

/** Field order on the course form, for the error summary. */
export const COURSE_FIELDS = ['title', 'slug', 'summary', 'audience', 'outcomes', 'domains', 'placesPerPerson', 'requiresApproval'] as const;

/** Most sessions of one course a trainer may let one person hold places on. */
export const MAX_PLACES_PER_PERSON = 10;

/** The course form's schema; `domainSlugs` are the Skills Matrix domains that exist. */
export function courseSchema(domainSlugs: readonly string[]) {
  return z
    .object({
      title: text().pipe(
        z.string().min(1, { error: 'Enter the course title' }).max(120, { error: 'Course title must be 120 characters or fewer' }),
      ),
      slug: text().pipe(
        z
          .string()
          .max(80, { error: 'Web address name must be 80 characters or fewer' })
          .refine((s) => s === '' || SLUG_PATTERN.test(s), {
            error: 'Web address name must only include lower-case letters, digits and hyphens, like lead-worker-training',
          }),
      ),
      summary: text().pipe(
        z.string().min(1, { error: 'Enter a summary of the course' }).max(500, { error: 'Summary must be 500 characters or fewer' }),
      ),
      audience: text().pipe(
        z.string().min(1, { error: 'Enter who the course is for' }).max(500, { error: 'Who the course is for must be 500 characters or fewer' }),
      ),
      outcomes: z
        .preprocess((v) => (typeof v === 'string' ? v : ''), z.string())
        .transform((v) =>
          v
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
            .join('\n'),
        )
        .pipe(
          z
            .string()
            .min(1, { error: 'Enter at least one learning outcome' })
            .max(2000, { error: 'Learning outcomes must be 2,000 characters or fewer' }),
        ),
      domains: z
        .preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []), z.array(z.string()))
        .pipe(
          z
            .array(z.string().refine((d) => domainSlugs.includes(d), { error: 'Select Skills Matrix domains from the list' }))
            .min(1, { error: 'Select at least one Skills Matrix domain' }),
        )
        .transform((list) => [...new Set(list)]),
      // Blank means the default: one place per person.
      placesPerPerson: text().pipe(
        z
          .string()
          .transform((v) => (v === '' ? '1' : v))
          .refine((v) => /^\d{1,3}$/.test(v), { error: 'Places per person must be a whole number, like 1' })
          .transform(Number)
          .refine((n) => n >= 1 && n <= MAX_PLACES_PER_PERSON, { error: `Places per person must be between 1 and ${MAX_PLACES_PER_PERSON}` }),
      ),
      // A checkbox: present (value "yes") when ticked, absent otherwise.
      requiresApproval: z.preprocess((v) => v === 'yes', z.boolean()),
    })
    .transform((form, ctx) => {
      const slug = form.slug || slugify(form.title);
      if (!slug) {
        ctx.addIssue({ code: 'custom', path: ['slug'], message: 'Enter a web address name, using lower-case letters, digits and hyphens' });
        return z.NEVER;
      }
      return { ...form, slug } satisfies CourseForm;
    });
}

/** Checks a posted course form. */
export function checkCourseForm(values: Record<string, string>, domains: string[], domainSlugs: readonly string[]): Checked<CourseForm> {
  const result = courseSchema(domainSlugs).safeParse({ ...values, domains });
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: errorsFromIssues(result.error.issues) };
}

export const SLUG_TAKEN_MESSAGE = 'Another course already uses this web address name. Enter a different one';

// ---------------------------------------------------------------------------------------
// Sessions

export interface SessionForm {
  startsAt: number;
  durationMinutes: number;
  mode: DeliveryMode;
  venue: string;
  district: string | null;
  capacity: number;
  cutoffHours: number;
}

/** Field order on the session form, for the error summary. */
export const SESSION_FIELDS = ['date', 'time', 'duration', 'mode', 'venue', 'district', 'capacity', 'cutoffHours'] as const;
/** Where the error summary links when the field's id differs from its name. */
export const SESSION_FIELD_IDS: Record<string, string> = { duration: 'durationHours', mode: 'mode-in-person' };

/** A whole number typed into a text box: '' when blank, NaN when not a whole number. */
function wholeNumber(value: string | undefined): number | '' {
  const v = (value ?? '').trim().replace(/,/g, '');
  if (v === '') return '';
  return /^\d+$/.test(v) ? Number(v) : Number.NaN;
}

const MIN_DURATION = 15;
const MAX_DURATION = 12 * 60;

/**
 * Checks a posted session form. New sessions must start after `now`; a session being
 * edited may keep a start in the past (to correct a venue on the day, say).
 */
export function checkSessionForm(values: Record<string, string>, { now, isNew }: { now: number; isNew: boolean }): Checked<SessionForm> {
  const errors: FieldErrors = {};
  const date = (values.date ?? '').trim();
  const time = (values.time ?? '').trim();

  let startsAt: number | undefined;
  if (!date) errors.date = 'Enter the date of the session';
  if (!time) errors.time = 'Enter the start time';
  if (date && !parseDate(date)) errors.date = 'Date must be a real date, like 27/11/2026';
  if (time && !parseTime(time)) errors.time = 'Start time must be a real time in the 24-hour clock, like 09:30 or 14:00';
  if (!errors.date && !errors.time) {
    const when = ukLocalToUnix(date, time);
    if (!when.ok) errors.time = 'That time does not exist on that day, because the clocks go forward an hour. Enter a time after 2am';
    else {
      startsAt = when.unix;
      if (isNew && startsAt <= now) errors.date = 'The session must start in the future';
    }
  }

  const hours = wholeNumber(values.durationHours);
  const minutes = wholeNumber(values.durationMinutes);
  let durationMinutes: number | undefined;
  if (hours === '' && minutes === '') errors.duration = 'Enter how long the session lasts';
  else if (Number.isNaN(hours) || Number.isNaN(minutes)) errors.duration = 'Hours and minutes must be whole numbers, like 2 hours 30 minutes';
  else {
    durationMinutes = (hours === '' ? 0 : hours) * 60 + (minutes === '' ? 0 : minutes);
    if (durationMinutes < MIN_DURATION || durationMinutes > MAX_DURATION) errors.duration = 'The session must last between 15 minutes and 12 hours';
  }

  const mode = (values.mode ?? '') as DeliveryMode;
  if (!DELIVERY_MODES.includes(mode)) errors.mode = 'Select whether the session is in person or online';

  const venue = (values.venue ?? '').trim();
  if (!venue) errors.venue = mode === 'online' ? 'Enter how to join the session online' : 'Enter the venue of the session';
  else if (venue.length > 500) errors.venue = 'Venue or joining details must be 500 characters or fewer';

  const districtValue = (values.district ?? '').trim();
  let district: string | null = null;
  if (mode === 'in-person') {
    if (!districtValue) errors.district = 'Select the district where the session is held';
    else if (!(KENT_DISTRICTS as readonly string[]).includes(districtValue)) errors.district = 'Select a district from the list';
    else district = districtValue;
  }

  const capacity = wholeNumber(values.capacity);
  if (capacity === '') errors.capacity = 'Enter the number of places';
  else if (Number.isNaN(capacity)) errors.capacity = 'Number of places must be a whole number, like 20';
  else if (capacity < 1 || capacity > 500) errors.capacity = 'Number of places must be between 1 and 500';

  const cutoff = wholeNumber(values.cutoffHours);
  if (cutoff === '') errors.cutoffHours = 'Enter how many hours before the start booking closes';
  else if (Number.isNaN(cutoff)) errors.cutoffHours = 'Booking cut-off must be a whole number of hours, like 24';
  else if (cutoff > 336) errors.cutoffHours = 'Booking cut-off must be between 0 and 336 hours (2 weeks)';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: {
      startsAt: startsAt!,
      durationMinutes: durationMinutes!,
      mode,
      venue,
      district,
      capacity: capacity as number,
      cutoffHours: cutoff as number,
    },
  };
}

/**
 * The refusal when a new capacity is below the places already held plus the places still set
 * aside for organisations (reserved-seats.ts).
 */
export function capacityBelowBookedMessage(booked: number, setAside = 0): string {
  const who = booked === 1 ? '1 person already has a place' : `${booked} people already have places`;
  if (setAside === 0) return `${who}, so the capacity cannot be less than ${booked}`;
  const aside = `${setAside} more ${setAside === 1 ? 'place is' : 'places are'} set aside for organisations`;
  return `${who} and ${aside}, so the capacity cannot be less than ${booked + setAside}. Remove places set aside on the session page first to go lower`;
}

/** Splits minutes into the form's hours and minutes boxes. */
export function durationParts(minutes: number): { durationHours: string; durationMinutes: string } {
  return { durationHours: String(Math.floor(minutes / 60)), durationMinutes: String(minutes % 60) };
}

/** "2 hours 30 minutes", "1 hour", "45 minutes". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [];
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m || !h) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------
// Cancelling a session

export const cancelSchema = z.object({
  reason: text().pipe(
    z
      .string()
      .min(1, { error: 'Enter the reason for cancelling the session' })
      .max(500, { error: 'Reason must be 500 characters or fewer' }),
  ),
});

// ---------------------------------------------------------------------------------------
// The attendance register

/** The register's field for one person's place: `attendance-<booking id>`. */
export const registerField = (bookingId: number) => `attendance-${bookingId}`;

/**
 * The marks on a posted register: each `attendance-<id>` field answered "attended" or
 * "no-show". Unanswered people are left as they are; anything else is ignored.
 */
export function readRegister(values: Record<string, string>): { bookingId: number; attended: boolean }[] {
  const marks: { bookingId: number; attended: boolean }[] = [];
  for (const [key, value] of Object.entries(values)) {
    const m = /^attendance-(\d{1,12})$/.exec(key);
    if (!m || (value !== 'attended' && value !== 'no-show')) continue;
    marks.push({ bookingId: Number(m[1]), attended: value === 'attended' });
  }
  return marks;
}

/** The late cancellation form: a reason is required. */
export function checkLateReason(value: string | undefined): { ok: true; reason: string } | { ok: false; error: string } {
  const reason = (value ?? '').trim();
  if (!reason) return { ok: false, error: 'Enter why you are giving up your place' };
  if (reason.length > 500) return { ok: false, error: 'Your reason must be 500 characters or fewer' };
  return { ok: true, reason };
}

/** The colleague's e-mail address on the "send a colleague instead" form, or the message to show. */
export function checkColleagueEmail(value: string | undefined): { ok: true; email: string } | { ok: false; error: string } {
  const email = (value ?? '').trim().toLowerCase();
  if (!email) return { ok: false, error: 'Enter your colleague’s work email address' };
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, error: 'Enter an email address in the correct format, like name@example.com' };
  return { ok: true, email };
}

/** Why a place cannot go to the colleague named, said next to the e-mail field. */
export const TRANSFER_OFFER_MESSAGES = {
  'no-account': 'There is no active portal account with that email address. Ask your colleague to register first, then try again',
  self: 'Enter a colleague’s email address, not your own',
  'other-organisation': 'You can only pass your place to a colleague from your own organisation',
  'already-on-session': 'Your colleague already has a place on this session or is on its waiting list',
} as const;

/**
 * The line manager's work e-mail address on the booking form of a course that needs
 * approval, or the message to show next to the field. It must not be the person's own
 * address (`ownEmail`): a manager approves someone else's place.
 */
export function checkManagerEmail(value: string | undefined, ownEmail: string): { ok: true; email: string } | { ok: false; error: string } {
  const email = (value ?? '').trim().toLowerCase();
  if (!email) return { ok: false, error: 'Enter your line manager’s work email address' };
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, error: 'Enter an email address in the correct format, like name@example.com' };
  if (email === ownEmail.trim().toLowerCase()) return { ok: false, error: 'Enter your line manager’s email address, not your own' };
  return { ok: true, email };
}
