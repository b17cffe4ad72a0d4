import type { Page } from '@playwright/test';
import ICAL from 'ical.js';
import { expect, expectNoAxeViolations, freshMember, linkFromServerLog, mailTo, test, uniqueName } from './fixtures.ts';
import { addSession, book, createCourse, dateIn, uniqueSuffix } from './http.ts';

// Sending a colleague instead: a booked practitioner offers their place to a colleague from
// the same organisation, who accepts it from the e-mailed link. Each test makes its own
// course and its own two members, so nothing is shared with other tests; the course and the
// holder's booking are set up over HTTP (http.ts), since each has tests of its own.

/** A new course with one session of one place, in Thanet in three weeks, made over HTTP. */
async function courseWithSession(trainer: Page): Promise<{ title: string; slug: string; sessionId: string; sessionUrl: string }> {
  const course = await createCourse(trainer, { title: `Working with fathers ${uniqueSuffix()}` });
  const session = await addSession(trainer, course.id, { capacity: 1, date: dateIn(21), district: 'Thanet' });
  return { title: course.title, slug: course.slug, sessionId: session.id, sessionUrl: session.url };
}

async function calendarOf(page: Page, title: string) {
  await page.goto('/account/bookings');
  const href = await page.locator('li.place', { hasText: title }).getByRole('link', { name: /calendar/i }).first().getAttribute('href');
  const component = new ICAL.Component(ICAL.parse(await (await page.request.get(href!)).text()));
  const event = component.getFirstSubcomponent('vevent')!;
  return { method: component.getFirstPropertyValue('method'), status: event.getFirstPropertyValue('status'), attendee: event.getFirstPropertyValue('attendee') };
}

for (const javaScriptEnabled of [true, false]) {
  test(`a practitioner sends a colleague instead, who accepts by link (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await courseWithSession(page);
    const holderName = uniqueName('Hana Holder');
    const colleagueName = uniqueName('Cal Colleague');
    const [holder, colleague] = await Promise.all([
      freshMember(browser, { name: holderName, javaScriptEnabled }),
      freshMember(browser, { name: colleagueName, javaScriptEnabled }),
    ]);
    expect(await book(holder.page, course.sessionId)).toBe('booked');
    await holder.page.goto('/account/bookings');
    await holder.page.locator('li.place', { hasText: course.title }).getByRole('link', { name: /^Send a colleague instead/ }).click();
    await expect(holder.page.getByRole('heading', { level: 1, name: 'Send a colleague instead' })).toBeVisible();

    // Mistakes are explained beside the field, with the answer kept.
    await holder.page.getByRole('button', { name: 'Offer my place' }).click();
    await expect(holder.page.getByRole('alert')).toContainText('Enter your colleague’s work email address');
    await holder.page.getByLabel('Your colleague’s work email address').fill(holder.email);
    await holder.page.getByRole('button', { name: 'Offer my place' }).click();
    await expect(holder.page.getByRole('alert')).toContainText('not your own');
    await expect(holder.page.getByLabel('Your colleague’s work email address')).toHaveValue(holder.email);
    await expect(holder.page.getByLabel('Your colleague’s work email address')).toHaveAttribute('aria-invalid', 'true');
    if (javaScriptEnabled) await expectNoAxeViolations(holder.page);

    await holder.page.getByLabel('Your colleague’s work email address').fill(colleague.email);
    await holder.page.getByRole('button', { name: 'Offer my place' }).click();
    await expect(holder.page.getByRole('heading', { name: `You have offered your place on ${course.title}`, exact: false })).toBeVisible();
    await expect(holder.page.locator('li.place', { hasText: course.title })).toContainText(`You have offered it to ${colleagueName}`);

    // The colleague follows the link, sees the place and accepts it.
    const link = await linkFromServerLog(colleague.email, '/account/transfers');
    await colleague.page.goto(link);
    await expect(colleague.page.getByRole('heading', { level: 1, name: 'A colleague has offered you their place' })).toBeVisible();
    await expect(colleague.page.getByText(`${holderName} cannot come`)).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(colleague.page);
    await colleague.page.getByRole('button', { name: 'Accept the place' }).click();
    await expect(colleague.page.getByRole('heading', { name: `You have accepted the place on ${course.title}`, exact: false })).toBeVisible();
    await expect(colleague.page.locator('ul[aria-labelledby="upcoming"] li.place', { hasText: course.title })).toContainText('You have a place');

    // The link works once.
    await colleague.page.goto(link);
    await expect(colleague.page.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(colleague.page);

    // Both are told, and each calendar file says what happened to them.
    await mailTo(holder.email, new RegExp(`Your place has passed to ${colleagueName}`));
    await mailTo(colleague.email, new RegExp(`Place booked: ${course.title}`));
    await holder.page.goto('/account/bookings');
    await expect(holder.page.locator('ul[aria-labelledby="past"] li.place', { hasText: course.title })).toContainText('Cancelled');
    expect(await calendarOf(holder.page, course.title)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', attendee: `mailto:${holder.email}` });
    expect(await calendarOf(colleague.page, course.title)).toMatchObject({ method: 'REQUEST', status: 'CONFIRMED', attendee: `mailto:${colleague.email}` });

    // The trainer sees the colleague in the seat, and the history of both places.
    await page.goto(course.sessionUrl);
    const seats = page.getByRole('table', { name: 'People with places' });
    await expect(seats.locator('tbody tr')).toHaveCount(1);
    await expect(seats.locator('tbody tr')).toContainText(colleagueName);
    await expect(page.getByRole('table', { name: 'Places given up or ended' })).toContainText(holderName);
    await expect(page.locator('body')).toContainText('Passed their place to a colleague');
    await holder.close();
    await colleague.close();
  });
}

test('a colleague can turn the place down, and it stays with its holder', async ({ page, signInAs, browser }) => {
  await signInAs('trainer');
  const course = await courseWithSession(page);
  const colleagueName = uniqueName('Cal Colleague');
  const [holder, colleague] = await Promise.all([freshMember(browser, { name: uniqueName('Hana Holder') }), freshMember(browser, { name: colleagueName })]);
  expect(await book(holder.page, course.sessionId)).toBe('booked');
  await holder.page.goto('/account/bookings');
  await holder.page.locator('li.place', { hasText: course.title }).getByRole('link', { name: /^Send a colleague instead/ }).click();
  await holder.page.getByLabel('Your colleague’s work email address').fill(colleague.email);
  await holder.page.getByRole('button', { name: 'Offer my place' }).click();
  await colleague.page.goto(await linkFromServerLog(colleague.email, '/account/transfers'));
  await colleague.page.getByRole('button', { name: 'Turn it down' }).click();
  await expect(colleague.page.getByRole('heading', { name: 'You have turned down the place' })).toBeVisible();
  await mailTo(holder.email, new RegExp(`${colleagueName} cannot take your place`));
  await holder.page.goto('/account/bookings');
  await expect(holder.page.locator('ul[aria-labelledby="upcoming"] li.place', { hasText: course.title })).toContainText('You have a place');
  await holder.close();
  await colleague.close();
});
