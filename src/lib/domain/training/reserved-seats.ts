/**
 * Seats set aside for organisations (reserved seats): a trainer sets aside some of a
 * session's seats for the members of a named organisation (say 4 for Kent Police) until a
 * release date; then they join the open pool and the waiting list moves.
 *
 * The counting model, one rule for every count, offer and guard:
 * - A reservation stands until its release moment (midnight, UK time, at the start of its
 *   release date) unless a trainer removed it first.
 * - For each standing reservation, its seats left = max(0, seats − seats held by members of
 *   that organisation). Members' places count against their organisation's reservation
 *   first, so a member never takes an open seat while one set aside for them is free.
 * - Open seats free = capacity − seats held − the sum of every standing reservation's seats
 *   left (never below 0).
 * - A member of organisation X may take a seat when an open seat is free or X's
 *   reservation has a seat left. Everyone else only when an open seat is free.
 * - The database's seat guard (`takeSeats` in src/lib/server/training/repository.ts) keeps
 *   "seats held + seats left on standing reservations ≤ capacity" true for every session in
 *   the same statement that takes the seat, which is exactly the rule above.
 *
 * Membership: people give their organisation as free text on their account. Two spellings
 * name the same organisation when their `organisationKey` matches (case, spacing and a
 * trailing full stop ignored), the rule that already decides who counts as a colleague when
 * a place is passed on. A place records its holder's key when it is made, so a later change
 * to someone's account does not move seats already held. A trainer picks the organisation
 * from those on the portal's active accounts, so a reservation always names one that
 * people really belong to.
 *
 * Policy source: the training issue's "places set aside for agencies" (reserve a number of a
 * session's seats for named organisations until a release date; they then join the open
 * pool; the public count stays honest); README "Training and bookings".
 */
import { formatDate } from '../../format.ts';
import type { FieldErrors } from '../account/schema.ts';
import { cutoffOf, organisationKey } from './places.ts';
import { parseDate, ukLocalToUnix } from './time.ts';

export { organisationKey };

/** A reservation as the rules need it. */
export interface Reservation {
  id: number;
  /** The organisation as shown. */
  organisation: string;
  organisationKey: string;
  seats: number;
  /** When the seats join the open pool. */
  releaseAt: number;
  /** When it was released or removed; null while it stands. */
  endedAt: number | null;
}

/** True while a reservation holds its seats back: not ended, and its release moment not reached. */
export function reservationStands(r: Pick<Reservation, 'releaseAt' | 'endedAt'>, now: number): boolean {
  return r.endedAt === null && r.releaseAt > now;
}

/** True when a reservation's release moment has come and it has not yet been recorded as released. */
export function releaseDue(r: Pick<Reservation, 'releaseAt' | 'endedAt'>, now: number): boolean {
  return r.endedAt === null && r.releaseAt <= now;
}

/** A standing reservation with its seats taken by members and seats still free. */
export interface ReservedSeats extends Reservation {
  /** Seats held by the organisation's members, up to the reservation's size. */
  taken: number;
  /** Seats still set aside: max(0, seats − seats held by members). */
  left: number;
}

/** Every seat count of a session at one moment. */
export interface SeatPicture {
  capacity: number;
  /** Places holding a seat (SEAT_HOLDING). */
  held: number;
  /** Standing reservations, soonest release first. */
  reserved: ReservedSeats[];
  /** Seats anyone may take: capacity − held − the seats left on standing reservations, at least 0. */
  openFree: number;
  /** Every free seat, open or set aside: capacity − held, at least 0. */
  free: number;
}

/**
 * A session's seats: how many are held, how many of each standing reservation are left, and
 * how many are open to anyone.
 * @example seatPicture({ capacity: 20, heldBy: new Map([['kent police', 2], ['kcc', 15]]), reservations: [kentPolice4], now })
 *   // held 17, Kent Police 2 taken and 2 left, openFree 1, free 3
 */
