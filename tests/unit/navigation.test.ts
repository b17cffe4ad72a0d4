import { describe, expect, test } from 'vitest';
import { roleToolsFor, unreadNotificationsText } from '../../src/lib/navigation.ts';

describe('roleToolsFor', () => {
  test('a practitioner alone has no role tools', () => {
    expect(roleToolsFor({ roles: ['practitioner'] })).toEqual([]);
  });
  test('nobody signed in has no role tools', () => {
    expect(roleToolsFor(null)).toEqual([]);
  });
  test.each([
    [['trainer'], ['/trainer/']],
    [['moderator'], ['/forum/moderation']],
    [['admin'], ['/admin/users']],
    [['admin', 'trainer', 'moderator'], ['/trainer/', '/forum/moderation', '/admin/users']],
  ] as const)('roles %j get %j', (roles, hrefs) => {
    expect(roleToolsFor({ roles }).map((t) => t.href)).toEqual(hrefs);
  });
});

describe('unreadNotificationsText', () => {
  test.each([
    [0, ''],
    [1, '1 unread notification'],
    [7, '7 unread notifications'],
  ])('%i gives %j', (n, text) => {
    expect(unreadNotificationsText(n)).toBe(text);
  });
});
