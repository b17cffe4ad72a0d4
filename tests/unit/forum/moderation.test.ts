import { describe, expect, test } from 'vitest';
import { FLAG_REASONS, FLAG_REASON_LABELS, flagReasonLabel, isFlagReason } from '../../../src/lib/domain/forum/model.ts';
import {
  FLAGS_TO_HIDE,
  FLAG_HIDDEN_REASON,
  LOGGED_ACTION_LABELS,
  MODERATOR_NOTE_MAX,
  describeLoggedAction,
  loggedDetail,
  parseLoggedDetail,
  readModeratorForm,
  topicIdFrom,
  type ModeratorAction,
} from '../../../src/lib/domain/forum/moderation.ts';

describe('flag reasons', () => {
  test('every reason has one label, and the labels differ', () => {
    expect(Object.keys(FLAG_REASON_LABELS).sort()).toEqual([...FLAG_REASONS].sort());
    expect(new Set(Object.values(FLAG_REASON_LABELS)).size).toBe(FLAG_REASONS.length);
  });

  test.each<[string, string]>([
    ['may-identify-family', 'It may identify a family'],
    ['spam', 'It is spam'],
    ['a reason from an older list', 'a reason from an older list'],
  ])('%s reads "%s"', (reason, label) => {
    expect(flagReasonLabel(reason)).toBe(label);
  });

  test.each<[string, boolean]>([
    ['safeguarding', true],
    ['other', true],
    ['Spam', false],
    ['', false],
  ])('isFlagReason(%j) is %s', (value, expected) => {
    expect(isFlagReason(value)).toBe(expected);
  });

  test('a post hidden by flags says how many members flagged it', () => {
    expect(FLAG_HIDDEN_REASON).toBe(`Hidden after ${FLAGS_TO_HIDE} members flagged it`);
  });
});

describe('describeLoggedAction', () => {
  test.each<[string, string | null, { what: string; who: string }]>([
    ['forum.lock', 'Sam Okafor', { what: 'Locked a topic', who: 'Sam Okafor' }],
    ['forum.auto-hide', null, { what: `Post hidden automatically after ${FLAGS_TO_HIDE} reports`, who: 'Automatic' }],
    ['forum.held', null, { what: 'Post held for a moderator: its author chose to send it', who: 'Automatic' }],
    ['forum.hide', null, { what: 'Hid a post', who: 'Former member' }],
    ['forum.something-new', 'Sam Okafor', { what: 'something-new', who: 'Sam Okafor' }],
  ])('%s by %s', (action, actor, expected) => {
    expect(describeLoggedAction(action, actor)).toEqual(expected);
  });

  test('every moderator action has words in the log', () => {
    const actions: ModeratorAction['action'][] = ['hide', 'restore', 'dismiss-flags', 'publish', 'send-back', 'remove', 'lock', 'unlock', 'pin', 'unpin', 'move', 'edit-title'];
    for (const action of actions) expect(LOGGED_ACTION_LABELS[`forum.${action}`], action).toBeTruthy();
  });
});

describe('loggedDetail', () => {
  test.each<[string, ModeratorAction, number, Record<string, unknown>]>([
    ['a hidden post keeps its reason', { action: 'hide', postId: 7, reason: 'Rude' }, 3, { postId: 7, reason: 'Rude', topicId: 3 }],
    ['a move keeps the category', { action: 'move', topicId: 3, categoryId: 2 }, 3, { topicId: 3, categoryId: 2 }],
    ['a new title is never logged', { action: 'edit-title', topicId: 3, title: 'Chantelle and the rent arrears' }, 3, { topicId: 3 }],
  ])('%s', (_name, act, topicId, expected) => {
    expect(loggedDetail(act, topicId)).toEqual(expected);
  });
});

