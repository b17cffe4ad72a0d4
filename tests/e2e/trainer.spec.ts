import type { Browser, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, mailTo, signInAsDemo, test } from './fixtures.ts';

/** A date some weeks ahead, as the date box takes it (YYYY-MM-DD). */
function futureDate(days = 30): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Creates a course through the form and returns its title and page address. */
async function createCourse(page: Page, title = `Trauma-informed practice ${unique()}`): Promise<{ title: string; url: string; slug: string }> {
  await page.goto('/trainer/courses/new');
  await page.getByLabel('Course title').fill(title);
  await page.getByLabel('Summary').fill('Working with families who have lived through trauma.');
  await page.getByLabel('Who the course is for').fill('Lead workers and key workers.');
  await page.getByLabel('Learning outcomes').fill('Recognise trauma responses\nPlan safe contact');
  await page.getByLabel('Critical reflection and analysis').check();
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.getByRole('heading', { name: 'Course created' })).toBeVisible();
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { title, url: page.url().replace(/\?.*$/, ''), slug };
}

/** Adds a session from the course page and returns the session page address. */
async function addSession(page: Page, courseUrl: string, { capacity = 3, date = futureDate() } = {}): Promise<string> {
  await page.goto(courseUrl);
  await page.getByRole('link', { name: 'Add a session' }).click();
  await page.getByLabel('Date').fill(date);
  await page.getByLabel('Start time').fill('10:00');
  await page.getByLabel('Hours', { exact: true }).fill('2');
  await page.getByLabel('In person').check();
  await page.getByLabel('Venue or joining details').fill('Swale Gateway, Sittingbourne');
  await page.getByLabel('District').selectOption('Swale');
  await page.getByLabel('Number of places').fill(String(capacity));
  await page.getByRole('button', { name: 'Add session' }).click();
  await expect(page.getByRole('heading', { name: /Session added/ })).toBeVisible();
  return page.url().replace(/\?.*$/, '');
}

/** Signs a demo account in on its own browser and books a place on the course's only session. */
async function bookAs(browser: Browser, role: 'practitioner' | 'moderator' | 'admin', slug: string): Promise<void> {
  const n = () => Math.floor(Math.random() * 250) + 1;
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': `10.${n()}.${n()}.${n()}` } });
  const page = await context.newPage();
  await signInAsDemo(browser, role, page);
  await page.goto(`/training/${slug}/`);
  const book = page.getByRole('button', { name: /Book a place|Join the waiting list/ });
  await expect(book).toHaveCount(1);
  await book.click();
  await expect(page).toHaveURL(/outcome=(booked|waiting)/);
  await context.close();
}

