import { describe, expect, test } from 'vitest';
import {
  checkPersonalData,
  findingMessage,
  guardMessages,
  INFORMATION_SHARING_GUIDANCE_URL,
  isFullPostcode,
  isValidNhsNumber,
  isValidNiNumber,
  SAFEGUARDING_MESSAGE,
  suggestsRiskNow,
  type FindingKind,
  type GuardResult,
} from '../../../src/lib/domain/forum/guard.ts';
import { HARMLESS, IDENTIFYING, SENTENCES } from './guard-sentences.ts';

/** The kinds found in a text, in order. */
function kinds(text: string): FindingKind[] {
  const result = checkPersonalData(text);
  return result.ok ? [] : result.findings.map((f) => f.kind);
}

/** The matches of one kind found in a text. */
function matches(text: string, kind: FindingKind): string[] {
  const result = checkPersonalData(text);
  return result.ok ? [] : result.findings.filter((f) => f.kind === kind).map((f) => f.match);
}

describe('NHS numbers', () => {
  test.each(['943 476 5919', '9434765919', '943-476-5919', '401 023 2137', '470 238 7650'])('%s passes modulus 11', (n) => {
    expect(isValidNhsNumber(n)).toBe(true);
  });

  test.each([
    ['943 476 5910', 'wrong check digit'],
    ['401 023 2138', 'wrong check digit'],
    ['634 908 2151', 'check digit would be 10'],
    ['123 456 789', 'nine digits'],
    ['94347659190', 'eleven digits'],
  ])('%s fails (%s)', (n) => {
    expect(isValidNhsNumber(n)).toBe(false);
  });

  test('a check digit of 11 counts as 0', () => {
    // 470238765: weighted sum 286, 286 mod 11 = 0, so 11 - 0 = 11, which means 0.
    expect(isValidNhsNumber('4702387650')).toBe(true);
    expect(isValidNhsNumber('4702387651')).toBe(false);
  });

  test('found in text with spaces, hyphens or none, and only when valid', () => {
    expect(matches('NHS number 943 476 5919 please', 'nhs-number')).toEqual(['943 476 5919']);
    expect(matches('nhs 943-476-5919', 'nhs-number')).toEqual(['943-476-5919']);
    expect(matches('nhs 9434765919.', 'nhs-number')).toEqual(['9434765919']);
    expect(kinds('NHS number 943 476 5910')).toEqual([]);
    expect(kinds('a longer number 94347659191')).toEqual([]);
  });

  test('the finding says where it is', () => {
    const result = checkPersonalData('Her NHS number is 943 476 5919');
    expect(result).toMatchObject({ ok: false, safeguarding: false, findings: [{ kind: 'nhs-number', match: '943 476 5919', index: 18 }] });
  });
});

describe('National Insurance numbers', () => {
  test.each(['JK 12 34 56 C', 'AB123456C', 'ne 55 12 09 a', 'ZA765432B', 'CE 10 20 30 A', 'MW 23 45 67C'])('%s is valid', (n) => {
    expect(isValidNiNumber(n)).toBe(true);
  });

  test.each([
    ['DA 12 34 56 A', 'D first'],
    ['FA 12 34 56 A', 'F first'],
    ['IA 12 34 56 A', 'I first'],
    ['QQ 12 34 56 C', 'Q first'],
    ['UA 12 34 56 A', 'U first'],
    ['VA 12 34 56 A', 'V first'],
    ['AO 12 34 56 A', 'O second'],
    ['AD 12 34 56 A', 'D second'],
    ['BG 12 34 56 A', 'BG'],
    ['GB 12 34 56 A', 'GB'],
    ['KN 12 34 56 A', 'KN'],
    ['NK 12 34 56 A', 'NK'],
    ['NT 12 34 56 A', 'NT'],
    ['TN 12 34 56 A', 'TN'],
    ['ZZ 12 34 56 A', 'ZZ'],
    ['AB 12 34 56 E', 'suffix E'],
    ['AB 12 34 5 A', 'five digits'],
  ])('%s is not (%s)', (n) => {
    expect(isValidNiNumber(n)).toBe(false);
  });

  test('found in text', () => {
    expect(matches("Mum's NI is JK 12 34 56 C.", 'ni-number')).toEqual(['JK 12 34 56 C']);
    expect(kinds('The sample is QQ 12 34 56 C.')).toEqual([]);
  });
});

