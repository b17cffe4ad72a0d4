import type { Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed.ts';
import { expect, expectNoAxeViolations, mailTo, test, type DemoRole } from './fixtures.ts';

// The e2e database is shared by every test and two run at once: each test books on its own
// session, and checks what changed rather than absolute numbers where others could interfere.

const CAF = 'Common Assessment Framework practitioner workshop';
const LEAD = 'Lead worker training';
const INFO = 'Information sharing (online course)';

/** A UK calendar date `days` from now, as a date input wants it. */
function dateIn(days: number): string {
  const d = new Date(Date.now() + days * 86400_000);
  const parts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const cardTitles = (page: Page) => page.locator('.course-card h2');

/** Another person signed in, in a browser of their own. */
async function another(browser: Browser, baseURL: string | undefined, role: DemoRole, signInAs: (role: DemoRole, page?: Page) => Promise<void>) {
  const n = () => Math.floor(Math.random() * 250) + 1;
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-For': `10.${n()}.${n()}.${n()}` } });
  const page = await context.newPage();
  await signInAs(role, page);
  return { page, close: () => context.close() };
}

const sessionRow = (page: Page, text: string) => page.locator('li.session', { hasText: text });

async function filterCatalogue(page: Page) {
  await page.goto('/training/');
  await expect(page.getByRole('heading', { level: 1, name: 'Training courses' })).toBeVisible();
  await expect(cardTitles(page)).toContainText([CAF, INFO, LEAD]);
  await expect(page.getByText(/^\d+ courses?$/)).toBeVisible();

  await page.getByLabel('Skills Matrix domain').selectOption('specialist-knowledge');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/domain=specialist-knowledge/);
  await expect(page.getByText(/courses? match your filters/)).toBeVisible();
  await expect(cardTitles(page).filter({ hasText: INFO })).toHaveCount(1);
  await expect(cardTitles(page).filter({ hasText: LEAD })).toHaveCount(0);
  await expect(cardTitles(page).filter({ hasText: CAF })).toHaveCount(0);
  await expect(page.locator('.course-card', { hasText: INFO })).toContainText('Specialist knowledge');

  await page.getByLabel('Skills Matrix domain').selectOption('');
  await page.getByLabel('District').selectOption('Tunbridge Wells');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(cardTitles(page).filter({ hasText: CAF })).toHaveCount(1);
  await expect(cardTitles(page).filter({ hasText: LEAD })).toHaveCount(0);
  await expect(cardTitles(page).filter({ hasText: INFO })).toHaveCount(0);

  await page.getByLabel('District').selectOption('');
  await page.getByLabel('How it is delivered').selectOption('online');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/mode=online/);
  await expect(cardTitles(page).filter({ hasText: INFO })).toHaveCount(1);
  await expect(cardTitles(page).filter({ hasText: CAF })).toHaveCount(1);
  await expect(cardTitles(page).filter({ hasText: LEAD })).toHaveCount(0);

  // The demo information sharing course has a session about nine weeks away; the others end sooner.
  await page.getByLabel('How it is delivered').selectOption('');
  await page.getByLabel('Date from').fill(dateIn(60));
  await page.getByLabel('Date to').fill(dateIn(70));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(cardTitles(page).filter({ hasText: INFO })).toHaveCount(1);
  await expect(cardTitles(page).filter({ hasText: LEAD })).toHaveCount(0);
  await expect(page.getByLabel('Date from')).toHaveValue(dateIn(60));

  // Dates the wrong way round are explained.
  await page.getByLabel('Date from').fill(dateIn(30));
  await page.getByLabel('Date to').fill(dateIn(10));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('alert')).toContainText('Date to must be the same as or after date from');

  // No test adds sessions in Dover, so the filter finds nothing there.
  await page.goto('/training/?district=Dover');
  await expect(page.getByText('No courses have sessions that match your filters.')).toBeVisible();
  await expect(page.getByLabel('District')).toHaveValue('Dover');
  await page.getByRole('link', { name: 'clear the filters' }).click();
  await expect(page).toHaveURL(/\/training\/$/);
  await expect(cardTitles(page)).toContainText([CAF, INFO, LEAD]);
}

