import { describe, expect, test } from 'vitest';
import { glossaryTermSchema, pageSchema } from '../../../src/lib/domain/guidance/schema.ts';

const good = {
  title: 'The lead worker role',
  summary: 'What a lead worker does for a family and how the role differs from others.',
  audience: ['lead-workers', 'practitioners'],
  topics: ['lead-worker', 'team-around-the-family'],
  owner: 'Troubled Families programme team',
  lastReviewed: '2026-11-24',
  nextReview: '2027-05-24',
  order: 2,
};

describe('pageSchema', () => {
  test('accepts a complete page and fills in an empty amendment list', () => {
    const result = pageSchema.safeParse(good);
    expect(result.success).toBe(true);
    expect(result.data?.amendments).toEqual([]);
    expect(result.data?.lastReviewed).toEqual(new Date('2026-11-24'));
  });

  test.each(['title', 'summary', 'audience', 'topics', 'owner', 'lastReviewed', 'nextReview', 'order'])('refuses a page with no %s', (field) => {
    const page: Record<string, unknown> = { ...good };
    delete page[field];
    const result = pageSchema.safeParse(page);
    expect(result.success).toBe(false);
    expect(result.error!.issues.some((i) => i.path[0] === field)).toBe(true);
  });

  test.each([
    ['an unknown audience', { audience: ['everyone'] }, 'audience'],
    ['a topic that is not a slug', { topics: ['Lead Worker'] }, 'topics'],
    ['an unknown phase', { phase: 'phase-3' }, 'phase'],
    ['a date that is not a date', { lastReviewed: 'last week' }, 'lastReviewed'],
    ['a review due before the last review', { nextReview: '2026-01-01' }, 'nextReview'],
    ['a misspelt field', { nextreview: '2027-05-24' }, ''],
    ['a summary too short to be useful', { summary: 'Lead workers.' }, 'summary'],
  ])('refuses %s', (_label, change, field) => {
    const result = pageSchema.safeParse({ ...good, ...change });
    expect(result.success).toBe(false);
    if (field) expect(result.error!.issues.map((i) => i.path[0])).toContain(field);
  });
});

describe('glossaryTermSchema', () => {
  test('accepts an abbreviation and a plain term', () => {
    expect(glossaryTermSchema.safeParse({ id: 'caf', term: 'CAF', expansion: 'Common Assessment Framework', definition: 'The shared assessment used with families.' }).success).toBe(true);
    expect(glossaryTermSchema.safeParse({ id: 'lead-worker', term: 'Lead worker', definition: 'The one worker who coordinates support.', alsoKnownAs: ['key worker'] }).success).toBe(true);
  });

  test('refuses a term with no definition', () => {
    expect(glossaryTermSchema.safeParse({ id: 'caf', term: 'CAF' }).success).toBe(false);
  });

  test('refuses an id that cannot be a clean anchor', () => {
    const result = glossaryTermSchema.safeParse({ id: 'Lead Worker', term: 'Lead worker', definition: 'The one worker who coordinates support.' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toContain('id');
  });
});
