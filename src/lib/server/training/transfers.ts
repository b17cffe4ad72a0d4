/**
 * Sending a colleague instead: a booked person offers their place to a colleague from the
 * same organisation; the colleague takes it up, or turns it down, from a single-use e-mailed
 * link. Taking it up is one write transaction: the holder's place ends and the colleague's
 * begins through the seat guard, so there is no moment when the seat is free for anyone
 * else and the session can never be overbooked. Every step is in both places' histories.
 * The rules are decideTransferOffer and decideTransferAnswer in lib/domain/training/places.ts.
 */
import type { PortalDb, Tx } from '../../../../db/client.ts';
import { TRANSFER_OFFER_MESSAGES, checkColleagueEmail } from '../../domain/training/forms.ts';
import { contextOf, decideTransferAnswer, decideTransferOffer, organisationKey, placesCountingTowardsLimit, transition, type TransferAnswerRefusal } from '../../domain/training/places.ts';
import { issueToken, parseToken, secretMatches } from '../auth/tokens.ts';
import { nowSeconds } from '../../time.ts';
import { readForm } from '../forms.ts';
import type { TrainingSettings } from './bookings.ts';
import { bookingConfirmedEmail, transferDeclinedEmail, transferDoneEmail, transferOfferEmail } from './emails.ts';
import {
  changePlaces,
  closeTransfer,
  insertTransfer,
  queueTrainingEmails,
  readActivePersonByEmail,
  readBooking,
  readBookingOf,
  readPeople,
  readPlacesOf,
  readSession,
  readTransfer,
  recordEvents,
  takeSeats,
  upsertWaitingPlace,
  type PersonRecord,
  type Reader,
  type SessionWithCourse,
  type TransferRecord,
} from './repository.ts';

/** Where the colleague answers; the token follows as `?token=`. */
export const TRANSFER_PATH = '/account/transfers';

export type TransferFormOutcome =
  | { outcome: 'offered'; colleague: string }
  | { outcome: 'invalid'; value: string; error: string }
  | { outcome: 'refused'; reason: 'not-found' | 'not-active' | 'closed' };

/**
 * Reads the "send a colleague instead" form for place `bookingId` of person `userId` and,
 * when all is well, offers the place to the colleague named (e-mailing them the link).
 */
export async function submitTransferForm(portal: PortalDb, request: Request, { bookingId, userId, now = nowSeconds() }: { bookingId: number; userId: number; now?: number }, settings: TrainingSettings): Promise<TransferFormOutcome> {
  const values = await readForm(request);
  const checked = checkColleagueEmail(values.colleague);
  if (!checked.ok) return { outcome: 'invalid', value: values.colleague ?? '', error: checked.error };
  const result = await offerPlaceToColleague(portal, { bookingId, userId, colleagueEmail: checked.email, now }, settings);
  if (result.ok) return { outcome: 'offered', colleague: result.colleague };
  if (result.reason === 'not-found' || result.reason === 'not-active' || result.reason === 'closed') return { outcome: 'refused', reason: result.reason };
  return { outcome: 'invalid', value: values.colleague ?? '', error: TRANSFER_OFFER_MESSAGES[result.reason] };
}

export type OfferTransferResult = { ok: true; colleague: string } | { ok: false; reason: 'not-found' | 'not-active' | 'closed' | keyof typeof TRANSFER_OFFER_MESSAGES };

/** Offers person `userId`'s place to the colleague with `colleagueEmail`, replacing any earlier offer. */
export async function offerPlaceToColleague(
  portal: PortalDb,
  { bookingId, userId, colleagueEmail, now = nowSeconds() }: { bookingId: number; userId: number; colleagueEmail: string; now?: number },
  settings: TrainingSettings,
): Promise<OfferTransferResult> {
  return portal.write(async (tx): Promise<OfferTransferResult> => {
    const place = await readBooking(tx, bookingId, userId);
    if (!place) return { ok: false, reason: 'not-found' };
    const [session, people, colleague] = await Promise.all([readSession(tx, place.sessionId), readPeople(tx, [userId]), readActivePersonByEmail(tx, colleagueEmail)]);
    const holder = people.get(userId)!;
    const colleaguePlace = colleague ? await readBookingOf(tx, place.sessionId, colleague.id) : undefined;
    const decision = decideTransferOffer({ now, session: session!, status: place.status, holder, colleague: colleague ?? null, colleaguePlace: colleaguePlace?.status ?? null });
    if (!decision.ok) return { ok: false, reason: decision.reason };
    const token = issueToken();
    await insertTransfer(tx, { id: token.id, secretHash: token.secretHash, bookingId, fromUserId: userId, toUserId: colleague!.id, createdAt: now, expiresAt: decision.expiresAt });
    await recordEvents(tx, [{ bookingId, event: 'transfer-offered', actorId: userId, detail: `Offered to ${colleague!.name}` }], now);
    const link = `${settings.baseUrl}${TRANSFER_PATH}?token=${encodeURIComponent(token.token)}`;
    await queueTrainingEmails(tx, [transferOfferEmail(colleague!, session!, holder, link, decision.expiresAt)]);
    return { ok: true, colleague: colleague!.name };
  });
}

/** What the colleague sees before answering. */
export interface TransferView {
  session: SessionWithCourse;
  from: PersonRecord;
  expiresAt: number;
}

export type TransferLookup = { ok: true; view: TransferView } | { ok: false; reason: 'invalid' | 'not-yours' | TransferAnswerRefusal };