describe('parseLoggedDetail', () => {
  test.each<[string, string, Record<string, unknown>]>([
    ['the fields the log shows', '{"topicId":3,"postId":7,"reason":"Rude","categoryId":2,"flags":3}', { topicId: 3, postId: 7, reason: 'Rude', categoryId: 2 }],
    ['not JSON', 'hand-written note', {}],
    ['empty', '', {}],
    ['JSON that is not an object', '42', {}],
    ['ids of the wrong type are left out', '{"topicId":"3","postId":-1,"categoryId":1.5}', {}],
  ])('%s', (_name, json, expected) => {
    expect(parseLoggedDetail(json)).toEqual(expected);
  });
});

describe('topicIdFrom', () => {
  test.each<[string | null, number]>([
    ['42', 42],
    [' 42 ', 42],
    ['https://portal.example/forum/t/42/housing-help?page=2', 42],
    ['/forum/t/7/', 7],
    ['forty-two', 0],
    ['-3', 0],
    ['', 0],
    [null, 0],
  ])('%j is topic %i', (input, expected) => {
    expect(topicIdFrom(input)).toBe(expected);
  });
});

describe('readModeratorForm', () => {
  const long = 'x'.repeat(MODERATOR_NOTE_MAX + 1);
  test.each<[string, Record<string, string>, ReturnType<typeof readModeratorForm>]>([
    ['hide with a reason', { intent: 'hide', postId: '7', reason: ' Rude ' }, { ok: true, field: 'reason-7', act: { action: 'hide', postId: 7, reason: 'Rude' } }],
    ['hide without a reason', { intent: 'hide', postId: '7', reason: ' ' }, { ok: false, field: 'reason-7', message: 'Enter why you are hiding this post' }],
    ['hide with too long a reason', { intent: 'hide', postId: '7', reason: long }, { ok: false, field: 'reason-7', message: 'Reason must be 500 characters or fewer' }],
    ['send back with a note', { intent: 'send-back', postId: '7', note: 'Take out the school' }, { ok: true, field: 'send-back-7', act: { action: 'send-back', postId: 7, note: 'Take out the school' } }],
    ['send back without a note', { intent: 'send-back', postId: '7' }, { ok: false, field: 'send-back-7', message: 'Enter what the author should change' }],
    ['send back with too long a note', { intent: 'send-back', postId: '7', note: long }, { ok: false, field: 'send-back-7', message: 'Note must be 500 characters or fewer' }],
    ['remove without a reason', { intent: 'remove', postId: '7' }, { ok: false, field: 'remove-7', message: 'Enter why you are removing this post' }],
    ['remove with a reason', { intent: 'remove', postId: '7', reason: 'Names a child' }, { ok: true, field: 'remove-7', act: { action: 'remove', postId: 7, reason: 'Names a child' } }],
    ['publish', { intent: 'publish', postId: '7' }, { ok: true, field: '', act: { action: 'publish', postId: 7 } }],
    ['lock', { intent: 'lock', topicId: '3' }, { ok: true, field: '', act: { action: 'lock', topicId: 3 } }],
    ['a new title, checked later', { intent: 'edit-title', topicId: '3', title: 'A' }, { ok: true, field: 'title-3', act: { action: 'edit-title', topicId: 3, title: 'A' } }],
    ['move without a category', { intent: 'move', topicId: '3', categoryId: '' }, { ok: false, field: 'category-3', message: 'Select a category to move the topic to' }],
    ['move to a category', { intent: 'move', topicId: '3', categoryId: '2' }, { ok: true, field: 'category-3', act: { action: 'move', topicId: 3, categoryId: 2 } }],
    ['a post that is not a number names none', { intent: 'restore', postId: 'abc' }, { ok: true, field: '', act: { action: 'restore', postId: 0 } }],
    ['an intent the page never offers', { intent: 'delete-everything' }, { ok: false, field: 'form', message: 'Something went wrong with that form. Try again' }],
  ])('%s', (_name, values, expected) => {
    expect(readModeratorForm(values)).toEqual(expected);
  });
});
