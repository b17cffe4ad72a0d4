import type { Browser, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshMember, linkFromServerLog, mailTo, test, uniqueEmail, uniqueName, watchCsp } from './fixtures.ts';
import { addSession, createCourse, dateIn, postForm, uniqueSuffix } from './http.ts';

// A course that needs a line manager's approval: the practitioner names their manager when
// booking, the manager answers from an e-mailed link without an account, and the place is
// booked or released. Each test makes its own course, session, members and manager address
// over HTTP (the trainer's forms and sign-up have tests of their own), then walks the
// journey in the browser, with JavaScript on and off.

const APPROVAL_LINK = '/training/approval';

/** A course that needs approval with one session of `capacity` places in three weeks. */
async function approvalCourse(trainer: Page, capacity: number): Promise<{ id: string; title: string; slug: string; sessionId: string }> {
  const course = await createCourse(trainer, { title: `Supervising family work ${uniqueSuffix()}`, requiresApproval: true });
  const session = await addSession(trainer, course.id, { date: dateIn(21), mode: 'online', capacity });
  return { id: course.id, title: course.title, slug: course.slug, sessionId: session.id };
}

/** A browser for the line manager: no account, no cookies. */
async function managerBrowser(browser: Browser, javaScriptEnabled: boolean): Promise<{ page: Page; close: () => Promise<void> }> {
  const n = () => Math.floor(Math.random() * 250) + 1;
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': `10.${n()}.${n()}.${n()}` } });
  return { page: await context.newPage(), close: () => context.close() };
}

const placeOn = (page: Page, title: string) => page.locator('ul[aria-labelledby="upcoming"] li.place', { hasText: title });

