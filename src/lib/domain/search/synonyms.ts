/**
 * The programme's vocabulary changed over the years and differs between agencies: a lead
 * worker in Kent is a lead professional in Kingston and Richmond and a key worker to many
 * families. Searching for any name of a thing should find pages that use another.
 */

/** Groups of words that mean the same thing here. Lower case. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['lead worker', 'lead professional', 'key worker', 'dedicated worker'],
  ['team around the family', 'taf'],
  ['common assessment framework', 'common assessment', 'caf'],
  ['anti-social behaviour', 'antisocial behaviour', 'asb'],
  ['family intervention project', 'fip'],
  ['information sharing', 'data sharing', 'sharing information'],
  ['payment by results', 'pbr', 'results payment'],
  ['troubled families', 'supporting families'],
  ['local project delivery manager', 'lpdm'],
  ['kent integrated adolescent support services', 'kiass'],
  ['jobcentre plus', 'jcp', 'job centre'],
  ['worklessness', 'out of work', 'unemployment'],
  ['school attendance', 'truancy', 'absence'],
];

/**
 * Other ways of writing the query: each synonym group found in it swapped for its
 * alternatives, one at a time. The original comes first; at most `limit` in all.
 * @example expandQuery('key worker role') // ['key worker role', 'lead worker role', 'lead professional role', 'dedicated worker role']
 */
export function expandQuery(query: string, groups: readonly (readonly string[])[] = SYNONYM_GROUPS, limit = 4): string[] {
  const original = query.trim().replace(/\s+/g, ' ');
  if (!original) return [];
  const lowered = original.toLowerCase();
  const variants = [original];
  for (const group of groups) {
    // Longest phrase first, so "common assessment framework" beats "common assessment".
    const match = [...group].sort((a, b) => b.length - a.length).find((term) => new RegExp(`(^|\\W)${escape(term)}(\\W|$)`).test(lowered));
    if (!match) continue;
    for (const alternative of group) {
      if (alternative === match) continue;
      const variant = lowered.replace(new RegExp(`(^|\\W)${escape(match)}(?=\\W|$)`), `$1${alternative}`);
      if (!variants.includes(variant)) variants.push(variant);
    }
  }
  return variants.slice(0, limit);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A result from any of the searches. */
export interface Scored {
  id: string;
  score: number;
}

/** How much a match on another name counts against a match on the user's own words. */
export const ALTERNATIVE_WEIGHT = 0.9;

/**
 * Merges the results of several searches: the first list is the user's own query, the rest
 * its alternatives. Scores from different queries are not comparable (a short query scores
 * lower than a long one), so each list is scaled by its own best score first, and
 * alternatives count for a little less, so a page that matches the user's words outranks one
 * that only matches a synonym equally well. Each page appears once, at its best, best first.
 */
export function mergeResults<T extends Scored>(lists: readonly (readonly T[])[]): T[] {
  const best = new Map<string, { item: T; relevance: number; rank: number }>();
  lists.forEach((list, listIndex) => {
    const top = Math.max(0, ...list.map((item) => item.score));
    if (top <= 0) return;
    const weight = listIndex === 0 ? 1 : ALTERNATIVE_WEIGHT;
    for (const item of list) {
      const relevance = (item.score / top) * weight;
      const current = best.get(item.id);
      if (!current || relevance > current.relevance) best.set(item.id, { item, relevance, rank: listIndex });
    }
  });
  return [...best.values()].sort((a, b) => b.relevance - a.relevance || a.rank - b.rank).map((r) => r.item);
}
