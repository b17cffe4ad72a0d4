/**
 * Page feedback: "Is this page useful? Yes / No" and "Report a problem with this page" at the
 * foot of every guidance, Skills Matrix and resource page, read by the page's owner.
 *
 * Policy: the GOV.UK Design System's feedback pattern ("Is this page useful?" with a yes or no
 * answer, and a separate "Report a problem" form asking what went wrong and what the reader
 * was doing) and its guidance that feedback must not ask for personal data. Feedback is
 * anonymous: no account is needed and none is recorded. Like the forum, the portal is never
 * a place for case information (information sharing procedure, seed 002), so the forum's
 * personal-data guard runs on the text and feedback that would identify someone is refused.
 *
 * The database schema (db/schema.ts) builds its columns from the lists here; nothing here
 * knows the database.
 */
import type { Limit } from '../account/throttling.ts';
import { checkPersonalData, guardMessages, type GuardResult } from '../forum/guard.ts';
import { unsafeCharactersProblem } from '../text.ts';

/** What a piece of feedback is: a yes, a no, or a problem report. */
export const FEEDBACK_KINDS = ['yes', 'no', 'problem'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Longest answer to either question of a problem report, in characters. */
export const FEEDBACK_TEXT_MAX = 1200;

/**
 * Feedback from one network address: every submission counts, as for registration and
 * password reset. Looser than those (nothing is e-mailed), but tight enough that a script
 * cannot bury a page's real feedback: 10 in any minute and 60 in any hour lets a team
 * behind one office address answer together.
 */
export const FEEDBACK_LIMITS: readonly Limit[] = [
  { windowSeconds: 60, max: 10 },
  { windowSeconds: 60 * 60, max: 60 },
];

/** The form's fields, as posted. */
export interface FeedbackForm {
  /** The page the feedback is about, as a portal path such as `/guidance/phase-2/`. */
  page?: string;
  /** `yes`, `no` or `problem`. */
  kind?: string;
  /** Problem reports: what was wrong. */
  wrong?: string;
  /** Problem reports: what the reader was trying to do. */
  doing?: string;
}

/** Feedback ready to store. */
export interface FeedbackInput {
  page: string;
  kind: FeedbackKind;
  wrong: string | null;
  doing: string | null;
}

export type FeedbackCheck =
  | { ok: true; data: FeedbackInput }
  | { ok: false; errors: Record<string, string>; guard?: Extract<GuardResult, { ok: false }> };

/**
 * Checks posted feedback. `pages` are the paths feedback may be about (every content page);
 * anything else is refused, so the owners' view lists only real pages. The two answers of a
 * problem report go through the forum's personal-data guard together: a refusal or a "may
 * identify" finding both refuse, since there is no moderator queue for feedback.
 * @example checkFeedback({ page: '/guidance/phase-2/', kind: 'yes' }, ['/guidance/phase-2/'])
 * // { ok: true, data: { page: '/guidance/phase-2/', kind: 'yes', wrong: null, doing: null } }
 */
export function checkFeedback(form: FeedbackForm, pages: readonly string[]): FeedbackCheck {
  const page = form.page ?? '';
  if (!pages.includes(page)) return { ok: false, errors: { form: 'We could not tell which page this is about. Go back to the page and try again' } };
  const kind = FEEDBACK_KINDS.find((k) => k === form.kind);
  if (!kind) return { ok: false, errors: { form: 'Choose yes or no, or report a problem' } };
  if (kind !== 'problem') return { ok: true, data: { page, kind, wrong: null, doing: null } };
  const wrong = (form.wrong ?? '').trim();
  const doing = (form.doing ?? '').trim();
  const errors: Record<string, string> = {};
  if (!wrong) errors.wrong = 'Enter what was wrong with the page';
  else if (wrong.length > FEEDBACK_TEXT_MAX) errors.wrong = `What was wrong must be ${FEEDBACK_TEXT_MAX} characters or fewer`;
  else {
    const problem = unsafeCharactersProblem(wrong, 'What was wrong', { multiline: true });
    if (problem) errors.wrong = problem;
  }
  if (doing.length > FEEDBACK_TEXT_MAX) errors.doing = `What you were trying to do must be ${FEEDBACK_TEXT_MAX} characters or fewer`;
  else if (doing) {
    const problem = unsafeCharactersProblem(doing, 'What you were trying to do', { multiline: true });
    if (problem) errors.doing = problem;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Checked as one text so a name in one answer and an age in the other are read together.
  const guard = checkPersonalData(`${wrong}\n\n${doing}`);
  if (!guard.ok) {
    const message = 'Remove anything that could identify a family or a person, then send your report again';
    const inDoing = doing !== '' && !checkPersonalData(doing).ok;
    const inWrong = !checkPersonalData(wrong).ok || !inDoing;
    return { ok: false, guard, errors: { ...(inWrong ? { wrong: message } : {}), ...(inDoing ? { doing: message } : {}) } };
  }
  return { ok: true, data: { page, kind, wrong, doing: doing || null } };
}

/** The guard's messages for refused feedback: the same wording the forum shows. */
export function feedbackGuardMessages(guard: Extract<GuardResult, { ok: false }>): string[] {
  return guardMessages(guard);
}

/** One stored piece of feedback, as the owners' view reads it. */
export interface FeedbackRecord {
  id: number;
  page: string;
  kind: FeedbackKind;
  wrong: string | null;
  doing: string | null;
  /** Seconds since the epoch. */
  createdAt: number;
  /** When an owner marked it done, or null. */
  doneAt: number | null;
}

/** A content page as the owners' view needs it. */
export interface OwnedPage {
  url: string;
  title: string;
  owner: string;
  nextReview: Date;
}

/** One page in an owner's view: its counts and its problem reports, newest first. */
export interface OwnerViewPage extends OwnedPage {
  /** The next review date has passed. */
  overdue: boolean;
  yes: number;
  no: number;
  /** Problem reports, newest first. */
  reports: FeedbackRecord[];
  /** Reports not yet marked done. */
  open: number;
  /** The newest feedback of any kind, or 0. */
  latest: number;
}

/**
 * The stable, URL-safe name of an owner role, for the owners' view's address.
 * @example ownerSlug('Troubled Families programme team') // 'troubled-families-programme-team'
 */
export function ownerSlug(owner: string): string {
  return owner.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * An owner's pages with their feedback. Pages past their next review date come first (the
 * owner's most urgent job), oldest due date first; then pages with feedback, newest first;
 * then the rest by title. Problem reports within a page are newest first.
 */
export function ownerView(pages: readonly OwnedPage[], feedback: readonly FeedbackRecord[], now: Date): OwnerViewPage[] {
  const byPage = new Map<string, FeedbackRecord[]>();
  for (const f of feedback) byPage.set(f.page, [...(byPage.get(f.page) ?? []), f]);
  const rows = pages.map((p): OwnerViewPage => {
    const mine = byPage.get(p.url) ?? [];
    const reports = mine.filter((f) => f.kind === 'problem').sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    return {
      ...p,
      overdue: p.nextReview.getTime() < now.getTime(),
      yes: mine.filter((f) => f.kind === 'yes').length,
      no: mine.filter((f) => f.kind === 'no').length,
      reports,
      open: reports.filter((r) => r.doneAt === null).length,
      latest: Math.max(0, ...mine.map((f) => f.createdAt)),
    };
  });
  return rows.sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    if (a.overdue) return a.nextReview.getTime() - b.nextReview.getTime();
    if (a.latest !== b.latest) return b.latest - a.latest;
    return a.title.localeCompare(b.title, 'en-GB');
  });
}
