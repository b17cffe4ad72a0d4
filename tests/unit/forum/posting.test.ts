import { describe, expect, test } from 'vitest';
import {
  BODY_MAX,
  LIMITS,
  TITLE_MAX,
  checkBody,
  checkModeratorTitle,
  checkPost,
  checkTitle,
  firstDayCountsSince,
  pageOfPosition,
  postingLimit,
  type PostingHistory,
} from '../../../src/lib/domain/forum/posting.ts';
import { pageCount } from '../../../src/lib/domain/paging.ts';

const NOW = 1_800_000_000;
const DAY = 24 * 3600;
const SAFE_BODY = 'How do you keep a dad engaged when he works nights?';
const SAFE_TITLE = 'Engaging fathers who work shifts';
const HOLD_BODY = 'Spoke to Chantelle about the rent arrears.';
const REFUSE_BODY = 'Mum’s mobile is 07700 900456 if you need her.';

describe('checkTitle', () => {
  test.each<[string, string, string | undefined]>([
    ['a good title', SAFE_TITLE, undefined],
    ['empty', '   ', 'Enter a title'],
    ['too short', 'Help', 'Title must be 10 characters or more'],
    ['ten characters once trimmed', '  Ten chars!  ', undefined],
    ['too long', 'x'.repeat(TITLE_MAX + 1), `Title must be ${TITLE_MAX} characters or fewer`],
    ['exactly the longest', 'x'.repeat(TITLE_MAX), undefined],
    ['a line break', 'Two lines\nof title', 'Title must not contain hidden control characters'],
  ])('%s', (_name, title, expected) => {
    expect(checkTitle(title)).toBe(expected);
  });
});

describe('checkBody', () => {
  test.each<[string, string, string | undefined]>([
    ['a good message', SAFE_BODY, undefined],
    ['empty', '', 'Enter your message'],
    ['too short', 'Thanks!', 'Message must be 10 characters or more'],
    ['too long, with the limit written out', 'x'.repeat(BODY_MAX + 1), 'Message must be 20,000 characters or fewer'],
    ['line breaks are allowed', 'First line\n\nSecond line', undefined],
  ])('%s', (_name, body, expected) => {
    expect(checkBody(body)).toBe(expected);
  });
});

describe('checkPost', () => {
  test.each<[string, { title?: string; body: string }, boolean, Record<string, unknown>]>([
    ['a safe reply is published', { body: SAFE_BODY }, false, { ok: true, held: null }],
    ['a safe topic is published', { title: SAFE_TITLE, body: SAFE_BODY }, false, { ok: true, held: null }],
    ['field problems come before the guard', { title: 'Help', body: REFUSE_BODY }, false, { ok: false, reason: 'invalid', errors: { title: 'Title must be 10 characters or more' } }],
    ['both fields are checked', { title: '', body: '' }, false, { ok: false, reason: 'invalid', errors: { title: 'Enter a title', body: 'Enter your message' } }],
    ['a definite identifier is refused', { body: REFUSE_BODY }, false, { ok: false, reason: 'personal-data', field: 'body', guard: { outcome: 'refuse' } }],
    ['a definite identifier is refused even when the author would send it', { body: REFUSE_BODY }, true, { ok: false, reason: 'personal-data', field: 'body' }],
    ['probable identification is refused until the author chooses to send it', { body: HOLD_BODY }, false, { ok: false, reason: 'personal-data', field: 'body', guard: { outcome: 'hold' } }],
    ['a title that would be held is named first', { title: 'Chantelle and the rent arrears', body: HOLD_BODY }, false, { ok: false, field: 'title' }],
    ['a refusal in the message outweighs a hold in the title', { title: 'Chantelle and the rent arrears', body: REFUSE_BODY }, true, { ok: false, field: 'body', guard: { outcome: 'refuse' } }],
  ])('%s', (_name, fields, allowHold, expected) => {
    expect(checkPost(fields, { allowHold })).toMatchObject(expected);
  });

  test('a post sent to a moderator carries why it is held', () => {
    const checked = checkPost({ body: HOLD_BODY }, { allowHold: true });
    expect(checked).toMatchObject({ ok: true });
    expect((checked as { held: string }).held).toMatch(/Chantelle/);
  });
});

