import { describe, expect, test } from 'vitest';
import { azGroups, duplicateSlugs, mergeRelated, previousAndNext, relatedPages, relatedPagesForEach, sectionFromId, slugFromId, sortPages } from '../../../src/lib/domain/guidance/pages.ts';

const page = (id: string, order: number, topics: string[], title = id) => ({ id, title, summary: '', topics, order });

describe('slugFromId and sectionFromId', () => {
  test.each([
    ['practice/lead-worker-role', 'lead-worker-role', 'practice'],
    ['glossary', 'glossary', ''],
    ['programme/phase-2.mdx', 'phase-2', 'programme'],
  ])('%s', (id, slug, section) => {
    expect(slugFromId(id)).toBe(slug);
    expect(sectionFromId(id)).toBe(section);
  });
});

describe('sortPages', () => {
  test('orders by order, then title', () => {
    const sorted = sortPages([page('c', 2, []), page('b', 1, [], 'Beta'), page('a', 1, [], 'Alpha')]);
    expect(sorted.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('previousAndNext', () => {
  const pages = [page('a', 0, []), page('b', 1, []), page('c', 2, [])];
  test.each([
    ['a', undefined, 'b'],
    ['b', 'a', 'c'],
    ['c', 'b', undefined],
  ])('around %s', (id, previous, next) => {
    const result = previousAndNext(pages, pages.find((p) => p.id === id)!);
    expect(result.previous?.id).toBe(previous);
    expect(result.next?.id).toBe(next);
  });
});

describe('relatedPages', () => {
  const all = [
    page('caf', 0, ['assessment', 'consent', 'team-around-the-family']),
    page('taf', 1, ['team-around-the-family', 'assessment']),
    page('sharing', 2, ['consent', 'information-sharing']),
    page('funding', 3, ['funding']),
    page('lead', 4, ['team-around-the-family']),
  ];
  test('ranks by shared topics, never lists the page itself or unrelated pages', () => {
    expect(relatedPages(all, all[0]!).map((p) => p.id)).toEqual(['taf', 'sharing', 'lead']);
  });
  test('respects the limit', () => {
    expect(relatedPages(all, all[0]!, 1).map((p) => p.id)).toEqual(['taf']);
  });
});

describe('duplicateSlugs', () => {
  test('finds two files that would share a URL', () => {
    expect(duplicateSlugs(['programme/faq', 'practice/faq', 'practice/caf'])).toEqual(['faq']);
    expect(duplicateSlugs(['a/x', 'b/y'])).toEqual([]);
  });
});

describe('azGroups', () => {
  test('groups by first letter in alphabetical order', () => {
    const groups = azGroups([{ title: 'Earned Autonomy' }, { title: 'case studies' }, { title: 'Common Assessment Framework' }, { title: '2012 report' }]);
    expect(groups.map(([l, items]) => [l, items.map((i) => i.title)])).toEqual([
      ['#', ['2012 report']],
      ['C', ['case studies', 'Common Assessment Framework']],
      ['E', ['Earned Autonomy']],
    ]);
  });
});

describe('mergeRelated', () => {
  const link = (url: string) => ({ url, title: url });
  test('puts the chosen pages first and lists each page once', () => {
    expect(mergeRelated([link('/a/'), link('/b/')], [link('/b/'), link('/c/')]).map((p) => p.url)).toEqual(['/a/', '/b/', '/c/']);
  });
  test('stops at the limit', () => {
    expect(mergeRelated([link('/a/'), link('/b/')], [link('/c/')], 2)).toHaveLength(2);
  });
});

describe('relatedPagesForEach', () => {
  // A generated library with overlapping topics, duplicate orders and titles, and a page
  // listing a topic twice, so every tie-break is exercised.
  const TOPICS = ['assessment', 'consent', 'funding', 'team-around-the-family', 'information-sharing', 'attendance', 'work', 'housing'];
  const library = Array.from({ length: 120 }, (_, i) => {
    const topics = TOPICS.filter((_, t) => (i * 7 + t * 3) % 5 < 2);
    if (i % 17 === 0) topics.push(topics[0] ?? 'work');
    return page(`p${i}`, i % 6, topics);
  }).map((p, i) => ({ ...p, title: `Page ${i % 9}` }));

  test('gives every page exactly what relatedPages gives it', () => {
    const all = relatedPagesForEach(library, library);
    for (const current of library) {
      expect(all.get(current.id)!.map((p) => p.id)).toEqual(relatedPages(library, current).map((p) => p.id));
    }
  });

  test('works for pages outside the candidates, with other limits', () => {
    const outside = [page('x', 0, ['consent', 'housing']), page('y', 3, ['nothing-shared'])];
    const all = relatedPagesForEach(library, outside, 6);
    for (const current of outside) {
      expect(all.get(current.id)!.map((p) => p.id)).toEqual(relatedPages(library, current, 6).map((p) => p.id));
    }
    expect(all.get('y')).toEqual([]);
  });
});
