import type { Browser, Page } from '@playwright/test';
import ICAL from 'ical.js';
import { demoMember, expect, expectNoAxeViolations, freshAccount, mailTo, test } from './fixtures.ts';
import { addSession, book, createCourse, dateIn, editSession, postForm, uniqueSuffix } from './http.ts';

// Course owners and co-trainers, the attendance register, one place per course, giving up a
// place after the cut-off and calendar files. Each test makes its own course over HTTP
// (http.ts), so tests running side by side never share a session; the demo practitioner
// (Priya Shah) and moderator (Megan Hollis) book only on those courses.

async function newContext(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const n = () => Math.floor(Math.random() * 250) + 1;
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': `10.${n()}.${n()}.${n()}` } });
  return context.newPage();
}

const DEMO = {
  practitioner: { name: 'Priya Shah', email: 'practitioner@example.org' },
  moderator: { name: 'Megan Hollis', email: 'moderator@example.org' },
} as const;

/** A demo account signed in on a browser of its own, with its name and address. */
async function demo(browser: Browser, role: 'practitioner' | 'moderator', javaScriptEnabled = true) {
  const { page, close } = await demoMember(browser, role, { javaScriptEnabled });
  return { page, close, ...DEMO[role] };
}

/**
 * A second trainer: a new account that the admin signed in on `admin` makes a trainer (over
 * HTTP; granting a role through the page has tests of its own). Returns its user id.
 */
async function newTrainer(browser: Browser, admin: Page): Promise<{ id: string }> {
  const page = await newContext(browser);
  const { email } = await freshAccount(page, { name: `Olu Owner ${uniqueSuffix()}` });
  await page.context().close();
  const search = `/admin/users?q=${encodeURIComponent(email)}`;
  const list = await (await admin.request.get(search)).text();
  const id = /name="userId" value="(\d+)"/.exec(list)?.[1];
  expect(id, `finding ${email} in the list of users`).toBeTruthy();
  expect(await postForm(admin, search, { userId: id!, role: 'trainer', intent: 'grant' })).toContain('done=grant');
  return { id: id! };
}

/** A register radio by its visible choice and the person's name. */
const mark = (page: Page, choice: 'Attended' | 'Did not attend', name: string) => page.getByRole('radio', { name: new RegExp(`^${choice}\\s*: ${name}$`) });