test.describe("trainer's desk", () => {
  test('create a course, with errors first and answers kept', async ({ page, signInAs }) => {
    await signInAs('trainer');
    await page.goto('/trainer/');
    await expect(page.getByRole('heading', { level: 1, name: 'Trainer’s desk' })).toBeVisible();
    await expectNoAxeViolations(page);

    // A course with no title and no domain: two messages, everything else kept.
    await page.getByRole('link', { name: 'Create a course' }).first().click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Summary').fill('Working with families who have lived through trauma.');
    await page.getByLabel('Who the course is for').fill('Lead workers.');
    await page.getByLabel('Learning outcomes').fill('Recognise trauma responses');
    await page.getByRole('button', { name: 'Create course' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(['Enter the course title', 'Select at least one Skills Matrix domain']);
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.getByLabel('Summary')).toHaveValue('Working with families who have lived through trauma.');
    await expect(page.getByLabel('Learning outcomes')).toHaveValue('Recognise trauma responses');
    await expectNoAxeViolations(page);

    // A slug that is taken.
    const title = `Trauma-informed practice ${unique()}`;
    await page.getByLabel('Course title').fill(title);
    await page.getByLabel('Web address name (optional)').fill('lead-worker-training');
    await page.getByLabel('Critical reflection and analysis').check();
    await page.getByRole('button', { name: 'Create course' }).click();
    await expect(page.getByRole('alert')).toContainText('Another course already uses this web address name');
    await expect(page.getByLabel('Critical reflection and analysis')).toBeChecked();
    await page.getByLabel('Web address name (optional)').fill('');
    await page.getByRole('button', { name: 'Create course' }).click();
    await expect(page.getByRole('heading', { name: 'Course created' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByLabel('Web address name (optional)')).toHaveValue(title.toLowerCase().replace(/ /g, '-'));
    await expectNoAxeViolations(page);
  });

  test('add a session, with errors first and answers kept; it shows on the desk and the course page', async ({ page, signInAs }) => {
    await signInAs('trainer');
    const { title, url } = await createCourse(page);
    await page.goto(url);

    // A session in the past with no places: refused, answers kept.
    await page.getByRole('link', { name: 'Add a session' }).click();
    await expectNoAxeViolations(page);
    await page.getByLabel('Date').fill('2020-01-06');
    await page.getByLabel('Start time').fill('09:30');
    await page.getByLabel('Hours', { exact: true }).fill('1');
    await page.getByLabel('Minutes', { exact: true }).fill('30');
    await page.getByLabel('In person').check();
    await page.getByLabel('Venue or joining details').fill('Gateway, Maidstone');
    await page.getByLabel('Number of places').fill('none');
    await page.getByRole('button', { name: 'Add session' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveText([
      'The session must start in the future',
      'Select the district where the session is held',
      'Number of places must be a whole number, like 20',
    ]);
    await expect(page.getByLabel('Venue or joining details')).toHaveValue('Gateway, Maidstone');
    await expect(page.getByLabel('Minutes', { exact: true })).toHaveValue('30');
    await expect(page.getByLabel('In person')).toBeChecked();
    await expectNoAxeViolations(page);

    await page.getByLabel('Date').fill(futureDate(40));
    await page.getByLabel('District').selectOption('Maidstone');
    await page.getByLabel('Number of places').fill('12');
    await page.getByRole('button', { name: 'Add session' }).click();
    await expect(page.getByRole('heading', { name: /Session added/ })).toBeVisible();
    await expect(page.getByText('0 of 12 (0%)')).toBeVisible();
    await expect(page.getByText('Nobody has a place yet.')).toBeVisible();
    await expectNoAxeViolations(page);

    // On the desk, in the table and the chart.
    await page.goto('/trainer/');
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText('0 of 12');
    await expect(row).toContainText('Maidstone');
    await expect(row).toContainText('Booking open');
    // The course's own page lists the session the same way, linked to its register.
    await page.getByRole('link', { name: title, exact: true }).click();
    const courseRow = page.getByRole('table', { name: `Sessions of ${title}` }).getByRole('row').nth(1);
    await expect(courseRow).toContainText('0 of 12');
    await expect(courseRow).toContainText('Booking open');
    await courseRow.getByRole('link').click();
    await expect(page.getByText('Nobody has a place yet.')).toBeVisible();
    await page.goto('/trainer/');
    await expect(page.getByRole('list', { name: 'How full upcoming sessions are' }).getByRole('listitem').filter({ hasText: title })).toContainText(
      '0 of 12 (0%)',
    );
  });

  test('places, capacity below booked, the waiting list, CSV and cancelling', async ({ page, signInAs, browser }) => {
    test.slow();
    await signInAs('trainer');
    const course = await createCourse(page);
    const sessionUrl = await addSession(page, course.url, { capacity: 2 });

    await bookAs(browser, 'practitioner', course.slug);
    await bookAs(browser, 'moderator', course.slug);
    await bookAs(browser, 'admin', course.slug);

    await page.goto(sessionUrl);
    await expect(page.getByText('2 of 2 (100%)')).toBeVisible();
    const held = page.getByRole('table', { name: 'People with places' });
    await expect(held).toContainText('Priya Shah');
    await expect(held).toContainText('Kent Police');
    await expect(page.getByRole('table', { name: 'Waiting list, in queue order' })).toContainText('Alex Morgan');
    await expect(page.getByText(/You can mark who attended once the session starts/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save the register' })).toHaveCount(0);
    // History of a place.
    await page.locator('summary', { hasText: 'History' }).first().click();
    await expect(page.getByText(/Booked a place, by Priya Shah/)).toBeVisible();
    await expectNoAxeViolations(page);

    // The session is full: moving someone from the waiting list is refused.
    await page.getByRole('button', { name: 'Give a place to Alex Morgan' }).click();
    await expect(page.getByRole('alert')).toContainText('There are no free places, so Alex Morgan cannot be moved from the waiting list');
    await expectNoAxeViolations(page);

    // Capacity below the places held is refused; raising it works.
    await page.getByRole('link', { name: 'Change session details' }).click();
    await expect(page.getByText(/we will email everyone who has a place or is on the waiting list/)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Number of places').fill('1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(['2 people already have places, so the capacity cannot be less than 2']);
    await expect(page.getByLabel('Number of places')).toHaveValue('1');
    await expect(page.getByLabel('Venue or joining details')).toHaveValue('Swale Gateway, Sittingbourne');
    await expectNoAxeViolations(page);
    await page.getByLabel('Number of places').fill('3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { name: /Session details saved/ })).toBeVisible();
    // The new seat is offered to Alex, first in the queue.
    await expect(page.getByRole('table', { name: 'People with places' })).toContainText('Offered a place');

    // CSV.
    const csv = await page.request.get(`${sessionUrl}/attendees.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const body = (await csv.body()).toString('utf8');
    expect(body.startsWith('\uFEFFName,Organisation,Email,Status')).toBe(true);
    expect(body).toContain('Priya Shah,Kent Police,practitioner@example.org,Booked');

    // Cancel, with a reason.
    await page.getByRole('link', { name: 'Cancel this session' }).click();
    await expect(page.getByText(/we will email the 3 people/)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Cancel session and email everyone' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(['Enter the reason for cancelling the session']);
    await expectNoAxeViolations(page);
    await page.getByLabel('Reason for cancelling').fill('The trainer is unwell');
    await page.getByRole('button', { name: 'Cancel session and email everyone' }).click();
    await expect(page.getByRole('heading', { name: 'Session cancelled. 3 people have been emailed' })).toBeVisible();
    await expect(page.getByText('This session has been cancelled. Reason: The trainer is unwell')).toBeVisible();
    await expectNoAxeViolations(page);
    const mail = await mailTo('practitioner@example.org', new RegExp(`Session cancelled: ${course.title}`));
    expect(mail).toContain('The trainer is unwell');

    await page.goto('/trainer/');
    await expect(page.getByRole('row').filter({ hasText: course.title })).toContainText('Cancelled');
  });

  test('a new session with nobody booked can be cancelled, and the CSV has its header row', async ({ page, signInAs }) => {
    await signInAs('trainer');
    const course = await createCourse(page);
    const sessionUrl = await addSession(page, course.url, { capacity: 5 });
    const csv = await page.request.get(`${sessionUrl}/attendees.csv`);
    expect(readableHeader((await csv.body()).toString('utf8'))).toBe('Name,Organisation,Email,Status,Place on waiting list,Offer open until');
    await page.goto(`${sessionUrl}/cancel`);
    await page.getByLabel('Reason for cancelling').fill('Venue closed');
    await page.getByRole('button', { name: 'Cancel session and email everyone' }).click();
    await expect(page.getByRole('heading', { name: 'Session cancelled. 0 people have been emailed' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Change session details' })).toHaveCount(0);
  });

  test('practitioners are refused and visitors are sent to sign in', async ({ page, signInAs }) => {
    const anonymous = await page.goto('/trainer/');
    expect(anonymous?.url()).toContain('/login?returnTo=%2Ftrainer%2F');
    await signInAs('practitioner');
    for (const path of ['/trainer/', '/trainer/courses/new', '/trainer/sessions/1/attendees.csv']) {
      const response = await page.goto(path).catch(() => null);
      if (response) expect(response.status(), path).toBe(403);
    }
  });
});

function readableHeader(csv: string): string {
  return csv.replace(/^\uFEFF/, '').split('\r\n')[0]!;
}


test.describe('attendance, without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a trainer marks attendance once the session has started, and it counts towards Skills Matrix progress', async ({ page, signInAs, browser }) => {
    test.slow();
    await signInAs('trainer');
    const course = await createCourse(page);
    const sessionUrl = await addSession(page, course.url, { capacity: 2 });
    await bookAs(browser, 'admin', course.slug);

    // Before the start, attendance cannot be marked yet.
    await page.goto(sessionUrl);
    await expect(page.getByText(/You can mark who attended once the session starts/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save the register' })).toHaveCount(0);

    // The session took place yesterday (a trainer correcting the record after the event).
    await page.goto(`${sessionUrl}/edit`);
    await page.getByLabel('Date').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.goto(sessionUrl);
    await page.getByRole('radio', { name: /^Attended\s*: Alex Morgan$/ }).check();
    await page.getByRole('button', { name: 'Save the register' }).click();
    await expect(page.getByRole('heading', { name: 'Register saved. 1 place updated' })).toBeVisible();

    // The attendee's progress now shows the course's domain as covered.
    const n = () => Math.floor(Math.random() * 250) + 1;
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'X-Forwarded-For': `10.${n()}.${n()}.${n()}` } });
    const admin = await context.newPage();
    await signInAsDemo(browser, 'admin', admin);
    await admin.goto('/account/skills');
    await expect(admin.locator('body')).toContainText(course.title);
    await context.close();
  });
});
