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
  test('keeps each page once at its best score, best first, original query winning ties', () => {
    const merged = mergeResults([
      [{ id: 'a', score: 2 }, { id: 'b', score: 1 }],
      [{ id: 'b', score: 5 }, { id: 'c', score: 2 }],
    ]);
    expect(merged).toEqual([{ id: 'b', score: 5 }, { id: 'a', score: 2 }, { id: 'c', score: 2 }]);
  });
});
