import { describe, expect, test } from 'vitest';
import { amendmentsSince, changedSinceRead, digestDue, digestPages, pagesFromJson, pageToJson, readingDay, type ChangeablePage } from '../../../src/lib/domain/reading/model.ts';

const at = (iso: string) => Date.parse(iso) / 1000;
const amendment = (date: string, summary: string) => ({ date: new Date(`${date}T00:00:00Z`), summary });
const PHASE_2: ChangeablePage = {
  url: '/guidance/phase-2/',
  title: 'Phase 2',
  amendments: [amendment('2026-11-30', 'Added the outcomes plan.'), amendment('2026-10-03', 'Corrected a date.'), amendment('2026-09-01', 'First published.')],
};
const CAF: ChangeablePage = { url: '/guidance/caf/', title: 'The CAF', amendments: [amendment('2026-11-24', 'First published on the portal.')] };

describe('readingDay', () => {
  test('is the day in UK time', () => {
    expect(readingDay(at('2026-10-03T23:30:00Z'))).toBe('2026-10-04');
    expect(readingDay(at('2026-12-03T23:30:00Z'))).toBe('2026-12-03');
  });
});

describe('amendmentsSince', () => {
  test('lists amendments published on later days, newest first', () => {
    expect(amendmentsSince(PHASE_2.amendments, at('2026-09-15T10:00:00Z')).map((a) => a.summary)).toEqual(['Added the outcomes plan.', 'Corrected a date.']);
  });

  test('an amendment published on the day of reading does not count: the reader may have seen it', () => {
    expect(amendmentsSince(PHASE_2.amendments, at('2026-10-03T08:00:00Z')).map((a) => a.summary)).toEqual(['Added the outcomes plan.']);
    expect(amendmentsSince(PHASE_2.amendments, at('2026-11-30T08:00:00Z'))).toEqual([]);
  });
});

describe('changedSinceRead', () => {
  test('lists pages changed since they were read, most recently changed first, and leaves out unpublished pages', () => {
    const history = [
      { page: '/guidance/caf/', readAt: at('2026-11-01T09:00:00Z') },
      { page: '/guidance/phase-2/', readAt: at('2026-10-03T09:00:00Z') },
      { page: '/guidance/gone/', readAt: at('2026-01-01T09:00:00Z') },
    ];
    const changed = changedSinceRead(history, [PHASE_2, CAF]);
    expect(changed.map((c) => [c.url, c.changes.length])).toEqual([['/guidance/phase-2/', 1], ['/guidance/caf/', 1]]);
  });

  test('a page read after its last amendment is not listed', () => {
    expect(changedSinceRead([{ page: '/guidance/caf/', readAt: at('2026-11-25T09:00:00Z') }], [CAF])).toEqual([]);
  });
});

describe('digestPages', () => {
  const history = [{ page: '/guidance/phase-2/', readAt: at('2026-09-15T09:00:00Z') }];

  test('the first e-mail lists every change since reading', () => {
    expect(digestPages(history, [PHASE_2], null)[0]!.changes).toHaveLength(2);
  });

  test('later e-mails list only changes published since the last one, and nothing when there are none', () => {
    expect(digestPages(history, [PHASE_2], at('2026-10-10T09:00:00Z'))[0]!.changes.map((c) => c.summary)).toEqual(['Added the outcomes plan.']);
    expect(digestPages(history, [PHASE_2], at('2026-11-30T09:00:00Z'))).toEqual([]);
  });
});

describe('digestDue', () => {
  test('is due when never sent, or sent a week or more ago', () => {
    expect(digestDue(null, 1000)).toBe(true);
    expect(digestDue(1000, 1000 + 7 * 86400 - 1)).toBe(false);
    expect(digestDue(1000, 1000 + 7 * 86400)).toBe(true);
  });
});

describe('amendments.json', () => {
  test('round-trips a page', () => {
    expect(pagesFromJson([pageToJson(PHASE_2)])).toEqual([PHASE_2]);
  });
});
