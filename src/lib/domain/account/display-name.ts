/**
 * When two display names count as the same. Members mention each other as `@Priya Shah`,
 * so a name that looks like another member's would let a mention reach the wrong person
 * (issue 11, item 6) and let someone pass as a moderator. Unicode Technical Standard 39
 * ("Unicode Security Mechanisms", sections 4 and 5) describes the approach followed here:
 * compare a normalised "skeleton" of each name, and refuse identifiers that mix scripts.
 *
 * The key of a name is, in order:
 * 1. Unicode NFKC, so full-width letters, ligatures and compatibility forms become plain ones;
 * 2. default-ignorable and format characters removed (zero-width spaces and joiners, soft
 *    hyphens, variation selectors, the Hangul filler), which show as nothing;
 * 3. common look-alikes mapped to the Latin letter they imitate (Cyrillic and Greek capitals
 *    and small letters, typographic apostrophes and dashes): a small hand-picked subset of
 *    the Unicode confusables data, covering the letters that are identical in the fonts the
 *    portal uses;
 * 4. case folded (upper-casing then lower-casing, which also folds "ß" to "ss");
 * 5. runs of white space collapsed to one space, and the ends trimmed.
 *
 * Accents are kept: "José" and "Jose" may be two different people, and look different.
 * On top of the key, a word that mixes Latin with Cyrillic, Greek or Armenian letters is
 * refused outright ({@link mixedScriptProblem}), as UTS 39's "highly restrictive" level
 * does, because such a word is almost always a disguise.
 */

/** Characters that display as nothing. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const WHITE_SPACE = /[\s\p{Z}]+/gu;

/**
 * Look-alikes and the Latin letters they imitate. Capitals and small letters are listed
 * separately because a Cyrillic capital may imitate a different letter from its small form
 * (Н looks like H, н like a small capital H).
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic capitals
  А: 'A', В: 'B', Е: 'E', Ё: 'Ë', З: '3', І: 'I', Ї: 'Ï', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Ѕ: 'S', Т: 'T', У: 'Y', Х: 'X', Ү: 'Y', Һ: 'H', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Ӏ: 'I',
  // Cyrillic small letters
  а: 'a', в: 'b', е: 'e', ё: 'ë', і: 'i', ї: 'ï', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', ѕ: 's', т: 't', у: 'y', х: 'x', ү: 'y', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ɡ: 'g',
  // Greek capitals
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  // Greek small letters
  α: 'a', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  // Armenian letters that imitate Latin small letters
  օ: 'o', ս: 'u', հ: 'h', ո: 'n', ց: 'g',
  // Latin letters that imitate other Latin letters
  ı: 'i', ȷ: 'j', ſ: 's',
  // Typographic apostrophes and dashes
  '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u02b9': "'", '`': "'", '\u00b4': "'",
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
};
const CONFUSABLE_PATTERN = new RegExp(`[${Object.keys(CONFUSABLES).join('').replace(/[\]\\^-]/g, '\\$&')}]`, 'gu');

/**
 * The comparison key of a display name: two names with the same key count as the same name.
 * @example nameKey('  Casey   MORGAN ') // 'casey morgan'
 * @example nameKey('Саsey Morgan') // 'casey morgan' (the first two letters are Cyrillic)
 * @example nameKey('Casey\u200b Morgan') // 'casey morgan'
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONFUSABLE_PATTERN, (c) => CONFUSABLES[c] ?? c)
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .replace(WHITE_SPACE, ' ')
    .trim();
}

/** Scripts whose letters are easily taken for Latin ones. */
const LOOK_ALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u];

/**
 * Says what is wrong when a word of a name mixes letters from Latin and a look-alike
 * script, or returns null. Whole words in one script are fine, so "Olga Петрова" is allowed.
 * @example mixedScriptProblem('Саsey Morgan', 'Full name') // 'Full name must not mix letters from different alphabets in one word'
 */
export function mixedScriptProblem(name: string, label: string): string | null {
  for (const word of name.normalize('NFKC').split(WHITE_SPACE)) {
    const scripts = LOOK_ALIKE_SCRIPTS.filter((script) => script.test(word));
    if (scripts.length > 1) return `${label} must not mix letters from different alphabets in one word`;
  }
  return null;
}

/**
 * The message shown when a name is already used, with an example built from the name itself.
 * @example nameTakenMessage('Casey Morgan')
 *   // 'Another member already uses this name. Add a middle name or initial, for example Casey A Morgan'
 */
export function nameTakenMessage(name: string): string {
  // Built from what the name shows: hidden characters would only be copied into the example.
  const words = name.normalize('NFKC').replace(INVISIBLE, '').trim().split(WHITE_SPACE);
  const example = words.length > 1 ? [words[0], 'A', ...words.slice(1)].join(' ') : `${words[0]} A Smith`;
  return `Another member already uses this name. Add a middle name or initial, for example ${example}`;
}
