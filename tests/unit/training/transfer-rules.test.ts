import { describe, expect, test } from 'vitest';
import type { BookingStatus } from '../../../src/lib/domain/training/model.ts';
import { checkColleagueEmail } from '../../../src/lib/domain/training/forms.ts';
import {
  TRANSFER_HOURS,
  decideTransferAnswer,
  decideTransferOffer,
  sameOrganisation,
  transferExpiry,
  transition,
  type TransferAnswerRequest,
  type TransferOfferRequest,
} from '../../../src/lib/domain/training/places.ts';

const H = 3600;
// Starts at 200 hours; booking closes 24 hours before, at 176 hours.
const session = { status: 'scheduled' as 'scheduled' | 'cancelled', startsAt: 200 * H, cutoffHours: 24 };

describe('transfer-out', () => {
  test.each<[BookingStatus, number, string]>([
    ['booked', 10 * H, 'cancelled/transferred-out/frees'],
    ['booked', 176 * H, 'closed'],
    ['waiting', 10 * H, 'not-active'],
    ['offered', 10 * H, 'not-active'],
    ['attended', 10 * H, 'not-active'],
    ['cancelled', 10 * H, 'not-active'],
  ])('%s at %i → %s', (status, now, expected) => {
    const r = transition(status, 'transfer-out', { now, cutoff: 176 * H, startsAt: 200 * H });
    expect(r.ok ? `${r.to}/${r.event}/${r.freesSeat ? 'frees' : 'keeps'}` : r.reason).toBe(expected);
  });
});

describe('transferExpiry', () => {
  test.each<[number, number | null]>([
    [10 * H, 10 * H + TRANSFER_HOURS * H],
    [150 * H, 176 * H],
    [176 * H, null],
  ])('an offer made at %i lasts until %s', (now, expected) => {
    expect(transferExpiry(session, now)).toBe(expected);
  });
  test('no offer on a cancelled session', () => {
    expect(transferExpiry({ ...session, status: 'cancelled' }, 10 * H)).toBeNull();
  });
});

describe('sameOrganisation', () => {
  test.each<[string, string, boolean]>([
    ['Kent Police', 'Kent Police', true],
    ['Kent Police', ' kent  police. ', true],
    ['Kent Police', 'Kent Fire and Rescue', false],
    ['', '', false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameOrganisation(a, b)).toBe(same);
  });
});

describe('decideTransferOffer', () => {
  const base: TransferOfferRequest = { now: 10 * H, session, status: 'booked', holder: { id: 1, organisation: 'Kent Police' }, colleague: { id: 2, organisation: 'Kent Police' }, colleaguePlace: null };
  test.each<[string, Partial<TransferOfferRequest>, string]>([
    ['a booked place to a colleague', {}, 'ok'],
    ['a colleague whose own place ended may take it', { colleaguePlace: 'cancelled' }, 'ok'],
    ['a place on the waiting list cannot be passed on', { status: 'waiting' }, 'not-active'],
    ['after the cut-off', { now: 176 * H }, 'closed'],
    ['no account with that address', { colleague: null }, 'no-account'],
    ['oneself', { colleague: { id: 1, organisation: 'Kent Police' } }, 'self'],
    ['another organisation', { colleague: { id: 2, organisation: 'Medway Council' } }, 'other-organisation'],
    ['a colleague already booked', { colleaguePlace: 'booked' }, 'already-on-session'],
    ['a colleague already waiting', { colleaguePlace: 'waiting' }, 'already-on-session'],
  ])('%s → %s', (_, change, expected) => {
    const d = decideTransferOffer({ ...base, ...change });
    expect(d.ok ? 'ok' : d.reason).toBe(expected);
    if (d.ok) expect(d.expiresAt).toBe(10 * H + TRANSFER_HOURS * H);
  });
});

describe('decideTransferAnswer', () => {
  const base: TransferAnswerRequest = { now: 20 * H, session, outcome: null, expiresAt: 82 * H, status: 'booked', colleaguePlace: null, heldOnCourse: 0, placesPerPerson: 1 };
  test.each<[string, Partial<TransferAnswerRequest>, string]>([
    ['an open offer on a booked place', {}, 'ok'],
    ['already answered', { outcome: 'accepted' }, 'used'],
    ['replaced by a newer offer', { outcome: 'withdrawn' }, 'used'],
    ['at its expiry', { now: 82 * H }, 'expired'],
    ['the holder gave the place up', { status: 'cancelled' }, 'not-active'],
    ['booking has closed', { expiresAt: 300 * H, now: 180 * H }, 'closed'],
    ['the colleague booked the session meanwhile', { colleaguePlace: 'booked' }, 'already-on-session'],
    ['the colleague has another session of the course', { heldOnCourse: 1 }, 'course-limit'],
    ['unless the course allows two', { heldOnCourse: 1, placesPerPerson: 2 }, 'ok'],
  ])('%s → %s', (_, change, expected) => {
    const d = decideTransferAnswer({ ...base, ...change });
    expect(d.ok ? 'ok' : d.reason).toBe(expected);
  });
});

describe('checkColleagueEmail', () => {
  test.each<[string | undefined, string]>([
    [' Sam.Jones@Kent.Police.UK ', 'sam.jones@kent.police.uk'],
    ['', 'Enter your colleague’s work email address'],
    [undefined, 'Enter your colleague’s work email address'],
    ['sam at kent', 'Enter an email address in the correct format, like name@example.com'],
  ])('%j → %s', (value, expected) => {
    const r = checkColleagueEmail(value);
    expect(r.ok ? r.email : r.error).toBe(expected);
  });
});
