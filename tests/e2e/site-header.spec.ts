import { expect, expectNoAxeViolations, freshAccount, signInWith, test, uniqueEmail, uniqueName, type DemoRole } from './fixtures.ts';

const PHONE = { width: 375, height: 740 };

test.describe('the header on a 375-pixel phone', () => {
  test.use({ viewport: PHONE });

  test('is compact, and the menu button opens the navigation', async ({ page }) => {
    await page.goto('/guidance/');
    const header = page.getByRole('banner');
    const box = await header.boundingBox();
    // The service name and the menu button share one row; with the beta banner it stays small.
    expect(box!.height).toBeLessThan(180);
    const main = page.getByRole('navigation', { name: 'Main' });
    await expect(main).toBeHidden();
    const menu = header.getByText('Menu', { exact: true });
    const details = header.locator('details.site-menu');
    await expect(details).not.toHaveAttribute('open');
    await menu.click();
    await expect(details).toHaveAttribute('open', '');
    await expect(main.getByRole('link', { name: 'Training' })).toBeVisible();
    await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expectNoAxeViolations(page);
    await main.getByRole('link', { name: 'Training' }).click();
    await expect(page).toHaveURL(/\/training\/$/);
  });

  test('the menu opens by keyboard alone', async ({ page }) => {
    await page.goto('/');
    const menu = page.getByRole('banner').getByText('Menu', { exact: true });
    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forum' })).toBeVisible();
  });

  test('no page is wider than the phone, tables in templates scroll within themselves', async ({ page }) => {
    for (const path of ['/', '/resources/business-case-template/', '/resources/data-sharing-protocol-template/', '/guidance/phase-1-results/', '/contact/', '/search/?q=consent']) {
      await page.goto(path);
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(widths.page, `${path} is wider than the screen`).toBeLessThanOrEqual(widths.view);
    }
    await page.goto('/resources/data-sharing-protocol-template/');
    // Each table sits in a region that scrolls sideways when the table is wider than the screen.
    const wraps = page.locator('.table-wrap');
    expect(await wraps.count()).toBeGreaterThan(0);
    for (const wrap of await wraps.all()) {
      await expect(wrap).toHaveAttribute('tabindex', '0');
      await expect(wrap).toHaveCSS('overflow-x', 'auto');
      const right = await wrap.evaluate((el) => el.getBoundingClientRect().right);
      expect(right).toBeLessThanOrEqual(375);
    }
    await expectNoAxeViolations(page);
  });

  test.describe('when JavaScript is unavailable', () => {
    test.use({ javaScriptEnabled: false });
    test('the menu button still opens the navigation and the search', async ({ page }) => {
      await page.goto('/resources/');
      await page.getByRole('banner').getByText('Menu', { exact: true }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Eligibility check' }).click();
      await expect(page).toHaveURL(/\/eligibility\/$/);
      await page.getByRole('banner').getByText('Menu', { exact: true }).click();
      await page.getByRole('banner').getByLabel('Search the portal').fill('forum');
      await page.getByRole('banner').getByRole('button', { name: 'Search' }).click();
      await expect(page.locator('.search-results a').first()).toHaveAttribute('href', '/forum/');
    });
  });
});

test.describe('the header on a desktop', () => {
  test('shows the navigation without a menu button', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guidance' })).toBeVisible();
    await expect(page.getByRole('banner').getByText('Menu', { exact: true })).toBeHidden();
  });

  for (const javaScriptEnabled of [true, false]) {
    test.describe(`signed out, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ javaScriptEnabled });
      test('static and on-demand pages say the same thing: "Sign in"', async ({ page }) => {
        // /guidance/ is prerendered; /training/ and /search/ are rendered on demand.
        for (const path of ['/guidance/', '/training/', '/search/', '/contact/']) {
          await page.goto(path);
          const header = page.getByRole('banner');
          await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
          await expect(header.getByRole('link', { name: 'Create an account' })).toBeVisible();
          await expect(header.getByRole('link', { name: 'Your account' })).toHaveCount(0);
        }
      });
    });
  }
});

test.describe('role tools in the header', () => {
  const TOOLS = [
    { name: "Trainer's desk", href: '/trainer/', role: 'trainer' },
    { name: 'Moderation queue', href: '/forum/moderation', role: 'moderator' },
    { name: 'Manage users', href: '/admin/users', role: 'admin' },
  ] as const;

  for (const role of ['practitioner', 'trainer', 'moderator', 'admin'] as DemoRole[]) {
    test(`a ${role} sees exactly their own tools, on static and on-demand pages`, async ({ page, signInAs }) => {
      await signInAs(role);
      for (const path of ['/account', '/guidance/']) {
        await page.goto(path);
        const header = page.getByRole('banner');
        await expect(header.getByRole('link', { name: 'Your account' })).toBeVisible();
        for (const tool of TOOLS) {
          const link = header.getByRole('link', { name: tool.name });
          if (tool.role === role) await expect(link).toHaveAttribute('href', tool.href);
          else await expect(link).toHaveCount(0);
        }
      }
      const mine = TOOLS.find((t) => t.role === role);
      if (mine) {
        await page.getByRole('banner').getByRole('link', { name: mine.name }).click();
        await expect(page).toHaveURL(new RegExp(`${mine.href.replace(/\//g, '\\/')}$`));
        // Each tool's page, with this header, is checked by axe in its own spec.
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      }
    });
  }
});

