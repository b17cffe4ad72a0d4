/**
 * What a search is about, before the full-text index is asked: spelling put right, and
 * "best bets", the pages whose subject the query names exactly (or by another name for it).
 * Full-text scores reward any page that repeats the query's words, so "lead professional"
 * on its own ranks "Professional leadership and supervision" above the lead worker role;
 * a best bet puts the page that is about the thing first, as GOV.UK's search does.
 */
import { expandQuery, SYNONYM_GROUPS } from './synonyms.ts';

/** A page that search can name as a best bet. */
export interface Subject {
  /** The page's address on the portal. */
  url: string;
  title: string;
  summary: string;
  /** Lower-case names of what the page is about; a query naming one finds the page first. */
  terms: readonly string[];
}

/**
 * Lower case, apostrophes and punctuation dropped, single spaces.
 * @example normalise("  Lead-Worker's  ROLE ") // "lead-worker s role"
 */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Edit distance with transpositions (optimal string alignment), stopping early above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** The words search knows the spelling of: every subject term and synonym. */
export function vocabularyOf(subjects: readonly Subject[], groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Set<string> {
  const words = new Set<string>();
  for (const phrase of [...subjects.flatMap((s) => [...s.terms, normalise(s.title)]), ...groups.flat()]) {
    for (const word of normalise(phrase).split(' ')) if (word.length >= 3) words.add(word);
  }
  return words;
}

/**
 * The query with misspelt words put right, or null when every word is known or too short
 * to judge. A word of five letters or more one slip (a letter missing, extra, wrong or two
 * swapped) from exactly one known word is replaced; from nine letters, two slips.
 * @example correctSpelling('eligibilty', vocabularyOf(TOOL_PAGES)) // 'eligibility'
 */
export function correctSpelling(query: string, vocabulary: ReadonlySet<string>): string | null {
  const words = normalise(query).split(' ').filter(Boolean);
  let changed = false;
  const corrected = words.map((word) => {
    if (word.length < 5 || vocabulary.has(word) || /\d/.test(word)) return word;
    const max = word.length >= 9 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = max + 1;
    let tie = false;
    for (const known of vocabulary) {
      const d = editDistance(word, known, max);
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
        tie = false;
      } else if (d === bestDistance && d <= max) {
        tie = true;
      }
    }
    if (!best || bestDistance > max || tie) return word;
    changed = true;
    return best;
  });
  return changed ? corrected.join(' ') : null;
}

function containsPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase} `);
}

/**
 * Pages whose subject the query names, best first: a query that is exactly one of a page's
 * terms (or another name for it) beats one that merely contains a term, and a longer term
 * beats a shorter one. At most `limit`.
 * @example bestBets('lead professional', [{ url: '/guidance/lead-worker-role/', terms: ['lead worker'], … }])
 *   // the lead worker role, because "lead professional" is another name for "lead worker"
 */
export function bestBets<T extends Subject>(queries: readonly string[], subjects: readonly T[], limit = 3): T[] {
  const variants = [...new Set(queries.flatMap((q) => expandQuery(normalise(q), SYNONYM_GROUPS, 8)).map(normalise))].filter(Boolean);
  const scored: { subject: T; score: number; order: number }[] = [];
  subjects.forEach((subject, order) => {
    let score = 0;
    for (const term of subject.terms.map(normalise)) {
      for (const variant of variants) {
        if (variant === term) score = Math.max(score, 1000 + term.length);
        // A one-word term inside a longer query is too weak a sign ("email" in "email
        // digest settings"); a phrase, or a short query, is not.
        else if (containsPhrase(variant, term) && (term.includes(' ') || variant.split(' ').length <= 2)) score = Math.max(score, term.length);
      }
    }
    if (score > 0) scored.push({ subject, score, order });
  });
  return scored
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((s) => s.subject);
}

/** What to ask the index for, and what to show above its results. */
export interface SearchPlan {
  /** The query as typed, tidied. */
  query: string;
  /** The query with spelling put right, when it needed it. */
  corrected: string | null;
  /** Queries to send to the index: the user's own words first, then the rest. */
  variants: string[];
  /** Pages to show first. */
  bets: Subject[];
}

/** Plans a search over `subjects` (tools and pages that name their subject). */
export function planSearch(query: string, subjects: readonly Subject[]): SearchPlan {
  const tidy = query.trim().replace(/\s+/g, ' ');
  if (!tidy) return { query: '', corrected: null, variants: [], bets: [] };
  const corrected = correctSpelling(tidy, vocabularyOf(subjects));
  const own = corrected ? [corrected, tidy] : [tidy];
  const variants = [...new Set(own.flatMap((q) => expandQuery(q)))].slice(0, 6);
  return { query: tidy, corrected, variants, bets: bestBets(own, subjects) };
}
