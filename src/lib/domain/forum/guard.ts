/**
 * The forum's personal-data guard: checks a title or post before it is saved, so that the
 * forum never becomes a place where a family can be identified. Pure: no Astro, no I/O (its
 * lists are JSON files bundled with it, so the browser runs the same check as the server).
 *
 * Three outcomes. Definite identifiers (NHS and National Insurance numbers, full postcodes,
 * dates of birth, phone numbers, e-mail addresses, street addresses, case references, full
 * and titled names) are refused. Probable identification (a first name, initials with an age
 * or a school, a nickname, a jigsaw of a named school or small place with a year group, an age
 * or a distinctive event) is held for a moderator. Everything else is published. Text that
 * suggests a child at risk now is refused with the safeguarding message.
 *
 * Policy source: the information sharing SOP (seed documents on information sharing), which
 * forbids names, addresses, dates of birth and reference numbers from any case system, and
 * asks practitioners to think about jigsaw identification; and the ICO's guidance on
 * identifiability (a person is identifiable from details combined, not only from a name).
 */
import FIRST_NAMES_LIST from './lists/first-names.json' with { type: 'json' };
import PUBLIC_CONTACTS from './lists/public-contacts.json' with { type: 'json' };

/**
 * What a finding is. `name` covers a name beside a family role and a titled name (Mrs Khan);
 * `case-reference` is there because the information sharing SOP forbids reference numbers from
 * any case system (CAF-2026-114, LCS ref 4471829).
 */
export type FindingKind =
  | 'nhs-number'
  | 'ni-number'
  | 'postcode'
  | 'date-of-birth'
  | 'phone'
  | 'email'
  | 'address'
  | 'name'
  | 'initials'
  | 'nickname'
  | 'jigsaw'
  | 'case-reference';

/** Refuse: the post cannot be saved. Hold: saved, but only its author and moderators see it until a moderator publishes it. */
export type GuardOutcome = 'refuse' | 'hold';

export interface Finding {
  kind: FindingKind;
  /** The text as the author wrote it, e.g. "943 476 5919" or "mum Sarah". */
  match: string;
  /** Where the match starts in the checked text (UTF-16 code units). */
  index: number;
  /** One or two plain sentences for the author about this finding. */
  message: string;
  /** What this finding alone would mean for the post. */
  outcome: GuardOutcome;
}

/**
 * `ok: true` only when the post may be published at once. When it may not, `outcome` says
 * whether it is refused (a definite identifier, or a child at risk) or may be held for a
 * moderator (probable identification only).
 */
export type GuardResult = { ok: true } | { ok: false; outcome: GuardOutcome; findings: Finding[]; safeguarding: boolean };

/** The information sharing SOP page, shown beside every refusal. */
export const INFORMATION_SHARING_GUIDANCE_URL = '/guidance/information-sharing/';

/** Said first, and on its own line, whenever a post suggests a child is at risk now. */
export const SAFEGUARDING_MESSAGE =
  'This sounds as if a child may be at risk now. Do not post it here: follow your safeguarding procedures now, and call 999 if anyone is in immediate danger.';

/**
 * Checks a title or post for personal data and for a child at risk now.
 * @example checkPersonalData('How do I run a TAF meeting with a reluctant mum?') // { ok: true }
 * @example checkPersonalData('Her NHS number is 943 476 5919')
 * // { ok: false, safeguarding: false, findings: [{ kind: 'nhs-number', match: '943 476 5919', index: 18, message: '…' }] }
 */
export function checkPersonalData(text: string): GuardResult {
  const t = normalise(text);
  // Published phrases (guidance titles, public figures, offices) are blanked out, one space
  // for one character, so no detector reads "Working Together" or "Marcus Rashford" as a name.
  const masked = maskPublicPhrases(t);
  const raw: RawFinding[] = [];
  for (const [kind, detect] of DETECTORS) {
    for (const [index, end, outcome] of detect(masked, t)) raw.push({ kind, index, end, outcome: outcome ?? DEFAULT_OUTCOME[kind] });
  }
  const findings = dropOverlaps(raw)
    .filter(({ kind, index, end }) => !isPublicContact(kind, t.slice(index, end)))
    .map(({ kind, index, end, outcome }) => {
      const match = text.slice(index, end);
      return { kind, match, index, outcome, message: findingMessage(kind, [match]) };
    });
  const safeguarding = suggestsRiskNow(t);
  if (findings.length === 0 && !safeguarding) return { ok: true };
  const outcome: GuardOutcome = safeguarding || findings.some((f) => f.outcome === 'refuse') ? 'refuse' : 'hold';
  return { ok: false, outcome, findings, safeguarding };
}

/** Whether a finding is one of the published contacts in `lists/public-contacts.json`. */
function isPublicContact(kind: FindingKind, match: string): boolean {
  if (kind === 'phone') return PUBLIC_PHONES.has(match.replace(/\D/g, '').replace(/^44/, '0'));
  if (kind === 'postcode') return PUBLIC_POSTCODES.has(match.replace(/\s/g, '').toUpperCase());
  if (kind === 'email') return PUBLIC_EMAILS.has(match.toLowerCase());
  return false;
}

const PUBLIC_PHONES = new Set(PUBLIC_CONTACTS.phones.map((p) => p.number.replace(/\D/g, '')));
const PUBLIC_POSTCODES = new Set(PUBLIC_CONTACTS.postcodes.map((p) => p.postcode.replace(/\s/g, '').toUpperCase()));
const PUBLIC_EMAILS = new Set(PUBLIC_CONTACTS.emails.map((e) => e.address.toLowerCase()));
/** Longest first, so "Working Together to Safeguard Children" is blanked before "Working Together". */
const PUBLIC_PHRASE_PATTERN = new RegExp(
  `(?<![\\p{L}])(?:${[...PUBLIC_CONTACTS.places, ...PUBLIC_CONTACTS.phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]?").replace(/ /g, '\\s+'))
    .join('|')})(?:'s)?(?![\\p{L}])`,
  'giu',
);

/**
 * "@Priya Shah": a mention of a forum member by full name, which the forum links to their
 * account. Later words may be a middle initial ("@Casey A Morgan"), the way members whose
 * names would otherwise be the same tell themselves apart.
 */
const MENTION_PATTERN = /(?<![\w.@])@[A-Z][a-z][\w'-]*(?: [A-Z](?:[a-z][\w'-]*)?){0,2}/g;

function maskPublicPhrases(text: string): string {
  return text.replace(PUBLIC_PHRASE_PATTERN, (m) => ' '.repeat(m.length)).replace(MENTION_PATTERN, (m) => ' '.repeat(m.length));
}

/**
 * The message to show the author: the safeguarding message first when it applies, then one
 * or two sentences for each kind of finding, in the order they appear. Empty when ok.
 * @example guardMessages(checkPersonalData('call me on 07700 900123'))
 * // ['It looks like a phone number (07700 900123). Phone numbers identify a person: remove it.']
 */
export function guardMessages(result: GuardResult): string[] {
  if (result.ok) return [];
  const byKind = new Map<FindingKind, string[]>();
  for (const finding of result.findings) {
    const matches = byKind.get(finding.kind) ?? [];
    if (!matches.includes(finding.match)) matches.push(finding.match);
    byKind.set(finding.kind, matches);
  }
  const lines = [...byKind].map(([kind, matches]) => findingMessage(kind, matches));
  return result.safeguarding ? [SAFEGUARDING_MESSAGE, ...lines] : lines;
}

/**
 * One or two plain sentences about one kind of finding, quoting what was found.
 * @example findingMessage('nhs-number', ['943 476 5919'])
 * // 'It looks like an NHS number (943 476 5919). Numbers like this identify a person: remove it.'
 */
export function findingMessage(kind: FindingKind, matches: readonly string[]): string {
  const { one, many, why } = KIND_TEXT[kind];
  const quoted = listOf(matches.map((m) => m.replace(/\s+/g, ' ').trim()));
  return `It looks like ${matches.length > 1 ? many : one} (${quoted}). ${why}`;
}

