/**
 * Record ids as they arrive in URLs, query strings and forms. The database's ids are
 * positive integers; anything else ("", "0", "12abc", "1e3", " 7", "0x10", a number too
 * big to hold exactly) is not an id, so a page answers "not found" or "choose one" instead
 * of looking up a record that `Number()` would have made up.
 */

/** Long enough for any id the database will issue, short enough to stay an exact integer. */
const ID_PATTERN = /^\d{1,15}$/;

/**
 * A positive whole-number id from a route parameter, query string or form value, or null.
 * @example parseId('42') // 42
 * @example parseId('0') // null
 * @example parseId('1e3') // null
 * @example parseId(undefined) // null
 */
export function parseId(value: string | null | undefined): number | null {
  if (!value || !ID_PATTERN.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}
