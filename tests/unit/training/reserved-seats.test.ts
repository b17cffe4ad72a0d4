import { describe, expect, test } from 'vitest';
import { decideBooking, type BookingRequest } from '../../../src/lib/domain/training/places.ts';
import {
  checkReservationForm,
  chooseOffers,
  fullFor,
  knownOrganisations,
  mostSeatsFor,
  organisationKey,
  placesForYouText,
  placesText,
  releaseDue,
  reservationOutlivesBookingMessage,
  reservationOutlivingBooking,
  reservationStands,
  reservedLeftByKey,
  seatPicture,
  seatsFreeFor,
  waitingReason,
  type Reservation,
} from '../../../src/lib/domain/training/reserved-seats.ts';
import { ukLocalToUnix } from '../../../src/lib/domain/training/time.ts';

const at = (date: string) => {
  const r = ukLocalToUnix(date, '00:00');
  if (!r.ok) throw new Error(date);
  return r.unix;
};
const NOW = at('2027-02-01');
const MARCH_1 = at('2027-03-01');
const MARCH_3 = at('2027-03-03');
const police: Reservation = { id: 1, organisation: 'Kent Police', organisationKey: 'kent police', seats: 4, releaseAt: MARCH_1, endedAt: null };
const schools: Reservation = { id: 2, organisation: 'Kent schools', organisationKey: 'kent schools', seats: 4, releaseAt: MARCH_3, endedAt: null };
const held = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('organisationKey', () => {
  test('ignores case, spacing and a trailing full stop', () => {
    expect(organisationKey(' Kent  Police. ')).toBe('kent police');
    expect(organisationKey('KENT POLICE')).toBe(organisationKey('Kent Police'));
    expect(organisationKey('Kent Police Authority')).not.toBe(organisationKey('Kent Police'));
  });
});

describe('when a reservation stands', () => {
  test('until its release moment, unless it ended', () => {
    expect(reservationStands(police, MARCH_1 - 1)).toBe(true);
    expect(reservationStands(police, MARCH_1)).toBe(false);
    expect(reservationStands({ ...police, endedAt: NOW }, NOW)).toBe(false);
  });
  test('its release is due from its moment until it is recorded', () => {
    expect(releaseDue(police, MARCH_1 - 1)).toBe(false);
    expect(releaseDue(police, MARCH_1)).toBe(true);
    expect(releaseDue({ ...police, endedAt: MARCH_1 }, MARCH_1 + 10)).toBe(false);
  });
});

describe('seatPicture: the counting model', () => {
  test('seats left on a reservation are its seats less those its members hold, and open seats are what remains', () => {
    const p = seatPicture({ capacity: 20, heldBy: held({ 'kent police': 2, kcc: 15 }), reservations: [police], now: NOW });
    expect(p.held).toBe(17);
    expect(p.reserved.map((r) => [r.organisation, r.taken, r.left])).toEqual([['Kent Police', 2, 2]]);
    expect(p.openFree).toBe(1);
    expect(p.free).toBe(3);
    expect(seatsFreeFor(p, 'kent police')).toBe(3);
    expect(seatsFreeFor(p, 'kcc')).toBe(1);
    expect(seatsFreeFor(p, null)).toBe(1);
  });
  test('members beyond their reservation take open seats, and never make another organisation’s seats negative', () => {
    const p = seatPicture({ capacity: 10, heldBy: held({ 'kent police': 6 }), reservations: [police, schools], now: NOW });
    expect(p.reserved.map((r) => r.left)).toEqual([0, 4]);
    expect(p.openFree).toBe(0);
    expect(seatsFreeFor(p, 'kent schools')).toBe(4);
    expect(seatsFreeFor(p, 'kent police')).toBe(0);
  });
  test('a released or ended reservation keeps nothing back', () => {
    const p = seatPicture({ capacity: 8, heldBy: held({ kcc: 4 }), reservations: [police, { ...schools, endedAt: NOW - 1 }], now: MARCH_1 });
    expect(p.reserved).toEqual([]);
    expect(p.openFree).toBe(4);
  });
});

