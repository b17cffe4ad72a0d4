import { describe, expect, test } from 'vitest';
import { fillText, sessionPlace, sessionState, statusLabel } from '../../../src/lib/domain/training/labels.ts';

const NOW = 1_800_000_000;

describe('sessionState', () => {
  const session = { status: 'scheduled', startsAt: NOW + 3600, open: true };
  test('a scheduled session before its cut-off is open for booking', () => {
    expect(sessionState(session, NOW)).toEqual({ key: 'scheduled', label: 'Booking open' });
  });
  test('after the cut-off booking is closed', () => {
    expect(sessionState({ ...session, open: false }, NOW)).toEqual({ key: 'past', label: 'Booking closed' });
  });
  test('once it has started it has taken place', () => {
    expect(sessionState({ ...session, startsAt: NOW - 1, open: false }, NOW).label).toBe('Taken place');
  });
  test('cancelled wins over everything', () => {
    expect(sessionState({ ...session, status: 'cancelled', startsAt: NOW - 1 }, NOW)).toEqual({ key: 'cancelled', label: 'Cancelled' });
  });
});

describe('sessionPlace', () => {
  test('online sessions say so; others give their district', () => {
    expect(sessionPlace({ mode: 'online', district: null })).toBe('Online');
    expect(sessionPlace({ mode: 'in-person', district: 'Swale' })).toBe('Swale');
    expect(sessionPlace({ mode: 'in-person', district: null })).toBe('In person');
  });
});

describe('fillText', () => {
  test('gives places held, capacity and a rounded percentage', () => {
    expect(fillText(7, 12)).toBe('7 of 12 (58%)');
    expect(fillText(0, 0)).toBe('0 of 0 (0%)');
  });
});

describe('statusLabel', () => {
  test('a place that ended while a line manager was asked says so, for the trainer too', () => {
    expect(statusLabel('declined', 'manager@kent.gov.uk')).toBe('Not approved');
    expect(statusLabel('expired', 'manager@kent.gov.uk')).toBe('No approval in time');
  });
  test('without a manager, an ended offer is spoken of as an offer', () => {
    expect(statusLabel('declined')).toBe('Offer declined');
    expect(statusLabel('expired', null)).toBe('Offer expired');
  });
  test('other states read the same with or without a manager', () => {
    expect(statusLabel('booked', 'manager@kent.gov.uk')).toBe('Booked');
    expect(statusLabel('awaiting-approval', 'manager@kent.gov.uk')).toBe('Awaiting approval');
  });
});