test.describe('training catalogue', () => {
  test('filters by domain, district, mode and dates', async ({ page }) => {
    await filterCatalogue(page);
    await page.goto('/training/?mode=online');
    await expectNoAxeViolations(page);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the filters work as a plain form', async ({ page }) => {
      await filterCatalogue(page);
    });

    test('the domain page links to its training when the courses cannot load', async ({ page }) => {
      await page.goto('/skills-matrix/specialist-knowledge/');
      await expect(page.getByRole('heading', { name: 'Training courses that build this domain' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'See training courses for this domain' })).toHaveAttribute('href', '/training/?domain=specialist-knowledge');
    });
  });

  test('only the course cards have the top rule: nothing nested inside a card looks struck through', async ({ page }) => {
    await page.goto('/training/');
    const card = page.locator('.course-card').first();
    await expect(card).toHaveCSS('border-top-style', 'solid');
    await expect(card).toHaveCSS('border-top-width', '5px');
    const nested = card.locator('li');
    expect(await nested.count()).toBeGreaterThan(1);
    const styles = await nested.evaluateAll((items) => items.map((li) => getComputedStyle(li)).map((s) => [s.borderTopStyle, s.borderTopWidth, s.paddingTop]));
    for (const [style, width, padding] of styles) {
      expect(style).toBe('none');
      expect(width).toBe('0px');
      expect(padding).toBe('0px');
    }
  });

  test('an unknown course is not found', async ({ page }) => {
    const response = await page.goto('/training/no-such-course/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });
});

test.describe('course pages', () => {
  test('anonymous visitors are asked to sign in to book, and come back afterwards', async ({ page, request, baseURL }) => {
    await page.goto('/training/caf-practitioner-workshop/');
    await expect(page.getByRole('heading', { level: 1, name: CAF })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Systems and IT' })).toHaveAttribute('href', '/skills-matrix/systems-and-it/');
    const signIn = page.getByRole('link', { name: /^Sign in to book/ }).first();
    await expect(signIn).toHaveAttribute('href', '/login?returnTo=/training/caf-practitioner-workshop/');
    await expect(page.getByRole('button', { name: /Book a place/ })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // The booking endpoint sends anonymous visitors to sign in too.
    const id = (await page.locator('li.session').first().getAttribute('id'))!.replace('session-', '');
    const anonymous = await request.post(`/training/sessions/${id}/book`, { form: {}, headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(anonymous.status()).toBe(303);
    expect(anonymous.headers().location).toBe('/login?returnTo=/training/caf-practitioner-workshop/');

    await signIn.click();
    await page.getByLabel('Email address').fill('practitioner@example.org');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/training\/caf-practitioner-workshop\/$/);
    await expect(page.getByRole('link', { name: /^Sign in to book/ })).toHaveCount(0);
  });

  test('the booking endpoint answers 303 with the outcome, and 404 for unknown sessions', async ({ page, signInAs, baseURL }) => {
    await signInAs('practitioner');
    await page.goto('/training/information-sharing/');
    const row = page.locator('li.session').nth(1);
    const id = (await row.getAttribute('id'))!.replace('session-', '');
    const post = (sessionId: string) => page.request.post(`/training/sessions/${sessionId}/book`, { form: {}, headers: { Origin: baseURL! }, maxRedirects: 0 });

    const first = await post(id);
    expect(first.status()).toBe(303);
    expect(first.headers().location).toBe(`/training/information-sharing/?outcome=booked&session=${id}#session-${id}`);
    const again = await post(id);
    expect(again.status()).toBe(303);
    expect(again.headers().location).toBe(`/training/information-sharing/?outcome=already-booked&session=${id}#session-${id}`);
    expect((await post('999999')).status()).toBe(404);

    await page.goto(again.headers().location!);
    await expect(page.locator(`#session-${id}`)).toContainText('You already have a place on this session');

    // Put things back: cancel the place.
    await page.goto('/account/bookings');
    const place = page.locator('li.place', { hasText: INFO }).filter({ hasText: 'You have a place' });
    await place.getByRole('link', { name: /Cancel your place/ }).click();
    await page.getByRole('button', { name: 'Yes, cancel my place' }).click();
    await expect(page.getByRole('heading', { name: /Your place on Information sharing .* has been cancelled/ })).toBeVisible();
  });
});

test.describe('booking a place', () => {
  // Long journeys across several browsers: give them room on a slow machine.
  test.slow();
  test('book, see it in your bookings, get a calendar invite and an email, then cancel', async ({ page, signInAs, browser, baseURL }) => {
    await signInAs('practitioner');
    await page.getByRole('link', { name: 'Your training bookings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your training bookings' })).toBeVisible();

    await page.goto('/training/lead-worker-training/');
    const row = sessionRow(page, 'Ashford');
    await expect(row).toContainText(/\d+ of 16 places left/);
    await row.getByRole('button', { name: /Book a place/ }).click();
    await expect(page).toHaveURL(/outcome=booked&session=\d+#session-\d+$/);
    await expect(row.getByRole('heading', { name: `You have booked a place on ${LEAD}` })).toBeVisible();
    await expect(row).toContainText('You have a place');
    await expect(row.getByRole('link', { name: /Cancel your place/ })).toBeVisible();
    await expectNoAxeViolations(page);

    const mail = await mailTo('practitioner@example.org', /Place booked: Lead worker training/);
    expect(mail).toContain('/account/bookings/');

    await page.goto('/account/bookings');
    const place = page.locator('li.place', { hasText: LEAD }).filter({ hasText: 'Ashford' });
    await expect(place).toContainText('Booked');
    await expectNoAxeViolations(page);
    const icsHref = (await place.getByRole('link', { name: /Add to your calendar/ }).getAttribute('href'))!;
    expect(icsHref).toMatch(/^\/account\/bookings\/\d+\.ics$/);
    const bookingId = icsHref.match(/(\d+)\.ics$/)![1];
    expect(mail).toContain(`/account/bookings/${bookingId}.ics`);

    const invite = await page.request.get(icsHref);
    expect(invite.status()).toBe(200);
    expect(invite.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(invite.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.ics"$/);
    const request = await invite.text();
    expect(request).toContain('\r\n');
    expect(request).toContain('METHOD:REQUEST\r\n');
    expect(request).toContain('STATUS:CONFIRMED\r\n');
    expect(request).toMatch(new RegExp(`UID:booking-${bookingId}@[\\w.-]+\\r\\n`));
    expect(request).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);
    expect(request).toContain('SUMMARY:Lead worker training');
    const sequenceOf = (ics: string) => Number(ics.match(/SEQUENCE:(\d+)/)![1]);

    // Nobody else can read it.
    const stranger = await another(browser, baseURL, 'moderator', signInAs);
    expect((await stranger.page.request.get(icsHref)).status()).toBe(404);
    await stranger.close();

    // Cancelling asks first, and works without JavaScript (a link and a form).
    await place.getByRole('link', { name: /Cancel your place/ }).click();
    await expect(page).toHaveURL(new RegExp(`/account/bookings\\?cancel=${bookingId}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Are you sure you want to cancel your place?' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'No, keep my place' }).click();
    await expect(page.locator('li.place', { hasText: LEAD }).filter({ hasText: 'Ashford' })).toContainText('You have a place');
    await page.goto(`/account/bookings?cancel=${bookingId}`);
    await page.getByRole('button', { name: 'Yes, cancel my place' }).click();
    await expect(page.getByRole('heading', { name: /Your place on Lead worker training on .* has been cancelled/ })).toBeVisible();
    await expect(page.locator(`#place-${bookingId}`)).toContainText('Cancelled');

    const cancel = await (await page.request.get(icsHref)).text();
    expect(cancel).toContain('METHOD:CANCEL\r\n');
    expect(cancel).toContain('STATUS:CANCELLED\r\n');
    expect(cancel).toContain(`UID:booking-${bookingId}@`);
    expect(sequenceOf(cancel)).toBeGreaterThan(sequenceOf(request));

    await page.goto('/training/lead-worker-training/');
    await expect(sessionRow(page, 'Ashford').getByRole('button', { name: /Book a place/ })).toBeVisible();
  });

  test('a full session offers the waiting list, shows your position, and offers you a freed place', async ({ page, signInAs, browser, baseURL }) => {
    // Fill the two-place Tunbridge Wells session with other demo accounts.
    const others = [await another(browser, baseURL, 'trainer', signInAs), await another(browser, baseURL, 'moderator', signInAs)];
    for (const other of others) {
      await other.page.goto('/training/caf-practitioner-workshop/');
      const button = sessionRow(other.page, 'Tunbridge Wells').getByRole('button', { name: /Book a place/ });
      if (await button.count()) {
        await button.click();
        await expect(other.page).toHaveURL(/outcome=(booked|waiting)/);
      }
    }

    await signInAs('practitioner');
    await page.goto('/training/caf-practitioner-workshop/');
    const row = sessionRow(page, 'Tunbridge Wells');
    await expect(row).toContainText(/Full/);
    await expect(row).toContainText('first come, first served');
    await expect(row.getByRole('button', { name: /Book a place/ })).toHaveCount(0);
    await row.getByRole('button', { name: /Join the waiting list/ }).click();
    await expect(page).toHaveURL(/outcome=waiting/);
    const heading = row.getByRole('heading', { name: /The session is full, so you are number \d+ on the waiting list/ });
    await expect(heading).toBeVisible();
    const position = Number((await heading.textContent())!.match(/number (\d+)/)![1]);
    await expect(row).toContainText(`You are number ${position} on the waiting list`);
    await expect(row).toContainText(/Full: \d+ on the waiting list/);
    await expectNoAxeViolations(page);

    await page.goto('/account/bookings');
    const place = page.locator('li.place', { hasText: CAF }).filter({ hasText: 'waiting list' });
    await expect(place).toContainText(`You are number ${position} on the waiting list`);
    await expect(place.getByRole('button', { name: /Leave the waiting list/ })).toBeVisible();

    const trainer = others[0]!.page;
    if (position === 1) {
      // The trainer gives up their place: it is offered to the practitioner, first in the queue.
      await trainer.goto('/account/bookings');
      await trainer.locator('li.place', { hasText: CAF }).filter({ hasText: 'You have a place' }).getByRole('link', { name: /Cancel your place/ }).click();
      await trainer.getByRole('button', { name: 'Yes, cancel my place' }).click();
      await expect(trainer.getByRole('heading', { name: /has been cancelled/ })).toBeVisible();

      await mailTo('practitioner@example.org', /A place is free: Common Assessment Framework/);
      await page.goto('/training/caf-practitioner-workshop/');
      await expect(row).toContainText('A place is being held for you until');
      await expectNoAxeViolations(page);
      await row.getByRole('button', { name: /Accept the place/ }).click();
      await expect(page.getByRole('heading', { name: /You have accepted the place on Common Assessment Framework/ })).toBeVisible();
      await expect(page.locator('li.place', { hasText: CAF }).filter({ hasText: 'Tunbridge Wells' })).toContainText('You have a place');
    } else {
      await place.getByRole('button', { name: /Leave the waiting list/ }).click();
      await expect(page.getByRole('heading', { name: /You have left the waiting list/ })).toBeVisible();
    }
    for (const other of others) await other.close();
  });
});

test.describe('Skills Matrix', () => {
  test('the domain page lists live courses that build the domain', async ({ page }) => {
    await page.goto('/skills-matrix/specialist-knowledge/');
    const section = page.locator('section.domain-courses');
    await expect(section.getByRole('link', { name: INFO })).toBeVisible();
    await expect(section).toContainText(/Next session \d{1,2} \w+ \d{4}/);
    await expect(section.getByRole('link', { name: 'Filter training courses by this domain' })).toHaveAttribute('href', '/training/?domain=specialist-knowledge');
    await expectNoAxeViolations(page);
  });

  test('your progress shows every domain, with training for those not yet covered', async ({ page, signInAs }) => {
    await signInAs('practitioner');
    await page.getByRole('link', { name: 'Your Skills Matrix progress' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your Skills Matrix progress' })).toBeVisible();
    await expect(page.locator('.domain-progress > li h2')).toHaveCount(8);
    await expect(page.getByRole('link', { name: 'Find training for Systems and IT' })).toHaveAttribute('href', '/training/?domain=systems-and-it');
    await expectNoAxeViolations(page);
  });

  test('your progress and bookings need you to sign in', async ({ page }) => {
    await page.goto('/account/skills');
    await expect(page).toHaveURL(/\/login\?returnTo=%2Faccount%2Fskills/);
    await page.goto('/account/bookings');
    await expect(page).toHaveURL(/\/login\?returnTo=%2Faccount%2Fbookings/);
  });
});