const KIND_TEXT: Record<FindingKind, { one: string; many: string; why: string }> = {
  'nhs-number': {
    one: 'an NHS number',
    many: 'NHS numbers',
    why: 'Numbers like this identify a person: remove it.',
  },
  'ni-number': {
    one: 'a National Insurance number',
    many: 'National Insurance numbers',
    why: 'Numbers like this identify a person: remove it.',
  },
  postcode: {
    one: 'a full postcode',
    many: 'full postcodes',
    why: 'A full postcode can narrow a family down to a few homes: remove it, or give only the district (for example ME14).',
  },
  'date-of-birth': {
    one: 'a date of birth',
    many: 'dates of birth',
    why: 'A date of birth can identify a child or adult: remove it, or give an age range instead.',
  },
  phone: {
    one: 'a phone number',
    many: 'phone numbers',
    why: 'Phone numbers identify a person: remove it. To point colleagues to a service, name the service instead.',
  },
  email: {
    one: 'an e-mail address',
    many: 'e-mail addresses',
    why: 'E-mail addresses identify a person: remove it.',
  },
  address: {
    one: 'a street address',
    many: 'street addresses',
    why: 'An address can identify a family: remove it, and do not name the street.',
  },
  name: {
    one: 'a name',
    many: 'names',
    why: 'Names, even first names, can identify a family: write "the mum" or "the child" instead.',
  },
  initials: {
    one: 'initials with details about the person',
    many: 'initials with details about the people',
    why: 'Initials beside an age, a school or a year group can identify a child: leave them out.',
  },
  nickname: {
    one: 'a nickname',
    many: 'nicknames',
    why: 'A nickname is known locally and can identify a person as surely as a name: leave it out.',
  },
  jigsaw: {
    one: 'details that together could identify a family',
    many: 'details that together could identify a family',
    why: 'A named school or small place with a year group, an age or something that happened can single a family out: leave out the place or the details.',
  },
  'case-reference': {
    one: 'a case reference number',
    many: 'case reference numbers',
    why: 'A case reference leads straight to a family’s records: remove it.',
  },
};

/** "a", "a and b", "a, b and c". */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// ---------------------------------------------------------------------------------------
// Plumbing

interface RawFinding {
  kind: FindingKind;
  index: number;
  end: number;
  outcome: GuardOutcome;
}

/** A match: where it starts and ends, and its outcome when it differs from its kind's default. */
type Span = readonly [start: number, end: number, outcome?: GuardOutcome];

/** What each kind of finding means on its own, unless the detector says otherwise. */
const DEFAULT_OUTCOME: Record<FindingKind, GuardOutcome> = {
  'nhs-number': 'refuse',
  'ni-number': 'refuse',
  postcode: 'refuse',
  'date-of-birth': 'refuse',
  phone: 'refuse',
  email: 'refuse',
  address: 'refuse',
  'case-reference': 'refuse',
  name: 'hold',
  initials: 'hold',
  nickname: 'hold',
  jigsaw: 'hold',
};

/**
 * Curly quotes, non-breaking spaces and dashes to their plain forms, one character for one,
 * so indexes in the normalised text are indexes in the original.
 */
function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u00A0\u2007\u2009\u202F]/g, ' ')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, '-');
}

/**
 * Refusals win over holds, then earlier detectors over later: a span already claimed (an NHS
 * number, say) is not claimed again.
 */
function dropOverlaps(raw: readonly RawFinding[]): RawFinding[] {
  const kept: RawFinding[] = [];
  const ordered = [...raw.filter((f) => f.outcome === 'refuse'), ...raw.filter((f) => f.outcome !== 'refuse')];
  for (const finding of ordered) {
    if (kept.some((k) => finding.index < k.end && k.index < finding.end)) continue;
    kept.push(finding);
  }
  return kept.sort((a, b) => a.index - b.index);
}

/** Every match of a global regular expression, as spans, kept when `accept` says so. */
function spans(text: string, pattern: RegExp, accept: (m: RegExpExecArray) => boolean = () => true): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    if (accept(m)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

/** A pattern that matches `word` with its first letter in either case: "Mum" and "mum". */
function eitherCase(word: string): string {
  const first = word[0]!;
  return `[${first.toUpperCase()}${first.toLowerCase()}]${word.slice(1)}`;
}

/** The last `count` words before `index`, lower-cased. */
function wordsBefore(text: string, index: number, count: number): string {
  return text.slice(Math.max(0, index - 80), index).toLowerCase().split(/\s+/).filter(Boolean).slice(-count).join(' ');
}

/** The first `count` words after `index`, lower-cased. */
function wordsAfter(text: string, index: number, count: number): string {
  return text.slice(index, index + 80).toLowerCase().split(/\s+/).filter(Boolean).slice(0, count).join(' ');
}

// ---------------------------------------------------------------------------------------
// NHS numbers

/**
 * Whether ten digits pass the NHS number modulus 11 check: weights 10 to 2 on the first
 * nine digits, check digit 11 - (sum mod 11), where 11 means 0 and 10 means invalid.
 * @example isValidNhsNumber('943 476 5919') // true
 */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const NHS_PATTERN = /(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])/g;

function nhsNumbers(text: string): Span[] {
  return spans(text, NHS_PATTERN, (m) => isValidNhsNumber(m[0]));
}

// ---------------------------------------------------------------------------------------
// National Insurance numbers

/** Prefixes HMRC never issues, on top of the letter rules. */
const NI_BAD_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * Whether a string is a National Insurance number by HMRC's rules: two letters (the first
 * not D, F, I, Q, U or V; the second not D, F, I, O, Q, U or V; not BG, GB, KN, NK, NT, TN or
 * ZZ), six digits and a suffix A to D. Spaces and case do not matter.
 * @example isValidNiNumber('JK 12 34 56 C') // true
 * @example isValidNiNumber('QQ 12 34 56 C') // false
 */
export function isValidNiNumber(value: string): boolean {
  const v = value.replace(/\s/g, '').toUpperCase();
  return /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(v) && !NI_BAD_PREFIXES.has(v.slice(0, 2));
}

const NI_PATTERN = /\b[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d]\b/g;

function niNumbers(text: string): Span[] {
  return spans(text, NI_PATTERN, (m) => isValidNiNumber(m[0]));
}

// ---------------------------------------------------------------------------------------
// Postcodes

/** The UK's postcode areas: the letters at the start of every postcode. */
const POSTCODE_AREAS = new Set(
  (
    'AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY ' +
    'E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN ' +
    'LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP ' +
    'SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
  ).split(' '),
);

/** Outward code (area, district) then inward code (sector, unit); the unit never uses C I K M O V. */
const POSTCODE_PATTERN = /\b([A-Za-z]{1,2})(\d[A-Za-z\d]?) ?(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})\b/g;

/**
 * Whether a string is a full UK postcode (not just a district like "ME14").
 * @example isFullPostcode('me14 1xq') // true
 */
export function isFullPostcode(value: string): boolean {
  const m = new RegExp(`^${POSTCODE_PATTERN.source}$`).exec(value.trim());
  return m !== null && acceptPostcode(m);
}

function acceptPostcode(m: RegExpExecArray): boolean {
  if (!POSTCODE_AREAS.has(m[1]!.toUpperCase())) return false;
  // "Y9 1st", "M1 2nd": an ordinal, not a postcode unit (but "B33 8TH" is a postcode).
  return !/^\d(st|nd|rd|th)$/.test(m[3]!);
}

function postcodes(text: string): Span[] {
  return spans(text, POSTCODE_PATTERN, acceptPostcode);
}

// ---------------------------------------------------------------------------------------
// Dates of birth

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH_NAME = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

