import { describe, expect, test } from 'vitest';
import { expandQuery, mergeResults } from '../../../src/lib/domain/search/synonyms.ts';

describe('expandQuery', () => {
  test('adds the other names of a lead worker', () => {
    expect(expandQuery('key worker role')).toEqual(['key worker role', 'lead worker role', 'lead professional role', 'dedicated worker role']);
  });

  test('matches the longest phrase in a group', () => {
    expect(expandQuery('common assessment framework', undefined, 10)).toEqual([
      'common assessment framework',
      'common assessment',
      'caf',
    ]);
  });

  test('expands abbreviations into their phrases', () => {
    expect(expandQuery('TAF meeting', undefined, 10)).toEqual(['TAF meeting', 'team around the family meeting']);
  });

  test('matches whole words only', () => {
    expect(expandQuery('cafe')).toEqual(['cafe']);
    expect(expandQuery('staff')).toEqual(['staff']);
  });

  test('leaves other queries alone, and ignores empty ones', () => {
    expect(expandQuery('  consent  ')).toEqual(['consent']);
    expect(expandQuery('   ')).toEqual([]);
  });

  test('never returns more than the limit', () => {
    expect(expandQuery('lead worker', undefined, 2)).toHaveLength(2);
  });
});

describe('mergeResults', () => {
  test('keeps each page once, best first', () => {
    const merged = mergeResults([
      [{ id: 'a', score: 4 }, { id: 'b', score: 1 }],
      [{ id: 'b', score: 2 }, { id: 'c', score: 1 }],
    ]);
    expect(merged.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  test("ranks a page matching the user's own words above one that only matches a synonym", () => {
    // "information sharing" vs its alternative "data sharing": the template scores higher in
    // absolute terms for the alternative, but the guidance page is the best match for the query.
    const merged = mergeResults([
      [{ id: 'information-sharing', score: 6.7 }, { id: 'template', score: 3.4 }],
      [{ id: 'template', score: 7.7 }, { id: 'information-sharing', score: 3.6 }],
    ]);
    expect(merged.map((r) => r.id)).toEqual(['information-sharing', 'template']);
  });

  test('still finds pages that only a synonym matches', () => {
    const merged = mergeResults([[], [{ id: 'lead-worker-role', score: 2.5 }]]);
    expect(merged.map((r) => r.id)).toEqual(['lead-worker-role']);
  });

  test('the user\'s query comes first when an alternative scores alike', () => {
    const merged = mergeResults([
      [{ id: 'a', score: 2 }],
      [{ id: 'b', score: 2 }],
    ]);
    expect(merged.map((r) => r.id)).toEqual(['a', 'b']);
  });
});