for (const javaScriptEnabled of [true, false]) {
  const js = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;

  test(`the line manager form explains mistakes beside the field, with the answer kept (${js})`, async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await approvalCourse(page, 2);
    const member = await freshMember(browser, { name: uniqueName('Priya Practitioner'), javaScriptEnabled });
    const csp = watchCsp(member.page);

    // The trainer's form shows the setting.
    await page.goto(`/trainer/courses/${course.id}`);
    await expect(page.getByRole('checkbox', { name: 'Requires line manager’s approval' })).toBeChecked();

    await member.page.goto(`/training/${course.slug}/`);
    await member.page.getByRole('link', { name: /^Book a place/ }).click();
    await expect(member.page.getByRole('heading', { level: 1, name: 'Your line manager’s approval' })).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(member.page);

    const field = member.page.getByLabel('Your line manager’s work email address');
    await member.page.getByRole('button', { name: 'Book and ask for approval' }).click();
    await expect(member.page.getByRole('alert')).toContainText('Enter your line manager’s work email address');
    await field.fill('not an address');
    await member.page.getByRole('button', { name: 'Book and ask for approval' }).click();
    await expect(member.page.getByRole('alert')).toContainText('Enter an email address in the correct format');
    await field.fill(member.email);
    await member.page.getByRole('button', { name: 'Book and ask for approval' }).click();
    await expect(member.page.getByRole('alert')).toContainText('not your own');
    await expect(member.page.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#managerEmail');
    await expect(field).toHaveValue(member.email);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    if (javaScriptEnabled) await expectNoAxeViolations(member.page);

    // Nothing was booked.
    await member.page.goto('/account/bookings');
    await expect(placeOn(member.page, course.title)).toHaveCount(0);
    expect(csp).toEqual([]);
    await member.close();
  });

  test(`a practitioner names their line manager, who approves the place by link (${js})`, async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await approvalCourse(page, 2);
    const name = uniqueName('Priya Practitioner');
    const member = await freshMember(browser, { name, javaScriptEnabled });
    const manager = await managerBrowser(browser, javaScriptEnabled);
    const managerEmail = uniqueEmail('kent.gov.uk');
    const memberCsp = watchCsp(member.page);
    const managerCsp = watchCsp(manager.page);

    await member.page.goto(`/training/${course.slug}/`);
    await member.page.getByRole('link', { name: /^Book a place/ }).click();
    const field = member.page.getByLabel('Your line manager’s work email address');
    await field.fill(managerEmail);
    await member.page.getByRole('button', { name: 'Book and ask for approval' }).click();
    await expect(member.page.getByRole('heading', { name: `We have asked your line manager to approve your place on ${course.title}` })).toBeVisible();
    await expect(member.page.locator(`#session-${course.sessionId}`)).toContainText(`Awaiting approval from ${managerEmail}`);
    if (javaScriptEnabled) await expectNoAxeViolations(member.page);
    await member.page.goto('/account/bookings');
    await expect(placeOn(member.page, course.title)).toContainText(new RegExp(`Awaiting approval from ${managerEmail} until \\d{1,2} [A-Z][a-z]+ \\d{4}`));

    // The manager opens the link: it shows who and what, and changes nothing by itself.
    const link = await linkFromServerLog(managerEmail, APPROVAL_LINK);
    await manager.page.goto(link);
    await expect(manager.page.getByRole('heading', { level: 1, name: 'Approve a training place' })).toBeVisible();
    await expect(manager.page.locator('main')).toContainText(name);
    await expect(manager.page.locator('main')).toContainText(course.title);
    if (javaScriptEnabled) await expectNoAxeViolations(manager.page);
    await member.page.reload();
    await expect(placeOn(member.page, course.title)).toContainText('Awaiting approval');

    await manager.page.getByRole('button', { name: 'Approve the place' }).click();
    await expect(manager.page.getByRole('heading', { level: 1, name: 'You have approved the place' })).toBeVisible();

    // The link works once.
    await manager.page.goto(link);
    await expect(manager.page.getByRole('heading', { level: 1, name: 'This link has already been used' })).toBeVisible();

    await mailTo(member.email, new RegExp(`Place booked: ${course.title}`));
    await member.page.reload();
    await expect(placeOn(member.page, course.title)).toContainText('You have a place');

    // The trainer sees the place booked, with its history.
    await page.goto(`/trainer/sessions/${course.sessionId}`);
    const seats = page.getByRole('table', { name: 'People with places' });
    await expect(seats.locator('tbody tr', { hasText: name })).toContainText('Booked');
    await expect(seats).toContainText('Line manager approved the place');
    expect([...memberCsp, ...managerCsp]).toEqual([]);
    await member.close();
    await manager.close();
  });

  test(`a line manager declines, the seat goes to the waiting list, and the address is remembered (${js})`, async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await approvalCourse(page, 1);
    const firstName = uniqueName('Fred First');
    const [first, second] = await Promise.all([
      freshMember(browser, { name: firstName, javaScriptEnabled }),
      freshMember(browser, { name: uniqueName('Sita Second'), javaScriptEnabled }),
    ]);
    const manager = await managerBrowser(browser, javaScriptEnabled);
    const csp = [watchCsp(first.page), watchCsp(manager.page)];
    const firstManager = uniqueEmail('kent.gov.uk');
    const secondManager = uniqueEmail('kent.gov.uk');

    // Set-up over HTTP: the first books the only place, the second joins the waiting list.
    await first.page.goto('/account');
    await second.page.goto('/account');
    expect(await postForm(first.page, `/training/sessions/${course.sessionId}/line-manager`, [['managerEmail', firstManager]])).toContain('outcome=awaiting-approval');
    expect(await postForm(second.page, `/training/sessions/${course.sessionId}/line-manager`, [['managerEmail', secondManager]])).toContain('outcome=waiting');

    // The trainer sees the seat held for approval, in the counts and on the register.
    await page.goto(`/trainer/sessions/${course.sessionId}`);
    await expect(page.getByText('1 awaiting a line manager’s approval')).toBeVisible();
    await expect(page.getByRole('table', { name: 'People with places' })).toContainText(`Awaiting approval from ${firstManager}`);

    await manager.page.goto(await linkFromServerLog(firstManager, APPROVAL_LINK));
    await manager.page.getByRole('button', { name: 'Decline the place' }).click();
    await expect(manager.page.getByRole('heading', { level: 1, name: 'You have declined the place' })).toBeVisible();
    if (javaScriptEnabled) await expectNoAxeViolations(manager.page);

    // The first is told; the second's manager is asked in turn.
    await mailTo(first.email, new RegExp(`Your line manager did not approve your place: ${course.title}`));
    await linkFromServerLog(secondManager, APPROVAL_LINK);
    await second.page.goto('/account/bookings');
    await expect(placeOn(second.page, course.title)).toContainText(`Awaiting approval from ${secondManager}`);
    if (javaScriptEnabled) await expectNoAxeViolations(second.page);
    await first.page.goto('/account/bookings');
    await expect(first.page.locator('ul[aria-labelledby="past"] li.place', { hasText: course.title })).toContainText('Not approved');
    // The trainer's register says the same, not "Offer declined".
    await page.goto(`/trainer/sessions/${course.sessionId}`);
    await expect(page.getByRole('row', { name: new RegExp(firstName) })).toContainText('Not approved');

    // Booking again fills in the manager named last time.
    await first.page.goto(`/training/sessions/${course.sessionId}/line-manager`);
    await expect(first.page.getByLabel('Your line manager’s work email address')).toHaveValue(firstManager);
    await expect(first.page.getByRole('button', { name: 'Join the waiting list' })).toBeVisible();
    expect(csp.flat()).toEqual([]);
    await Promise.all([first.close(), second.close(), manager.close()]);
  });
}

test('an unknown link gets a plain page, and opening a link needs no account', async ({ page }) => {
  const response = await page.goto(`${APPROVAL_LINK}?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb`);
  expect(response!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible();
  await expect(page.locator('main').getByRole('button')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