describe('chooseOffers: the waiting list with seats set aside', () => {
  const q = (id: number, organisationKey: string | null) => ({ id, organisationKey });
  test('a reserved seat goes to the first member waiting, passing over others who keep their place', () => {
    const queue = [q(1, 'kcc'), q(2, 'kcc'), q(3, 'kent police'), q(4, 'kent police')];
    expect(chooseOffers(queue, 0, new Map([['kent police', 1]])).map((p) => p.id)).toEqual([3]);
  });
  test('open seats go in queue order to anyone; members use their own seats first', () => {
    const queue = [q(1, 'kent police'), q(2, 'kcc'), q(3, null), q(4, 'kcc')];
    expect(chooseOffers(queue, 2, new Map([['kent police', 1]])).map((p) => p.id)).toEqual([1, 2, 3]);
  });
  test('nothing is offered when no free seat is for anyone waiting', () => {
    expect(chooseOffers([q(1, 'kcc')], 0, new Map([['kent police', 3]]))).toEqual([]);
  });
  test('reservedLeftByKey lists only reservations with seats left', () => {
    const p = seatPicture({ capacity: 12, heldBy: held({ 'kent police': 4 }), reservations: [police, schools], now: NOW });
    expect([...reservedLeftByKey(p)]).toEqual([['kent schools', 4]]);
  });
});

describe('decideBooking with seats set aside', () => {
  const base: BookingRequest = {
    now: NOW,
    session: { status: 'scheduled', startsAt: MARCH_3 + 86400 * 5, cutoffHours: 24, capacity: 4 },
    existing: null,
    seatsHeld: 2,
    othersWaiting: 0,
    heldOnCourse: 0,
    placesPerPerson: 1,
  };
  test.each<[string, Partial<BookingRequest>, 'booked' | 'waiting']>([
    ['a non-member when every free seat is set aside', { reservedLeft: 2 }, 'waiting'],
    ['a member when a seat is set aside for them', { reservedLeft: 2, reservedForMe: 2 }, 'booked'],
    ['a member while a colleague from their organisation waits', { reservedLeft: 2, reservedForMe: 2, othersWaiting: 1, othersWaitingFromMyOrganisation: 1 }, 'waiting'],
    ['a member while only people from other organisations wait', { reservedLeft: 2, reservedForMe: 2, othersWaiting: 3, othersWaitingFromMyOrganisation: 0 }, 'booked'],
    ['a non-member when an open seat is left beside the set-aside ones', { reservedLeft: 1 }, 'booked'],
    ['a non-member when an open seat is left but others wait', { reservedLeft: 1, othersWaiting: 1 }, 'waiting'],
    ['anyone with nothing set aside, as before', {}, 'booked'],
  ])('%s', (_, extra, to) => {
    const d = decideBooking({ ...base, ...extra });
    expect(d.ok && d.to).toBe(to);
  });
});

describe('placesText: the honest count', () => {
  const picture = seatPicture({ capacity: 20, heldBy: held({ 'kent police': 2, kcc: 15 }), reservations: [police], now: NOW });
  test('says how many are left and how many of them are set aside, for whom and until when', () => {
    expect(placesText(picture, 0)).toBe('3 of 20 places left, 2 of them for Kent Police until 1 March 2027');
  });
  test('names each organisation when more than one has places set aside', () => {
    const p = seatPicture({ capacity: 20, heldBy: held({ kcc: 10 }), reservations: [police, schools], now: NOW });
    expect(placesText(p, 0)).toBe('10 of 20 places left, 4 for Kent Police until 1 March 2027 and 4 for Kent schools until 3 March 2027');
  });
  test('a session full but for its set-aside seats says all that are left are set aside', () => {
    const p = seatPicture({ capacity: 8, heldBy: held({ kcc: 4 }), reservations: [police], now: NOW });
    expect(placesText(p, 0)).toBe('4 of 8 places left, all for Kent Police until 1 March 2027');
    expect(placesForYouText(p, 0, 'kcc')).toBe('The places set aside are not for your organisation, so none is open to you');
    expect(placesForYouText(p, 0, 'kent police')).toBe('4 of them are set aside for your organisation');
    expect(fullFor(p, { waiting: 0, waitingFromOrganisation: 0 }, 'kcc')).toBe(true);
    expect(fullFor(p, { waiting: 0, waitingFromOrganisation: 0 }, 'kent police')).toBe(false);
    expect(fullFor(p, { waiting: 2, waitingFromOrganisation: 0 }, 'kent police')).toBe(false);
    expect(fullFor(p, { waiting: 2, waitingFromOrganisation: 1 }, 'kent police')).toBe(true);
  });
  test('while people wait, open seats are being offered and only set-aside ones show as left', () => {
    expect(placesText(picture, 2)).toBe('2 of 20 places left, all for Kent Police until 1 March 2027. 2 on the waiting list');
  });
  test('with nothing set aside it reads as before', () => {
    const p = seatPicture({ capacity: 20, heldBy: held({ kcc: 17 }), reservations: [], now: NOW });
    expect(placesText(p, 0)).toBe('3 of 20 places left');
    expect(placesText(seatPicture({ capacity: 2, heldBy: held({ kcc: 2 }), reservations: [], now: NOW }), 1)).toBe('Full: 1 on the waiting list');
    expect(placesForYouText(p, 0, 'kcc')).toBeNull();
  });
  test('a reader from another organisation learns how many are open to them', () => {
    expect(placesForYouText(picture, 0, 'kcc')).toBe('The places set aside are not for your organisation, so 1 is open to you');
  });
});

