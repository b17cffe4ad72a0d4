import { describe, expect, test } from 'vitest';
import { isFull, outcomeMessage, parseFilter, seatsText, ukDayStart, BOOKING_OUTCOMES } from '../../../src/lib/training/view.ts';

const DOMAINS = ['systems-and-it', 'specialist-knowledge'];

describe('ukDayStart', () => {
  test('midnight in winter is midnight UTC', () => {
    expect(ukDayStart('2026-11-27')).toBe(Date.UTC(2026, 10, 27) / 1000);
  });
  test('midnight in summer is 11pm UTC the day before', () => {
    expect(ukDayStart('2026-07-01')).toBe(Date.UTC(2026, 5, 30, 23) / 1000);
  });
  test('refuses dates that do not exist', () => {
    expect(ukDayStart('2026-02-30')).toBeUndefined();
    expect(ukDayStart('27/11/2026')).toBeUndefined();
  });
});

describe('parseFilter', () => {
  test('keeps offered values only', () => {
    const p = parseFilter(new URLSearchParams('domain=systems-and-it&district=Swale&mode=online'), DOMAINS);
    expect(p.filter).toEqual({ domain: 'systems-and-it', district: 'Swale', mode: 'online' });
    expect(p.active).toBe(true);
    const q = parseFilter(new URLSearchParams('domain=nope&district=Paris&mode=carrier-pigeon'), DOMAINS);
    expect(q.filter).toEqual({});
    expect(q.values).toMatchObject({ domain: '', district: '', mode: '' });
    expect(q.active).toBe(false);
  });
  test('the date to includes the whole of that day', () => {
    const p = parseFilter(new URLSearchParams('from=2026-11-27&to=2026-11-27'), DOMAINS);
    expect(p.filter.from).toBe(Date.UTC(2026, 10, 27) / 1000);
    expect(p.filter.to).toBe(Date.UTC(2026, 10, 28) / 1000);
  });
  test('the day the clocks change is still one whole day', () => {
    const p = parseFilter(new URLSearchParams('to=2026-03-29'), DOMAINS);
    expect(p.filter.to).toBe(Date.UTC(2026, 2, 29, 23) / 1000);
  });
  test('explains dates that are wrong or the wrong way round', () => {
    expect(parseFilter(new URLSearchParams('from=2026-13-01'), DOMAINS).errors.from).toMatch(/real date/);
    const p = parseFilter(new URLSearchParams('from=2026-12-01&to=2026-11-01'), DOMAINS);
    expect(p.errors.to).toMatch(/after date from/);
    expect(p.filter.to).toBeUndefined();
  });
});

describe('seats', () => {
  test('in words', () => {
    expect(seatsText({ capacity: 20, seatsLeft: 3, waiting: 0 })).toBe('3 of 20 places left');
    expect(seatsText({ capacity: 20, seatsLeft: 0, waiting: 4 })).toBe('Full: 4 on the waiting list');
    expect(seatsText({ capacity: 2, seatsLeft: 0, waiting: 0 })).toBe('Full');
  });
  test('full while anyone is waiting, even with a seat being offered', () => {
    expect(isFull({ seatsLeft: 1, waiting: 0 })).toBe(false);
    expect(isFull({ seatsLeft: 0, waiting: 0 })).toBe(true);
    expect(isFull({ seatsLeft: 1, waiting: 2 })).toBe(true);
  });
});

describe('outcomes', () => {
  test('every outcome has words', () => {
    for (const o of BOOKING_OUTCOMES) expect(outcomeMessage(o, 'Lead worker training', 3).title.length).toBeGreaterThan(10);
    expect(outcomeMessage('waiting', 'X', 3).title).toBe('The session is full, so you are number 3 on the waiting list');
    expect(outcomeMessage('waiting', 'X', null).title).toBe('The session is full, so you are on the waiting list');
    expect(outcomeMessage('waiting', 'X', 2, { waitingBecause: 'set-aside-for-others' }).title).toBe('The places left are set aside for other organisations, so you are number 2 on the waiting list');
    expect(outcomeMessage('waiting', 'X', 1, { waitingBecause: 'others-waiting-first' }).title).toBe('Others were waiting for a place before you, so you are number 1 on the waiting list');
    expect(outcomeMessage('waiting', 'X', 1, { waitingBecause: 'full' }).title).toBe('The session is full, so you are number 1 on the waiting list');
    expect(outcomeMessage('booked', 'Lead worker training', null).title).toBe('You have booked a place on Lead worker training');
  });
});
