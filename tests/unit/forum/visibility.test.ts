import { describe, expect, test } from 'vitest';
import { postAsSeenBy, type ForumReader, type StoredPost } from '../../../src/lib/domain/forum/visibility.ts';

const AUTHOR = 7;
const post: StoredPost = {
  id: 1,
  authorId: AUTHOR,
  authorName: 'Asha Patel',
  authorOrganisation: 'KCC',
  createdAt: 100,
  editedAt: null,
  deletedAt: null,
  hiddenAt: null,
  hiddenBy: null,
  hiddenReason: null,
  heldAt: null,
  heldReason: null,
  sentBackAt: null,
  body: 'The **text**',
  bodyHtml: '<p>The <strong>text</strong></p>',
  openFlags: 2,
  versions: 1,
};

const member: ForumReader = { readerId: 99 };
const author: ForumReader = { readerId: AUTHOR };
const moderator: ForumReader = { moderator: true, readerId: 5 };

describe('postAsSeenBy', () => {
  test.each<[string, Partial<StoredPost>, ForumReader, Record<string, unknown>]>([
    ['a member reads a visible post, without its Markdown or counts', {}, member, { html: post.bodyHtml, body: '', openFlags: 0, versions: 0, hidden: false }],
    ['its author gets the Markdown to edit', {}, author, { html: post.bodyHtml, body: post.body }],
    ['a moderator sees the flags and versions', {}, moderator, { body: post.body, openFlags: 2, versions: 1 }],
    ['a deleted post has no text for anyone', { deletedAt: 200 }, moderator, { deleted: true, html: '', body: '' }],
    ['a hidden post has no text for a member, nor the reason', { hiddenAt: 200, hiddenBy: 5, hiddenReason: 'Rude' }, member, { hidden: true, html: '', hiddenReason: null, hiddenByFlags: false }],
    ['a hidden post has no text for its author, who sees why', { hiddenAt: 200, hiddenBy: 5, hiddenReason: 'Rude' }, author, { html: '', body: '', hiddenReason: 'Rude' }],
    ['a moderator reads a hidden post', { hiddenAt: 200, hiddenBy: 5, hiddenReason: 'Rude' }, moderator, { html: post.bodyHtml, hiddenReason: 'Rude' }],
    ['a post hidden by flags says so', { hiddenAt: 200, hiddenBy: null }, member, { hiddenByFlags: true }],
    ['a held post tells its author why', { heldAt: 150, heldReason: 'It names Chantelle' }, author, { held: true, heldReason: 'It names Chantelle', sentBack: false, html: post.bodyHtml }],
    ['a held post sent back is marked so', { heldAt: 150, heldReason: 'Take out the name', sentBackAt: 160 }, moderator, { held: true, sentBack: true, heldReason: 'Take out the name' }],
    ['a held post’s reason is never shown to others', { heldAt: 150, heldReason: 'It names Chantelle' }, member, { heldReason: null }],
  ])('%s', (_name, change, reader, expected) => {
    expect(postAsSeenBy({ ...post, ...change }, reader)).toMatchObject(expected);
  });
});