/** Reads and checks an offer for person `userId` from its token, inside or outside a transaction. */
async function lookUp(db: Reader, token: string | null | undefined, userId: number, now: number): Promise<{ ok: true; view: TransferView; transfer: TransferRecord } | Exclude<TransferLookup, { ok: true }>> {
  const parsed = parseToken(token);
  if (!parsed) return { ok: false, reason: 'invalid' };
  const transfer = await readTransfer(db, parsed.id);
  if (!transfer || !secretMatches(parsed.secret, transfer.secretHash)) return { ok: false, reason: 'invalid' };
  if (transfer.toUserId !== userId) return { ok: false, reason: 'not-yours' };
  const place = (await readBooking(db, transfer.bookingId))!;
  const [session, people, mine] = await Promise.all([readSession(db, place.sessionId), readPeople(db, [transfer.fromUserId]), readPlacesOf(db, userId)]);
  const onCourse = mine.filter((p) => p.session.courseId === session!.courseId);
  const decision = decideTransferAnswer({
    now,
    session: session!,
    outcome: transfer.outcome,
    expiresAt: transfer.expiresAt,
    status: place.status,
    colleaguePlace: mine.find((p) => p.sessionId === place.sessionId)?.status ?? null,
    heldOnCourse: placesCountingTowardsLimit(onCourse, place.sessionId, now),
    placesPerPerson: session!.placesPerPerson,
  });
  if (!decision.ok) return decision;
  return { ok: true, view: { session: session!, from: people.get(transfer.fromUserId)!, expiresAt: transfer.expiresAt }, transfer };
}

/** The offer behind a link, for the colleague's page, or why it cannot be taken up. */
export async function transferFor(db: Reader, token: string | null | undefined, userId: number, now = nowSeconds()): Promise<TransferLookup> {
  const found = await lookUp(db, token, userId, now);
  return found.ok ? { ok: true, view: found.view } : found;
}

export type AnswerResult = { ok: true; accepted: true; bookingId: number } | { ok: true; accepted: false; bookingId: number } | { ok: false; reason: 'invalid' | 'not-yours' | TransferAnswerRefusal };

/** Thrown to roll the whole transaction back when a write finds the place changed under it. */
class PlaceChanged extends Error {}

/**
 * The colleague takes up the place (`accept`) or turns it down. Taking it up ends the
 * holder's place and seats the colleague in one transaction, through the seat guard; both
 * get e-mails with their calendar files (the holder's now cancels the event).
 */
export async function answerTransfer(
  portal: PortalDb,
  { token, userId, accept, now = nowSeconds() }: { token: string; userId: number; accept: boolean; now?: number },
  settings: TrainingSettings,
): Promise<AnswerResult> {
  try {
    return await portal.write((tx) => answerIn(tx, { token, userId, accept, now }, settings));
  } catch (error) {
    if (error instanceof PlaceChanged) return { ok: false, reason: 'not-active' };
    throw error;
  }
}

async function answerIn(tx: Tx, { token, userId, accept, now }: { token: string; userId: number; accept: boolean; now: number }, settings: TrainingSettings): Promise<AnswerResult> {
  const found = await lookUp(tx, token, userId, now);
  if (!found.ok) return found;
  const { transfer, view } = found;
  const links = { bookings: `${settings.baseUrl}/account/bookings`, ics: (id: number) => `${settings.baseUrl}/account/bookings/${id}.ics` };
  const people = await readPeople(tx, [userId]);
  const colleague = people.get(userId)!;
  if (!(await closeTransfer(tx, transfer.id, accept ? 'accepted' : 'declined', now))) return { ok: false, reason: 'used' };
  if (!accept) {
    await recordEvents(tx, [{ bookingId: transfer.bookingId, event: 'transfer-declined', actorId: userId, detail: `${colleague.name} turned it down` }], now);
    await queueTrainingEmails(tx, [transferDeclinedEmail(view.from, view.session, colleague, links.bookings)]);
    return { ok: true, accepted: false, bookingId: transfer.bookingId };
  }
  const out = transition('booked', 'transfer-out', contextOf(view.session, now));
  if (!out.ok || !out.event) throw new PlaceChanged();
  // The holder's seat is released and taken by the colleague inside this one transaction.
  const ended = await changePlaces(tx, [{ id: transfer.bookingId, to: out.to }], { from: ['booked'], now, raiseSequence: true });
  if (!ended.length) throw new PlaceChanged();
  const newId = await upsertWaitingPlace(tx, { sessionId: view.session.id, userId, organisationKey: organisationKey(colleague.organisation), now });
  if (newId === undefined) throw new PlaceChanged();
  const seated = await takeSeats(tx, [{ id: newId, sessionId: view.session.id, to: 'booked' }], { now, raiseSequence: false });
  if (!seated.length) throw new PlaceChanged();
  await recordEvents(
    tx,
    [
      { bookingId: transfer.bookingId, event: out.event, actorId: userId, detail: `Passed to ${colleague.name}` },
      { bookingId: newId, event: 'transferred-in', actorId: userId, detail: `Passed on by ${view.from.name}` },
    ],
    now,
  );
  await queueTrainingEmails(tx, [
    bookingConfirmedEmail(colleague, view.session, links.ics(newId), links.bookings),
    transferDoneEmail(view.from, view.session, colleague, links.ics(transfer.bookingId)),
  ]);
  return { ok: true, accepted: true, bookingId: newId };
}

/** Reads the colleague's answer form (intent accept or decline, and the token) and applies it. */
export async function submitTransferAnswer(portal: PortalDb, request: Request, userId: number, settings: TrainingSettings): Promise<AnswerResult> {
  const values = await readForm(request);
  if (values.intent !== 'accept' && values.intent !== 'decline') return { ok: false, reason: 'invalid' };
  return answerTransfer(portal, { token: values.token ?? '', userId, accept: values.intent === 'accept' }, settings);
}
