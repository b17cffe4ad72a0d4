import { describe, expect, test } from 'vitest';
import { checkPost } from '../../../src/lib/domain/forum/posting.ts';

describe('checkPost refuses hidden characters', () => {
  test('a title with NUL or a direction override', () => {
    expect(checkPost({ title: 'Housing help\u0000 for families', body: 'A long enough message about housing.' })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: { title: 'Title must not contain hidden control characters' },
    });
    expect(checkPost({ title: 'Housing help \u202efor families', body: 'A long enough message about housing.' })).toMatchObject({
      errors: { title: 'Title must not contain hidden characters that change the direction of text' },
    });
  });

  test('a message with NUL, but not one with line breaks', () => {
    expect(checkPost({ body: 'A long enough message\u0000 about housing.' })).toMatchObject({ errors: { body: 'Message must not contain hidden control characters' } });
    expect(checkPost({ body: 'A long enough message\n\nabout housing.' })).toMatchObject({ ok: true });
  });
});