export function seatPicture({ capacity, heldBy, reservations, now }: { capacity: number; heldBy: ReadonlyMap<string, number>; reservations: readonly Reservation[]; now: number }): SeatPicture {
  const held = [...heldBy.values()].reduce((a, b) => a + b, 0);
  const reserved = reservations
    .filter((r) => reservationStands(r, now))
    .map((r) => {
      const members = heldBy.get(r.organisationKey) ?? 0;
      return { ...r, taken: Math.min(r.seats, members), left: Math.max(0, r.seats - members) };
    })
    .sort((a, b) => a.releaseAt - b.releaseAt || a.organisation.localeCompare(b.organisation));
  const setAside = reserved.reduce((a, r) => a + r.left, 0);
  return { capacity, held, reserved, openFree: Math.max(0, capacity - held - setAside), free: Math.max(0, capacity - held) };
}

/** Seats set aside for an organisation and not yet taken (0 when it has no standing reservation). */
export function reservedLeftFor(picture: SeatPicture, key: string | null): number {
  if (!key) return 0;
  return picture.reserved.find((r) => r.organisationKey === key)?.left ?? 0;
}

/** Seats a member of organisation `key` (null: none, or not signed in) may take now. */
export function seatsFreeFor(picture: SeatPicture, key: string | null): number {
  return picture.openFree + reservedLeftFor(picture, key);
}

/** The seats left per organisation key, for choosing who is offered a freed seat. */
export function reservedLeftByKey(picture: SeatPicture): Map<string, number> {
  return new Map(picture.reserved.filter((r) => r.left > 0).map((r) => [r.organisationKey, r.left]));
}

/**
 * Who is offered free seats, in queue order: each person waiting gets a seat set aside for
 * their organisation while one is left, otherwise an open seat while one is free; someone
 * no free seat is for is passed over and keeps their place in the queue. First come, first
 * served among those a seat may go to.
 */
