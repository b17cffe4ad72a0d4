/**
 * Characters that must never reach names, organisations, e-mail addresses, forum titles or
 * posts. Control characters (NUL and the like) pass length checks but break logs, e-mails
 * and search; text-direction overrides and isolates (the "Trojan Source" characters,
 * CVE-2021-42574) make text display differently from what it says, so a name could show
 * as someone else's. Unicode Technical Report 36 ("Unicode Security Considerations")
 * recommends refusing them in identifiers.
 */

/** C0 and C1 controls and DEL; a multi-line field may still hold tabs and line breaks. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]/u;
/** Bidirectional embeddings, overrides and isolates (LRE…RLO, LRI…PDI). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/u;

/**
 * Says what is wrong with the characters of a field's value, or returns null when they are
 * all allowed. `label` starts the message, as GOV.UK error messages name the field.
 * @example unsafeCharactersProblem('Jo\u0000', 'Full name') // 'Full name must not contain hidden control characters'
 */
export function unsafeCharactersProblem(value: string, label: string, { multiline = false } = {}): string | null {
  if (CONTROL.test(value) || (!multiline && LINE_BREAKS.test(value))) return `${label} must not contain hidden control characters`;
  if (BIDI_CONTROLS.test(value)) return `${label} must not contain hidden characters that change the direction of text`;
  return null;
}

/**
 * A web address name made from a title: accents dropped, lower case, "&" read as "and",
 * every other run of characters that are not letters or digits made one hyphen, and cut to
 * `maxLength` without a trailing hyphen. Empty when the title has no letters or digits, so
 * each caller decides what to use instead. Course addresses and forum topic addresses use
 * it; heading anchors in guidance pages are Astro's own (they keep non-Latin letters and
 * number repeated headings) and do not.
 * @example slugify('Lead worker training: Part 2') // 'lead-worker-training-part-2'
 * @example slugify('Équipe & Café') // 'equipe-and-cafe'
 */
export function slugify(title: string, maxLength = 80): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