test('a reply to your topic shows as an unread count beside "Your account"', async ({ page, browser, clientAddress }) => {
  const author = await freshAccount(page, { name: uniqueName('Una Unread') });
  await signInWith(page, author.email, author.password);
  await expect(page.getByRole('banner').getByRole('link', { name: /unread notification/ })).toHaveCount(0);
  await page.goto('/forum/general/');
  await page.getByRole('link', { name: 'Start a new topic' }).click();
  const title = `Room bookings for family meetings ${uniqueEmail().slice(5, 15)}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Message', { exact: true }).fill('Where do you hold meetings when the family centre is full?');
  await page.getByRole('button', { name: 'Post topic' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const topicUrl = page.url().replace(/\?.*$/, '');

  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { 'X-Forwarded-For': clientAddress } });
  const replier = await other.newPage();
  const second = await freshAccount(replier, { name: uniqueName('Rhys Replier') });
  await signInWith(replier, second.email, second.password);
  await replier.goto(topicUrl);
  await replier.getByLabel('Your reply').fill('We use the library meeting room; it is free to book.');
  await replier.getByRole('button', { name: 'Post reply' }).click();
  await expect(replier.getByRole('heading', { name: 'Your reply has been posted' })).toBeVisible();
  await other.close();

  for (const path of ['/account', '/guidance/']) {
    await page.goto(path);
    const count = page.getByRole('banner').getByRole('link', { name: '1 unread notification' });
    await expect(count).toBeVisible();
    await expect(count).toHaveAttribute('href', '/account/notifications');
  }
  await expectNoAxeViolations(page);
  await page.getByRole('banner').getByRole('link', { name: '1 unread notification' }).click();
  await page.getByRole('button', { name: /Mark all as read/i }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: /unread notification/ })).toHaveCount(0);
});

test.describe('account links on static pages', () => {
  // The header's links come from /header/account-links (or, before, the AccountNav island);
  // the "updated since you last read" island is a separate request of its own.
  const asksForAccountLinks = (url: string) => /\/header\/account-links|\/_server-islands\/AccountNav/.test(new URL(url).pathname);

  test('a signed-out reader of a guidance page costs no request for them', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (asksForAccountLinks(request.url())) asked.push(request.url());
    });
    await page.goto('/guidance/lead-worker-role/', { waitUntil: 'networkidle' });
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
    // A second static page, after the first has fully loaded and run its scripts.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Guidance' }).click();
    await page.waitForLoadState('networkidle');
    expect(asked).toEqual([]);
  });

  test('a member gets their own links, fetched once, and the hint goes when they sign out', async ({ page }) => {
    const member = await freshAccount(page, { name: uniqueName('Hana Hint') });
    await signInWith(page, member.email, member.password);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (asksForAccountLinks(request.url())) asked.push(new URL(request.url()).pathname);
    });
    await page.goto('/guidance/lead-worker-role/');
    const header = page.getByRole('banner');
    await expect(header.getByRole('link', { name: /Your account/ })).toBeVisible();
    await expect(header.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
    expect(asked).toEqual(['/header/account-links']);
    await expectNoAxeViolations(page);

    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login\?notice=signed-out$/);
    const names = (await page.context().cookies()).map((c) => c.name);
    expect(names).not.toContain('signed-in');
    expect(names).not.toContain('session');
    asked.length = 0;
    await page.goto('/guidance/lead-worker-role/', { waitUntil: 'networkidle' });
    await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
    expect(asked).toEqual([]);
  });

  test('a hint without a session shows the signed-out links and is removed', async ({ page, context }) => {
    await context.addCookies([{ name: 'signed-in', value: '1', url: test.info().project.use.baseURL! }]);
    // Whichever on-demand request the page makes first (the header's links or the "updated
    // since" island) finds no session and removes the hint.
    await page.goto('/guidance/lead-worker-role/');
    const header = page.getByRole('banner');
    await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(header.getByRole('link', { name: /Your account/ })).toHaveCount(0);
    await expect.poll(async () => (await context.cookies()).map((c) => c.name)).not.toContain('signed-in');
  });

  test.describe('when JavaScript is unavailable', () => {
    test.use({ javaScriptEnabled: false });
    test('a signed-in member reaches their account and signs out from a guidance page', async ({ page }) => {
      const member = await freshAccount(page, { name: uniqueName('Nia Noscript') });
      await signInWith(page, member.email, member.password);
      await page.goto('/guidance/lead-worker-role/');
      // The static page shows the signed-out links; the forum, rendered for the member, shows theirs.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forum' }).click();
      const header = page.getByRole('banner');
      await header.getByRole('link', { name: /Your account/ }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
      await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/login\?notice=signed-out$/);
    });
  });
});
