import type { Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed.ts';
import { demoMember, expect, expectNoAxeViolations, freshAccount, mailTo, test } from './fixtures.ts';
import { addSession, book, createCourse, signInOverHttp, uniqueSuffix } from './http.ts';

// The e2e database is shared by every test and several run at once. Tests that book make a
// course of their own over HTTP (http.ts) and book there, except the one journey that books a
// place on a demo course (Lead worker training in Ashford), as a new member of its own.

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

  test('the booking endpoint answers 303 with the outcome, and 404 for unknown sessions', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await createCourse(page, { title: `Information sharing in practice ${uniqueSuffix()}` });
    const { id } = await addSession(page, course.id);
    const member = await demoMember(browser, 'practitioner');
    const post = (sessionId: string) => member.page.request.post(`/training/sessions/${sessionId}/book`, { form: {}, headers: { Origin: baseURLOf(member.page) }, maxRedirects: 0 });

    const first = await post(id);
    expect(first.status()).toBe(303);
    expect(first.headers().location).toBe(`/training/${course.slug}/?outcome=booked&session=${id}#session-${id}`);
    const again = await post(id);
    expect(again.status()).toBe(303);
    expect(again.headers().location).toBe(`/training/${course.slug}/?outcome=already-booked&session=${id}#session-${id}`);
    expect((await post('999999')).status()).toBe(404);

    await member.page.goto(again.headers().location!);
    await expect(member.page.locator(`#session-${id}`)).toContainText('You already have a place on this session');
    await member.close();
  });
});

/** The origin of the page's server, for the Origin header a browser would send. */
const baseURLOf = (page: Page) => new URL(page.url()).origin;