describe('waitingReason: why a booker joined the waiting list', () => {
  test('no place free for anyone: the session is full', () => {
    expect(waitingReason(seatPicture({ capacity: 2, heldBy: held({ kcc: 2 }), reservations: [], now: NOW }), 'kcc')).toBe('full');
    expect(waitingReason(seatPicture({ capacity: 8, heldBy: held({ kcc: 4, 'kent police': 4 }), reservations: [police], now: NOW }), 'kent police')).toBe('full');
  });
  test('the places left are set aside for another organisation', () => {
    const p = seatPicture({ capacity: 8, heldBy: held({ kcc: 4 }), reservations: [police], now: NOW });
    expect(waitingReason(p, 'kcc')).toBe('set-aside-for-others');
    expect(waitingReason(p, null)).toBe('set-aside-for-others');
  });
  test('places are free for them, but a colleague or someone else was waiting first', () => {
    const p = seatPicture({ capacity: 8, heldBy: held({ kcc: 4 }), reservations: [police], now: NOW });
    expect(waitingReason(p, 'kent police')).toBe('others-waiting-first');
    const open = seatPicture({ capacity: 20, heldBy: held({ 'kent police': 2, kcc: 15 }), reservations: [police], now: NOW });
    expect(waitingReason(open, 'kcc')).toBe('others-waiting-first');
  });
});

describe('knownOrganisations', () => {
  test('one entry per organisation, shown with its most common spelling', () => {
    expect(
      knownOrganisations([
        { organisation: 'Kent Police', members: 3 },
        { organisation: 'kent police.', members: 1 },
        { organisation: 'Kent County Council', members: 5 },
        { organisation: '  ', members: 2 },
      ]),
    ).toEqual([
      { key: 'kent county council', name: 'Kent County Council' },
      { key: 'kent police', name: 'Kent Police' },
    ]);
  });
});