for (const javaScriptEnabled of [true, false]) {
  test.describe(`the attendance register, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('one form marks everyone on the session, and history records each change', async ({ page, signInAs, browser }) => {
      await signInAs('trainer');
      const course = await createCourse(page);
      const session = await addSession(page, course.id, { capacity: 3 });
      const sessionUrl = session.url;
      const anna = await demo(browser, 'practitioner');
      const ben = await demo(browser, 'moderator');
      expect(await book(anna.page, session.id)).toBe('booked');
      expect(await book(ben.page, session.id)).toBe('booked');
      await anna.close();
      await ben.close();

      // The session took place yesterday.
      await editSession(page, session.id, { capacity: 3, date: dateIn(-1) });
      await page.goto(sessionUrl);
      const register = page.locator('form.register');
      await expect(register.getByRole('button', { name: 'Save the register' })).toHaveCount(1);

      // Nothing marked: a clear message, nothing saved.
      await register.getByRole('button', { name: 'Save the register' }).click();
      await expect(page.getByRole('alert')).toContainText('Select attended or did not attend for at least one person');

      await mark(page, 'Attended', anna.name).check();
      await mark(page, 'Did not attend', ben.name).check();
      await page.getByRole('button', { name: 'Save the register' }).click();
      await expect(page.getByRole('heading', { name: 'Register saved. 2 places updated' })).toBeVisible();
      const held = page.getByRole('table', { name: 'People with places' });
      await expect(held.getByRole('row').filter({ hasText: anna.name })).toContainText('Attended');
      await expect(held.getByRole('row').filter({ hasText: ben.name })).toContainText('Did not attend');
      await expect(mark(page, 'Attended', anna.name)).toBeChecked();
      await expect(mark(page, 'Did not attend', ben.name)).toBeChecked();

      // Correcting one person changes only their place.
      await mark(page, 'Attended', ben.name).check();
      await page.getByRole('button', { name: 'Save the register' }).click();
      await expect(page.getByRole('heading', { name: 'Register saved. 1 place updated' })).toBeVisible();
      const benRow = held.getByRole('row').filter({ hasText: ben.name });
      await benRow.locator('summary', { hasText: 'History' }).click();
      await expect(benRow).toContainText('Marked as did not attend');
      await expect(benRow).toContainText('Marked as attended');
      if (javaScriptEnabled) await expectNoAxeViolations(page);
    });
  });
}

test.describe('course owners and co-trainers', () => {
  test('an admin hands a course to another trainer from the list of courses', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await createCourse(page);
    const admin = await demoMember(browser, 'admin');
    const other = await newTrainer(browser, admin.page);

    await admin.page.goto('/admin/courses');
    await expect(admin.page.getByRole('heading', { level: 1, name: 'Who runs each training course' })).toBeVisible();
    await expectNoAxeViolations(admin.page);
    await admin.page.getByRole('link', { name: `Change trainers for ${course.title}` }).click();
    await expect(admin.page.getByLabel('Owner', { exact: true })).toHaveValue(/\d+/);
    await admin.page.getByLabel('Owner', { exact: true }).selectOption(other.id);
    await admin.page.getByRole('button', { name: 'Save trainers' }).click();
    await expect(admin.page.getByRole('heading', { name: /^Trainers saved/ })).toBeVisible();
    await expect(admin.page.getByLabel('Owner', { exact: true })).toHaveValue(other.id);
    await expectNoAxeViolations(admin.page);
    await admin.close();

    await page.goto(course.url);
    await expect(page.locator('[data-read-only]')).toBeVisible();
  });

  test('a trainer who no longer runs a course sees it read only, without its people, and every change is refused', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await createCourse(page);
    const { url: sessionUrl } = await addSession(page, course.id);
    const admin = await demoMember(browser, 'admin');
    await postForm(admin.page, `/admin/courses/${course.id}`, { owner: (await newTrainer(browser, admin.page)).id });
    await admin.close();

    await page.goto(course.url);
    await expect(page.locator('[data-read-only]')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Add a session' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save course details' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.goto(sessionUrl);
    await expect(page.locator('[data-read-only]')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Change session details' })).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'People with places' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    for (const path of [`${sessionUrl}/edit`, `${sessionUrl}/cancel`, `${sessionUrl}/attendees.csv`, `${course.url}/sessions/new`]) {
      expect((await page.request.get(path)).status(), path).toBe(403);
    }
    const origin = new URL(page.url()).origin;
    const post = (path: string, form: Record<string, string>) => page.request.post(path, { form, headers: { Origin: origin }, maxRedirects: 0 });
    expect((await post(`${sessionUrl}/cancel`, { reason: 'Taking over' })).status()).toBe(403);
    expect((await post(sessionUrl, { intent: 'register', 'attendance-1': 'attended' })).status()).toBe(403);
    expect((await post(course.url, { title: 'Hijacked', summary: 's', audience: 'a', outcomes: 'o', domains: 'systems-and-it' })).status()).toBe(403);
    await page.goto('/trainer/');
    await expect(page.getByRole('list', { name: 'Courses other trainers run' })).toContainText(course.title);
    await expectNoAxeViolations(page);
  });

  test('added back as a co-trainer, the first trainer can change the course again', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await createCourse(page);
    const { url: sessionUrl } = await addSession(page, course.id);
    const admin = await demoMember(browser, 'admin');
    const other = await newTrainer(browser, admin.page);
    await postForm(admin.page, `/admin/courses/${course.id}`, { owner: other.id });
    await page.goto(sessionUrl);
    await expect(page.getByRole('link', { name: 'Change session details' })).toHaveCount(0);

    await admin.page.goto(`/admin/courses/${course.id}`);
    await admin.page.getByLabel('Tom Barker (trainer@example.org)').check();
    await admin.page.getByRole('button', { name: 'Save trainers' }).click();
    await expect(admin.page.getByRole('heading', { name: /^Trainers saved/ })).toBeVisible();
    await admin.close();
    await page.goto(sessionUrl);
    await expect(page.getByRole('link', { name: 'Change session details' })).toBeVisible();
    await page.goto('/trainer/');
    await expect(page.getByRole('list', { name: 'Courses you run' })).toContainText(course.title);
  });

  test('the owner must be a trainer: the admin form explains and keeps the answers', async ({ signInAs, page }) => {
    await signInAs('admin');
    await page.goto('/admin/courses');
    await page.getByRole('link', { name: /^Change trainers for / }).first().click();
    await page.getByLabel('Owner', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Save trainers' }).click();
    await expect(page.getByRole('alert')).toContainText('Select the trainer who owns the course');
    await expect(page.getByLabel('Owner', { exact: true })).toHaveValue('');
    await expectNoAxeViolations(page);
  });
});

test.describe('booking rules and calendars', () => {
  test('one place per course: a second session of the same course is refused with a clear message', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await createCourse(page);
    const swale = await addSession(page, course.id, { district: 'Swale' });
    await addSession(page, course.id, { district: 'Thanet', date: dateIn(40) });
    const pat = await demo(browser, 'practitioner', false);
    expect(await book(pat.page, swale.id)).toBe('booked');
    // The second session is booked through the course page, as a person would.
    await pat.page.goto(`/training/${course.slug}/`);
    await pat.page.locator('li.session', { hasText: 'Thanet' }).getByRole('button', { name: /Book a place/ }).click();
    await expect(pat.page).toHaveURL(/outcome=course-limit/);
    const second = pat.page.locator('li.session', { hasText: 'Thanet' });
    await expect(second.getByRole('heading', { name: 'You already have a place on another session of this course' })).toBeVisible();
    await expect(second.getByRole('link', { name: 'See your training bookings' })).toBeVisible();
    // axe needs JavaScript: check the same page in the trainer's browser.
    await page.goto(pat.page.url());
    await expect(page.getByRole('heading', { name: 'You already have a place on another session of this course' })).toBeVisible();
    await expectNoAxeViolations(page);
    await pat.close();
  });

  test('the calendar file names organiser and attendee, and Outlook and Google links carry UTC times', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await createCourse(page);
    const session = await addSession(page, course.id, { date: dateIn(20) });
    const pat = await demo(browser, 'practitioner');
    expect(await book(pat.page, session.id)).toBe('booked');
    await pat.page.goto('/account/bookings');
    const place = pat.page.locator('li.place', { hasText: course.title });
    await expectNoAxeViolations(pat.page);

    const ics = await (await pat.page.request.get((await place.getByRole('link', { name: /^Add to your calendar/ }).getAttribute('href'))!)).text();
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('organizer')).toBe('mailto:trainer@example.org');
    expect(vevent.getFirstProperty('organizer')!.getParameter('cn')).toBe('Tom Barker');
    const attendee = vevent.getFirstProperty('attendee')!;
    expect(attendee.getFirstValue()).toBe(`mailto:${pat.email}`);
    expect(attendee.getParameter('partstat')).toBe('ACCEPTED');
    const start = (vevent.getFirstPropertyValue('dtstart') as InstanceType<typeof ICAL.Time>).toJSDate();

    const outlook = new URL((await place.getByRole('link', { name: /^Add to Outlook/ }).getAttribute('href'))!);
    expect(outlook.origin + outlook.pathname).toBe('https://outlook.office.com/calendar/0/deeplink/compose');
    expect(outlook.searchParams.get('subject')).toBe(course.title);
    expect(outlook.searchParams.get('startdt')).toBe(start.toISOString().replace(/\.\d{3}/, ''));
    const google = new URL((await place.getByRole('link', { name: /^Add to Google Calendar/ }).getAttribute('href'))!);
    expect(google.searchParams.get('action')).toBe('TEMPLATE');
    expect(google.searchParams.get('text')).toBe(course.title);
    expect(google.searchParams.get('dates')).toMatch(/^\d{8}T\d{6}Z\/\d{8}T\d{6}Z$/);
    expect(google.searchParams.get('dates')!.split('/')[0]).toBe(start.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    await pat.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`giving up a place after the cut-off, with a reason (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ page, signInAs, browser }) => {
      await signInAs('trainer');
      const course = await createCourse(page);
      const session = await addSession(page, course.id, { capacity: 1, date: dateIn(10) });
      const sessionUrl = session.url;
      const pat = await demo(browser, 'practitioner', javaScriptEnabled);
      const wes = await demo(browser, 'moderator', javaScriptEnabled);
      expect(await book(pat.page, session.id)).toBe('booked');
      expect(await book(wes.page, session.id)).toBe('waiting');

      // Booking closes 336 hours (14 days) before the start: the cut-off has now passed.
      await editSession(page, session.id, { capacity: 1, date: dateIn(10), cutoffHours: 336 });

      await pat.page.goto('/account/bookings');
      const place = pat.page.locator('li.place', { hasText: course.title });
      await place.getByRole('link', { name: /^Give up your place after the cut-off/ }).click();
      await expect(pat.page.getByRole('heading', { level: 1, name: 'Give up your place after the cut-off' })).toBeVisible();
      await pat.page.getByRole('button', { name: 'Give up my place and tell the trainer' }).click();
      await expect(pat.page.getByRole('alert')).toContainText('Enter why you are giving up your place');
      await expect(pat.page.getByLabel('Why are you giving up your place?')).toHaveAttribute('aria-invalid', 'true');
      if (javaScriptEnabled) await expectNoAxeViolations(pat.page);
      await pat.page.getByLabel('Why are you giving up your place?').fill('Called to an urgent visit');
      await pat.page.getByRole('button', { name: 'Give up my place and tell the trainer' }).click();
      await expect(pat.page.getByRole('heading', { name: /You have given up your place on/ })).toBeVisible();

      // The trainer is e-mailed and sees it on the session; the seat went to the waiting list.
      const mail = await mailTo('trainer@example.org', new RegExp(`Place given up after the cut-off: ${course.title}`));
      expect(mail).toContain('Called to an urgent visit');
      await page.goto(sessionUrl);
      await expect(page.locator('[data-late-cancellations]')).toContainText('Called to an urgent visit');
      await expect(page.getByRole('table', { name: 'People with places' })).toContainText(wes.name);
      await expect(page.getByRole('table', { name: 'People with places' })).toContainText('Offered a place');
      await mailTo(wes.email, new RegExp(`A place is free: ${course.title}`));
      await expectNoAxeViolations(page);
      await pat.close();
      await wes.close();
    });
  }
});
