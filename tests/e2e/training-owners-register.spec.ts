import type { Browser, Page } from '@playwright/test';
import ICAL from 'ical.js';
import { expect, expectNoAxeViolations, freshAccount, mailTo, test, type DemoRole } from './fixtures.ts';

// Course owners and co-trainers, the attendance register, one place per course, giving up a
// place after the cut-off and calendar files. Each test makes its own course, so tests
// running side by side never share a session.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A date some days ahead (or back, when negative), as the date box takes it. */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function newContext(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const n = () => Math.floor(Math.random() * 250) + 1;
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': `10.${n()}.${n()}.${n()}` } });
  return context.newPage();
}

async function createCourse(page: Page, placesPerPerson?: string): Promise<{ title: string; url: string; slug: string; id: string }> {
  const title = `Restorative practice ${unique()}`;
  await page.goto('/trainer/courses/new');
  await page.getByLabel('Course title').fill(title);
  await page.getByLabel('Summary').fill('Working restoratively with families.');
  await page.getByLabel('Who the course is for').fill('Lead workers.');
  await page.getByLabel('Learning outcomes').fill('Run a family meeting');
  await page.getByLabel('Critical reflection and analysis').check();
  if (placesPerPerson) await page.getByLabel('Sessions one person can book').fill(placesPerPerson);
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.getByRole('heading', { name: 'Course created' })).toBeVisible();
  const url = page.url().replace(/\?.*$/, '');
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { title, url, slug, id: url.split('/').pop()! };
}

async function addSession(page: Page, courseUrl: string, { capacity = 3, date = dateIn(30), district = 'Swale' } = {}): Promise<string> {
  await page.goto(courseUrl);
  await page.getByRole('link', { name: 'Add a session' }).click();
  await page.getByLabel('Date').fill(date);
  await page.getByLabel('Start time').fill('10:00');
  await page.getByLabel('Hours', { exact: true }).fill('2');
  await page.getByLabel('In person').check();
  await page.getByLabel('Venue or joining details').fill(`${district} Gateway`);
  await page.getByLabel('District').selectOption(district);
  await page.getByLabel('Number of places').fill(String(capacity));
  await page.getByRole('button', { name: 'Add session' }).click();
  await expect(page.getByRole('heading', { name: /Session added/ })).toBeVisible();
  return page.url().replace(/\?.*$/, '');
}

const DEMO = {
  practitioner: { name: 'Priya Shah', email: 'practitioner@example.org' },
  moderator: { name: 'Megan Hollis', email: 'moderator@example.org' },
} as const;

/**
 * A demo account signed in on a browser of its own. Safe to share between tests here: each
 * test books only on a course it has just created.
 */
async function demo(browser: Browser, role: 'practitioner' | 'moderator', signInAs: (role: DemoRole, page?: Page) => Promise<void>, javaScriptEnabled = true) {
  const page = await newContext(browser, javaScriptEnabled);
  await signInAs(role, page);
  return { page, ...DEMO[role] };
}

/** A register radio by its visible choice and the person's name. */
const mark = (page: Page, choice: 'Attended' | 'Did not attend', name: string) => page.getByRole('radio', { name: new RegExp(`^${choice}\\s*: ${name}$`) });

