import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshMember, test, uniqueName, watchCsp } from './fixtures.ts';
import { addSession, book, createCourse, dateIn, postForm, uniqueSuffix } from './http.ts';

// Places set aside for organisations: a trainer sets some of a session's places aside for one
// organisation until a release date; a member of it books one; someone from another
// organisation sees an honest count and joins the waiting list; removing the places set aside
// offers them to the waiting list. Each test makes its own course, session, organisation and
// members over HTTP, so nothing is shared with other tests.

const longDate = (isoDate: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));

/** A course with one online session of `capacity` places in 30 days, made over HTTP. */
async function courseWithSession(trainer: Page, capacity: number): Promise<{ slug: string; sessionId: string; sessionUrl: string }> {
  const course = await createCourse(trainer, { title: `Working with police ${uniqueSuffix()}` });
  const session = await addSession(trainer, course.id, { mode: 'online', capacity });
  return { slug: course.slug, sessionId: session.id, sessionUrl: session.url };
}

/** Sets `seats` of the session aside for `organisation` until `releaseDate`, as the trainer's form does. */
async function setAside(trainer: Page, sessionUrl: string, organisation: string, seats: number, releaseDate: string): Promise<void> {
  expect(await postForm(trainer, sessionUrl, { intent: 'reserve', organisation: organisation.toLowerCase(), seats: String(seats), releaseDate })).toContain('done=reserved');
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`places set aside for an organisation (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test.use({ javaScriptEnabled });

    test('a trainer sets places aside, with mistakes explained beside the fields', async ({ page, signInAs, browser }) => {
      const organisation = `Kent Police ${uniqueSuffix()}`;
      // An account in the organisation puts it on the trainer's list.
      const member = await freshMember(browser, { name: uniqueName('Maya Member'), organisation, javaScriptEnabled });
      const csp = watchCsp(page);
      await signInAs('trainer');
      const { sessionUrl } = await courseWithSession(page, 3);

      // Mistakes are explained beside each field, with a summary, and the answers kept.
      await page.goto(sessionUrl);
      await expect(page.getByRole('heading', { level: 2, name: 'Places set aside for organisations' })).toBeVisible();
      await page.getByRole('button', { name: 'Set places aside' }).click();
      await expect(page.getByRole('alert').getByRole('link')).toHaveText([
        'Select the organisation to set places aside for',
        'Enter the number of places to set aside',
        'Enter the date the places are released to everyone',
      ]);
      await expect(page.getByLabel('Number of places')).toHaveAttribute('aria-invalid', 'true');
      await page.getByLabel('Organisation').selectOption({ label: organisation });
      await page.getByLabel('Number of places').fill('4');
      await page.getByLabel('Release date').fill(dateIn(40));
      await page.getByRole('button', { name: 'Set places aside' }).click();
      await expect(page.getByRole('alert').getByRole('link')).toHaveText([
        'The session has 3 places, so you cannot set aside more than 3',
        /^Release date must be before booking closes on /,
      ]);
      await expect(page.getByLabel('Organisation')).toHaveValue(organisation.toLowerCase());
      await expect(page.getByLabel('Number of places')).toHaveValue('4');
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      const release = dateIn(20);
      await page.getByLabel('Number of places').fill('2');
      await page.getByLabel('Release date').fill(release);
      await page.getByRole('button', { name: 'Set places aside' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Places set aside' })).toBeVisible();
      const row = page.locator('[data-reservations] tbody tr');
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(organisation);
      await expect(row).toContainText(longDate(release));
      await expect(page.locator('[data-places-left]')).toHaveText(`3 of 3 places left, 2 of them for ${organisation} until ${longDate(release)}`);
      await expect(page.locator('[data-reservation-history]')).toContainText(`Places set aside, by`);
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      expect(csp).toEqual([]);
      await member.close();
    });

    test('a member books a place set aside; someone else sees the honest count and joins the waiting list', async ({ page, signInAs, browser }) => {
      const organisation = `Kent Police ${uniqueSuffix()}`;
      const member = await freshMember(browser, { name: uniqueName('Maya Member'), organisation, javaScriptEnabled });
      const other = await freshMember(browser, { name: uniqueName('Owen Other'), javaScriptEnabled });
      const early = await freshMember(browser, { name: uniqueName('Ella Early'), javaScriptEnabled });
      const csp = [...watchCsp(member.page), ...watchCsp(other.page)];
      await signInAs('trainer');
      const { slug, sessionId, sessionUrl } = await courseWithSession(page, 3);
      const release = dateIn(20);
      await setAside(page, sessionUrl, organisation, 2, release);
      const row = page.locator('[data-reservations] tbody tr');

      // Someone takes the one open place, so only the places set aside are left.
      expect(await book(early.page, sessionId)).toBe('booked');

      // Someone from another organisation is told the places left are not for them.
      await other.page.goto(`/training/${slug}/`);
      await expect(other.page.locator('[data-places]')).toContainText(`2 of 3 places left, all for ${organisation} until ${longDate(release)}`);
      await expect(other.page.locator('[data-places-for-you]')).toHaveText('The places set aside are not for your organisation, so none is open to you.');
      await expect(other.page.locator('[data-set-aside-only]')).toContainText('none is free for you');
      await expect(other.page.getByRole('button', { name: /Book a place/ })).toHaveCount(0);
      if (javaScriptEnabled) await expectNoAxeViolations(other.page);
      await other.page.getByRole('button', { name: /Join the waiting list/ }).click();
      await expect(other.page).toHaveURL(/outcome=waiting/);
      await expect(other.page.locator('.session__state')).toContainText('You are number 1 on the waiting list');
      await expect(other.page.locator('[data-outcome="waiting"]')).toContainText('The places left are set aside for other organisations, so you are number 1 on the waiting list');

      // A member of the organisation sees a place set aside for them, and books it.
      await member.page.goto(`/training/${slug}/`);
      await expect(member.page.locator('[data-places-for-you]')).toHaveText('2 of them are set aside for your organisation.');
      await member.page.getByRole('button', { name: /Book a place/ }).click();
      await expect(member.page).toHaveURL(/outcome=booked/);
      await expect(member.page.locator('[data-places]')).toContainText(`1 of 3 places left, set aside for ${organisation} until ${longDate(release)}`);

      // The trainer sees it counted against the places set aside.
      await page.goto(sessionUrl);
      await expect(row.locator('td').nth(2)).toHaveText('1');
      await expect(row.locator('td').nth(3)).toHaveText('1');
      expect(csp).toEqual([]);
      await Promise.all([member.close(), other.close(), early.close()]);
    });

    test('removing places set aside opens them at once and offers one to the first person waiting', async ({ page, signInAs, browser }) => {
      const organisation = `Kent schools ${uniqueSuffix()}`;
      const member = await freshMember(browser, { organisation, javaScriptEnabled });
      const waiting = await freshMember(browser, { javaScriptEnabled });
      const csp = watchCsp(page);
      await signInAs('trainer');
      const { slug, sessionId, sessionUrl } = await courseWithSession(page, 1);
      await setAside(page, sessionUrl, organisation, 1, dateIn(20));
      expect(await book(waiting.page, sessionId)).toBe('waiting');

      await page.goto(sessionUrl);
      await page.getByRole('button', { name: `Remove the 1 place set aside for ${organisation}` }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Places no longer set aside' })).toBeVisible();
      await expect(page.locator('[data-reservations]')).toHaveCount(0);
      await page.locator('[data-reservation-history] summary').click();
      await expect(page.locator('[data-reservation-history]')).toContainText('Places set aside were removed');
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      await waiting.page.goto(`/training/${slug}/`);
      await expect(waiting.page.locator('.session__state')).toContainText('Place offered');
      // The member now finds the session full like anyone else.
      await member.page.goto(`/training/${slug}/`);
      await expect(member.page.locator('[data-places]')).toHaveText('Full');
      expect(csp).toEqual([]);
      await Promise.all([member.close(), waiting.close()]);
    });
  });
}
