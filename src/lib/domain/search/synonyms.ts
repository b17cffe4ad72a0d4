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

/**
 * Merges the results of several searches: each page once, at its best score, best first.
 * The original query's results win ties, so exact wording still ranks first.
 */
export function mergeResults<T extends Scored>(lists: readonly (readonly T[])[]): T[] {
  const best = new Map<string, { item: T; rank: number }>();
  lists.forEach((list, listIndex) => {
    for (const item of list) {
      const current = best.get(item.id);
      if (!current || item.score > current.item.score) best.set(item.id, { item, rank: listIndex });
    }
  });
  return [...best.values()].sort((a, b) => b.item.score - a.item.score || a.rank - b.rank).map((r) => r.item);
}