test.describe('booking a place', () => {
  test('book from the course page, then see it in your bookings, with a calendar invite and an email', async ({ page, browser }) => {
    // A new member, so the test can run again against the same server and book again.
    const { email, password } = await freshAccount(page);
    await signInOverHttp(page, email, password);
    await page.goto('/account');
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

    const mail = await mailTo(email, /Place booked: Lead worker training/);
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

    // Nobody else can read it.
    const stranger = await demoMember(browser, 'moderator');
    expect((await stranger.page.request.get(icsHref)).status()).toBe(404);
    await stranger.close();
  });

  test('cancelling a place asks first, works as a link and a form, and the calendar file then cancels the event', async ({ page, signInAs }) => {
    await signInAs('trainer');
    const course = await createCourse(page, { title: `Lead worker refresher ${uniqueSuffix()}` });
    const { id } = await addSession(page, course.id, { district: 'Ashford' });
    await signInAs('practitioner');
    expect(await book(page, id)).toBe('booked');

    await page.goto('/account/bookings');
    const place = page.locator('li.place', { hasText: course.title });
    const icsHref = (await place.getByRole('link', { name: /Add to your calendar/ }).getAttribute('href'))!;
    const bookingId = icsHref.match(/(\d+)\.ics$/)![1];
    const sequenceOf = (ics: string) => Number(ics.match(/SEQUENCE:(\d+)/)![1]);
    const request = await (await page.request.get(icsHref)).text();

    await place.getByRole('link', { name: /Cancel your place/ }).click();
    await expect(page).toHaveURL(new RegExp(`/account/bookings\\?cancel=${bookingId}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Are you sure you want to cancel your place?' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'No, keep my place' }).click();
    await expect(page.locator('li.place', { hasText: course.title })).toContainText('You have a place');
    await page.goto(`/account/bookings?cancel=${bookingId}`);
    await page.getByRole('button', { name: 'Yes, cancel my place' }).click();
    await expect(page.getByRole('heading', { name: new RegExp(`Your place on ${course.title} on .* has been cancelled`) })).toBeVisible();
    await expect(page.locator(`#place-${bookingId}`)).toContainText('Cancelled');

    const cancel = await (await page.request.get(icsHref)).text();
    expect(cancel).toContain('METHOD:CANCEL\r\n');
    expect(cancel).toContain('STATUS:CANCELLED\r\n');
    expect(cancel).toContain(`UID:booking-${bookingId}@`);
    expect(sequenceOf(cancel)).toBeGreaterThan(sequenceOf(request));

    await page.goto(`/training/${course.slug}/`);
    await expect(sessionRow(page, 'Ashford').getByRole('button', { name: /Book a place/ })).toBeVisible();
  });

  test('a full session offers the waiting list, shows your position, and offers you a freed place', async ({ page, signInAs, browser }) => {
    // A session of one place, which the demo moderator holds.
    await signInAs('trainer');
    const course = await createCourse(page, { title: `Common assessment refresher ${uniqueSuffix()}` });
    const { id } = await addSession(page, course.id, { capacity: 1, district: 'Tunbridge Wells' });
    const holder = await demoMember(browser, 'moderator');
    expect(await book(holder.page, id)).toBe('booked');

    await signInAs('practitioner');
    await page.goto(`/training/${course.slug}/`);
    const row = sessionRow(page, 'Tunbridge Wells');
    await expect(row).toContainText(/Full/);
    await expect(row).toContainText('first come, first served');
    await expect(row.getByRole('button', { name: /Book a place/ })).toHaveCount(0);
    await row.getByRole('button', { name: /Join the waiting list/ }).click();
    await expect(page).toHaveURL(/outcome=waiting/);
    await expect(row.getByRole('heading', { name: 'The session is full, so you are number 1 on the waiting list' })).toBeVisible();
    await expect(row).toContainText('You are number 1 on the waiting list');
    await expect(row).toContainText('Full: 1 on the waiting list');
    await expectNoAxeViolations(page);

    await page.goto('/account/bookings');
    const place = page.locator('li.place', { hasText: course.title }).filter({ hasText: 'waiting list' });
    await expect(place).toContainText('You are number 1 on the waiting list');
    await expect(place.getByRole('button', { name: /Leave the waiting list/ })).toBeVisible();

    // The holder gives up their place: it is offered to the practitioner, first in the queue.
    await holder.page.goto('/account/bookings');
    await holder.page.locator('li.place', { hasText: course.title }).filter({ hasText: 'You have a place' }).getByRole('link', { name: /Cancel your place/ }).click();
    await holder.page.getByRole('button', { name: 'Yes, cancel my place' }).click();
    await expect(holder.page.getByRole('heading', { name: /has been cancelled/ })).toBeVisible();
    await holder.close();

    await mailTo('practitioner@example.org', new RegExp(`A place is free: ${course.title}`));
    await page.goto(`/training/${course.slug}/`);
    await expect(row).toContainText('A place is being held for you until');
    await expectNoAxeViolations(page);
    await row.getByRole('button', { name: /Accept the place/ }).click();
    await expect(page.getByRole('heading', { name: `You have accepted the place on ${course.title}` })).toBeVisible();
    await expect(page.locator('li.place', { hasText: course.title }).filter({ hasText: 'Tunbridge Wells' })).toContainText('You have a place');
  });

  test('a member on the waiting list can leave it', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await createCourse(page, { title: `Common assessment refresher ${uniqueSuffix()}` });
    const { id } = await addSession(page, course.id, { capacity: 1 });
    const holder = await demoMember(browser, 'moderator');
    expect(await book(holder.page, id)).toBe('booked');
    await holder.close();
    await signInAs('practitioner');
    expect(await book(page, id)).toBe('waiting');

    await page.goto('/account/bookings');
    await page.locator('li.place', { hasText: course.title }).getByRole('button', { name: /Leave the waiting list/ }).click();
    await expect(page.getByRole('heading', { name: /You have left the waiting list/ })).toBeVisible();
    await page.goto(`/training/${course.slug}/`);
    await expect(sessionRow(page, 'Swale').getByRole('button', { name: /Join the waiting list/ })).toBeVisible();
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
