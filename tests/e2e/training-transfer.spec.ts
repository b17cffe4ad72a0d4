import type { Page } from '@playwright/test';
import ICAL from 'ical.js';
import { expect, expectNoAxeViolations, freshMember, linkFromServerLog, mailTo, test, uniqueName } from './fixtures.ts';

// Sending a colleague instead: a booked practitioner offers their place to a colleague from
// the same organisation, who accepts it from the e-mailed link. Each test makes its own
// course and its own two members, so nothing is shared with other tests.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function courseWithSession(page: Page): Promise<{ title: string; slug: string; sessionUrl: string }> {
  const title = `Working with fathers ${unique()}`;
  await page.goto('/trainer/courses/new');
  await page.getByLabel('Course title').fill(title);
  await page.getByLabel('Summary').fill('Engaging fathers and male carers.');
  await page.getByLabel('Who the course is for').fill('Lead workers.');
  await page.getByLabel('Learning outcomes').fill('Plan a visit with a father');
  await page.getByLabel('Critical reflection and analysis').check();
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.getByRole('heading', { name: 'Course created' })).toBeVisible();
  await page.getByRole('link', { name: 'Add a session' }).click();
  await page.getByLabel('Date').fill(dateIn(21));
  await page.getByLabel('Start time').fill('10:00');
  await page.getByLabel('Hours', { exact: true }).fill('2');
  await page.getByLabel('In person').check();
  await page.getByLabel('Venue or joining details').fill('Thanet Gateway');
  await page.getByLabel('District').selectOption('Thanet');
  await page.getByLabel('Number of places').fill('1');
  await page.getByRole('button', { name: 'Add session' }).click();
  await expect(page.getByRole('heading', { name: /Session added/ })).toBeVisible();
  return { title, slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), sessionUrl: page.url().replace(/\?.*$/, '') };
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
    test.slow();
    await signInAs('trainer');
    const course = await courseWithSession(page);
    const holderName = uniqueName('Hana Holder');
    const colleagueName = uniqueName('Cal Colleague');
    const holder = await freshMember(browser, { name: holderName, javaScriptEnabled });
    const colleague = await freshMember(browser, { name: colleagueName, javaScriptEnabled });

    await holder.page.goto(`/training/${course.slug}/`);
    await holder.page.getByRole('button', { name: /Book a place/ }).click();
    await expect(holder.page).toHaveURL(/outcome=booked/);
    await holder.page.goto('/account/bookings');
    await holder.page.locator('li.place', { hasText: course.title }).getByRole('link', { name: /^Send a colleague instead/ }).click();
    await expect(holder.page.getByRole('heading', { level: 1, name: 'Send a colleague instead' })).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(holder.page);

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
  test.slow();
  await signInAs('trainer');
  const course = await courseWithSession(page);
  const holder = await freshMember(browser, { name: uniqueName('Hana Holder') });
  const colleagueName = uniqueName('Cal Colleague');
  const colleague = await freshMember(browser, { name: colleagueName });
  await holder.page.goto(`/training/${course.slug}/`);
  await holder.page.getByRole('button', { name: /Book a place/ }).click();
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