describe('postcodes', () => {
  test.each(['ME14 1XQ', 'CT9 1XZ', 'me14 1xq', 'ME141XQ', 'SW1A 1AA', 'EC1A 1BB', 'W1A 0AX', 'B33 8TH', 'M1 1AE'])(
    '%s is a full postcode',
    (p) => {
      expect(isFullPostcode(p)).toBe(true);
    },
  );

  test.each(['ME14', 'CT9', 'ME14 1', 'QQ1 1AA', 'ME14 1CI', 'Y9 1st', 'ME1 4th'])('%s is not', (p) => {
    expect(isFullPostcode(p)).toBe(false);
  });

  test('a district alone is fine, a full postcode is found', () => {
    expect(kinds('Lots of families in the ME14 area')).toEqual([]);
    expect(matches('They moved to ct9 1xz last week', 'postcode')).toEqual(['ct9 1xz']);
  });
});

describe('dates of birth', () => {
  test.each([
    ['DOB 27/11/2015', '27/11/2015'],
    ['dob: 27-11-15', '27-11-15'],
    ['d.o.b. 2015-11-27', '2015-11-27'],
    ['date of birth 27 November 2015', '27 November 2015'],
    ['born 27th Nov 2015', '27th Nov 2015'],
    ['born on the 27th of November 2015', '27th of November 2015'],
    ['her birthday is November 27, 2015', 'November 27, 2015'],
    ['27/11/2015 (DOB)', '27/11/2015'],
    ['she turns 16 on 3 May 2026', '3 May 2026'],
  ])('%j is a date of birth', (text, date) => {
    expect(matches(text, 'date-of-birth')).toEqual([date]);
  });

  test.each([
    'the TAF meeting on 3 March 2026',
    'review due 27/11/2026',
    'deadline 2026-03-31',
    'born on 3 March',
    'born in 2015',
    'how do I record a date of birth?',
    'born and raised in Dover, starts with us on 6 April 2026',
    'DOB 32/13/2015',
  ])('%j is not', (text) => {
    expect(matches(text, 'date-of-birth')).toEqual([]);
  });
});

describe('phone numbers', () => {
  test.each([
    ['07700 900123', '07700 900123'],
    ['07700900123', '07700900123'],
    ['07700 900 123', '07700 900 123'],
    ['+44 7700 900123', '+44 7700 900123'],
    ['+447700900123', '+447700900123'],
    ['+44 (0)7700 900123', '+44 (0)7700 900123'],
    ['01632 960001', '01632 960001'],
    ['(01632) 960 001', '(01632) 960 001'],
    ['020 7946 0018', '020 7946 0018'],
    ['0113 496 0555', '0113 496 0555'],
    ['03000 41 00 99', '03000 41 00 99'],
  ])('%s is a phone number', (text, phone) => {
    expect(matches(`ring ${text} today`, 'phone')).toEqual([phone]);
  });

  test.each(['999', '111', '101', 'NHS 111', '0800 1111', '0-19 service', '07700', '£1,250', '2025/26', '01/02/2026', '0770 090 01'])(
    '%s is not',
    (text) => {
      expect(matches(`ring ${text} today`, 'phone')).toEqual([]);
    },
  );
});

describe('e-mail addresses', () => {
  test.each(['sarah.k1987@gmail.com', 'mark_smith@hotmail.co.uk', 't.obrien+family@btinternet.com', 'NAN.BETTY@YAHOO.COM'])(
    '%s is found',
    (address) => {
      expect(matches(`write to ${address}.`, 'email')).toEqual([address]);
    },
  );

  test('a mention is not an address', () => {
    expect(kinds('@Priya thanks, that helps')).toEqual([]);
  });
});

describe('street addresses', () => {
  test.each([
    ['They live at 14 Mill Lane.', '14 Mill Lane'],
    ['Flat 3, 22 High Street', '22 High Street'],
    ['at 9a Orchard Close', '9a Orchard Close'],
    ['118 London Rd', '118 London Rd'],
    ['7 Cherry Tree Avenue', '7 Cherry Tree Avenue'],
    ['6 The Mews', '6 The Mews'],
    ['2 Church St.', '2 Church St.'],
    ["12 St John's Road", "12 St John's Road"],
    ['60 st peters road', '60 st peters road'],
    ['3 Rose Cottages', '3 Rose Cottages'],
    ['their house on Mill Lane', 'on Mill Lane'],
    ['on the Millmead estate', 'on the Millmead estate'],
  ])('%j has an address', (text, address) => {
    expect(matches(text, 'address')).toEqual([address]);
  });

  test.each(['The centre is on the High Street.', 'We had 3 Family Court hearings', 'Year 9 Park trip', 'Section 17 Children Act', '14 families in Ashford', '3 years down the road', '2 really close friends'])(
    '%j has none',
    (text) => {
      expect(matches(text, 'address')).toEqual([]);
    },
  );
});

