/**
 * A line manager's approval of a place, from both sides: the person's booking form on a
 * course that needs approval (the manager's work e-mail, remembered for next time), and the
 * manager's answer from the e-mailed single-use link, which needs no account. The page
 * behind the link changes nothing on GET (mail scanners open links); answering is a POST.
 * Approving books the place; declining ends it and the seat goes to the waiting list, in one
 * write transaction each. The rules are in lib/domain/training/places.ts (approvalExpiry,
 * decideApprovalAnswer and the approval transitions).
 */
import type { PortalDb, Tx } from '../../../../db/client.ts';
import { checkManagerEmail } from '../../domain/training/forms.ts';
import { approvalExpiry, contextOf, decideApprovalAnswer, transition, type ApprovalAnswerRefusal } from '../../domain/training/places.ts';
import { nowSeconds } from '../../time.ts';
import { parseToken, secretMatches } from '../auth/tokens.ts';
import { readForm } from '../forms.ts';
import { bookPlace, expireApprovalsIn, offerFreeSeats, type BookResult, type TrainingSettings } from './bookings.ts';
import { approvalDeclinedEmail, bookingConfirmedEmail } from './emails.ts';
import {
  changePlaces,
  closeApproval,
  queueTrainingEmails,
  readApproval,
  readBooking,
  readLastManagerEmail,
  readPeople,
  readSession,
  recordEvents,
  type ApprovalRecord,
  type BookingRecord,
  type PersonRecord,
  type Reader,
  type SessionWithCourse,
} from './repository.ts';

export { APPROVAL_PATH } from './approval-requests.ts';

// ---------------------------------------------------------------------------------------
// The person's side: naming their line manager when booking.

/** What the line manager form needs: the address to fill in, and how long a seat would be held if booked now. */
export async function managerFormFor(db: Reader, { sessionId, userId, now = nowSeconds() }: { sessionId: number; userId: number; now?: number }): Promise<{ managerEmail: string; holdUntil: number | null } | undefined> {
  const session = await readSession(db, sessionId);
  if (!session) return undefined;
  return { managerEmail: (await readLastManagerEmail(db, userId)) ?? '', holdUntil: approvalExpiry(session, now) };
}

export type ManagerFormOutcome = { outcome: 'invalid'; value: string; error: string } | { outcome: 'booked'; result: BookResult };

/**
 * Reads the line manager form for session `sessionId` and, when the address is good, books
 * (or joins the waiting list) naming that manager. A bad address comes back with its
 * message and the answer as typed; nothing is written.
 */
export async function submitManagerForm(
  portal: PortalDb,
  request: Request,
  { sessionId, user, now = nowSeconds() }: { sessionId: number; user: { id: number; email: string }; now?: number },
  settings: TrainingSettings,
): Promise<ManagerFormOutcome> {
  const values = await readForm(request);
  const checked = checkManagerEmail(values.managerEmail, user.email);
  if (!checked.ok) return { outcome: 'invalid', value: values.managerEmail ?? '', error: checked.error };
  return { outcome: 'booked', result: await bookPlace(portal, { sessionId, userId: user.id, managerEmail: checked.email, now }, settings) };
}

// ---------------------------------------------------------------------------------------
// The manager's side: the link.

/** What the manager sees before answering. */
export interface ApprovalView {
  session: SessionWithCourse;
  person: PersonRecord;
  managerEmail: string;
  expiresAt: number;
}

export type ApprovalLookup = { ok: true; view: ApprovalView } | { ok: false; reason: 'invalid' | ApprovalAnswerRefusal };

type Found = { ok: true; view: ApprovalView; approval: ApprovalRecord; place: BookingRecord };

/** Reads and checks a request from its token, inside or outside a transaction. */
async function lookUp(db: Reader, token: string | null | undefined, now: number): Promise<Found | { ok: false; reason: 'invalid' | ApprovalAnswerRefusal; place?: BookingRecord }> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, reason: 'invalid' };
  const approval = await readApproval(db, parsed.id);
  if (!approval || !secretMatches(parsed.secret, approval.secretHash)) return { ok: false, reason: 'invalid' };
  const place = (await readBooking(db, approval.bookingId))!;
  const decision = decideApprovalAnswer({ now, outcome: approval.outcome, expiresAt: approval.expiresAt, status: place.status });
  if (!decision.ok) return { ...decision, place };
  const [session, people] = await Promise.all([readSession(db, place.sessionId), readPeople(db, [place.userId])]);
  return { ok: true, approval, place, view: { session: session!, person: people.get(place.userId)!, managerEmail: approval.managerEmail, expiresAt: approval.expiresAt } };
}

