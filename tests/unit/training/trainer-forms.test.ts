import { describe, expect, test } from 'vitest';
import {
  capacityBelowBookedMessage,
  checkCourseForm,
  checkSessionForm,
  durationParts,
  formValues,
  formatDuration,
} from '../../../src/lib/domain/training/forms.ts';
import { cancelSchema } from '../../../src/lib/domain/training/forms.ts';
import { errorsFromIssues } from '../../../src/lib/domain/account/schema.ts';

const DOMAINS = ['systems-and-it', 'specialist-knowledge'];
const goodCourse = {
  title: 'Working with fathers',
  slug: '',
  summary: 'How to engage dads.',
  audience: 'Lead workers.',
  outcomes: ' First outcome \r\n\r\nSecond outcome\n',
};

describe('formValues', () => {
  test('keeps every value of repeated fields', () => {
    const fd = new FormData();
    fd.append('title', 'A');
    fd.append('domains', 'one');
    fd.append('domains', 'two');
    expect(formValues(fd)).toEqual({ values: { title: 'A', domains: 'one' }, lists: { title: ['A'], domains: ['one', 'two'] } });
  });
});

describe('course form', () => {
  test('a good form: slug from the title, outcomes one per line, domains once each', () => {
    const r = checkCourseForm(goodCourse, ['systems-and-it', 'systems-and-it'], DOMAINS);
    expect(r).toEqual({
      ok: true,
      data: { ...goodCourse, slug: 'working-with-fathers', outcomes: 'First outcome\nSecond outcome', domains: ['systems-and-it'], placesPerPerson: 1, requiresApproval: false },
    });
  });

  test('places per person: one when left blank, a whole number from 1 to 10 otherwise', () => {
    const places = (placesPerPerson: string) => checkCourseForm({ ...goodCourse, placesPerPerson }, ['systems-and-it'], DOMAINS);
    expect(places('')).toMatchObject({ ok: true, data: { placesPerPerson: 1 } });
    expect(places(' 3 ')).toMatchObject({ ok: true, data: { placesPerPerson: 3 } });
    expect(places('0')).toEqual({ ok: false, errors: { placesPerPerson: 'Places per person must be between 1 and 10' } });
    expect(places('11')).toEqual({ ok: false, errors: { placesPerPerson: 'Places per person must be between 1 and 10' } });
    expect(places('two')).toEqual({ ok: false, errors: { placesPerPerson: 'Places per person must be a whole number, like 1' } });
    expect(places('1.5')).toEqual({ ok: false, errors: { placesPerPerson: 'Places per person must be a whole number, like 1' } });
  });

  test('a slug given is kept', () => {
    const r = checkCourseForm({ ...goodCourse, slug: 'dads-2027' }, ['systems-and-it'], DOMAINS);
    expect(r.ok && r.data.slug).toBe('dads-2027');
  });

  test('every message for an empty form', () => {
    expect(checkCourseForm({}, [], DOMAINS)).toEqual({
      ok: false,
      errors: {
        title: 'Enter the course title',
        summary: 'Enter a summary of the course',
        audience: 'Enter who the course is for',
        outcomes: 'Enter at least one learning outcome',
        domains: 'Select at least one Skills Matrix domain',
      },
    });
  });

  test('too long, bad slugs and unknown domains', () => {
    const r = checkCourseForm(
      { title: 'x'.repeat(121), slug: 'Lead Worker', summary: 'x'.repeat(501), audience: 'x'.repeat(501), outcomes: 'x'.repeat(2001) },
      ['made-up'],
      DOMAINS,
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        title: 'Course title must be 120 characters or fewer',
        slug: 'Web address name must only include lower-case letters, digits and hyphens, like lead-worker-training',
        summary: 'Summary must be 500 characters or fewer',
        audience: 'Who the course is for must be 500 characters or fewer',
        outcomes: 'Learning outcomes must be 2,000 characters or fewer',
        domains: 'Select Skills Matrix domains from the list',
      },
    });
    expect(checkCourseForm({ ...goodCourse, slug: 'a'.repeat(81) }, ['systems-and-it'], DOMAINS)).toMatchObject({
      errors: { slug: 'Web address name must be 80 characters or fewer' },
    });
    for (const slug of ['-lead', 'lead-', 'lead--worker', 'lead_worker', 'léad']) {
      expect(checkCourseForm({ ...goodCourse, slug }, ['systems-and-it'], DOMAINS).ok, slug).toBe(false);
    }
  });

  test('a title with no letters or digits needs a slug', () => {
    expect(checkCourseForm({ ...goodCourse, title: '???' }, ['systems-and-it'], DOMAINS)).toEqual({
      ok: false,
      errors: { slug: 'Enter a web address name, using lower-case letters, digits and hyphens' },
    });
  });
});

const NOW = Date.parse('2026-11-01T12:00:00Z') / 1000;
const goodSession = {
  date: '2026-11-27',
  time: '09:30',
  durationHours: '2',
  durationMinutes: '30',
  mode: 'in-person',
  venue: 'Swale Gateway, Sittingbourne',
  district: 'Swale',
  capacity: '20',
  cutoffHours: '24',
};

