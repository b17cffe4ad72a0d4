import { describe, expect, test } from 'vitest';
import { bestBets, correctSpelling, editDistance, normalise, planSearch, vocabularyOf, type Subject } from '../../../src/lib/domain/search/subjects.ts';
import { TOOL_PAGES } from '../../../src/lib/domain/search/tools.ts';

const LEAD_WORKER: Subject = { url: '/guidance/lead-worker-role/', title: 'The lead worker role', summary: '', terms: ['lead worker', 'lead worker role'] };
const LEADERSHIP: Subject = { url: '/skills-matrix/professional-leadership-and-supervision/', title: 'Professional leadership and supervision', summary: '', terms: [] };
const SUBJECTS = [LEAD_WORKER, LEADERSHIP, ...TOOL_PAGES];

describe('normalise', () => {
  test('lower-cases, drops punctuation and squeezes spaces', () => {
    expect(normalise('  Book   TRAINING! ')).toBe('book training');
    expect(normalise('Lead worker’s role')).toBe('lead worker s role');
  });
});

describe('editDistance', () => {
  test.each([
    ['eligibility', 'eligibility', 0],
    ['eligibilty', 'eligibility', 1],
    ['froum', 'forum', 1],
    ['trainnig', 'training', 1],
    ['forum', 'form', 1],
    ['forum', 'training', 3],
  ])('%s to %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('correctSpelling', () => {
  const vocabulary = vocabularyOf(SUBJECTS);
  test.each([
    ['eligibilty', 'eligibility'],
    ['elegibility check', 'eligibility check'],
    ['book trainnig', 'book training'],
    ['froum', 'forum'],
  ])('puts %j right as %j', (typed, fixed) => {
    expect(correctSpelling(typed, vocabulary)).toBe(fixed);
  });
  test.each(['forum', 'lead professional', 'consent', 'nhs', 'caf 2015'])('leaves %j alone', (typed) => {
    expect(correctSpelling(typed, vocabulary)).toBeNull();
  });
});

describe('bestBets', () => {
  test('another name for a page\'s subject finds that page', () => {
    expect(bestBets(['lead professional'], SUBJECTS).map((s) => s.url)).toEqual(['/guidance/lead-worker-role/']);
    expect(bestBets(['Key worker'], SUBJECTS).map((s) => s.url)).toEqual(['/guidance/lead-worker-role/']);
  });
  test('a partial word match is not a best bet', () => {
    expect(bestBets(['lead'], SUBJECTS)).toEqual([]);
    expect(bestBets(['professional'], SUBJECTS)).toEqual([]);
  });
  test.each([
    ['book training', '/training/'],
    ['forum', '/forum/'],
    ['eligibility', '/eligibility/'],
    ['sign in', '/login'],
    ['how do I book training', '/training/'],
  ])('%j finds %s first', (query, url) => {
    expect(bestBets([query], SUBJECTS)[0]?.url).toBe(url);
  });
  test('a one-word term inside a long query is not enough', () => {
    expect(bestBets(['forum posts about school attendance'], SUBJECTS)).toEqual([]);
  });
  test('an exact match beats a contained one', () => {
    const a: Subject = { url: '/a/', title: 'A', summary: '', terms: ['team around the family'] };
    const b: Subject = { url: '/b/', title: 'B', summary: '', terms: ['team'] };
    expect(bestBets(['team'], [a, b]).map((s) => s.url)).toEqual(['/b/']);
  });
});

describe('planSearch', () => {
  test('searches the corrected words first, then the words as typed, with synonyms', () => {
    const plan = planSearch('eligibilty', SUBJECTS);
    expect(plan.corrected).toBe('eligibility');
    expect(plan.variants[0]).toBe('eligibility');
    expect(plan.variants).toContain('eligibilty');
    expect(plan.bets[0]?.url).toBe('/eligibility/');
  });
  test('widens a query with the programme\'s other names', () => {
    const plan = planSearch('lead professional', SUBJECTS);
    expect(plan.corrected).toBeNull();
    expect(plan.variants).toEqual(['lead professional', 'lead worker', 'key worker', 'dedicated worker']);
  });
  test('an empty query plans nothing', () => {
    expect(planSearch('   ', SUBJECTS)).toEqual({ query: '', corrected: null, variants: [], bets: [] });
  });
});
