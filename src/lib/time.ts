/** The current time as whole seconds since the Unix epoch: how the database stores times. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