async function book(page: Page, slug: string, district: string): Promise<void> {
  await page.goto(`/training/${slug}/`);
  await page.locator('li.session', { hasText: district }).getByRole('button', { name: /Book a place|Join the waiting list/ }).click();
  await expect(page).toHaveURL(/outcome=/);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`the attendance register, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('one form marks everyone on the session, and history records each change', async ({ page, signInAs, browser }) => {
      test.slow();
      await signInAs('trainer');
      const course = await createCourse(page);
      const sessionUrl = await addSession(page, course.url, { capacity: 3 });
      const anna = await demo(browser, 'practitioner', signInAs);
      const ben = await demo(browser, 'moderator', signInAs);
      await book(anna.page, course.slug, 'Swale');
      await book(ben.page, course.slug, 'Swale');

      // The session took place yesterday.
      await page.goto(`${sessionUrl}/edit`);
      await page.getByLabel('Date').fill(dateIn(-1));
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.goto(sessionUrl);
      const register = page.locator('form.register');
      await expect(register.getByRole('button', { name: 'Save the register' })).toHaveCount(1);
      if (javaScriptEnabled) await expectNoAxeViolations(page);

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
      await anna.page.context().close();
      await ben.page.context().close();
    });
  });
}

test.describe('course owners and co-trainers', () => {
  test('another trainer sees the course but cannot change it; an admin reassigns it, with the audit trail', async ({ page, signInAs, browser }) => {
    test.slow();
    await signInAs('trainer');
    const course = await createCourse(page);
    const sessionUrl = await addSession(page, course.url);
    await expect(page.getByRole('link', { name: 'Change session details' })).toBeVisible();

    // A second trainer: a new account that an administrator makes a trainer.
    const other = await newContext(browser);
    const { email } = await freshAccount(other, { name: `Olu Owner ${unique()}` });
    const admin = await newContext(browser);
    await signInAs('admin', admin);
    await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await admin.getByRole('row').filter({ hasText: email }).getByRole('button', { name: /^Make trainer/ }).click();
    await expect(admin.getByRole('heading', { name: 'Role granted' })).toBeVisible();

    // The admin hands the course to the new trainer.
    await admin.goto('/admin/courses');
    await expect(admin.getByRole('heading', { level: 1, name: 'Who runs each training course' })).toBeVisible();
    await expectNoAxeViolations(admin);
    await admin.getByRole('link', { name: `Change trainers for ${course.title}` }).click();
    await expect(admin.getByLabel('Owner', { exact: true })).toHaveValue(/\d+/);
    const option = admin.getByLabel('Owner', { exact: true }).locator('option', { hasText: email });
    await admin.getByLabel('Owner', { exact: true }).selectOption((await option.getAttribute('value'))!);
    await admin.getByRole('button', { name: 'Save trainers' }).click();
    await expect(admin.getByRole('heading', { name: /^Trainers saved/ })).toBeVisible();
    await expectNoAxeViolations(admin);

    // The demo trainer no longer runs it: read only, no people, and every change refused.
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

    // Added back as a co-trainer, the demo trainer can change it again.
    await admin.goto(`/admin/courses/${course.id}`);
    await admin.getByLabel('Tom Barker (trainer@example.org)').check();
    await admin.getByRole('button', { name: 'Save trainers' }).click();
    await expect(admin.getByRole('heading', { name: /^Trainers saved/ })).toBeVisible();
    await page.goto(sessionUrl);
    await expect(page.getByRole('link', { name: 'Change session details' })).toBeVisible();
    await page.goto('/trainer/');
    await expect(page.getByRole('list', { name: 'Courses you run' })).toContainText(course.title);
    await other.context().close();
    await admin.context().close();
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
    test.slow();
    await signInAs('trainer');
    const course = await createCourse(page);
    await addSession(page, course.url, { district: 'Swale' });
    await addSession(page, course.url, { district: 'Thanet', date: dateIn(40) });
    const pat = await demo(browser, 'practitioner', signInAs, false);
    await book(pat.page, course.slug, 'Swale');
    await book(pat.page, course.slug, 'Thanet');
    await expect(pat.page).toHaveURL(/outcome=course-limit/);
    const second = pat.page.locator('li.session', { hasText: 'Thanet' });
    await expect(second.getByRole('heading', { name: 'You already have a place on another session of this course' })).toBeVisible();
    await expect(second.getByRole('link', { name: 'See your training bookings' })).toBeVisible();
    // axe needs JavaScript: check the same page in the trainer's browser.
    await page.goto(pat.page.url());
    await expect(page.getByRole('heading', { name: 'You already have a place on another session of this course' })).toBeVisible();
    await expectNoAxeViolations(page);
    await pat.page.context().close();
  });

  test('the calendar file names organiser and attendee, and Outlook and Google links carry UTC times', async ({ page, signInAs, browser }) => {
    test.slow();
    await signInAs('trainer');
    const course = await createCourse(page);
    await addSession(page, course.url, { date: dateIn(20) });
    const pat = await demo(browser, 'practitioner', signInAs);
    await book(pat.page, course.slug, 'Swale');
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
    await pat.page.context().close();
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`giving up a place after the cut-off, with a reason (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ page, signInAs, browser }) => {
      test.slow();
      await signInAs('trainer');
      const course = await createCourse(page);
      const sessionUrl = await addSession(page, course.url, { capacity: 1, date: dateIn(10) });
      const pat = await demo(browser, 'practitioner', signInAs, javaScriptEnabled);
      const wes = await demo(browser, 'moderator', signInAs, javaScriptEnabled);
      await book(pat.page, course.slug, 'Swale');
      await book(wes.page, course.slug, 'Swale');

      // Booking closes 336 hours (14 days) before the start: the cut-off has now passed.
      await page.goto(`${sessionUrl}/edit`);
      await page.getByLabel('Booking closes (hours before the start)').fill('336');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByRole('heading', { name: /Session details saved/ })).toBeVisible();

      await pat.page.goto('/account/bookings');
      const place = pat.page.locator('li.place', { hasText: course.title });
      await place.getByRole('link', { name: /^Give up your place after the cut-off/ }).click();
      await expect(pat.page.getByRole('heading', { level: 1, name: 'Give up your place after the cut-off' })).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(pat.page);
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
      await pat.page.context().close();
      await wes.page.context().close();
    });
  }
});
