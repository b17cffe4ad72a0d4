import { describe, expect, test } from 'vitest';
import { digestEmail, digestLines, type DigestItem } from '../../../src/lib/domain/forum/digest.ts';

const topics = [
  { id: 1, title: 'Planning a first visit' },
  { id: 2, title: 'Rent arrears' },
];

describe('digestLines', () => {
  test.each<[string, DigestItem[], string[]]>([
    ['nothing', [], []],
    ['one reply', [{ kind: 'reply', topicId: 1 }], ['- Planning a first visit: 1 new reply']],
    ['two replies', [{ kind: 'reply', topicId: 1 }, { kind: 'reply', topicId: 1 }], ['- Planning a first visit: 2 new replies']],
    ['a mention', [{ kind: 'mention', topicId: 2 }], ['- Rent arrears: mentioned once']],
    [
      'replies and mentions, topics in the order given',
      [{ kind: 'mention', topicId: 2 }, { kind: 'reply', topicId: 1 }, { kind: 'mention', topicId: 2 }, { kind: 'reply', topicId: 2 }],
      ['- Planning a first visit: 1 new reply', '- Rent arrears: 1 new reply, mentioned 2 times'],
    ],
    ['a topic whose title is unknown is left out', [{ kind: 'reply', topicId: 3 }], []],
  ])('%s', (_name, items, expected) => {
    expect(digestLines(items, topics)).toEqual(expected);
  });
});

describe('digestEmail', () => {
  test('names the member, lists the lines and links to the notifications page', () => {
    const email = digestEmail({ to: 'asha@kent.gov.uk', name: 'Asha Patel', lines: ['- Rent arrears: 1 new reply'], baseUrl: 'https://portal.test' });
    expect(email.to).toBe('asha@kent.gov.uk');
    expect(email.subject).toBe('Your forum digest');
    expect(email.body).toMatch(/^Dear Asha Patel,\n/);
    expect(email.body).toContain('\n- Rent arrears: 1 new reply\n');
    expect(email.body).toContain('https://portal.test/account/notifications');
  });
});
