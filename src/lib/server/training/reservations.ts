/**
 * Seats set aside for organisations on a session: a trainer who runs the course sets some
 * seats aside for one organisation's members until a release date, or removes them. The
 * rules (what may be set aside, how seats are counted, who may take them) are in
 * lib/domain/training/reserved-seats.ts; the seat guard in the repository enforces them with
 * the capacity. Releases on the date happen in bookings.ts (the server's timer, and before
 * any booking on the session). Every change is kept in the reservation's history.
 */
import type { PortalDb } from '../../../../db/client.ts';
import type { FieldErrors } from '../../domain/account/schema.ts';
import { parseId } from '../../domain/ids.ts';
import { checkReservationForm, knownOrganisations, type KnownOrganisation, type ReservationForm } from '../../domain/training/reserved-seats.ts';
import { nowSeconds } from '../../time.ts';
import { offerFreeSeats, readSeatPictures, type TrainingSettings } from './bookings.ts';
import { runsSession } from './ownership.ts';
import {
  endReservations,
  insertReservation,
  readOrganisationSpellings,
  readReservation,
  readReservationHistory,
  readSession,
  recordReservationEvents,
  type Reader,
  type ReservationEventRecord,
} from './repository.ts';

/** The organisations a trainer may set seats aside for: those of the portal's active accounts. */
export async function organisationsToReserveFor(db: Reader): Promise<KnownOrganisation[]> {
  return knownOrganisations(await readOrganisationSpellings(db));
}

/** The history of a session's reserved seats, oldest first. */
export async function reservationHistoryOf(db: Reader, sessionId: number): Promise<ReservationEventRecord[]> {
  return readReservationHistory(db, sessionId);
}

export type ReserveResult =
  | { ok: true; reservation: ReservationForm }
  | { ok: false; reason: 'not-found' | 'forbidden' }
  | { ok: false; reason: 'invalid'; errors: FieldErrors; values: Record<string, string> };

const placesWord = (n: number) => `${n} place${n === 1 ? '' : 's'}`;

/**
 * Sets seats aside on session `sessionId` from the trainer's posted form values. Checked and
 * written in one write transaction against the seats as they are at that moment, so the
 * seats set aside always fit beside those already held.
 */
export async function reserveSeats(
  portal: PortalDb,
  { sessionId, values, actorId, now = nowSeconds() }: { sessionId: number; values: Record<string, string>; actorId: number; now?: number },
  settings: TrainingSettings,
): Promise<ReserveResult> {
  return portal.write(async (tx): Promise<ReserveResult> => {
    const session = await readSession(tx, sessionId);
    if (!session) return { ok: false, reason: 'not-found' };
    if (!(await runsSession(tx, actorId, sessionId))) return { ok: false, reason: 'forbidden' };
    const [pictures, organisations] = await Promise.all([readSeatPictures(tx, [session], now), organisationsToReserveFor(tx)]);
    const { picture, counts } = pictures.get(sessionId)!;
    const checked = checkReservationForm(values, { now, session, picture, heldBy: counts.heldBy, organisations });
    if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors, values };
    const r = checked.data;
    const id = await insertReservation(tx, { sessionId, ...r, actorId, now });
    await recordReservationEvents(tx, [{ reservationId: id, event: 'reserved', actorId, detail: `${placesWord(r.seats)} for ${r.organisation}` }], now);
    // Members of the organisation already waiting get the seats set aside for them straight away.
    await offerFreeSeats(tx, [session], now, settings);
    return { ok: true, reservation: r };
  });
}

export type RemoveReservationResult = { ok: true; organisation: string } | { ok: false; reason: 'not-found' | 'forbidden' | 'ended' };

/** Removes seats set aside on a session: they join the open pool now and are offered to the waiting list. */
export async function removeReservation(
  portal: PortalDb,
  { sessionId, reservationId, actorId, now = nowSeconds() }: { sessionId: number; reservationId: number; actorId: number; now?: number },
  settings: TrainingSettings,
): Promise<RemoveReservationResult> {
  return portal.write(async (tx): Promise<RemoveReservationResult> => {
    const reservation = await readReservation(tx, reservationId);
    if (!reservation || reservation.sessionId !== sessionId) return { ok: false, reason: 'not-found' };
    if (!(await runsSession(tx, actorId, sessionId))) return { ok: false, reason: 'forbidden' };
    if (!(await endReservations(tx, [reservationId], 'removed', now)).length) return { ok: false, reason: 'ended' };
    await recordReservationEvents(tx, [{ reservationId, event: 'removed', actorId, detail: `${placesWord(reservation.seats)} for ${reservation.organisation} joined the open places` }], now);
    await offerFreeSeats(tx, [(await readSession(tx, sessionId))!], now, settings);
    return { ok: true, organisation: reservation.organisation };
  });
}

export type ReservationSubmission = ReserveResult | RemoveReservationResult | { ok: false; reason: 'unknown' };

/** Reads the trainer's reservation form (intent `reserve` or `remove-reservation`) and applies it. */
export async function submitReservationForm(portal: PortalDb, values: Record<string, string>, { sessionId, actorId }: { sessionId: number; actorId: number }, settings: TrainingSettings): Promise<ReservationSubmission> {
  if (values.intent === 'reserve') return reserveSeats(portal, { sessionId, values, actorId }, settings);
  const reservationId = parseId(values.reservationId);
  if (values.intent === 'remove-reservation' && reservationId !== null) return removeReservation(portal, { sessionId, reservationId, actorId }, settings);
  return { ok: false, reason: 'unknown' };
}
