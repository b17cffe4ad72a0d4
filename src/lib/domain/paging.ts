/**
 * Splitting a long list into pages, as the forum's lists and the administrators' list of
 * accounts do.
 */

/**
 * The number of pages a list of `total` items fills, `perPage` to a page: always at least one,
 * so an empty list still has a page to say so.
 * @example pageCount(21, 20) // 2
 */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
