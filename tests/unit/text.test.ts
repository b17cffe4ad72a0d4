import { describe, expect, test } from 'vitest';
import { slugify, unsafeCharactersProblem } from '../../src/lib/domain/text.ts';
import { checkCourseForm } from '../../src/lib/domain/training/forms.ts';
import { KENT_DISTRICTS } from '../../src/lib/domain/training/model.ts';
import { SEED_CATEGORIES } from '../../db/seed-forum.ts';
import { topicSlug } from '../../src/lib/server/forum/forum.ts';

describe('unsafeCharactersProblem', () => {
  test.each([
    ['Jo\u0000Patel', 'control'],
    ['Jo\u0007', 'control'],
    ['Jo\u007f', 'control'],
    ['Jo\u0085', 'control'],
    ['Jo\nPatel', 'control'],
    ['Jo\u2028Patel', 'control'],
    ['Jo \u202eletaP', 'direction'],
    ['\u2066Jo\u2069', 'direction'],
  ])('refuses %j in a one-line field', (value, kind) => {
    expect(unsafeCharactersProblem(value, 'Full name')).toMatch(kind === 'control' ? /^Full name must not contain hidden control characters$/ : /change the direction of text/);
  });

  test.each(['Jo Patel', 'Zoë O’Brien-Smith', 'محمد علي', 'Kent Police (Maidstone)'])('accepts %j', (value) => {
    expect(unsafeCharactersProblem(value, 'Full name')).toBeNull();
  });

  test('lets a post keep its line breaks and tabs, but not NUL or overrides', () => {
    expect(unsafeCharactersProblem('Line one\r\nLine two\tend', 'Message', { multiline: true })).toBeNull();
    expect(unsafeCharactersProblem('Line\u0000', 'Message', { multiline: true })).toMatch(/control/);
    expect(unsafeCharactersProblem('a \u202e b', 'Message', { multiline: true })).toMatch(/direction/);
  });
});

describe('slugify', () => {
  test.each([
    ['Lead worker training: Part 2', 'lead-worker-training-part-2'],
    ['  Équipe & Café  ', 'equipe-and-cafe'],
    ['How do I run a TAF meeting?', 'how-do-i-run-a-taf-meeting'],
    ['CAF -- and -- assessment', 'caf-and-assessment'],
    ['Q&A', 'q-and-a'],
    ['ﬁrst ＡＢＣ', 'first-abc'],
    ['!!!', ''],
    ['محمد', ''],
  ])('makes %j into %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  test('cuts to 80 characters by default, or the length asked for, never ending in a hyphen', () => {
    expect(slugify('x'.repeat(100))).toHaveLength(80);
    expect(slugify(`${'a'.repeat(59)} b`, 60)).toBe('a'.repeat(59));
    expect(slugify('word '.repeat(30), 12)).toBe('word-word-wo');
  });

  test("gives each Kent district's forum category the address it has always had", () => {
    // The seed inserts categories by slug and skips ones that exist, so these must not move.
    const oldRule = (d: string) => d.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    for (const district of KENT_DISTRICTS) expect(slugify(district)).toBe(oldRule(district));
    expect(SEED_CATEGORIES.map((c) => c.slug)).toContain('tunbridge-wells');
  });

  test('makes the address of a course with no address given', () => {
    const checked = checkCourseForm(
      { title: 'Domestic abuse & coercive control', slug: '', summary: 'S', audience: 'A', outcomes: 'O', placesPerPerson: '1' },
      ['family-support'],
      ['family-support'],
    );
    expect(checked.ok && checked.data.slug).toBe('domestic-abuse-and-coercive-control');
  });
});

describe('topicSlug', () => {
  test.each([
    ['How do I run a TAF meeting?', 'how-do-i-run-a-taf-meeting'],
    ['Café visits & home safety', 'cafe-visits-and-home-safety'],
    ['???', 'topic'],
    ['محمد', 'topic'],
    [`${'long '.repeat(20)}`, 'long-long-long-long-long-long-long-long-long-long-long-long'],
  ])('gives %j the topic address %j', (title, slug) => {
    expect(topicSlug(title)).toBe(slug);
    expect(topicSlug(title).length).toBeLessThanOrEqual(60);
  });
});