/** Full dates: day, month and year, in the forms people write them. */
const DATE_PATTERNS: readonly { pattern: RegExp; parts: (m: RegExpExecArray) => [day: string, month: string, year: string] }[] = [
  { pattern: /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/g, parts: (m) => [m[1]!, m[2]!, m[3]!] },
  { pattern: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, parts: (m) => [m[3]!, m[2]!, m[1]!] },
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_NAME})\\.?,?\\s+(\\d{4}|'\\d{2})\\b`, 'gi'),
    parts: (m) => [m[1]!, m[2]!, m[3]!],
  },
  {
    pattern: new RegExp(`\\b(${MONTH_NAME})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'gi'),
    parts: (m) => [m[2]!, m[1]!, m[3]!],
  },
];

function monthNumber(month: string): number {
  if (/^\d+$/.test(month)) return Number(month);
  const prefix = month.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((name) => name.startsWith(prefix)) + 1;
}

/** A birth word: born, DOB, d.o.b, date of birth, birth date, birthday. */
const BIRTH_WORD = /(?:^|[^a-z])(?:born|dob|d\.o\.b|date of birth|birth ?date|birthday|bday)(?![a-z])/;
/** "turns 16 on", "will be 10 on", "turned 5 on": the date is a birthday. */
const AGE_ON = /(?:turns?|turned|turning|will be|is|was) \d{1,2} on( the)?$/;

/** Full dates with a birth word just before (within five words) or just after (three). */
function datesOfBirth(text: string): Span[] {
  const out: Span[] = [];
  for (const { pattern, parts } of DATE_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const [day, month, year] = parts(m);
      if (!isPlausibleDate(Number(day), monthNumber(month), year)) continue;
      const end = m.index + m[0].length;
      const before = wordsBefore(text, m.index, 5);
      const after = wordsAfter(text, end, 3);
      // "b. 02/12/2018", "(b.02/12/18)": the genealogist's abbreviation for born
      const abbreviated = /(?:^|[\s(,;])b\.\s?$/i.test(text.slice(Math.max(0, m.index - 4), m.index));
      if (abbreviated || BIRTH_WORD.test(before) || AGE_ON.test(before) || BIRTH_WORD.test(after)) out.push([m.index, end]);
    }
  }
  return out;
}

function isPlausibleDate(day: number, month: number, year: string): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && /^'?\d{2}$|^(19|20)\d{2}$/.test(year);
}

// ---------------------------------------------------------------------------------------
// Phone numbers

/** +44, 0044 or (0), then the rest of the number; separators are spaces, hyphens, brackets. */
const PHONE_PATTERN = /(?<![\d+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(?0)([1237])(?:[\s)-]{0,2}\d){8,9}(?!\d)/g;

/**
 * UK mobiles (07…, 11 digits) and landlines (01 and 02: 10 or 11 digits; 03: 11 digits),
 * written with or without +44. Not 999, 111, 101 or other short numbers, nor 0800 freephone.
 */
function phoneNumbers(text: string): Span[] {
  const found = spans(text, PHONE_PATTERN, (m) => {
    let digits = m[0].replace(/\D/g, '');
    if (digits.startsWith('0044')) digits = `0${digits.slice(4)}`;
    else if (digits.startsWith('44')) digits = `0${digits.slice(2)}`;
    if (digits.startsWith('00')) digits = digits.slice(1);
    const prefix = m[1];
    if (prefix === '7' || prefix === '3' || prefix === '2') return digits.length === 11;
    return digits.length === 10 || digits.length === 11;
  });
  // "(07700 900123)": the bracket belongs to the sentence, not the number.
  return found.map(([start, end]) => (text[start] === '(' && !text.slice(start, end).includes(')') ? [start + 1, end] : [start, end]));
}

// ---------------------------------------------------------------------------------------
// E-mail addresses

const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Public bodies' domains: a role mailbox there (earlyhelp.claims@kent.gov.uk) names a service, not a person. */
const PUBLIC_EMAIL_DOMAIN = /@(?:[a-z0-9-]+\.)*(?:gov\.uk|nhs\.net|nhs\.uk|police\.uk|sch\.uk)$/i;

function emailAddresses(text: string): Span[] {
  return spans(text, EMAIL_PATTERN, (m) => {
    if (!PUBLIC_EMAIL_DOMAIN.test(m[0])) return true;
    const local = m[0].split('@')[0]!.toLowerCase().split(/[._-]+/);
    return local.some((part) => FIRST_NAMES.has(part) && !AMBIGUOUS_NAMES.has(part)) || local.length === 2 && local.every((p) => /^[a-z]+$/.test(p)) && local[0]!.length <= 1;
  });
}

// ---------------------------------------------------------------------------------------
// Street addresses

const STREET_WORDS = [
  'Road', 'Street', 'Avenue', 'Lane', 'Close', 'Drive', 'Way', 'Crescent', 'Grove', 'Gardens', 'Place',
  'Court', 'Terrace', 'Hill', 'Park', 'Mews', 'Square', 'Row', 'Walk', 'Rise', 'Parade', 'Green', 'Vale',
  'Chase', 'Mead', 'Meadow', 'Meadows', 'Wharf', 'Quay', 'View', 'Yard', 'Boulevard', 'Parkway', 'Broadway',
  'Heights', 'Cottages', 'Gate', 'Estate', 'Fields',
];
/** Abbreviations, which may take a full stop: "2 Church St." */
const STREET_ABBREVIATIONS = ['Rd', 'St', 'Ave', 'Ln', 'Dr', 'Cres', 'Gdns', 'Pl', 'Ct', 'Terr', 'Sq'];

/** A house number (9, 9a, "flat 3, 22"), one to three capitalised words, then a street word. */
const ADDRESS_PATTERN = new RegExp(
  `(?<![\\d£$.,:/-])\\b(\\d{1,4}[a-zA-Z]?),?\\s+((?:[A-Z][a-zA-Z'-]*\\s+){1,3})` +
    `(?:(?:${STREET_WORDS.map(eitherCase).join('|')})\\b|(?:${STREET_ABBREVIATIONS.join('|')})\\b\\.?)`,
  'g',
);

/** "60 st peters road": all lower case, so only street words that are not everyday words. */
const LOWER_CASE_ADDRESS = /(?<![\d£$.,:/-])\b\d{1,4}[a-z]?,?\s+((?:[a-z']+\s+){1,3})(?:road|rd|street|avenue|ave|lane|crescent|grove|gardens|terrace|mews|close|drive|way|court|place|walk|rise|row|parade|green|mead|meadows?|view|gate|fields|square|cottages)\b/g;
/** "14 the Crescent", "3 The Green": a numbered street with no name before its street word. */
const THE_STREET = /(?<![\d£$.,:/-])\b\d{1,4}[a-z]?,?\s+[Tt]he\s+(?:[Cc]rescent|[Gg]reen|[Aa]venue|[Dd]rive|[Cc]lose|[Pp]arade|[Ss]quare|[Ll]eas|[Ss]trand|[Gg]rove|[Ss]treet|[Mm]ews|[Rr]idgeway|[Bb]roadway|[Cc]auseway)\b/g;
/** Words that make a lower-case phrase something other than a street name: "3 years down the road". */
const NOT_STREET_WORDS = new Set(
  ('the a an of in on at to down up along across from over by years days weeks months minutes mins hours miles people families children kids more other different same ' +
    'very really so too quite is are was were be been and or but not it they we i you he she them us his her their my our your this that these those times ' +
    'sessions visits meetings schools weekly week day month year out every all some any many few lots back way one two three four five six seven eight nine ten ' +
    'still just also only about close far near long short step steps stage').split(' '),
);
/** "on Mill Lane", "the Millmead estate": a named street or estate, even with no number. */
const NAMED_STREET = new RegExp(
  `\\b(?:on|in|at|off|from|near|along|to)\\s+(?:(?:the\\s+)?(?:[A-Z][a-z']+\\s+){1,3}(?:Lane|Road|Street|Avenue|Close|Drive|Crescent|Grove|Gardens|Terrace|Mews)\\b|the\\s+[A-Z][a-z']+\\s+[Ee]state\\b)`,
  'g',
);

/** Words before a number that make it something other than a house number. */
const NOT_HOUSE_NUMBER = /(?:^|[^a-z])(?:year|yr|y|level|section|page|step|stage|phase|tier|room|week|chapter|question|module|unit|part|article|version|key stage|ks|£)$/;
/** First words of "3 Family Court hearings", "2 Car Park spaces": not a street name. */
const NOT_STREET_NAME = new Set(['Family', 'Crown', 'Magistrates', 'Youth', 'County', 'Car', 'Business', 'Retail', 'Science', 'Industrial', 'Theme', 'Country', 'Early', 'Safe']);

function streetAddresses(text: string): Span[] {
  const numberedOk = (m: RegExpExecArray) => !NOT_HOUSE_NUMBER.test(text.slice(Math.max(0, m.index - 12), m.index).toLowerCase().trimEnd());
  return [
    ...spans(text, ADDRESS_PATTERN, (m) => !NOT_STREET_NAME.has(m[2]!.trim().split(/\s+/)[0]!) && numberedOk(m)),
    ...spans(text, LOWER_CASE_ADDRESS, (m) => numberedOk(m) && !m[1]!.trim().split(/\s+/).some((w) => NOT_STREET_WORDS.has(w))),
    ...spans(text, NAMED_STREET, (m) => !/\b(?:High Street|Early Help|Kent|Medway)\b/.test(m[0])),
    ...spans(text, THE_STREET, numberedOk),
  ];
}

// ---------------------------------------------------------------------------------------
// Names beside family roles

const ROLE_WORDS = [
  'mum', 'mummy', 'mam', 'mom', 'mother', 'dad', 'daddy', 'father', 'stepdad', 'step-dad', 'stepfather',
  'stepmum', 'step-mum', 'stepmother', 'nan', 'nana', 'nanny', 'gran', 'granny', 'grandma', 'grandmother',
  'grandad', 'granddad', 'grandpa', 'grandfather', 'son', 'daughter', 'stepson', 'stepdaughter', 'grandson',
  'granddaughter', 'child', 'baby', 'brother', 'sister', 'half-brother', 'half-sister', 'stepbrother',
  'stepsister', 'sibling', 'uncle', 'aunt', 'auntie', 'aunty', 'nephew', 'niece', 'cousin', 'carer', 'partner',
  'boyfriend', 'girlfriend', 'husband', 'wife', 'ex', 'eldest', 'youngest', 'oldest', 'twin', 'pupil',
  'student', 'toddler', 'teenager', 'boy', 'girl', 'sons', 'daughters', 'children', 'kids', 'brothers',
  'sisters', 'twins', 'siblings', 'grandchildren', 'young person', 'yp', 'lad', 'lass', 'fella', 'bloke',
  'newborn', 'infant', 'kid', 'teen', 'triplets', 'quads',
];
const ROLE_SET = new Set(ROLE_WORDS);
/** A role word, or a school year: "Year 9", "Yr 9", "Y9". */
const ROLE = `(?:${ROLE_WORDS.map(eitherCase).join('|')}|(?:Year|Yr|Y) ?(?:1[0-3]|[1-9]))`;
/** A capitalised word that may be a name: Sarah, Ellie-Mae, O'Neill, McDonald. */
const NAME_WORD = "[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:'[A-Z][a-z]+|-[A-Z]?[a-z]+)*";
/** A first name, perhaps with a surname. */
const NAME = `${NAME_WORD}(?: ${NAME_WORD})?`;
const ROLE_ADJECTIVE = '(?:(?:older|younger|little|big|baby|new|eldest|youngest|twin|step|half|birth|foster|ex)[ -])?';

/**
 * Capitalised words that are not names: sentence openers, days, months, places, programme
 * terms, agencies and services.
 */
const NOT_NAMES = new Set(
  (
    'A An The I Im Ive Id My Our Your His Her Their This That These Those It He She They We You Me Us Them ' +
    'What When Where Why Who How Which Whose If And But Or So Also Then Now Today Tomorrow Yesterday Tonight ' +
    'Any Anyone Anybody Everyone Everybody Someone Somebody Some All Each Every Both Either Neither No Yes Not ' +
    'Has Have Had Is Are Was Were Will Would Can Could Should Shall Might Must Does Do Did Just Only Even Still ' +
    'After Before During Since Until While Because Although Though As At In On For With From By About To Of ' +
    'Into Over Under Between Following Unfortunately Fortunately Apparently Currently Recently Sadly Luckily ' +
    'Hopefully However Otherwise Meanwhile Again Last Next First Second Third One Two Three Four Five Six Seven ' +
    'Eight Nine Ten Re Update Edit Note Question Answer Quick Good Great Well Really Very Maybe Perhaps ' +
    'Actually Never Always Often Sometimes Usually There Here Thanks Thank Hi Hello Dear Please Sorry Ok Okay ' +
    'Cheers Morning Afternoon Evening Help Advice Tips Said Says Told Asked Went Came Got Gets Keeps Wants ' +
    'Needs Lives Moved Been Being Like Think Thought Feel Felt Know Knew See Saw Spoke Met Visited Called ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun ' +
    'January February March April May June July August September October November December Jan Feb Mar Apr ' +
    'Jun Jul Aug Sep Sept Oct Nov Dec Christmas Easter Summer Spring Autumn Winter Term Half Holiday Holidays ' +
    'Kent Medway Maidstone Canterbury Ashford Thanet Margate Ramsgate Broadstairs Dover Deal Sandwich Folkestone ' +
    'Hythe Swale Sittingbourne Sheerness Faversham Whitstable Herne Dartford Gravesend Gravesham Sevenoaks ' +
    'Tonbridge Tunbridge Wells Malling Swanley Chatham Gillingham Rochester Strood Bromley Bexley London ' +
    'England English Britain British Wales Welsh Scotland Scottish Ireland Irish Europe European Polish ' +
    'Early Help Lead Team Family Families Practitioner Practitioners Worker Workers Officer Service Services ' +
    'Support Hub Centre Center Group Plan Plans Panel Protection Need Needs Court School Schools Academy ' +
    'College Nursery Police Council County Health Visitor Visitors Nurse Social Care Housing Benefit Benefits ' +
    'Credit Universal Allowance Bank Club Day Days Week Weeks Month Months Year Years Ofsted Barnardo ' +
    'Barnardos Action Society Trust Foundation Network Forum Programme Assessment Review Meeting Conference ' +
    'Strategy Act Agreement Framework Portal Sure Start Troubled Signs Safety Hope Step Up Young Carers Carer ' +
    'Mind Minds Samaritans Childline Relate Home Citizens Jobcentre Plus Probation Youth Justice Offending ' +
    'Virtual Head Teacher Headteacher Tutor Manager Coordinator Adviser Advisor Mentor Class Form Reception ' +
    'Primary Secondary Grammar Maths Science History Geography French Spanish German Art Music Drama ' +
    'Computing Physics Chemistry Biology Business Sport Special Educational Education Hospital Surgery ' +
    'Kinship Foster Looked Leaver Leavers Designated Safeguarding Prevent Channel Operation Encompass Front ' +
    'Door Duty Triage Referral Unit Alternative Provision Inclusion Exclusion Attendance Welfare Visiting ' +
    'Midwife Midwifery Paediatric Paediatrician Talking Therapies Change Grow Live Turning Point Forward ' +
    'Salvation Army Oasis Aid Refuge Domestic Abuse Sexual Exploitation Missing Lines Parents Parent Parenting ' +
    'Incredible Solihull Approach Freedom Information Sharing Outcomes Payment Results Notification Diploma ' +
    'Level Section Children Act Agency Agencies Partnership Partners Board Office House Library Gateway'
  ).split(' '),
);

/** Whether a capitalised word (or "first surname") could be a person's name. */
function couldBeName(candidate: string): boolean {
  const first = candidate.split(' ')[0]!;
  if (/s$/.test(first) && (NOT_NAMES.has(first.slice(0, -1)) || NOT_NAMES.has(first.replace(/e?s$/, '')))) return false;
  return !NOT_NAMES.has(first) && !ROLE_SET.has(first.toLowerCase()) && !TITLES.has(first);
}

const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr']);

/** Each pattern captures the name candidate in group `name`. */
const NAME_PATTERNS: readonly RegExp[] = [
  // mum Sarah, dad, Mark Smith, the child, Jayden, father (Wayne), Year 9 pupil Liam
  new RegExp(`\\b${ROLE}(?:\\s*[,:(]\\s*|\\s+-\\s+|\\s+)(?<name>${NAME})\\b`, 'g'),
  // Sarah's mum, Ruby's stepmum, Mrs Khan's daughter
  new RegExp(`\\b(?<name>${NAME_WORD})'s\\s+${ROLE_ADJECTIVE}${ROLE}\\b`, 'g'),
  // Jayden (Year 9), Chloe (Y7), Isla (6), Isla, 6,  Harvey in Year 4
  new RegExp(
    `\\b(?<name>${NAME_WORD})(?:\\s*\\(\\s*(?:(?:Year|Yr|Y) ?\\d{1,2}|(?:aged? )?\\d{1,2}(?: ?(?:yrs?|years?(?: old)?|y/?o|months?))?)\\s*\\)|,\\s*(?:aged? )?\\d{1,2},|,? (?:in|is in) (?:Year|Yr|Y) ?\\d{1,2}\\b)`,
    'g',
  ),
  // Tyler, her son; Sarah, the mum; Kelly (mum); Tyler and his mum
  new RegExp(
    `\\b(?<name>${NAME_WORD})(?:\\s*[,(]\\s*(?:(?:her|his|their|the|our)\\s+)?|\\s+(?:and|with)\\s+(?:her|his|their)\\s+)${ROLE_ADJECTIVE}${ROLE}\\b`,
    'g',
  ),
  // Jess is 14, Kai turned 5
  new RegExp(
    `\\b(?<name>${NAME_WORD}) (?:is|was|turned|turns|is now|just turned) \\d{1,2}\\b(?! ?(?:%|per|miles?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|pounds?|am|pm|[.,:/]\\d))`,
    'g',
  ),
  // Jayden's attendance, Ruby's social worker: a case detail attached to a name
  new RegExp(
    `\\b(?<name>${NAME_WORD})'s (?:attendance|behaviour|school|class|teacher|plan|case|file|records?|social worker|key worker|lead worker|needs|EHCP|diagnosis|exclusion|mental health|health visitor|GP|nursery|bedroom|room|phone|medication|CP plan|statement|placement)\\b`,
    'g',
  ),
  // the Johnson family, the Smiths are
  new RegExp(`\\b[Tt]he (?<name>${NAME_WORD}) (?:family|household|kids|children|boys|girls|twins)\\b`, 'g'),
  new RegExp(`\\b[Tt]he (?<name>[A-Z][a-z]+s) (?:are|were|have|had|'ve|moved|came|said|say|want|wanted|need|needed|keep|kept|live|lived|refused|refuse)\\b`, 'g'),
  // a boy called Harvey, her son named Kai
  new RegExp(`\\b${ROLE}\\b[^.!?]{0,20}?\\b(?:called|named|known as)\\s+(?<name>${NAME})\\b`, 'g'),
];

/** Mr Patel, Mrs Khan, Dr Shah: a title then a capitalised word. */
const TITLED_NAME = new RegExp(`\\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\\.?\\s+(?<name>${NAME_WORD})`, 'g');

function namesByRole(text: string): Span[] {
  const out: Span[] = [];
  for (const pattern of NAME_PATTERNS) {
    out.push(...spans(text, pattern, (m) => couldBeName(m.groups!['name']!)));
  }
  // A titled name may be a colleague or a parent: held for a moderator to judge.
  for (const m of text.matchAll(TITLED_NAME)) {
    if (!NOT_NAMES.has(m.groups!['name']!)) out.push([m.index, m.index + m[0].length, 'hold']);
  }
  return out;
}


// ---------------------------------------------------------------------------------------
// First names without a role word, full names, initials and nicknames

/** First names in UK use (lists/first-names.json: Moby lists plus ONS baby names), lower case. */
const FIRST_NAMES = new Set<string>(FIRST_NAMES_LIST.names);
/** First names that are also everyday words (will, may, hope): names only when the context says so. */
const AMBIGUOUS_NAMES = new Set<string>(FIRST_NAMES_LIST.ambiguous);
/** Words that are never read as a name in lower case, however the list spells them. */
const NEVER_LOWER_CASE_NAMES = new Set(['will', 'may', 'can', 'an', 'in', 'on', 'so', 'do', 'be', 'is', 'it', 'to', 'as', 'me', 'my', 'no', 'of', 'or', 'we']);

/** Words just before a name that show it is a person: "spoke to Chantelle", "met with Kai". */
const LEFT_CUES = new Set(
  'to with and told asked saw met visited called rang phoned texted messaged emailed about for love supporting support helping help worried concerned working worked engage engaging meet meeting visit visiting see seeing ask tell'.split(' '),
);
/** Words just after a name that show it is a person: "Tyler kicked off", "Grace said". */
const RIGHT_CUES = new Set(
  ("said says told asked rang phoned texted called cried shouted screamed hit kicked punched refused refuses wants wanted needs needed " +
    "seems seemed keeps kept got gets came comes went goes has had is was isn't wasn't hasn't won't can't doesn't didn't will would could " +
    "and who agreed admitted disclosed started stopped turned ran walked left moved lives lived stays stayed sleeps slept plays played " +
    "attends attended missed misses loves likes hates feels felt thinks thought knows knew does did tried tries isn't").split(' '),
);
/** The strongest right-hand cues, enough on their own for a word that is also a name: "Will said". */
const STRONG_RIGHT_CUES = new Set('said says told asked rang phoned texted cried shouted refused agreed admitted disclosed kicked'.split(' '));

/** Verbs whose object is a person: what follows them, capitalised, is a name. */
const PERSON_VERB = /\b(?:spoke to|speak to|talked to|talk to|met with|met|meeting with|asked|told|rang|phoned|texted|working with|work with|worked with|supporting)\s+$/i;

interface Word {
  text: string;
  lower: string;
  index: number;
  end: number;
  /** The first word of a sentence, a line or a list item. */
  starts: boolean;
}

const WORD_PATTERN = /[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]/g;

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD_PATTERN)) {
    let word = m[0];
    if (/'s$/i.test(word)) word = word.slice(0, -2);
    else if (word.endsWith("'")) word = word.slice(0, -1);
    const between = text.slice(last, m.index);
    const starts = out.length === 0 ? !/[a-z0-9,]/i.test(text.slice(0, m.index)) || /[.!?:;\n•*-]\s*["'(]?\s*$/.test(text.slice(0, m.index)) : /[.!?:;\n•*]\s*["'(]?\s*$/.test(between) || /\n\s*-\s*$/.test(between);
    out.push({ text: word, lower: word.toLowerCase(), index: m.index, end: m.index + word.length, starts });
    last = m.index + m[0].length;
  }
  return out;
}

const isCapitalised = (w: string) => /^[A-Z][a-z]/.test(w) || /^[A-Z]$/.test(w);
const isRole = (w: Word | undefined) => w !== undefined && ROLE_SET.has(w.lower);

/** Whether a capitalised word after a first name is a surname: "Kelly Marsh", not "Kelly At". */
function isSurname(w: Word | undefined, text: string, after: Word): boolean {
  if (!w || !/^[A-Z][a-z'-]+$/.test(w.text) || NOT_NAMES.has(w.text) || TITLES.has(w.text)) return false;
  if (/^\s+$/.test(text.slice(after.end, w.index)) === false) return false;
  return !STREET_WORD_SET.has(w.text) && !/^(?:Academy|School|Primary|College|Road|Street|Centre|House|Hub|Gateway)$/.test(w.text);
}

/**
 * First names anywhere in the text, by the list and by context. A capitalised name inside a
 * sentence is held; at the start of a sentence it needs a verb or a possessive after it
 * ("Tyler kicked off"); in lower case, a role word before it ("mum kerry"); a name that is
 * also an everyday word (Will, Grace, May, Pat) needs a cue on either side ("spoke to Pat",
 * "Grace said"). A first name with a surname is refused.
 */
function firstNames(text: string): Span[] {
  const words = wordsOf(text);
  const out: Span[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const first = w.lower.split('-')[0]!;
    const prev = words[i - 1];
    // "St Mary's Primary", "St John Ambulance": a saint's name is a place, not a person.
    if (prev && /^(?:st|saint)$/.test(prev.lower)) continue;
    if (!FIRST_NAMES.has(w.lower) && !(w.lower.includes('-') && FIRST_NAMES.has(first))) {
      // A name the list does not know, after a verb that only takes a person: "spoke to Brogan".
      if (prev && PERSON_VERB.test(text.slice(Math.max(0, w.index - 14), w.index)) && /^[A-Z][a-z]+$/.test(w.text) && !w.starts && !NOT_NAMES.has(w.text) && !LARGE_PLACES.has(w.text) && !/^[A-Z]/.test(words[i + 1]?.text ?? 'x')) {
        out.push([w.index, w.end]);
      }
      continue;
    }
    const next = words[i + 1];
    const joined = (a: Word | undefined, b: Word | undefined) => a !== undefined && b !== undefined && /^\s+$/.test(text.slice(a.end, b.index));
    const prevCue = prev !== undefined && joined(prev, w) && (LEFT_CUES.has(prev.lower) || isRole(prev));
    const afterName = text.slice(w.end, w.end + 3);
    const possessive = /^'s\b/i.test(text.slice(w.end, w.end + 3));
    const bracketAge = /^\s*\(\s*(?:\d|y|year|mum|dad|aged)/i.test(text.slice(w.end, w.end + 10));
    const nextCue = (next !== undefined && joined(w, next) && RIGHT_CUES.has(next.lower)) || possessive || bracketAge || /^,\s*(?:\d|aged?\b|the|her|his|mum|dad)/i.test(text.slice(w.end, w.end + 8));
    const strongNext = (next !== undefined && joined(w, next) && STRONG_RIGHT_CUES.has(next.lower)) || bracketAge || possessive;
    const ambiguous = AMBIGUOUS_NAMES.has(w.lower) || MONTH_WORDS.has(w.lower);
    void afterName;
    // "Thanks Priya", "@Priya", "Priya in the Dover team": a forum member or colleague, not a family.
    if ((prev && joined(prev, w) && GREETINGS.has(prev.lower)) || text[w.index - 1] === '@' || /^\s+(?:in|from|at|on) (?:the|our) [\w ]{0,25}team\b/i.test(text.slice(w.end, w.end + 40))) continue;
    let found = false;
    if (isCapitalised(w.text)) {
      if (TITLES.has(w.text) || w.text.length < 2) continue;
      // "Grandma June", "Uncle Will"; not "Baby Bank" (a service).
      const roleBefore = prev !== undefined && FAMILY_ROLES.has(prev.lower) && joined(prev, w);
      if (NOT_NAMES.has(w.text) && !(ambiguous && (strongNext || roleBefore))) continue;
      // A month after "to" or "with" is a date ("from March to May"): months need a verb or a role.
      if (ambiguous) found = (prevCue && !w.starts && !MONTH_WORDS.has(w.lower)) || strongNext || roleBefore;
      else if (!w.starts) found = true;
      else found = nextCue || isSurname(next, text, w) || (next !== undefined && /^[a-z]/.test(next.text) && joined(w, next) && !NAME_FOLLOWERS_NOT_PERSON.has(next.lower));
    } else if (/^[a-z]/.test(w.text) && !NEVER_LOWER_CASE_NAMES.has(w.lower) && !NOT_NAMES.has(capitalise(w.lower))) {
      const afterRole = prev !== undefined && FAMILY_ROLES.has(prev.lower) && /^\s*[(,:]?\s*$/.test(text.slice(prev.end, w.index));
      // "mum kerry", "nan pat said"; but "mum rose to it" and "baby bank" are not names.
      const cueAfter = !next || !joined(w, next) || RIGHT_CUES.has(next.lower);
      if (afterRole && (!ambiguous || cueAfter)) found = true;
      else if (!ambiguous && (w.starts || (prev && LEFT_CUES.has(prev.lower))) && next && RIGHT_CUES.has(next.lower) && joined(w, next)) found = true;
      else if (!ambiguous && PERSON_VERB.test(text.slice(Math.max(0, w.index - 14), w.index))) found = true;
    }
    if (!found) continue;
    if (isCapitalised(w.text) && isSurname(next, text, w)) {
      out.push([w.index, next!.end, 'refuse']);
      i++;
    } else out.push([w.index, w.end]);
  }
  return out;
}

/** Family roles that a lower-case name may follow ("mum kerry"); not "baby" or "child", which lead into services ("baby bank"). */
const FAMILY_ROLES = new Set(
  ('mum mam mom mummy mother dad daddy father stepdad stepfather stepmum stepmother nan nana nanny gran granny grandma grandmother grandad granddad grandpa ' +
    'grandfather aunt auntie aunty uncle son daughter stepson stepdaughter brother sister stepbrother stepsister half-brother half-sister cousin niece nephew ' +
    'partner boyfriend girlfriend husband wife ex twin').split(' '),
);
const GREETINGS = new Set('thanks thank cheers hi hello dear hey morning afternoon congratulations congrats welcome ta'.split(' '));
const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const MONTH_WORDS = new Set(MONTHS);
/** "Amber alert", "Holly bush": lower-case words after a capitalised first word that make it something else. */
const NAME_FOLLOWERS_NOT_PERSON = new Set('alert period bush tree garden gardens street road lane close avenue court house hall centre school academy primary college hospital ward unit team group'.split(' '));
const STREET_WORD_SET = new Set<string>();

/** Initials: "J.M." anywhere, or "JM" beside an age, a year group, a school or a role. */
const DOTTED_INITIALS = /(?<![A-Za-z.])([A-Z])\.\s?([A-Z])\.(?:\s?([A-Z])\.)?(?![A-Za-z])/g;
const NOT_INITIALS = new Set(['UK', 'US', 'PE', 'AM', 'PM', 'EG', 'IE', 'NB', 'PS', 'RE', 'GP', 'TV', 'DOB', 'BA', 'MA', 'MP', 'DR', 'VAT', 'ID', 'OK']);
const UNDOTTED_INITIALS = new RegExp(
  `(?<![A-Za-z])([A-Z]{2,3})(?![A-Za-z])(?=\\s*\\(\\s*(?:\\d{1,2}|Y(?:ea)?r?\\s?\\d{1,2})\\s*\\)|,\\s*(?:aged?\\s*)?\\d{1,2}\\b(?!\\s*(?:%|per|hours?|days?|weeks?|months?))|\\s+aged?\\s+\\d|\\s+(?:in|is in)\\s+(?:Year|Yr|Y)\\s?\\d|\\s+at\\s+(?:[A-Z][a-z]+\\s+){1,4}(?:Academy|School|Primary|College|Grammar|Infants?|Juniors?|High|Nursery))`,
  'g',
);
const ROLE_THEN_INITIALS = /\b(?:child|yp|young person|pupil|student|boy|girl|son|daughter|mum|dad|mother|father|baby|sibling|brother|sister|working with|my)\s+\(?([A-Z]{2,3})\)?(?![A-Za-z])/gi;
/** Capitals that are services, roles and acronyms, never someone's initials. */
const ACRONYMS = new Set(
  ('TAF TAC EHCP EHC GP SW DSL DDSL CP CIN LAC CLA YP DV DA ASD ADHD SEN SEND SENCO SENCo MASH PRU CAMHS NHS KCC UC PIP DLA DWP HMRC TA PE RE IT ICT KS NEET ' +
    'FSM EHA EHM LCS FGC CSE CCE OT SALT ED AP HV MW PCSO UK EU USA BBC ITV NSPCC CAB TV OK PS NB AM PM FYI ASAP LA DFE ONS RSL ASB TBC TBA IDVA ISVA MARAC ' +
    'MAPPA PCC YOS YJS CSC ICS HR ID PA ESW EWO AEN SEMH MH ACE ACES NVR PACE DDP ABA CBT DBT EMDR FAQ PDF CV DBS MOT CEO MP RAG SOP GDPR ICO FTT SIA LD ' +
    'TF FF SF AO CAF PEP VSH VS HQ WRAP SMART KPI MDT SLT HOY HOD AHT DHT HT CC BSL ESOL EAL SATS GCSE BTEC NVQ IQ OCD PTSD ODD FASD ASC BPD STI GUM').split(' '),
);

function initials(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(DOTTED_INITIALS)) {
    const letters = m.slice(1).filter(Boolean).join('');
    if (!NOT_INITIALS.has(letters)) out.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(UNDOTTED_INITIALS)) {
    const withAge = /^\s*\(\s*\d{1,2}\s*\)/.test(text.slice(m.index + m[1]!.length, m.index + m[1]!.length + 8));
    if (!ACRONYMS.has(m[1]!) || (withAge && m[1]!.length === 2)) out.push([m.index, m.index + m[1]!.length]);
  }
  for (const m of text.matchAll(ROLE_THEN_INITIALS)) {
    const letters = m[1]!;
    if (letters !== letters.toUpperCase() || ACRONYMS.has(letters)) continue;
    const at = m.index + m[0].lastIndexOf(letters);
    out.push([at, at + letters.length]);
  }
  return out;
}

/** "Big Dave", "little jay", "known as Tank", "they call him Smiler". */
/** "Big Dave", "mad mike"; "Little Jay" only when "Little" is capitalised inside a sentence ("little Isla" is a child). */
const NICKNAME_ADJECTIVE = /\b(?:[Bb]ig|[Ll]il'?|[Mm]ad|[Ff]at|[Gg]inger|[Ss]kinny|[Cc]razy|[Tt]iny|(?<=[a-z,]\s+)(?:Little|Young|Old))\s+([A-Za-z][a-z]+)\b/g;
const NICKNAME_CALLED = /\b(?:known as|nicknamed|goes by|calls? (?:him|her|them)(?:self|selves)?|they call (?:him|her|them)|call (?:him|her)|(?:a|the) (?:man|lad|boy|girl|woman|bloke|guy) (?:they|everyone|people|the kids) call)\s+["'“‘]?([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)["'”’]?/g;

function nicknames(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(NICKNAME_ADJECTIVE)) {
    const word = m[1]!.toLowerCase();
    if (FIRST_NAMES.has(word) && !NEVER_LOWER_CASE_NAMES.has(word) && !(AMBIGUOUS_NAMES.has(word) && /^[a-z]/.test(m[1]!))) out.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(NICKNAME_CALLED)) {
    if (!NOT_NAMES.has(m[1]!.split(' ')[0]!)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Jigsaw identification

/** A named school: "Oakwood Academy", "St Mary's Primary", "Holy Trinity CE Primary". */
const NAMED_SCHOOL = /\b(?:(?:St|Saint)\.?\s+)?(?:[A-Z][a-zA-Z'’-]+\s+){1,4}(?:Academy|School|Primary|Infants?|Juniors?|(?:Community\s+)?College|Grammar|High|CE\s+Primary|C\s+of\s+E|Free\s+School|PRU)\b/g;
/** Words that start a generic school phrase, not a named school: "Primary School", "the Grammar School". */
const GENERIC_SCHOOL_START = new Set(['Primary', 'Secondary', 'Grammar', 'High', 'Special', 'Infant', 'Junior', 'Free', 'Local', 'The', 'A', 'Our', 'My', 'His', 'Her', 'Their', 'Every', 'Any', 'Each', 'Which', 'This', 'That', 'Catholic', 'Faith', 'Church', 'Independent', 'Private', 'State', 'Mainstream', 'Virtual', 'Summer', 'Sunday', 'Forest', 'Home', 'Boarding', 'New', 'Old', 'Same', 'Other', 'Different', 'Year', 'Kent', 'Medway']);
/** A small place named after "in", "from", "near": a capitalised word that is not a town, a month or a service. */
const NAMED_PLACE = /\b(?:in|from|near|at|of|around|outside)\s+((?:[A-Z][a-z'’]+)(?:\s+[A-Z][a-z'’]+)?)\b/g;
/** Kent's towns and districts: too big, on their own, to single a family out. */
const LARGE_PLACES = new Set(
  ('Kent Medway Maidstone Canterbury Ashford Thanet Margate Ramsgate Broadstairs Dover Folkestone Swale Sittingbourne Sheerness Faversham Whitstable Dartford ' +
    'Gravesend Gravesham Sevenoaks Tonbridge Tunbridge Wells Chatham Gillingham Rochester Strood London England Britain Europe Deal Hythe Herne Bay ' +
    'Swanley Malling West East North South Sussex Essex Surrey Bromley Bexley Kingston Richmond').split(' '),
);
/** A specific person in the same sentence. */
const PERSON_WORDS = /\b(?:boy|girl|lad|lass|child|kid|son|daughter|pupil|student|teenager|toddler|baby|family|mum|dad|mother|father|twins|triplets|brothers|sisters|siblings|young person|yp|\d{1,2}[- ]?(?:year|yr)[- ]?olds?|man|woman)\b/i;
/** A year group, an age, or something distinctive that happened to or marks out the person. */
const SPECIFIERS = new RegExp(
  [
    '\\b(?:Year|Yr|Y) ?(?:1[0-3]|[1-9])\\b',
    '\\b\\d{1,2}[- ]?(?:year|yr)[- ]?old\\b',
    '\\baged? \\d{1,2}\\b',
    '\\(\\d{1,2}\\)',
    '\\b(?:in|on) (?:the )?(?:news|paper|papers|local paper|front page|Facebook|TikTok|local news|radio)\\b',
    '\\bKent ?Online\\b',
    '\\b(?:house|flat|caravan)? ?(?:fire|burnt|burned) (?:down|out)?',
    '\\b(?:stabbed|stabbing|shot|shooting|murdered|murder|killed|died|death|funeral|crash|collision|drowned|overdosed)\\b',
    '\\b(?:arrested|jailed|sent to prison|in prison|convicted|sentenced|court case|trial)\\b',
    '\\b(?:twins|triplets|quads|quadruplets)\\b',
    '\\b(?:rare|genetic|terminal) (?:\\w+ )?(?:condition|syndrome|disease|illness|cancer)\\b',
    '\\b(?:prosthetic|amputee|wheelchair|blind|deaf)\\b',
    '\\bthe only (?:\\w+ ){0,2}(?:family|families|boy|girl|child|pupil|one)\\b',
    '\\b(?:went|gone|was|were) missing for\\b',
    '\\bhit by a (?:car|bus|van|lorry)\\b',
    '\\b(?:run|runs|ran|own|owns|owned) the (?:\\w+ )?(?:shop|pub|chip shop|takeaway|garage|café|cafe)\\b',
    '\\b(?:six|seven|eight|nine|ten|\\d{1,2}) (?:kids|children)\\b',
  ].join('|'),
  'i',
);

/** The sentences of a text, as spans. */
function sentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?](?=\s+[A-Z"'(])|\n+/g)) {
    out.push([start, m.index + 1]);
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/**
 * Jigsaw identification, sentence by sentence: a named school or small place, a person, and a
 * year group, an age or a distinctive event together. A news story about a person is enough
 * without a place ("the lad who was on Kent Online"). The original text is read for the
 * news source, which the public list blanks out elsewhere.
 */
function jigsaw(masked: string, original: string): Span[] {
  const out: Span[] = [];
  for (const [start, end] of sentences(masked)) {
    const sentence = masked.slice(start, end);
    const raw = original.slice(start, end);
    if (!PERSON_WORDS.test(raw)) continue;
    const places: Span[] = [];
    for (const m of sentence.matchAll(NAMED_SCHOOL)) {
      const words = m[0].trim().split(/\s+/);
      while (words.length > 1 && GENERIC_SCHOOL_START.has(words[0]!)) words.shift();
      if (words.length < 2 || GENERIC_SCHOOL_START.has(words[0]!)) continue;
      places.push([start + m.index + m[0].length - words.join(' ').length, start + m.index + m[0].length]);
    }
    for (const m of sentence.matchAll(NAMED_PLACE)) {
      const place = m[1]!;
      const firstWord = place.split(/\s+/)[0]!;
      if (LARGE_PLACES.has(firstWord) || NOT_NAMES.has(firstWord) || MONTH_WORDS.has(firstWord.toLowerCase()) || FIRST_NAMES.has(firstWord.toLowerCase())) continue;
      const at = start + m.index + m[0].length - place.length;
      places.push([at, at + place.length]);
    }
    const news = /\b(?:(?:in|on) (?:the )?(?:news|paper|local paper|front page|local news)|Kent ?Online|went viral)\b/i.test(raw);
    const specific = SPECIFIERS.test(raw);
    if (places.length && specific) out.push([places[0]![0], places[0]![1]]);
    else if (news && /\bwho\b|\bwhose\b/i.test(raw)) out.push([start, end]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Case references

const CASE_REFERENCE_PATTERNS: readonly RegExp[] = [
  // CAF-2026-114, EH/2026/0452, CIN-2026-0331
  /\b[A-Z]{2,5}[-/](?:19|20)\d{2}[-/]\d{2,7}\b/g,
  // Police crime and occurrence references: force code / serial / year, "46/123456/23"
  /(?<![\d/])\d{2}\/\d{4,8}\/\d{2}(?![\d/])/g,
  // Unique pupil numbers: a check letter, the local authority (886 is Kent), the school, the year, a serial
  /\b[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]\b/g,
  // A system or reference word, then a number with four or more digits: "MARAC ref MK/2025/0412",
  // "MASH reference 2026-004517", "LCS 4471829", "Mosaic ID 5583021", "Incident 0456 of 12/03/2026"
  /\b(?:marac|mash|lcs|liberi|mosaic|ehm|eh|cin|cp|cla|lac|upn|uln|crime|incident|occurrence|police|cad|case|ref|reference|referral|client|person|family|child)(?:\s*(?:ref(?:erence)?\.?|no\.?|number|num|id|#|log)\b)*\s*(?:is|was)?\s*[:#]?\s*(?:[A-Z]{1,4}[-/ ]?)?\d[\d/-]*\d(?:[-/][A-Z\d]+)*/gi,
];

/**
 * Whether a keyword match really ends in a reference: four digits or more, any letters before
 * the number in capitals ("MK/2025/0412", not "referral in 2024"), and not a year on its own.
 */
function isReferenceNumber(match: string): boolean {
  const tail = /(?:([A-Za-z]{1,4})[-/ ]?)?(\d[\d/-]*\d(?:[-/][A-Z\d]+)*)$/.exec(match);
  if (!tail) return false;
  const [, caps, number] = tail;
  // Lower-case letters before the number are a word ("ref 9085701", "in 2024"), not part of it.
  const letters = caps && caps === caps.toUpperCase() ? caps : undefined;
  if (number!.replace(/\D/g, '').length < 4) return false;
  return letters !== undefined || !/^(?:19|20)\d{2}$/.test(number!);
}

function caseReferences(text: string): Span[] {
  return [
    ...spans(text, CASE_REFERENCE_PATTERNS[0]!),
    ...spans(text, CASE_REFERENCE_PATTERNS[1]!),
    ...spans(text, CASE_REFERENCE_PATTERNS[2]!),
    ...spans(text, CASE_REFERENCE_PATTERNS[3]!, (m) => isReferenceNumber(m[0])),
  ];
}

// ---------------------------------------------------------------------------------------
// Safeguarding

const VICTIM =
  "(?:him|her|them|me|us|mum|dad|(?:the|a|his|her|their|my) (?:\\d{1,2} year old|child|children|kids?|baby|boy|girl|young person|son|daughter|brother|sister|mum|mother|partner|wife|girlfriend|boyfriend))";

/** Phrases that describe harm to a particular person now or recently, not the topic in general. */
const RISK_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `\\b(?:hit|hits|hitting|hurts|hurting|lock(?:s|ed|ing)?|punch(?:ed|es|ing)?|kick(?:ed|s|ing)?|slap(?:ped|s|ping)?|beat(?:s|ing)?|beaten|strangl(?:ed|es|ing)|chok(?:ed|es|ing)|smack(?:ed|s|ing)?|burn(?:t|ed)|stabb?(?:ed|s|ing)?|attack(?:ed|s|ing)?|abus(?:ed|es|ing)|assault(?:ed|s|ing)?)\\s+${VICTIM}\\b`,
    'i',
  ),
  /\b(?:was|were|been|being|gets?|got|getting)\s+(?:physically\s+|sexually\s+|emotionally\s+)?(?:hit|punched|kicked|slapped|beaten|strangled|choked|burnt|burned|smacked|shaken|abused|assaulted|raped|groomed|exploited|neglected|attacked|stabbed|touched)\b(?!\s+(?:hard|by\s+(?!(?:his|her|their|my|mum|dad|mother|father|stepdad|stepmum|a man|a woman|an adult|him|them)\b)))/i,
  /\bbruis(?:e|es|ed|ing)\b(?![^.!?]*\b(?:protocol|policy|guidance|training|non-mobile)\b)/i,
  /\b(?:scared|afraid|frightened|terrified|doesn't want|does not want|won't|refus(?:es|ed|ing))\s+(?:to\s+)?go(?:ing)?\s+home\b/i,
  /\b(?:not|isn't|doesn't feel|don't feel|didn't feel|never feels?|no longer feels?)\s+safe\s+(?:at home|at night|with|around|to go home|living)\b|\bfeels? unsafe\b|\bunsafe (?:at home|with)\b/i,
  /\bself[- ]?harm(?:s|ed|ing)\b|\b(?:cutting|cut|hurting|burning|harming)\s+(?:herself|himself|themselves|themself)\b/i,
  /\b(?:(?:is|was|feels?|feeling|been)\s+suicidal|overdos(?:ed|ing)|tried to kill|wants? to die|end(?:ing)? (?:her|his|their) (?:own )?life|kill (?:herself|himself|themselves|myself))\b/i,
  /\bthreat(?:ened|ening|ens)\s+(?:to\s+(?:kill|hurt|stab|harm|burn|take)|(?:him|her|them|me|mum|dad)\s+with)\b/i,
  /\b(?:sexually\s+(?:abused|assaulted|exploited|touched|active with)|touch(?:ed|es|ing)\s+(?:him|her|them)\s+(?:sexually|inappropriately)|raped|sexual (?:activity|contact|relationship) with|sent (?:him|her|them) (?:nudes?|explicit|sexual))\b/i,
  /\b(?:(?:being|been|is|are|was|were|badly|severely)\s+neglected|no food in the (?:house|home|flat)|left (?:alone|on (?:her|his|their) own|home alone)|(?:left|leaves|leaving) (?:the )?(?:baby|kids|children|child|toddler|little ones?) (?:alone|on (?:their|her|his) own|unsupervised)|not been fed)\b/i,
  /\b(?:she|he|they|child|girl|boy|yp|has|have)\s+disclosed\b|\bdisclosed (?:that|to me)\b/i,
  /\b(?:went|gone|been reported|reported)\s+missing\b/i,
  /\b(?:marks|burns|injur(?:y|ies)|cuts|scratches|bite marks?|swelling)\s+(?:on|to)\s+(?:his|her|their|the (?:baby|child|boy|girl|toddler)'s)\b/i,
  /\b(?:sleeping|having sex|in a relationship) with (?:a|an) (?:\d{2}|older)\b/i,
  /\b(?:carr(?:y|ies|ying)|has|had|brought|with)\s+a\s+(?:knife|blade|machete|gun)\b/i,
];

/**
 * Whether the text suggests a child or adult is at risk now: harm described as happening to
 * someone, not safeguarding as a topic ("domestic abuse training" is fine).
 * @example suggestsRiskNow('she is scared to go home') // true
 */
export function suggestsRiskNow(text: string): boolean {
  const t = normalise(text);
  return RISK_PATTERNS.some((pattern) => pattern.test(t));
}

// ---------------------------------------------------------------------------------------

/** In priority order: when two findings overlap, the earlier kind is kept. */
const DETECTORS: readonly (readonly [FindingKind, (masked: string, original: string) => Span[]])[] = [
  ['email', emailAddresses],
  ['nhs-number', nhsNumbers],
  ['ni-number', niNumbers],
  ['phone', phoneNumbers],
  ['case-reference', caseReferences],
  ['date-of-birth', datesOfBirth],
  ['postcode', postcodes],
  ['address', streetAddresses],
  ['nickname', nicknames],
  ['initials', initials],
  ['jigsaw', jigsaw],
  ['name', namesByRole],
  ['name', firstNames],
];