describe('names beside family roles', () => {
  test.each([
    ['Mum Sarah came to the meeting', 'Mum Sarah'],
    ["Sarah's mum came", 'Sarah'],
    ['the child, Jayden, was excluded', 'child, Jayden'],
    ['Jayden (Year 9) is on a reduced timetable', 'Jayden (Year 9)'],
    ['Year 9 pupil Liam is missing lessons', 'pupil Liam'],
    ['his son Tyler', 'son Tyler'],
    ["Mrs Khan's daughter", 'Mrs Khan'],
    ['dad, Mark Smith, is home', 'dad, Mark Smith'],
    ['a boy called Harvey', 'boy called Harvey'],
    ['Tyler, her son, is doing well', 'Tyler, her son'],
    ["the father (Wayne) hasn't called", 'father (Wayne'],
    ['Mr Patel asked for the minutes', 'Mr Patel'],
    ['Spoke to Kelly (mum) today', 'Kelly'],
    ['The Johnson family have moved', 'Johnson'],
    ['The Smiths are back in Margate', 'Smiths'],
    ['Jess is 14 and struggling', 'Jess'],
    ["Jayden's attendance is 62%", 'Jayden'],
  ])('%j names someone', (text, match) => {
    const found = matches(text, 'name');
    expect(found.length).toBeGreaterThan(0);
    expect(found.join(' | ')).toContain(match.split(/[ ,(]/).pop()!);
  });

  test.each([
    'How do I run a TAF meeting with a reluctant mum?',
    'A mum asked me about benefits',
    'Year 9 students are struggling',
    'Year 9 English results are up',
    'The Child Protection Plan ended',
    'Kent Young Carers meet on Monday',
    "Mother's Day is hard",
    'Father Christmas visits on Friday',
    'The Baby Bank needs nappies',
    "Dad's mental health is the barrier",
    'One Year 10 pupil I worked with',
    'Partner agencies were invited',
    'Thanks Priya, really useful',
  ])('%j names no one', (text) => {
    expect(matches(text, 'name')).toEqual([]);
  });
});

describe('safeguarding', () => {
  test.each([
    'her stepdad hit her last night',
    'he is scared to go home',
    'bruises on his arm again',
    'she is being abused by her uncle',
    'he has been self-harming',
    'dad threatened to kill mum',
    "she doesn't feel safe at home",
    'the baby is being neglected',
    'he was sexually assaulted',
    "his mum's partner hurts him",
    "marks on the baby's neck",
    'she was hit by her dad',
  ])('%j suggests a child at risk now', (text) => {
    expect(suggestsRiskNow(text)).toBe(true);
    const result = checkPersonalData(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.safeguarding).toBe(true);
  });

  test.each([
    'training on domestic abuse for dads',
    'the neglect toolkit refresher',
    'resources on self-harm for Year 8',
    'the cuts have hit early help budgets',
    'we hit our attendance target',
    'a child who is scared of the dentist',
    'how do I make a referral if a child discloses abuse?',
    'families were hit hard by the price rises',
    'we were hit by a wave of referrals',
  ])('%j is safeguarding as a topic, not a risk now', (text) => {
    expect(suggestsRiskNow(text)).toBe(false);
  });

  test('the result is not ok even when nothing identifying is found', () => {
    expect(checkPersonalData('A boy told me his dad hits him and he is scared to go home.')).toEqual({
      ok: false,
      outcome: 'refuse',
      findings: [],
      safeguarding: true,
    });
  });
});

describe('messages', () => {
  test('say what was found and why it matters', () => {
    expect(findingMessage('nhs-number', ['943 476 5919'])).toBe(
      'It looks like an NHS number (943 476 5919). Numbers like this identify a person: remove it.',
    );
    expect(findingMessage('phone', ['07700 900123', '01632 960001'])).toBe(
      'It looks like phone numbers (07700 900123 and 01632 960001). Phone numbers identify a person: remove it. To point colleagues to a service, name the service instead.',
    );
  });

  test('every kind has a message of one or two sentences', () => {
    const all: FindingKind[] = ['nhs-number', 'ni-number', 'postcode', 'date-of-birth', 'phone', 'email', 'address', 'name', 'case-reference'];
    for (const kind of all) {
      const message = findingMessage(kind, ['x']);
      expect(message).toMatch(/^It looks like .+ \(x\)\. .+[.]$/);
      expect(message.split(/(?<=\.) (?=[A-Z])/).length).toBeLessThanOrEqual(3);
    }
  });

  test('one line per kind, in order, safeguarding first', () => {
    const result = checkPersonalData('Mum Sarah (07700 900123) says her partner hit her. Her other number is 07700 900456.');
    const lines = guardMessages(result);
    expect(lines[0]).toBe(SAFEGUARDING_MESSAGE);
    expect(lines[0]).toContain('safeguarding procedures now');
    expect(lines[0]).toContain('999');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^It looks like a name \(Mum Sarah\)/),
      expect.stringMatching(/^It looks like phone numbers \(07700 900123 and 07700 900456\)/),
    ]);
  });

  test('nothing to say when the text is fine', () => {
    expect(guardMessages({ ok: true })).toEqual([]);
  });

  test('link to the information sharing SOP', () => {
    expect(INFORMATION_SHARING_GUIDANCE_URL).toBe('/guidance/information-sharing/');
  });

  test('each finding carries its own message and the text as written', () => {
    const result = checkPersonalData('Ring nan on 01632\u00a0960001 today');
    expect(result.ok).toBe(false);
    const [finding] = (result as Extract<GuardResult, { ok: false }>).findings;
    expect(finding).toMatchObject({ kind: 'phone', match: '01632\u00a0960001', index: 12 });
    expect(finding!.message).toBe(findingMessage('phone', ['01632 960001']));
  });
});