describe('checkModeratorTitle', () => {
  test.each<[string, string, Record<string, unknown>]>([
    ['a good title', SAFE_TITLE, { ok: true }],
    ['too short', 'Help', { ok: false, reason: 'invalid', message: 'Title must be 10 characters or more' }],
    ['a first name is the moderator’s judgement', 'Chantelle and the rent arrears', { ok: true }],
    ['a phone number is refused', 'Ring 07700 900456 about the family', { ok: false, reason: 'personal-data' }],
  ])('%s', (_name, title, expected) => {
    expect(checkModeratorTitle(title)).toMatchObject(expected);
  });
});

describe('postingLimit', () => {
  const settled: PostingHistory = { lastPostAt: null, lastTopicAt: null, topicsToday: 0, repliesToday: 0, joinedAt: NOW - 30 * DAY };
  const newMember: PostingHistory = { ...settled, joinedAt: NOW - 3600 };

  test.each<[string, PostingHistory, 'topic' | 'reply', number | null, RegExp | null]>([
    ['a first post', settled, 'reply', null, null],
    ['a reply 4 seconds after a post', { ...settled, lastPostAt: NOW - 4 }, 'reply', 1, /^You posted a moment ago. Wait 1 second, then post again$/],
    ['a reply 5 seconds after a post', { ...settled, lastPostAt: NOW - 5 }, 'reply', null, null],
    ['a topic 10 seconds after a topic', { ...settled, lastPostAt: NOW - 10, lastTopicAt: NOW - 10 }, 'topic', 5, /^You started a topic a moment ago. Wait 5 seconds/],
    ['a reply 10 seconds after a topic', { ...settled, lastPostAt: NOW - 10, lastTopicAt: NOW - 10 }, 'reply', null, null],
    ['a topic 15 seconds after a topic', { ...settled, lastPostAt: NOW - 15, lastTopicAt: NOW - 15 }, 'topic', null, null],
    ['a settled member past the first-day caps', { ...settled, topicsToday: 50, repliesToday: 500 }, 'topic', null, null],
    ['a new member’s third topic', { ...newMember, topicsToday: 2 }, 'topic', null, null],
    ['a new member’s fourth topic', { ...newMember, topicsToday: 3 }, 'topic', DAY - 3600, /^New members can start 3 topics on their first day. You can start more in 23 hours$/],
    ['a new member’s fourth topic does not stop a reply', { ...newMember, topicsToday: 3 }, 'reply', null, null],
    ['a new member’s eleventh reply', { ...newMember, repliesToday: 10 }, 'reply', DAY - 3600, /^New members can post 10 replies on their first day/],
    ['the first day ends a day after joining', { ...newMember, joinedAt: NOW - DAY, repliesToday: 10 }, 'reply', null, null],
    ['a member whose joining is unknown is not new', { ...newMember, joinedAt: null, repliesToday: 10 }, 'reply', null, null],
    ['the pause between posts comes before the first-day cap', { ...newMember, lastPostAt: NOW - 1, repliesToday: 10 }, 'reply', 4, /^You posted a moment ago/],
  ])('%s', (_name, history, kind, retryAfter, message) => {
    const limited = postingLimit(history, kind, NOW);
    if (retryAfter === null) {
      expect(limited).toBeNull();
    } else {
      expect(limited).toMatchObject({ ok: false, reason: 'too-soon', retryAfter });
      expect(limited!.message).toMatch(message!);
    }
  });

  test('first-day counts cover the last day', () => {
    expect(firstDayCountsSince(NOW)).toBe(NOW - LIMITS.newAccountSeconds);
  });
});

describe('paging', () => {
  test.each<[number, number, number]>([
    [0, 20, 1],
    [1, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [60, 30, 2],
  ])('%i items at %i a page fill %i pages', (total, perPage, pages) => {
    expect(pageCount(total, perPage)).toBe(pages);
  });

  test.each<[number, number]>([
    [0, 1],
    [19, 1],
    [20, 2],
    [45, 3],
  ])('a post with %i before it is on page %i', (before, page) => {
    expect(pageOfPosition(before)).toBe(page);
  });
});
