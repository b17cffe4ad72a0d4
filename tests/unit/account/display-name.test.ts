import { describe, expect, test } from 'vitest';
import { mixedScriptProblem, nameKey, nameTakenMessage } from '../../../src/lib/domain/account/display-name.ts';
import { nameField } from '../../../src/lib/domain/account/schema.ts';

describe('nameKey', () => {
  test.each([
    ['case', 'CASEY MORGAN'],
    ['spacing', '  Casey    Morgan  '],
    ['a no-break space', 'Casey\u00a0Morgan'],
    ['a zero-width space', 'Casey\u200b Morgan'],
    ['a zero-width joiner inside a word', 'Ca\u200dsey Morgan'],
    ['a soft hyphen', 'Ca\u00adsey Morgan'],
    ['a byte order mark', '\ufeffCasey Morgan'],
    ['a variation selector', 'Casey\ufe0f Morgan'],
    ['full-width letters', 'Ｃａｓｅｙ Ｍｏｒｇａｎ'],
    ['Cyrillic С and а', 'Саsey Morgan'],
    ['Cyrillic о and е', 'Casеy Mоrgan'],
    ['Greek capitals', 'Casey ΜORGAN'],
  ])('%s gives the same key as "Casey Morgan"', (_, variant) => {
    expect(nameKey(variant)).toBe(nameKey('Casey Morgan'));
    expect(nameKey(variant)).toBe('casey morgan');
  });

  test('folds ß, typographic apostrophes and dashes', () => {
    expect(nameKey('Anna Straße')).toBe(nameKey('ANNA STRASSE'));
    expect(nameKey('Niamh O’Brien')).toBe(nameKey("Niamh O'Brien"));
    expect(nameKey('Sam Lee‐Hart')).toBe(nameKey('Sam Lee-Hart'));
    expect(nameKey('Kırsty Bell')).toBe(nameKey('Kirsty Bell'));
  });

  test('keeps names apart that really differ', () => {
    expect(nameKey('José Núñez')).not.toBe(nameKey('Jose Nunez'));
    expect(nameKey('Casey A Morgan')).not.toBe(nameKey('Casey Morgan'));
    expect(nameKey('Casey Morgan')).not.toBe(nameKey('Casey Morgans'));
  });

  test('a name of hidden characters only has an empty key', () => {
    expect(nameKey('\u200b\u200d\u2060')).toBe('');
  });
});

describe('mixedScriptProblem', () => {
  test('refuses a word mixing Latin with Cyrillic or Greek', () => {
    expect(mixedScriptProblem('Саsey Morgan', 'Full name')).toBe('Full name must not mix letters from different alphabets in one word');
    expect(mixedScriptProblem('Casey Μorgan', 'Full name')).not.toBeNull();
  });

  test('allows whole words in one script, accents and punctuation', () => {
    expect(mixedScriptProblem('Olga Петрова', 'Full name')).toBeNull();
    expect(mixedScriptProblem('Νίκος Papadopoulos', 'Full name')).toBeNull();
    expect(mixedScriptProblem('Zoë O’Connor-Núñez', 'Full name')).toBeNull();
  });
});

describe('the name field', () => {
  test('refuses mixed alphabets and names made of hidden characters', () => {
    expect(nameField.safeParse('Саsey Morgan').error?.issues[0]?.message).toBe('Full name must not mix letters from different alphabets in one word');
    expect(nameField.safeParse('\u200b\u200b').error?.issues[0]?.message).toBe('Enter your full name');
    expect(nameField.safeParse('Casey Morgan').success).toBe(true);
  });
});

test('nameTakenMessage suggests a middle initial built from the name', () => {
  expect(nameTakenMessage('Casey Morgan')).toBe('Another member already uses this name. Add a middle name or initial, for example Casey A Morgan');
  expect(nameTakenMessage('Prince')).toContain('for example Prince A Smith');
  expect(nameTakenMessage(' Casey\u200b   Morgan ')).toMatch(/for example Casey A Morgan$/);
});
