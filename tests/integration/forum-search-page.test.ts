/**
 * The forum search page, rendered by Astro's own renderer with the search pool replaced: what
 * a member sees when the search cannot be answered (a worker crashed, timed out or failed),
 * and that results are shown as the pool gives them.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SearchUnavailableError } from '../../src/lib/server/forum/search-pool.ts';
import type { SearchResults } from '../../src/lib/server/forum/search.ts';
import type { PortalDb } from '../../db/client.ts';
import type { SessionUser } from '../../src/lib/server/auth/session.ts';
import { freshDb } from './helpers.ts';

const search = vi.hoisted(() => ({ answer: (async () => ({ hits: [], total: 0, more: false })) as (q: string) => Promise<SearchResults> }));
const database = vi.hoisted(() => ({ portal: undefined as PortalDb | undefined }));

vi.mock('../../src/lib/server/forum/search-pool.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/lib/server/forum/search-pool.ts')>()),
  searchForumOffThread: (q: string) => search.answer(q),
}));
// The header's unread count reads the test's own database, never the server's.
vi.mock('../../src/lib/server/db.ts', () => ({ getPortalDb: async () => database.portal! }));

const member: SessionUser = {
  id: 1,
  email: 'asha@kent.gov.uk',
  name: 'Asha Patel',
  organisation: 'KCC',
  status: 'active',
  roles: ['practitioner'],
  passwordChangeRequired: false,
  twoFactorEnabled: false,
};

async function render(query: string): Promise<Response> {
  const { default: SearchPage } = await import('../../src/pages/forum/search.astro');
  const container = await AstroContainer.create();
  return container.renderToResponse(SearchPage, {
    request: new Request(`http://portal.test/forum/search?q=${encodeURIComponent(query)}`),
    // The portal's own locals; the type also carries a documentation theme's, which the portal never sets.
    locals: { user: member, session: null, pendingSignIn: null } satisfies Pick<App.Locals, 'user' | 'session' | 'pendingSignIn'> as unknown as App.Locals,
  });
}

beforeEach(async () => {
  database.portal = await freshDb();
});
afterEach(() => {
  database.portal = undefined;
});

describe('the forum search page', () => {
  test('when the search cannot be answered: 503, a plain notice and a way on, no error detail', async () => {
    search.answer = async () => {
      throw new SearchUnavailableError('the search worker crashed (Error)');
    };
    const response = await render('rent arrears');
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('30');
    const html = await response.text();
    // A fault of the service, not a mistake to correct: no error summary, no "Error:" title.
    expect(html).toContain('<title>Forum search is not working at the moment – ');
    expect(html).not.toContain('There is a problem');
    expect(html).toMatch(/<h2[^>]*>Forum search is not working at the moment<\/h2>\s*<p[^>]*>Try again in a few minutes\./);
    expect(html).toMatch(/<a href="\/forum\/"[^>]*>browse the forum categories<\/a>/);
    expect(html).not.toMatch(/crashed|SearchUnavailableError|at .*\.ts:\d+/);
    // The search box keeps what was typed.
    expect(html).toContain('value="rent arrears"');
  });

  test('results are listed as the pool gives them, excerpts marked', async () => {
    search.answer = async () => ({
      total: 1,
      more: false,
      hits: [
        {
          postId: 7,
          topicId: 3,
          topicSlug: 'rent-arrears',
          title: 'Rent arrears and the first visit',
          categoryTitle: 'General',
          snippet: 'open a conversation about <mark>rent</mark> <mark>arrears</mark>',
          createdAt: 1_800_000_000,
          page: 1,
        },
      ],
    });
    const response = await render('rent arrears');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('1 post matches “rent arrears”');
    expect(html).toContain('href="/forum/t/3/rent-arrears#post-7"');
    expect(html).toContain('<mark>rent</mark> <mark>arrears</mark>');
    expect(html).not.toContain('There is a problem');
  });
});
