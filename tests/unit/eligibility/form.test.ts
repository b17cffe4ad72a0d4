import { describe, expect, test } from 'vitest';
import { fieldId, readAnswer } from '../../../src/lib/domain/eligibility/form.ts';
import { findRuleset } from '../../../src/lib/domain/eligibility/rulesets.ts';

const phase2 = findRuleset('tf-phase-2')!;
const question = (key: string) => phase2.questions.find((q) => q.key === key)!;

describe('readAnswer: yes/no questions', () => {
  test.each([
    ['yes', true],
    ['no', false],
    ['not-sure', null],
  ])('%s reads as %o', (answer, value) => {
    expect(readAnswer(question('health'), { answer })).toEqual({ ok: true, value });
  });

  test.each([[''], ['maybe'], ['YES']])('%o is refused with a message', (answer) => {
    expect(readAnswer(question('health'), { answer })).toEqual({ ok: false, field: 'answer', message: 'Select yes, no or not sure' });
  });

  test('the error links to the first radio', () => {
    expect(fieldId(question('health'))).toBe('answer-yes');
  });
});

describe('readAnswer: number questions', () => {
  const attendance = question('attendance');
  const exclusions = question('fixed-exclusions');

  test.each<[string, number]>([
    ['85', 85],
    ['85.5', 85.5],
    [' 72 ', 72],
    ['64%', 64],
    ['0', 0],
    ['100', 100],
  ])('attendance %o reads as %d', (answer, value) => {
    expect(readAnswer(attendance, { answer })).toEqual({ ok: true, value });
  });

  test.each<[string, string]>([
    ['101', 'The percentage must be 100% or less'],
    ['-1', 'The percentage must be 0% or more'],
    ['eighty', 'Enter a percentage as a number, like 82 or 82.5'],
    ['8O', 'Enter a percentage as a number, like 82 or 82.5'],
    ['', 'Enter a number, or select "I do not know"'],
  ])('attendance %o is refused: %s', (answer, message) => {
    expect(readAnswer(attendance, { answer })).toEqual({ ok: false, field: 'answer', message });
  });

  test.each<[string, string]>([
    ['2.5', 'The number must be a whole number'],
    ['-2', 'The number must be 0 or more'],
    ['three', 'Enter a number, like 4'],
  ])('exclusions %o is refused: %s', (answer, message) => {
    expect(readAnswer(exclusions, { answer })).toEqual({ ok: false, field: 'answer', message });
  });

  test('"I do not know" with an empty box is not sure; a number given wins', () => {
    expect(readAnswer(attendance, { answer: '', 'not-sure': 'yes' })).toEqual({ ok: true, value: null });
    expect(readAnswer(attendance, { answer: '90', 'not-sure': 'yes' })).toEqual({ ok: true, value: 90 });
  });
});
