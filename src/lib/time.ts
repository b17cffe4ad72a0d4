/**
 * The portal's one clock. Every "now" the server stores or compares is read here, so a
 * test can pass its own `now` to any function that takes one, and nothing else reads the
 * system time in a different unit.
 */

/** The current time as whole seconds since the Unix epoch: how the database stores times. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
