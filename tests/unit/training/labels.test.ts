import { describe, expect, test } from 'vitest';
import { fillText, sessionPlace, sessionState } from '../../../src/lib/domain/training/labels.ts';

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