/** The request behind a link, for the manager's page, or why it can no longer be answered. Changes nothing. */
export async function approvalFor(db: Reader, token: string | null | undefined, now = nowSeconds()): Promise<ApprovalLookup> {
  const found = await lookUp(db, token, now);
  return found.ok ? { ok: true, view: found.view } : { ok: false, reason: found.reason };
}

export type ApprovalAnswerResult = { ok: true; approved: boolean; view: ApprovalView } | { ok: false; reason: 'invalid' | ApprovalAnswerRefusal };

/** Thrown to roll the whole transaction back when a write finds the place changed under it. */
class PlaceChanged extends Error {}

/**
 * The manager approves or declines the place. Approving books it (the person gets the usual
 * confirmation with its calendar file); declining ends it, e-mails the person and offers the
 * seat to the first person waiting. The link works once: closing the request is conditional,
 * so two answers at once cannot both count. A link used after the hold ran out ends the hold
 * there and then, as the timer would have.
 */
export async function answerApproval(
  portal: PortalDb,
  { token, approve, now = nowSeconds() }: { token: string; approve: boolean; now?: number },
  settings: TrainingSettings,
): Promise<ApprovalAnswerResult> {
  try {
    return await portal.write((tx) => answerIn(tx, { token, approve, now }, settings));
  } catch (error) {
    if (error instanceof PlaceChanged) return { ok: false, reason: 'not-active' };
    throw error;
  }
}

async function answerIn(tx: Tx, { token, approve, now }: { token: string; approve: boolean; now: number }, settings: TrainingSettings): Promise<ApprovalAnswerResult> {
  const found = await lookUp(tx, token, now);
  if (!found.ok) {
    if (found.reason === 'expired' && found.place) await expireApprovalsIn(tx, [found.place.sessionId], now, settings);
    return { ok: false, reason: found.reason };
  }
  const { approval, place, view } = found;
  const step = transition(place.status, approve ? 'approve' : 'approval-decline', contextOf(view.session, now, place.offerExpiresAt));
  if (!step.ok || !step.event) return { ok: false, reason: 'not-active' };
  if (!(await closeApproval(tx, approval.id, approve ? 'approved' : 'declined', now))) return { ok: false, reason: 'used' };
  // The seat is already held for the manager's answer, so approving does not go through the seat guard.
  const changed = await changePlaces(tx, [{ id: place.id, to: step.to }], { from: ['awaiting-approval'], now, raiseSequence: true });
  if (!changed.length) throw new PlaceChanged();
  await recordEvents(tx, [{ bookingId: place.id, event: step.event, actorId: null, detail: `${approve ? 'Approved' : 'Declined'} by ${approval.managerEmail}` }], now);
  const base = settings.baseUrl;
  if (approve) {
    await queueTrainingEmails(tx, [bookingConfirmedEmail(view.person, view.session, `${base}/account/bookings/${place.id}.ics`, `${base}/account/bookings`)]);
  } else {
    await queueTrainingEmails(tx, [approvalDeclinedEmail(view.person, view.session, approval.managerEmail, `${base}/training/${view.session.courseSlug}/`)]);
    await offerFreeSeats(tx, [view.session], now, settings);
  }
  return { ok: true, approved: approve, view };
}

/** Reads the manager's answer form (intent approve or decline, and the token) and applies it. */
export async function submitApprovalAnswer(portal: PortalDb, request: Request, settings: TrainingSettings): Promise<ApprovalAnswerResult> {
  const values = await readForm(request);
  if (values.intent !== 'approve' && values.intent !== 'decline') return { ok: false, reason: 'invalid' };
  return answerApproval(portal, { token: values.token ?? '', approve: values.intent === 'approve' }, settings);
}
