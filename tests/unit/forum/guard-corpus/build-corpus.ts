/**
 * Builds the guard's labelled corpus and splits it into a development part (tuned on) and a
 * test part (reported on). Run once, before tuning; the output files are committed and the
 * split never changes afterwards (a sentence's part is decided by a hash of its text).
 *
 *   node tests/unit/forum/guard-corpus/build-corpus.ts
 *
 * Three sources, written independently of one another:
 * - `hand.txt`: sentences written from practice scenarios, one per line;
 * - the earlier labelled sentences (`../guard-sentences.ts`), relabelled to the three outcomes;
 * - sentences generated here from templates with varied slots (names, ages, schools, places,
 *   numbers), with a fixed seed, so the same file comes out every time.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SENTENCES } from '../guard-sentences.ts';

export interface CorpusEntry {
  text: string;
  /** What the guard should do: refuse, hold for a moderator, or publish. */
  label: 'refuse' | 'hold' | 'safe';
  /** The identifying kind, or for safe text the kind of trap it sets. */
  kind: string;
  source: 'hand' | 'earlier' | 'template';
}

const here = dirname(fileURLToPath(import.meta.url));
const out: CorpusEntry[] = [];

for (const line of readFileSync(join(here, 'hand.txt'), 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [label, kind, ...rest] = line.split('|');
  out.push({ label: label as CorpusEntry['label'], kind: kind!, text: rest.join('|'), source: 'hand' });
}

for (const s of SENTENCES) {
  if (s.safeguarding) out.push({ text: s.text, label: 'refuse', kind: 'safeguarding', source: 'earlier' });
  else if (!s.identifying) out.push({ text: s.text, label: 'safe', kind: 'general', source: 'earlier' });
  else if (s.kind === 'name') out.push({ text: s.text, label: 'hold', kind: 'name', source: 'earlier' });
  else if (s.kind) out.push({ text: s.text, label: 'refuse', kind: s.kind, source: 'earlier' });
  else out.push({ text: s.text, label: 'hold', kind: 'other', source: 'earlier' });
}

// A small seeded generator (mulberry32), so the templates give the same sentences every run.
let seed = 20261130;
function random(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

// Slots. Names include some that no list is likely to hold (Kaydence, Brogan, Deano).
const GIRLS = ['Chantelle', 'Kayleigh', 'Shannon', 'Leanne', 'Amelia', 'Isla', 'Poppy', 'Kaydence', 'Tallulah', 'Brogan', 'Jorja', 'Demi', 'Aaliyah', 'Zuzanna', 'Maisie', 'Skye', 'Tiegan', 'Rihanna', 'Kerry', 'Stacey', 'Jade', 'Summer', 'Amber', 'Grace', 'Ruby'];
const BOYS = ['Jayden', 'Tyler', 'Callum', 'Riley', 'Alfie', 'Kai', 'Mason', 'Deano', 'Tyrese', 'Kacper', 'Harley', 'Reece', 'Lennon', 'Bradley', 'Kian', 'Dexter', 'Ashton', 'Mohammed', 'Connor', 'Bailey', 'Will', 'Jack', 'Max', 'Mark', 'Frankie'];
const ADULTS = ['Wayne', 'Gary', 'Darren', 'Lisa', 'Michelle', 'Donna', 'Carly', 'Craig', 'Dean', 'Sharon', 'Tracey', 'Lee', 'Jodie', 'Nicola', 'Kev', 'Pat', 'Bev', 'Sue', 'Terry', 'Paula'];
const SURNAMES = ['Marsh', 'Wilkins', 'Okafor', 'Kowalski', 'Hughes', 'Baker', 'Patel', 'Smith', 'Clarke', 'Doyle', 'Price', 'Fletcher'];
const ROLES = ['mum', 'dad', 'nan', 'stepdad', 'grandad', 'auntie', 'mum\'s partner', 'the eldest', 'older brother', 'little sister'];
const SCHOOLS = ['Oakwood Academy', 'Hillview School', 'St Mary\'s Primary', 'Westlands School', 'Castle Community College', 'Brookfield Infant School', 'Marlowe Academy', 'Highsted Grammar', 'Priory Fields School', 'Holy Trinity CE Primary', 'Bysing Wood Primary', 'Harbour Academy'];
const VILLAGES = ['Elham', 'Wye', 'Brookland', 'Smarden', 'Lydd', 'Eastry', 'Wingham', 'Headcorn', 'Hawkinge', 'Stelling Minnis', 'Appledore', 'Boughton Aluph', 'Ivychurch', 'Newington', 'Minster'];
const EVENTS = ['who was in Kent Online last week', 'whose house burnt down in the summer', 'who was stabbed in August', 'whose dad died in the crash on the A2', 'who has a rare genetic condition', 'who was on the local news', 'whose mum was sent to prison last month', 'who was hit by a car outside the school', 'who is the only wheelchair user in the school', 'whose family run the village shop', 'who went missing for three days in June', 'with the prosthetic arm'];
const VERBS = ['has been refusing school', 'is on a part-time timetable', 'has been excluded again', 'is struggling with the move to secondary', 'is being bullied', 'has stopped eating at school', 'is a young carer', 'has been missing from home'];
const STREETS = ['cherry tree close', 'Mill Lane', 'station road', 'Orchard Drive', 'the Crescent', 'Beech Avenue', 'kingsdown road', 'Hawthorn Way', 'St Peters Road', 'Victoria Street', 'Fern Court', 'Poplar Grove'];
const SAFE_DATE_EVENTS = ['the review', 'the TAF meeting', 'the panel', 'training', 'the hearing', 'the school visit', 'the deadline for claims', 'the next drop-in'];
const pad = (n: number) => String(n).padStart(2, '0');
const anyName = () => pick([...GIRLS, ...BOYS]);

type Maker = () => Omit<CorpusEntry, 'source'>;
const TEMPLATES: readonly [count: number, Maker][] = [
  // Names with no role word, in the ways practitioners write them.
  [70, () => {
    const n = anyName();
    const a = pick(ADULTS);
    const text = pick([
      `Spoke to ${n} about ${pick(['school', 'the move', 'the bullying', 'his behaviour', 'her anxiety', 'the court date'])} today.`,
      `Went round and ${n} ${pick(VERBS)}.`,
      `Had a good session with ${n}, ${pick(['first time he talked', 'she opened up a bit', 'lots of progress'])}.`,
      `${n} ${pick(VERBS)} and I'm not sure what to try next.`,
      `Any ideas for getting ${n} back into school?`,
      `${a} says ${pick(['the school never ring back', 'she is at the end of her tether', 'he will come to the next meeting'])}.`,
      `${pick(ROLES)} ${a.toLowerCase()} ${pick(['is doing the school run now', 'says she can\'t cope', 'has been drinking again', 'won\'t let me in'])}.`,
      `${pick(ROLES)} (${a}) ${pick(['missed the meeting', 'has moved back in', 'rang the duty line'])}.`,
      `I'm really worried about ${n}, ${pick(['she seems withdrawn', 'he is never in school', 'the house was freezing'])}.`,
      `Update on ${n}: ${pick(['back in school three days a week', 'referred to CAMHS', 'still not engaging'])}.`,
      `${a} and the kids ${pick(['have moved in with her sister', 'are sofa surfing', 'are in a hotel'])}.`,
      `Met ${a} at the ${pick(['library', 'school gate', 'family hub', 'café'])} and she ${pick(['cried', 'agreed to the plan', 'said no to the referral'])}.`,
    ]);
    return { text, label: 'hold', kind: 'name' };
  }],
  [20, () => ({ text: `${pick(['The mum', 'Dad', 'Nan', 'The carer'])}, ${pick(ADULTS)} ${pick(SURNAMES)}, ${pick(['has missed three appointments', 'asked for a copy of the plan', 'is moving to Dover'])}.`, label: 'refuse', kind: 'name' })],
  // Initials with an age, a year group or a school.
  [45, () => {
    const letters = 'ABCDEFGHJKLMNPRSTW';
    const i = `${pick([...letters])}${pick([...letters])}`;
    const dotted = random() < 0.6 ? `${i[0]}.${i[1]}.` : i;
    const text = pick([
      `${dotted} (${int(4, 17)}) at ${pick(SCHOOLS)} ${pick(VERBS)}.`,
      `Working with ${dotted}, ${int(5, 17)}, who ${pick(VERBS)}.`,
      `${pick(['Child', 'YP', 'The boy', 'The girl', 'Mum'])} ${dotted} ${pick(VERBS)}.`,
      `${dotted} aged ${int(3, 17)} ${pick(VERBS)}.`,
      `${dotted} in Year ${int(1, 11)} ${pick(VERBS)}.`,
      `${dotted} at ${pick(SCHOOLS)} ${pick(VERBS)}.`,
    ]);
    return { text, label: 'hold', kind: 'initials' };
  }],
  // Nicknames.
  [40, () => {
    const adj = pick(['Big', 'Little', 'Lil', 'Mad', 'Fat', 'Young', 'Old', 'Ginger', 'big', 'little']);
    const who = pick(['Dave', 'Kev', 'Jay', 'Mike', 'Gaz', 'Tommo', 'Dazza', 'Shaz', 'Stevie', 'Rob', 'dave', 'kev']);
    const text = pick([
      `${adj} ${who} has been ${pick(['hanging round the flat again', 'picking the boys up from school', 'staying over at weekends'])}.`,
      `The kids are scared of ${adj} ${who} from the estate.`,
      `Mum's ex, ${adj} ${who}, ${pick(['is out of prison', 'turned up at the school', 'keeps messaging her'])}.`,
      `There's a man they call ${pick(['Tank', 'Smiler', 'Snoop', 'Bones', 'Skinny'])} who ${pick(['gives the lads lifts', 'deals outside the chippy', 'sleeps on the sofa'])}.`,
      `Dad is known as ${pick(['Tank', 'Smiler', 'Bones', 'Skinny', 'Spud'])} round the estate.`,
    ]);
    return { text, label: 'hold', kind: 'nickname' };
  }],
  // Jigsaw: a named school or village with a year group, an age or a distinctive event.
  [70, () => {
    const place = pick(VILLAGES);
    const school = pick(SCHOOLS);
    const text = pick([
      `A Year ${int(1, 11)} ${pick(['boy', 'girl', 'pupil'])} at ${school} ${pick(EVENTS)} ${pick(VERBS)}.`,
      `The ${int(3, 17)}-year-old from ${place} ${pick(EVENTS)} ${pick(VERBS)}.`,
      `The family in ${place} ${pick(EVENTS)} need ${pick(['furniture', 'food bank vouchers', 'a school place'])}.`,
      `The only ${pick(['Polish', 'Syrian', 'traveller', 'Roma', 'Black'])} family in ${place} ${pick(['have had abuse again', 'are being targeted', 'asked for help'])}.`,
      `A ${pick(['boy', 'girl'])} in Year ${int(7, 11)} at ${school} ${pick(EVENTS)}.`,
      `${pick(['Twins', 'Triplets'])} in Year ${int(1, 6)} at ${school} and mum ${pick(['has just had another baby', 'is in hospital'])}.`,
      `The ${pick(['boy', 'girl', 'lad'])} at ${school} ${pick(EVENTS)}.`,
    ]);
    return { text, label: 'hold', kind: 'jigsaw' };
  }],
  // Dates of birth in odd forms.
  [35, () => {
    const d = int(1, 28);
    const m = int(1, 12);
    const y = int(2006, 2024);
    const date = pick([`${pad(d)}/${pad(m)}/${y}`, `${d}.${m}.${String(y).slice(2)}`, `${d}-${m}-${y}`, `${d} ${['January', 'March', 'June', 'October', 'December'][m % 5]} ${y}`, `${d}th ${['Jan', 'Mar', 'Jun', 'Oct', 'Dec'][m % 5]} ${y}`]);
    const text = pick([`b. ${date}, lives with ${pick(ROLES)}.`, `DOB ${date}.`, `Youngest born ${date}.`, `d.o.b: ${date}`, `${pick(['He', 'She'])} was born on ${date} so ${pick(['starts school next year', 'is in Year 7', 'turns 16 soon'])}.`, `Date of birth ${date}, not in school.`, `(b.${date}) ${pick(VERBS)}.`]);
    return { text, label: 'refuse', kind: 'date-of-birth' };
  }],
  // Street addresses, in lower and mixed case.
  [35, () => {
    const st = pick(STREETS);
    const n = `${int(1, 180)}${random() < 0.15 ? 'a' : ''}`;
    const text = pick([`They live at ${n} ${st} with ${pick(ROLES)}.`, `Moved to ${n} ${st} last week.`, `Home visit at ${n} ${st} went ok.`, `${pick(['Flat', 'flat'])} ${int(1, 12)}, ${n} ${st}, ${pick(['above the shop', 'second floor'])}.`, `address is ${n} ${st}`]);
    return { text, label: 'refuse', kind: 'address' };
  }],
  // Case references of the kinds practitioners meet.
  [45, () => {
    const yy = pad(int(19, 26));
    const text = pick([
      `Police ref 46/${int(100000, 999999)}/${yy} if anyone needs it.`,
      `Crime number 46/${String(int(1000, 999999)).padStart(7, '0')}/${yy}.`,
      `It's logged under ${int(10, 99)}/${int(100000, 999999)}/${yy}.`,
      `MARAC ref ${pick(['MK', 'KM', 'SW', 'TH'])}/20${yy}/${String(int(1, 999)).padStart(4, '0')} was heard on Thursday.`,
      `MARAC reference ${int(1000, 9999)}-${yy}.`,
      `MASH ref ${int(100000, 9999999)} for the referral.`,
      `MASH number 20${yy}-${String(int(1, 99999)).padStart(6, '0')}.`,
      `UPN ${pick(['A', 'H', 'K', 'T'])}886${int(1000, 9999)}${yy}${int(100, 999)} on the school record.`,
      `${pick(['LCS', 'EHM', 'Mosaic', 'Liberi'])} ${pick(['ID', 'no.', 'number', 'ref', ''])} ${int(100000, 9999999)}`.replace(/\s+/g, ' ') + '.',
      `Incident ${String(int(1, 2000)).padStart(4, '0')} of ${pad(int(1, 28))}/${pad(int(1, 12))}/20${yy} was logged.`,
      `Case ID CP-20${yy}-${int(100, 9999)}.`,
    ]);
    return { text, label: 'refuse', kind: 'case-reference' };
  }],
  // Safe but tricky.
  [35, () => ({
    text: pick([
      `You can call the Front Door on 03000 41 11 11 ${pick(['for advice', 'before you refer', 'if you are unsure'])}.`,
      `Out of hours, ring 03000 41 91 91.`,
      `Training is at County Hall, Maidstone ME14 1XQ ${pick(['on Tuesday', 'next month', 'from 9.30'])}.`,
      `The session is at the ${pick(['Ashford', 'Dover', 'Thanet', 'Swale', 'Maidstone'])} Gateway, training room 2.`,
      `${pick(['The NSPCC helpline is 0808 800 5000', 'Childline is 0800 1111', 'Samaritans are on 116 123', 'The domestic abuse helpline is 0808 2000 247'])}.`,
      `Send Early Help requests to earlyhelp@kent.gov.uk.`,
      `Ring 101 for non-emergencies and 999 ${pick(['if anyone is in danger', 'in an emergency'])}.`,
    ]),
    label: 'safe',
    kind: 'public-contact',
  })],
  [35, () => ({
    text: pick([
      `${pick(['Marcus Rashford', 'Joe Wicks', 'Jamie Oliver', 'Prince Harry', 'Taylor Swift', 'Harry Kane', 'Emma Raducanu', 'Stormzy'])} ${pick(['came up in the parenting group', 'is a hero to the boys I work with', 'was mentioned by a dad as a role model', 'talked about this on the radio'])}.`,
      `${pick(['Eileen Munro', 'Bruce Perry', 'John Bowlby', 'Brené Brown', 'Dan Hughes'])}'s work on ${pick(['trauma', 'attachment', 'shame', 'reflective practice'])} ${pick(['is worth reading', 'changed how I work'])}.`,
      `The ${pick(['Arthur Labinjo-Hughes', 'Star Hobson', 'Victoria Climbié', 'Baby P'])} ${pick(['review', 'case', 'inquiry'])} ${pick(['is covered in the training', 'still shapes how we share information'])}.`,
      `We watched ${pick(['Bluey', 'Peppa Pig', 'Paw Patrol'])} with the little one to ${pick(['break the ice', 'talk about feelings'])}.`,
    ]),
    label: 'safe',
    kind: 'famous-person',
  })],
  [30, () => ({
    text: pick([
      `${pick(['Working Together to Safeguard Children', 'Keeping Children Safe in Education', 'The Graded Care Profile 2', 'Signs of Safety', 'Stable Homes, Built on Love'])} ${pick(['says the lead practitioner can be from any agency', 'is clear on this', 'changed in 2023', 'is the place to start'])}.`,
      `Has anyone used ${pick(['the Solihull Approach', 'Incredible Years', 'Triple P', 'the Freedom Programme', 'Mellow Parenting'])} with ${pick(['dads', 'teenagers', 'foster carers'])}?`,
      `${pick(['Operation Encompass', 'Family Group Conference', 'Team Around the Family'])} ${pick(['works well in our district', 'needs consent first'])}.`,
    ]),
    label: 'safe',
    kind: 'guidance-title',
  })],
  [40, () => {
    const d = int(1, 28);
    const m = int(1, 12);
    const y = int(2024, 2027);
    const date = pick([`${pad(d)}/${pad(m)}/${y}`, `${d} ${['January', 'March', 'June', 'October', 'December'][m % 5]} ${y}`, `${d}.${m}.${String(y).slice(2)}`]);
    return {
      text: pick([`${pick(SAFE_DATE_EVENTS)[0]!.toUpperCase()}${pick(SAFE_DATE_EVENTS).slice(1)} is on ${date}.`, `Referrals after ${date} use the new form.`, `The family moved here on ${date}.`, `Case closed on ${date} after ${int(6, 20)} weeks.`, `I joined the team on ${date}.`, `Next review ${date}, 10am, at the school.`]),
      label: 'safe',
      kind: 'non-birth-date',
    };
  }],
  [45, () => ({
    text: pick([
      `Will ${pick(['this count as progress', 'anyone be at the network meeting', 'the school accept a part-time timetable'])}?`,
      `I will ${pick(['mark the register', 'pat myself on the back', 'grace them with another letter', 'bill the hours to the project'])} ${pick(['later', 'after the visit', 'tomorrow'])}.`,
      `May ${pick(['I ask how others record consent', 'we share the plan with the GP'])}?`,
      `In May ${pick(['the kids sit SATs', 'we start summer planning', 'the funding ends'])}.`,
      `Give ${pick(['mum', 'dad', 'the family'])} a grace period before ${pick(['the next review', 'the warning letter'])}.`,
      `${pick(['Dad', 'Mum'])} got a ${pick(['huge bill', 'parking fine', 'warning letter'])} from the ${pick(['energy company', 'council', 'landlord'])}.`,
      `We live in hope that ${pick(['the school comes round', 'housing will move them'])}.`,
      `${pick(['Frank', 'Honest'])} conversations ${pick(['work better than letters', 'help with dads'])}.`,
      `The ${pick(['rose garden', 'holly hedge', 'art room', 'ivy on the wall'])} at the family hub ${pick(['is lovely', 'needs sorting'])}.`,
      `Hit the mark with ${pick(['the new plan', 'that referral'])}, well done team.`,
      `Big thanks to ${pick(['the school', 'housing', 'the health visitors'])} for ${pick(['the room', 'turning it round so fast'])}.`,
      `Little by little ${pick(['dad is engaging', 'attendance is improving'])}.`,
    ]),
    label: 'safe',
    kind: 'common-word-name',
  })],
  [50, () => ({
    text: pick([
      `${pick(['A mum', 'A dad', 'A family', 'One of my families'])} ${pick(['I work with', 'on my caseload'])} ${pick(['has three children under five', 'has been evicted', 'is struggling with debt', 'won\'t engage with school'])}. ${pick(['Any ideas?', 'What has worked for you?', 'Where do I start?'])}`,
      `Our Year ${int(7, 11)}s ${pick(['struggle with options', 'have the worst attendance', 'respond well to mentoring'])}.`,
      `${pick(['Secondary schools', 'Primaries', 'Academies'])} in ${pick(['Thanet', 'Swale', 'Dover', 'Ashford', 'Maidstone'])} ${pick(['are keen on the attendance pilot', 'have had a lot of exclusions this year'])}.`,
      `${int(12, 16)}-year-olds ${pick(['often drop out of college in the first term', 'respond well to sport-based work'])}.`,
      `How do you ${pick(['keep a dad engaged when he works nights', 'record consent on the form', 'close a case well', 'explain Early Help to a wary family'])}?`,
      `Our team covers ${pick(VILLAGES)}, ${pick(VILLAGES)} and the villages around.`,
      `Anyone used the family hub in ${pick(['Margate', 'Folkestone', 'Sheerness', 'Dartford'])} for ${pick(['parenting groups', 'baby clinics', 'drop-ins'])}?`,
      `Spoke to the ${pick(['school', 'housing officer', 'health visitor', 'DSL'])} about ${pick(['a part-time timetable', 'the referral', 'transport'])}.`,
    ]),
    label: 'safe',
    kind: 'general',
  })],
];

const seen = new Set(out.map((e) => e.text));
for (const [count, make] of TEMPLATES) {
  let made = 0;
  for (let tries = 0; made < count && tries < count * 20; tries++) {
    const e = make();
    if (seen.has(e.text)) continue;
    seen.add(e.text);
    out.push({ ...e, source: 'template' });
    made++;
  }
}

/** The part a sentence belongs to, from a hash of its text: about 55 % development, 45 % test. */
function part(text: string): 'dev' | 'test' {
  return createHash('sha256').update(text).digest()[0]! < 141 ? 'dev' : 'test';
}
const dev = out.filter((e) => part(e.text) === 'dev');
const test = out.filter((e) => part(e.text) === 'test');
writeFileSync(join(here, 'dev.json'), `${JSON.stringify(dev, null, 1)}\n`);
writeFileSync(join(here, 'test.json'), `${JSON.stringify(test, null, 1)}\n`);
const count = (list: CorpusEntry[]) => Object.entries(Object.groupBy(list, (e) => `${e.label}:${e.kind}`)).map(([k, v]) => `${k} ${v!.length}`).join(', ');
console.log(`${out.length} sentences: dev ${dev.length}, test ${test.length}`);
console.log(`dev: ${count(dev)}`);
console.log(`test: ${count(test)}`);