export function chooseOffers<T extends { organisationKey: string | null }>(queue: readonly T[], openFree: number, reservedLeft: ReadonlyMap<string, number>): T[] {
  let open = Math.max(0, openFree);
  const left = new Map(reservedLeft);
  const chosen: T[] = [];
  for (const place of queue) {
    const mine = place.organisationKey ? (left.get(place.organisationKey) ?? 0) : 0;
    if (mine > 0) left.set(place.organisationKey!, mine - 1);
    else if (open > 0) open--;
    else continue;
    chosen.push(place);
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------
// The trainer's form.

/** One organisation a trainer may set seats aside for: the key and the most common spelling. */
export interface KnownOrganisation {
  key: string;
  name: string;
}

/**
 * The organisations of the portal's active accounts, one per key, each shown with its most
 * common spelling (then the first alphabetically), sorted by name.
 */
export function knownOrganisations(spellings: readonly { organisation: string; members: number }[]): KnownOrganisation[] {
  const byKey = new Map<string, { name: string; members: number }>();
  for (const s of spellings) {
    const key = organisationKey(s.organisation);
    if (!key) continue;
    const best = byKey.get(key);
    const name = s.organisation.trim().replace(/\s+/g, ' ');
    if (!best || s.members > best.members || (s.members === best.members && name.localeCompare(best.name) < 0)) byKey.set(key, { name, members: s.members });
  }
  return [...byKey].map(([key, v]) => ({ key, name: v.name })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** Field order on the reservation form, for the error summary. */
export const RESERVATION_FIELDS = ['organisation', 'seats', 'releaseDate'] as const;

/** A checked reservation, ready to save. */
export interface ReservationForm {
  organisation: string;
  organisationKey: string;
  seats: number;
  releaseAt: number;
}

/** What the form is checked against, read inside the write transaction. */
export interface ReservationContext {
  now: number;
  session: { status: 'scheduled' | 'cancelled'; startsAt: number; cutoffHours: number; capacity: number };
  picture: SeatPicture;
  /** Seats held per organisation key (what the picture was made from). */
  heldBy: ReadonlyMap<string, number>;
  organisations: readonly KnownOrganisation[];
}

/**
 * The most seats that can be set aside for organisation `key` now: the capacity less every
 * other standing reservation's seats, and no more than the seats nobody else holds or has
 * set aside (seats its own members already hold count towards it).
 * @example mostSeatsFor(picture, heldBy, 'kent police') // 7 when 15 of 20 are held, 2 of them by Kent Police
 */
export function mostSeatsFor(picture: SeatPicture, heldBy: ReadonlyMap<string, number>, key: string): number {
  const others = picture.reserved.filter((r) => r.organisationKey !== key);
  const otherSeats = others.reduce((a, r) => a + r.seats, 0);
  const otherLeft = others.reduce((a, r) => a + r.left, 0);
  const members = heldBy.get(key) ?? 0;
  return Math.max(0, Math.min(picture.capacity - otherSeats, picture.capacity - picture.held - otherLeft + members));
}

/**
 * Checks a posted reservation: an organisation from the list, a whole number of seats of at
 * least 1 that fits (mostSeatsFor), and a release date that is a real date, still to come
 * and before booking closes (so the released seats can still be booked or offered).
 */
export function checkReservationForm(values: Record<string, string>, ctx: ReservationContext): { ok: true; data: ReservationForm } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const chosen = (values.organisation ?? '').trim();
  const org = ctx.organisations.find((o) => o.key === chosen);
  if (!chosen) errors.organisation = 'Select the organisation to set places aside for';
  else if (!org) errors.organisation = 'Select an organisation from the list';
  else if (ctx.picture.reserved.some((r) => r.organisationKey === org.key))
    errors.organisation = `Places are already set aside for ${org.name} on this session. Remove them first to change the number or the date`;

  const seatsText = (values.seats ?? '').trim();
  let seats: number | undefined;
  if (!seatsText) errors.seats = 'Enter the number of places to set aside';
  else if (!/^\d{1,4}$/.test(seatsText)) errors.seats = 'Number of places must be a whole number, like 4';
  else {
    seats = Number(seatsText);
    if (seats < 1) errors.seats = 'Set aside at least 1 place';
    else if (seats > ctx.session.capacity) errors.seats = `The session has ${ctx.session.capacity} places, so you cannot set aside more than ${ctx.session.capacity}`;
    else if (org && !errors.organisation) {
      const most = mostSeatsFor(ctx.picture, ctx.heldBy, org.key);
      if (seats > most) errors.seats = most === 0 ? 'Every place is already taken or set aside, so none can be set aside' : `Only ${most} ${most === 1 ? 'place is' : 'places are'} not taken or set aside for others, so you can set aside at most ${most}`;
    }
  }

  const dateText = (values.releaseDate ?? '').trim();
  let releaseAt: number | undefined;
  const closes = cutoffOf(ctx.session);
  if (!dateText) errors.releaseDate = 'Enter the date the places are released to everyone';
  else if (!parseDate(dateText)) errors.releaseDate = 'Release date must be a real date, like 1/3/2027';
  else {
    const at = ukLocalToUnix(dateText, '00:00');
    releaseAt = at.ok ? at.unix : undefined;
    if (releaseAt === undefined || releaseAt <= ctx.now) errors.releaseDate = 'Release date must be in the future';
    else if (releaseAt >= closes) errors.releaseDate = `Release date must be before booking closes on ${formatDate(closes)}`;
  }

  if (ctx.session.status !== 'scheduled') errors.organisation = 'This session has been cancelled, so no places can be set aside';
  else if (ctx.now >= closes) errors.organisation = 'Booking has closed for this session, so no places can be set aside';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { organisation: org!.name, organisationKey: org!.key, seats: seats!, releaseAt: releaseAt! } };
}

/**
 * A standing reservation that a change to the session's time or cut-off would leave holding
 * its places until after booking closes (so they could never reach the waiting list), or
 * undefined when every one is released before booking closes.
 */
export function reservationOutlivingBooking<R extends Pick<Reservation, 'releaseAt' | 'endedAt'>>(reservations: readonly R[], session: { startsAt: number; cutoffHours: number }, now: number): R | undefined {
  const closes = cutoffOf(session);
  return reservations.find((r) => reservationStands(r, now) && r.releaseAt >= closes);
}

/** Why a session's new time is refused while places set aside would outlive booking. */
export function reservationOutlivesBookingMessage(r: Pick<Reservation, 'organisation' | 'releaseAt'>): string {
  return `Places are set aside for ${r.organisation} until ${formatDate(r.releaseAt)}, after booking would close. Remove them on the session page first, or choose a later date`;
}

// ---------------------------------------------------------------------------------------
// Words.

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const placesWord = (n: number) => `${n} place${n === 1 ? '' : 's'}`;

/**
 * The seats to show as left: while people are waiting, open seats are being offered to them
 * (first come, first served), so only seats set aside for organisations are shown as left.
 */
function shownOpen(picture: SeatPicture, waiting: number): number {
  return waiting > 0 ? 0 : picture.openFree;
}

/**
 * The honest count of a session's places: how many are left, and how many of those are set
 * aside, for whom and until when.
 * @example placesText(picture, 0) // '3 of 20 places left, 2 of them for Kent Police until 1 March 2027'
 * @example placesText(fullPicture, 2) // 'Full: 2 on the waiting list'
 */
export function placesText(picture: SeatPicture, waiting: number): string {
  const setAside = picture.reserved.filter((r) => r.left > 0);
  const reservedLeft = setAside.reduce((a, r) => a + r.left, 0);
  // Never more than the seats actually free, whatever is set aside.
  const total = Math.min(picture.free, shownOpen(picture, waiting) + reservedLeft);
  const queue = waiting > 0 ? `${waiting} on the waiting list` : '';
  if (total === 0) return queue ? `Full: ${queue}` : 'Full';
  let text = `${total} of ${placesWord(picture.capacity)} left`;
  if (setAside.length === 1) {
    const r = setAside[0]!;
    const until = `for ${r.organisation} until ${formatDate(r.releaseAt)}`;
    text += r.left < total ? `, ${r.left} of them ${until}` : total === 1 ? `, set aside ${until}` : `, all ${until}`;
  } else if (setAside.length > 1) {
    text += `, ${joinAnd(setAside.map((r) => `${r.left} for ${r.organisation} until ${formatDate(r.releaseAt)}`))}`;
  }
  return queue ? `${text}. ${queue}` : text;
}

/**
 * What the places left mean for one signed-in reader, or null when nothing is set aside:
 * whether some are set aside for their organisation, or that those set aside are not for them.
 * @example placesForYouText(picture, 0, 'kcc') // 'The places set aside are not for your organisation, so 1 is open to you'
 */
export function placesForYouText(picture: SeatPicture, waiting: number, viewerKey: string | null): string | null {
  const setAside = picture.reserved.filter((r) => r.left > 0);
  if (setAside.length === 0) return null;
  const mine = reservedLeftFor(picture, viewerKey);
  if (mine > 0) return `${mine === 1 ? '1 of them is' : `${mine} of them are`} set aside for your organisation`;
  const open = shownOpen(picture, waiting);
  return `The places set aside are not for your organisation, so ${open === 0 ? 'none is' : open === 1 ? '1 is' : `${open} are`} open to you`;
}

/**
 * Why someone who tried to book joined the waiting list: no place is free; the places still
 * free are set aside for other organisations; or places are free for them, but others (a
 * colleague waiting for a place set aside for their organisation, say) were waiting first.
 */
export type WaitingReason = 'full' | 'set-aside-for-others' | 'others-waiting-first';

/**
 * Why a member of organisation `viewerKey` (null: none) is on the session's waiting list.
 * @example waitingReason(pictureWithTwoSetAsideForKentPolice, 'kcc') // 'set-aside-for-others'
 */
export function waitingReason(picture: SeatPicture, viewerKey: string | null): WaitingReason {
  if (picture.free === 0) return 'full';
  // Seats are free, yet none is open and none set aside for them: they are set aside for others.
  return seatsFreeFor(picture, viewerKey) > 0 ? 'others-waiting-first' : 'set-aside-for-others';
}

/**
 * True when a reader from organisation `viewerKey` would join the waiting list rather than
 * get a seat: no seat is free for them, or (for an open seat) others are already waiting.
 * Mirrors decideBooking's rule for the page's button.
 */
export function fullFor(picture: SeatPicture, { waiting, waitingFromOrganisation }: { waiting: number; waitingFromOrganisation: number }, viewerKey: string | null): boolean {
  if (reservedLeftFor(picture, viewerKey) > 0) return waitingFromOrganisation > 0;
  return picture.openFree === 0 || waiting > 0;
}
