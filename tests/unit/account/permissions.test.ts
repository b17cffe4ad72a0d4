import { describe, expect, test } from 'vitest';
import {
  authorizeRoute,
  hasRole,
  isPrivileged,
  ROLES,
  safeReturnPath,
  type Role,
} from '../../../src/lib/domain/account/permissions.ts';

const as = (...roles: Role[]) => ({ roles: ['practitioner', ...roles] as Role[] });

// The role matrix: every protected route against every kind of visitor.
const ROUTES = ['/account', '/account/bookings', '/admin/users', '/trainer', '/trainer/courses/new', '/forum/moderation', '/forum/general/', '/editor/feedback'] as const;
const EXPECTED: Record<string, Record<(typeof ROUTES)[number], string>> = {
  anonymous: { '/account': 'sign-in', '/account/bookings': 'sign-in', '/admin/users': 'sign-in', '/trainer': 'sign-in', '/trainer/courses/new': 'sign-in', '/forum/moderation': 'sign-in', '/forum/general/': 'sign-in', '/editor/feedback': 'sign-in' },
  practitioner: { '/account': 'allow', '/account/bookings': 'allow', '/admin/users': 'forbidden', '/trainer': 'forbidden', '/trainer/courses/new': 'forbidden', '/forum/moderation': 'forbidden', '/forum/general/': 'allow', '/editor/feedback': 'forbidden' },
  trainer: { '/account': 'allow', '/account/bookings': 'allow', '/admin/users': 'forbidden', '/trainer': 'allow', '/trainer/courses/new': 'allow', '/forum/moderation': 'forbidden', '/forum/general/': 'allow', '/editor/feedback': 'forbidden' },
  moderator: { '/account': 'allow', '/account/bookings': 'allow', '/admin/users': 'forbidden', '/trainer': 'forbidden', '/trainer/courses/new': 'forbidden', '/forum/moderation': 'allow', '/forum/general/': 'allow', '/editor/feedback': 'forbidden' },
  editor: { '/account': 'allow', '/account/bookings': 'allow', '/admin/users': 'forbidden', '/trainer': 'forbidden', '/trainer/courses/new': 'forbidden', '/forum/moderation': 'forbidden', '/forum/general/': 'allow', '/editor/feedback': 'allow' },
  admin: { '/account': 'allow', '/account/bookings': 'allow', '/admin/users': 'allow', '/trainer': 'forbidden', '/trainer/courses/new': 'forbidden', '/forum/moderation': 'forbidden', '/forum/general/': 'allow', '/editor/feedback': 'allow' },
};
const VISITORS = {
  anonymous: null,
  practitioner: as(),
  trainer: as('trainer'),
  moderator: as('moderator'),
  editor: as('editor'),
  admin: as('admin'),
};

describe('authorizeRoute', () => {
  for (const [visitor, user] of Object.entries(VISITORS)) {
    for (const route of ROUTES) {
      const expected = EXPECTED[visitor]![route];
      test(`${visitor} opening ${route}: ${expected}`, () => {
        expect(authorizeRoute(user, route)).toBe(expected);
      });
    }
  }

  test.each(['/', '/guidance/', '/login', '/register', '/accountancy', '/administer', '/forums', '/healthz'])('leaves %s open to everyone', (path) => {
    expect(authorizeRoute(null, path)).toBe('allow');
  });

  test('sends someone whose password must change to the account page from everywhere else', () => {
    const flagged = { ...as('moderator'), passwordChangeRequired: true };
    for (const path of ['/forum/moderation', '/forum/general/', '/trainer', '/training/caf/', '/account/bookings', '/eligibility/start', '/Account/Skills']) {
      expect(authorizeRoute(flagged, path), path).toBe('change-password');
    }
    for (const path of ['/account', '/account/', '/ACCOUNT', '/logout', '/login', '/reset-password', '/forgot-password', '/_server-islands/AccountNav', '/header/account-links']) {
      expect(authorizeRoute(flagged, path), path).toBe('allow');
    }
    expect(authorizeRoute({ ...as('moderator'), passwordChangeRequired: false }, '/forum/moderation')).toBe('allow');
  });

  test('cannot be dodged with upper case or doubled slashes', () => {
    expect(authorizeRoute(null, '/ADMIN/users')).toBe('sign-in');
    expect(authorizeRoute(as(), '//admin//users')).toBe('forbidden');
  });

  test('lets someone with several roles into each of their areas', () => {
    const both = as('trainer', 'admin');
    expect(authorizeRoute(both, '/trainer')).toBe('allow');
    expect(authorizeRoute(both, '/admin/users')).toBe('allow');
    expect(authorizeRoute(both, '/forum/moderation')).toBe('forbidden');
  });
});

describe('hasRole', () => {
  test('everyone signed in is a practitioner; nobody signed out has any role', () => {
    for (const role of ROLES) expect(hasRole(null, role)).toBe(false);
    expect(hasRole({ roles: [] }, 'practitioner')).toBe(true);
    expect(hasRole({ roles: [] }, 'admin')).toBe(false);
  });
});

describe('isPrivileged', () => {
  test.each([
    [[], false],
    [['trainer'], false],
    [['moderator'], true],
    [['editor'], true],
    [['admin'], true],
  ] as [Role[], boolean][])('roles %j: %s', (roles, expected) => {
    expect(isPrivileged(roles)).toBe(expected);
  });
});

describe('safeReturnPath', () => {
  test.each([
    ['/admin/users?status=pending', '/admin/users?status=pending'],
    [null, '/account'],
    ['', '/account'],
    ['https://evil.example/', '/account'],
    ['//evil.example/', '/account'],
    ['/\\evil.example', '/account'],
    ['javascript:alert(1)', '/account'],
    ['/ok\nSet-Cookie: x', '/account'],
    ['/\u2028', '/%E2%80%A8'],
    ['/%E2%80%A8', '/%E2%80%A8'],
    ['/∕evil', '/%E2%88%95evil'],
    ['/forum/a b?q=ü', '/forum/a%20b?q=%C3%BC'],
    ['/\u007f', '/account'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