describe('the labelled set', () => {
  test('is big and balanced enough to mean something', () => {
    expect(SENTENCES.length).toBeGreaterThanOrEqual(220);
    expect(IDENTIFYING.length).toBeGreaterThanOrEqual(110);
    expect(HARMLESS.length).toBeGreaterThanOrEqual(110);
    const perKind = new Map<string, number>();
    for (const s of IDENTIFYING) perKind.set(s.kind ?? (s.safeguarding ? 'safeguarding' : 'other'), (perKind.get(s.kind ?? (s.safeguarding ? 'safeguarding' : 'other')) ?? 0) + 1);
    for (const kind of ['nhs-number', 'ni-number', 'postcode', 'date-of-birth', 'phone', 'email', 'address', 'name', 'case-reference', 'safeguarding']) {
      expect(perKind.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(5);
    }
    expect(new Set(SENTENCES.map((s) => s.text)).size).toBe(SENTENCES.length);
  });

  test('precision and recall are both at least 0.9', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const wrong: string[] = [];
    for (const sentence of SENTENCES) {
      const result = checkPersonalData(sentence.text);
      const flagged = !result.ok;
      if (flagged && sentence.identifying) truePositives++;
      else if (flagged) {
        falsePositives++;
        const found = result.ok ? '' : result.findings.map((f) => `${f.kind} "${f.match}"`).join(', ') || 'safeguarding';
        wrong.push(`false alarm: ${JSON.stringify(sentence.text)} (${found})${sentence.note ? ` [${sentence.note}]` : ''}`);
      } else if (sentence.identifying) {
        falseNegatives++;
        wrong.push(`missed: ${JSON.stringify(sentence.text)} (${sentence.kind ?? 'safeguarding'})${sentence.note ? ` [${sentence.note}]` : ''}`);
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(
      `guard: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} on ${SENTENCES.length} sentences (${IDENTIFYING.length} identifying)`,
    );
    const report = `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; misclassified:\n${wrong.join('\n')}`;
    expect(precision, report).toBeGreaterThanOrEqual(0.9);
    expect(recall, report).toBeGreaterThanOrEqual(0.9);
  });

  test('identifying sentences are found as the kind they are labelled', () => {
    const wrongKind: string[] = [];
    for (const sentence of IDENTIFYING) {
      if (!sentence.kind || sentence.note?.includes('expected miss')) continue;
      const found = kinds(sentence.text);
      if (found.length > 0 && !found.includes(sentence.kind)) wrongKind.push(`${sentence.text} (${sentence.kind}, found ${found.join(', ')})`);
    }
    expect(wrongKind).toEqual([]);
  });
});