describe('session form', () => {
  test('a good in-person session', () => {
    expect(checkSessionForm(goodSession, { now: NOW, isNew: true })).toEqual({
      ok: true,
      data: {
        startsAt: Date.parse('2026-11-27T09:30:00Z') / 1000,
        durationMinutes: 150,
        mode: 'in-person',
        venue: 'Swale Gateway, Sittingbourne',
        district: 'Swale',
        capacity: 20,
        cutoffHours: 24,
      },
    });
  });

  test('online sessions have no district, and minutes alone are enough', () => {
    const r = checkSessionForm({ ...goodSession, mode: 'online', district: 'Swale', durationHours: '', durationMinutes: '90', venue: 'Teams link' }, { now: NOW, isNew: true });
    expect(r).toMatchObject({ ok: true, data: { mode: 'online', district: null, durationMinutes: 90 } });
  });

  test('a summer session is stored in BST', () => {
    const r = checkSessionForm({ ...goodSession, date: '2027-07-01', time: '10:00' }, { now: NOW, isNew: true });
    expect(r.ok && r.data.startsAt).toBe(Date.parse('2027-07-01T09:00:00Z') / 1000);
  });

  test('every message for an empty form', () => {
    expect(checkSessionForm({}, { now: NOW, isNew: true })).toEqual({
      ok: false,
      errors: {
        date: 'Enter the date of the session',
        time: 'Enter the start time',
        duration: 'Enter how long the session lasts',
        mode: 'Select whether the session is in person or online',
        venue: 'Enter the venue of the session',
        capacity: 'Enter the number of places',
        cutoffHours: 'Enter how many hours before the start booking closes',
      },
    });
  });

  test('messages for answers in the wrong form', () => {
    expect(
      checkSessionForm(
        { ...goodSession, date: '2026-02-30', time: '25:00', durationHours: 'two', capacity: '20.5', cutoffHours: '1 day', mode: 'by post' },
        { now: NOW, isNew: true },
      ),
    ).toEqual({
      ok: false,
      errors: {
        date: 'Date must be a real date, like 27/11/2026',
        time: 'Start time must be a real time in the 24-hour clock, like 09:30 or 14:00',
        duration: 'Hours and minutes must be whole numbers, like 2 hours 30 minutes',
        mode: 'Select whether the session is in person or online',
        capacity: 'Number of places must be a whole number, like 20',
        cutoffHours: 'Booking cut-off must be a whole number of hours, like 24',
      },
    });
  });

  test('messages for answers out of range', () => {
    expect(
      checkSessionForm({ ...goodSession, durationHours: '0', durationMinutes: '10', capacity: '0', cutoffHours: '337', district: 'Medway', venue: 'x'.repeat(501) }, { now: NOW, isNew: true }),
    ).toEqual({
      ok: false,
      errors: {
        duration: 'The session must last between 15 minutes and 12 hours',
        venue: 'Venue or joining details must be 500 characters or fewer',
        district: 'Select a district from the list',
        capacity: 'Number of places must be between 1 and 500',
        cutoffHours: 'Booking cut-off must be between 0 and 336 hours (2 weeks)',
      },
    });
    expect(checkSessionForm({ ...goodSession, capacity: '501', durationHours: '12', durationMinutes: '1' }, { now: NOW, isNew: true })).toMatchObject({
      errors: { capacity: 'Number of places must be between 1 and 500', duration: 'The session must last between 15 minutes and 12 hours' },
    });
    expect(checkSessionForm({ ...goodSession, capacity: '500', cutoffHours: '0', durationHours: '12', durationMinutes: '0' }, { now: NOW, isNew: true }).ok).toBe(true);
  });

  test('in person needs a district; online needs joining details', () => {
    expect(checkSessionForm({ ...goodSession, district: '' }, { now: NOW, isNew: true })).toEqual({
      ok: false,
      errors: { district: 'Select the district where the session is held' },
    });
    expect(checkSessionForm({ ...goodSession, mode: 'online', venue: ' ' }, { now: NOW, isNew: true })).toEqual({
      ok: false,
      errors: { venue: 'Enter how to join the session online' },
    });
  });

  test('new sessions cannot start in the past; edited ones may', () => {
    const past = { ...goodSession, date: '2026-10-31' };
    expect(checkSessionForm(past, { now: NOW, isNew: true })).toEqual({ ok: false, errors: { date: 'The session must start in the future' } });
    expect(checkSessionForm(past, { now: NOW, isNew: false }).ok).toBe(true);
  });

  test('a time lost when the clocks go forward is refused', () => {
    expect(checkSessionForm({ ...goodSession, date: '2027-03-28', time: '01:30' }, { now: NOW, isNew: true })).toEqual({
      ok: false,
      errors: { time: 'That time does not exist on that day, because the clocks go forward an hour. Enter a time after 2am' },
    });
  });
});

describe('the rest', () => {
  test('capacity message names the places held', () => {
    expect(capacityBelowBookedMessage(14)).toBe('14 people already have places, so the capacity cannot be less than 14');
    expect(capacityBelowBookedMessage(1)).toBe('1 person already has a place, so the capacity cannot be less than 1');
  });

  test('durations', () => {
    expect(durationParts(150)).toEqual({ durationHours: '2', durationMinutes: '30' });
    expect(formatDuration(150)).toBe('2 hours 30 minutes');
    expect(formatDuration(60)).toBe('1 hour');
    expect(formatDuration(45)).toBe('45 minutes');
  });

  test('cancelling needs a reason', () => {
    const errors = (v: unknown) => {
      const r = cancelSchema.safeParse(v);
      return r.success ? r.data : errorsFromIssues(r.error.issues);
    };
    expect(errors({})).toEqual({ reason: 'Enter the reason for cancelling the session' });
    expect(errors({ reason: '   ' })).toEqual({ reason: 'Enter the reason for cancelling the session' });
    expect(errors({ reason: 'x'.repeat(501) })).toEqual({ reason: 'Reason must be 500 characters or fewer' });
    expect(errors({ reason: ' Trainer unwell ' })).toEqual({ reason: 'Trainer unwell' });
  });
});
