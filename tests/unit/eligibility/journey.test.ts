import { describe, expect, test } from 'vitest';
import type { Question, RuleSet } from '../../../src/lib/domain/eligibility/engine.ts';
import { answerQuestion, describeAnswer, knownAnswers, placeOfQuestion, progress, type StoredAnswers } from '../../../src/lib/domain/eligibility/journey.ts';
import { findRuleset } from '../../../src/lib/domain/eligibility/rulesets.ts';

const phase2: RuleSet = findRuleset('tf-phase-2')!;
const keys = (questions: readonly Question[]) => questions.map((q) => q.key);
const question = (key: string) => phase2.questions.find((q) => q.key === key)!;

describe('knownAnswers', () => {
  test.each<[string, StoredAnswers, Record<string, unknown>]>([
    ['nothing answered', {}, {}],
    ['"not sure" is left out', { health: null, 'domestic-abuse': true }, { 'domestic-abuse': true }],
    ['false and 0 are answers, not gaps', { health: false, attendance: 0 }, { health: false, attendance: 0 }],
  ])('%s', (_name, stored, expected) => {
    expect(knownAnswers(stored)).toEqual(expected);
  });
});

describe('progress', () => {
  test.each<[string, StoredAnswers, string | undefined, boolean]>([
    ['a new check starts at the first question', {}, 'child-crime-asb', true],
    ['"not sure" counts as answered', { 'child-crime-asb': null }, 'adult-crime-asb', true],
    ['a met criterion skips its other questions', { 'child-crime-asb': true }, 'attendance', false],
    ['an unmet criterion asks its next question', { 'child-crime-asb': false }, 'adult-crime-asb', true],
  ])('%s', (_name, stored, next, asksAdultCrime) => {
    const { path, next: found } = progress(phase2, stored);
    expect(found?.key).toBe(next);
    expect(keys(path).includes('adult-crime-asb')).toBe(asksAdultCrime);
  });

  test('nothing is next once every question on the path is answered', () => {
    const stored = Object.fromEntries(phase2.questions.map((q) => [q.key, null]));
    expect(progress(phase2, stored).next).toBeUndefined();
  });
});

describe('placeOfQuestion', () => {
  test.each<[string, StoredAnswers, string, ReturnType<typeof placeOfQuestion>]>([
    ['the first question has nothing before it', {}, 'child-crime-asb', { show: true, previous: undefined }],
    ['the next question shows, after the one before it', { 'child-crime-asb': false }, 'adult-crime-asb', { show: true, previous: question('child-crime-asb') }],
    ['an answered question can be changed', { 'child-crime-asb': false, 'adult-crime-asb': false }, 'child-crime-asb', { show: true, previous: undefined }],
    ['a question not reached yet sends back to the first unanswered', {}, 'health', { show: false, goTo: 'child-crime-asb' }],
    ['a question made unnecessary sends on to the next unanswered', { 'child-crime-asb': true }, 'adult-crime-asb', { show: false, goTo: 'attendance' }],
  ])('%s', (_name, stored, key, expected) => {
    expect(placeOfQuestion(phase2, stored, key)).toEqual(expected);
  });

  test('a question made unnecessary goes to check answers when nothing is left to answer', () => {
    const stored: StoredAnswers = Object.fromEntries(phase2.questions.map((q) => [q.key, null]));
    stored['child-crime-asb'] = true;
    delete stored['adult-crime-asb'];
    expect(placeOfQuestion(phase2, stored, 'adult-crime-asb')).toEqual({ show: false, goTo: 'check-answers' });
  });
});

describe('answerQuestion', () => {
  test.each<[string, StoredAnswers, string, boolean | number | null, StoredAnswers, string | undefined]>([
    ['keeps the answer and moves on', {}, 'child-crime-asb', false, { 'child-crime-asb': false }, 'adult-crime-asb'],
    ['keeps "not sure" as null', {}, 'child-crime-asb', null, { 'child-crime-asb': null }, 'adult-crime-asb'],
    [
      'forgets answers a change has taken off the path',
      { 'child-crime-asb': false, 'adult-crime-asb': false, attendance: 95 },
      'child-crime-asb',
      true,
      { 'child-crime-asb': true, attendance: 95 },
      'fixed-exclusions',
    ],
    [
      'a change that puts questions back on the path asks them next',
      { 'child-crime-asb': true, attendance: 95 },
      'child-crime-asb',
      false,
      { 'child-crime-asb': false, attendance: 95 },
      'adult-crime-asb',
    ],
  ])('%s', (_name, stored, key, value, kept, next) => {
    const answered = answerQuestion(phase2, stored, key, value);
    expect(answered.stored).toEqual(kept);
    expect(answered.next?.key).toBe(next);
  });
});

describe('describeAnswer', () => {
  const choice: Question = { key: 'household', criterion: 'household', type: 'choice', text: 'Who lives in the household?', options: [{ value: 'children', label: 'Dependent children' }] } as unknown as Question;
  test.each<[string, Question, boolean | number | string | null | undefined, string]>([
    ['yes', question('health'), true, 'Yes'],
    ['no', question('health'), false, 'No'],
    ['not sure', question('health'), null, 'Not sure'],
    ['not answered reads as not sure', question('health'), undefined, 'Not sure'],
    ['a number with its unit', question('attendance'), 80, '80%'],
    ['a number without a unit', question('fixed-exclusions'), 3, '3'],
    ['a choice by its label', choice, 'children', 'Dependent children'],
    ['an unknown choice as given', choice, 'other', 'other'],
  ])('%s', (_name, q, value, expected) => {
    expect(describeAnswer(q, value)).toBe(expected);
  });
});