describe('checkReservationForm', () => {
  const session = { status: 'scheduled' as const, startsAt: at('2027-03-10') + 10 * 3600, cutoffHours: 24, capacity: 20 };
  const organisations = [
    { key: 'kent police', name: 'Kent Police' },
    { key: 'kent schools', name: 'Kent schools' },
  ];
  const ctx = (heldBy = held({}), reservations: Reservation[] = []) => ({ now: NOW, session, picture: seatPicture({ capacity: 20, heldBy, reservations, now: NOW }), heldBy, organisations });

  test('accepts a known organisation, a number of seats that fits and a release date before booking closes', () => {
    expect(checkReservationForm({ organisation: 'kent police', seats: '4', releaseDate: '2027-03-01' }, ctx())).toEqual({
      ok: true,
      data: { organisation: 'Kent Police', organisationKey: 'kent police', seats: 4, releaseAt: MARCH_1 },
    });
  });
  test.each<[string, Record<string, string>, Record<string, string>]>([
    ['everything missing', {}, { organisation: 'Select the organisation to set places aside for', seats: 'Enter the number of places to set aside', releaseDate: 'Enter the date the places are released to everyone' }],
    ['an organisation not on the list', { organisation: 'made up', seats: '2', releaseDate: '2027-03-01' }, { organisation: 'Select an organisation from the list' }],
    ['no places', { organisation: 'kent police', seats: '0', releaseDate: '2027-03-01' }, { seats: 'Set aside at least 1 place' }],
    ['not a number', { organisation: 'kent police', seats: 'four', releaseDate: '2027-03-01' }, { seats: 'Number of places must be a whole number, like 4' }],
    ['more than the capacity', { organisation: 'kent police', seats: '21', releaseDate: '2027-03-01' }, { seats: 'The session has 20 places, so you cannot set aside more than 20' }],
    ['not a real date', { organisation: 'kent police', seats: '2', releaseDate: '2027-02-30' }, { releaseDate: 'Release date must be a real date, like 1/3/2027' }],
    ['a date already past', { organisation: 'kent police', seats: '2', releaseDate: '2027-01-31' }, { releaseDate: 'Release date must be in the future' }],
    ['a date after booking closes', { organisation: 'kent police', seats: '2', releaseDate: '2027-03-10' }, { releaseDate: 'Release date must be before booking closes on 9 March 2027' }],
  ])('refuses %s, with a message by each field', (_, values, errors) => {
    expect(checkReservationForm(values, ctx())).toEqual({ ok: false, errors });
  });
  test('refuses seats already taken or set aside for others, counting the organisation’s own members', () => {
    const heldBy = held({ kcc: 12, 'kent police': 2 });
    const c = ctx(heldBy, [schools]);
    // 20 − 14 held − 4 set aside for schools + 2 held by Kent Police = 4.
    expect(mostSeatsFor(c.picture, heldBy, 'kent police')).toBe(4);
    expect(checkReservationForm({ organisation: 'kent police', seats: '5', releaseDate: '2027-03-01' }, c)).toEqual({
      ok: false,
      errors: { seats: 'Only 4 places are not taken or set aside for others, so you can set aside at most 4' },
    });
    expect(checkReservationForm({ organisation: 'kent police', seats: '4', releaseDate: '2027-03-01' }, c).ok).toBe(true);
  });
  test('refuses a second reservation for the same organisation', () => {
    const result = checkReservationForm({ organisation: 'kent schools', seats: '1', releaseDate: '2027-03-01' }, ctx(held({}), [schools]));
    expect(result).toEqual({ ok: false, errors: { organisation: 'Places are already set aside for Kent schools on this session. Remove them first to change the number or the date' } });
  });
  test('refuses on a cancelled or closed session', () => {
    const values = { organisation: 'kent police', seats: '2', releaseDate: '2027-03-01' };
    expect(checkReservationForm(values, { ...ctx(), session: { ...session, status: 'cancelled' } })).toMatchObject({ ok: false, errors: { organisation: 'This session has been cancelled, so no places can be set aside' } });
    expect(checkReservationForm(values, { ...ctx(), now: session.startsAt - 3600 })).toMatchObject({ ok: false, errors: { organisation: 'Booking has closed for this session, so no places can be set aside' } });
  });
});

describe('reservationOutlivingBooking', () => {
  test('finds a standing reservation released only after booking would close', () => {
    const session = (date: string, cutoffHours = 24) => ({ startsAt: at(date) + 10 * 3600, cutoffHours });
    expect(reservationOutlivingBooking([police, schools], session('2027-03-10'), NOW)).toBeUndefined();
    // Booking would close at 10am on 2 March: the schools' places are held until 3 March.
    expect(reservationOutlivingBooking([police, schools], session('2027-03-03'), NOW)).toBe(schools);
    expect(reservationOutlivingBooking([police, schools], session('2027-03-10', 24 * 9), NOW)).toBe(schools);
    expect(reservationOutlivingBooking([police, { ...schools, endedAt: NOW }], session('2027-03-03'), NOW)).toBeUndefined();
    expect(reservationOutlivesBookingMessage(schools)).toBe('Places are set aside for Kent schools until 3 March 2027, after booking would close. Remove them on the session page first, or choose a later date');
  });
});
