import { describe, expect, test } from 'vitest';
import { checkFeedback, ownerSlug, ownerView, type FeedbackRecord, type OwnedPage } from '../../../src/lib/domain/feedback/model.ts';

const PAGES = ['/guidance/phase-2/', '/guidance/lead-worker-role/'];

describe('checkFeedback', () => {
  test('a yes or a no about a known page is accepted with no text', () => {
    expect(checkFeedback({ page: '/guidance/phase-2/', kind: 'yes', wrong: 'ignored' }, PAGES)).toEqual({
      ok: true,
      data: { page: '/guidance/phase-2/', kind: 'yes', wrong: null, doing: null },
    });
    expect(checkFeedback({ page: '/guidance/phase-2/', kind: 'no' }, PAGES).ok).toBe(true);
  });

  test('feedback about a page that does not exist is refused', () => {
    const result = checkFeedback({ page: '/forum/general/', kind: 'yes' }, PAGES);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.form).toMatch(/which page/);
  });

  test('an unknown kind is refused', () => {
    expect(checkFeedback({ page: '/guidance/phase-2/', kind: 'maybe' }, PAGES).ok).toBe(false);
  });

  test('a problem report needs what was wrong, and keeps what the reader was doing', () => {
    const empty = checkFeedback({ page: '/guidance/phase-2/', kind: 'problem', wrong: '  ', doing: 'Checking the criteria' }, PAGES);
    expect(!empty.ok && empty.errors).toEqual({ wrong: 'Enter what was wrong with the page' });
    const good = checkFeedback({ page: '/guidance/phase-2/', kind: 'problem', wrong: 'The link to the outcomes plan is broken', doing: '' }, PAGES);
    expect(good).toEqual({ ok: true, data: { page: '/guidance/phase-2/', kind: 'problem', wrong: 'The link to the outcomes plan is broken', doing: null } });
  });

  test('answers that are too long or hold hidden characters are refused beside their field', () => {
    const long = checkFeedback({ page: '/guidance/phase-2/', kind: 'problem', wrong: 'x'.repeat(1201), doing: 'ok\u202e' }, PAGES);
    expect(!long.ok && long.errors.wrong).toMatch(/1200 characters or fewer/);
    expect(!long.ok && long.errors.doing).toMatch(/hidden characters/);
  });

  test('a report holding an NHS number is refused with the guard\'s findings, against the field that holds it', () => {
    const result = checkFeedback({ page: '/guidance/phase-2/', kind: 'problem', wrong: 'The example is unclear', doing: 'Checking the family with NHS number 943 476 5919' }, PAGES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.guard?.findings.map((f) => f.kind)).toContain('nhs-number');
    expect(Object.keys(result.errors)).toEqual(['doing']);
  });

  test('a report that names a child with an age is refused too (no moderator queue for feedback)', () => {
    const result = checkFeedback({ page: '/guidance/phase-2/', kind: 'problem', wrong: 'Spoke to Kayden, 7, at Oakwood Primary about this page' }, PAGES);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.wrong).toMatch(/identify/);
  });
});

describe('ownerSlug', () => {
  test.each([
    ['Troubled Families programme team', 'troubled-families-programme-team'],
    ["Kent's Early Help service", 'kent-s-early-help-service'],
  ])('%s → %s', (owner, slug) => expect(ownerSlug(owner)).toBe(slug));
});

describe('ownerView', () => {
  const page = (url: string, title: string, nextReview: string): OwnedPage => ({ url, title, owner: 'Team', nextReview: new Date(nextReview) });
  const fb = (id: number, pageUrl: string, kind: FeedbackRecord['kind'], createdAt: number, doneAt: number | null = null): FeedbackRecord => ({
    id, page: pageUrl, kind, wrong: kind === 'problem' ? 'wrong' : null, doing: null, createdAt, doneAt,
  });
  const now = new Date('2026-11-30T12:00:00Z');
  const pages = [
    page('/a/', 'Alpha', '2027-05-01'),
    page('/b/', 'Bravo', '2026-10-01'),
    page('/c/', 'Charlie', '2027-01-01'),
    page('/d/', 'Delta', '2026-06-01'),
  ];
  const feedback = [fb(1, '/a/', 'yes', 100), fb(2, '/a/', 'no', 200), fb(3, '/a/', 'problem', 300, 400), fb(4, '/a/', 'problem', 500), fb(5, '/c/', 'yes', 900), fb(6, '/a/', 'yes', 50)];

  test('pages past their review date come first, oldest due first; then the newest feedback', () => {
    expect(ownerView(pages, feedback, now).map((p) => p.title)).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
  });

  test('counts yes and no, lists reports newest first and counts those not done', () => {
    const alpha = ownerView(pages, feedback, now).find((p) => p.url === '/a/')!;
    expect({ yes: alpha.yes, no: alpha.no, open: alpha.open, overdue: alpha.overdue }).toEqual({ yes: 2, no: 1, open: 1, overdue: false });
    expect(alpha.reports.map((r) => r.id)).toEqual([4, 3]);
  });
});
