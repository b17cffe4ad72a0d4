/**
 * The forum's personal-data guard: checks a title or post before it is saved, so that the
 * forum never becomes a place where a family can be identified. Pure: no Astro, no I/O.
 *
 * It looks for identifiers (NHS and National Insurance numbers, full postcodes, dates of
 * birth, phone numbers, e-mail addresses, street addresses, names beside family roles and
 * case reference numbers) and for signs that a child may be at risk now. It is a safety net,
 * not a guarantee: it cannot see jigsaw identification (small details that together single a
 * family out), so the page still points to the information sharing guidance.
 */

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
  | 'case-reference';

export interface Finding {
  kind: FindingKind;
  /** The text as the author wrote it, e.g. "943 476 5919" or "mum Sarah". */
  match: string;
  /** Where the match starts in the checked text (UTF-16 code units). */
  index: number;
  /** One or two plain sentences for the author about this finding. */
  message: string;
}

export type GuardResult = { ok: true } | { ok: false; findings: Finding[]; safeguarding: boolean };

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
  const raw: RawFinding[] = [];
  for (const [kind, detect] of DETECTORS) {
    for (const [index, end] of detect(t)) raw.push({ kind, index, end });
  }
  const findings = dropOverlaps(raw).map(({ kind, index, end }) => {
    const match = text.slice(index, end);
    return { kind, match, index, message: findingMessage(kind, [match]) };
  });
  const safeguarding = suggestsRiskNow(t);
  if (findings.length === 0 && !safeguarding) return { ok: true };
  return { ok: false, findings, safeguarding };
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
}

type Span = readonly [start: number, end: number];

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

/** Earlier detectors win: a span already claimed (an NHS number, say) is not claimed again. */
function dropOverlaps(raw: readonly RawFinding[]): RawFinding[] {
  const kept: RawFinding[] = [];
  for (const finding of raw) {
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
      if (BIRTH_WORD.test(before) || AGE_ON.test(before) || BIRTH_WORD.test(after)) out.push([m.index, end]);
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

function emailAddresses(text: string): Span[] {
  return spans(text, EMAIL_PATTERN);
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
const LOWER_CASE_ADDRESS = /(?<![\d£$.,:/-])\b\d{1,4}[a-z]?,?\s+((?:[a-z']+\s+){1,3})(?:road|rd|street|avenue|ave|lane|crescent|grove|gardens|terrace|mews)\b/g;
/** Words that make a lower-case phrase something other than a street name: "3 years down the road". */
const NOT_STREET_WORDS = new Set(
  'the a an of in on at to down up along across from over by years days weeks months minutes mins hours miles people families children kids more other different same'.split(' '),
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
  'newborn', 'infant', 'kid', 'teen',
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
  out.push(...spans(text, TITLED_NAME, (m) => !NOT_NAMES.has(m.groups!['name']!)));
  return out;
}

// ---------------------------------------------------------------------------------------
// Case references

const CASE_REFERENCE_PATTERNS: readonly RegExp[] = [
  // CAF-2026-114, EH/2026/0452
  /\b[A-Z]{2,5}[-/](?:19|20)\d{2}[-/]\d{2,7}\b/g,
  // LCS ref 4471829, Liberi ID 2093847, referral number 20260311045
  /\b(?:case|ref|reference|referral|lcs|liberi|mosaic|ehm|client|person|family|child)\s*(?:ref(?:erence)?\.?|no\.?|number|id|#)?\s*[:#]?\s*[a-z]{0,3}\d{5,}\b/gi,
];

function caseReferences(text: string): Span[] {
  return CASE_REFERENCE_PATTERNS.flatMap((pattern) => spans(text, pattern));
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
const DETECTORS: readonly (readonly [FindingKind, (text: string) => Span[]])[] = [
  ['email', emailAddresses],
  ['nhs-number', nhsNumbers],
  ['ni-number', niNumbers],
  ['phone', phoneNumbers],
  ['case-reference', caseReferences],
  ['date-of-birth', datesOfBirth],
  ['postcode', postcodes],
  ['address', streetAddresses],
  ['name', namesByRole],
];
