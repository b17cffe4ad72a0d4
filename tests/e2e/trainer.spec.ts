import type { Browser, Page } from '@playwright/test';
import { demoMember, expect, expectNoAxeViolations, mailTo, test } from './fixtures.ts';
import { addSession, book, createCourse, dateIn, editSession, type Course, type Session } from './http.ts';

// The trainer's desk. Courses, sessions and bookings that a test needs before the part it is
// about are set up over HTTP (http.ts); creating a course and adding a session through the
// forms are the first two tests.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * A new course with one session of two places, in Swale in 30 days, which the demo
 * practitioner (Priya Shah, Kent Police) and moderator have booked and the demo admin (Alex
 * Morgan) is waiting for. The demo accounts book nothing else on the course, so tests side by
 * side never share it.
 */
async function fullSession(trainer: Page, browser: Browser): Promise<{ course: Course; session: Session }> {
  const course = await createCourse(trainer, { title: `Trauma-informed practice ${unique()}` });
  const session = await addSession(trainer, course.id, { capacity: 2, venue: 'Swale Gateway, Sittingbourne' });
  for (const [role, outcome] of [['practitioner', 'booked'], ['moderator', 'booked'], ['admin', 'waiting']] as const) {
    const member = await demoMember(browser, role);
    expect(await book(member.page, session.id), `${role} booking`).toBe(outcome);
    await member.close();
  }
  return { course, session };
}

test.describe("trainer's desk", () => {
  test('create a course, with errors first and answers kept', async ({ page, signInAs }) => {
    await signInAs('trainer');
    await page.goto('/trainer/');
    await expect(page.getByRole('heading', { level: 1, name: 'Trainer’s desk' })).toBeVisible();
    await expectNoAxeViolations(page);

    // A course with no title and no domain: two messages, everything else kept. Axe checks the
    // form with its messages showing (here and on other forms), not again without them.
    await page.getByRole('link', { name: 'Create a course' }).first().click();
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
    const { title, url } = await createCourse(page, { title: `Trauma-informed practice ${unique()}` });
    await page.goto(url);

    // A session in the past with no places: refused, answers kept.
    await page.getByRole('link', { name: 'Add a session' }).click();
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

    await page.getByLabel('Date').fill(dateIn(40));
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

  test('a full session: who holds places and who waits, each place\'s history, and the CSV', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const { session } = await fullSession(page, browser);

    await page.goto(session.url);
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

    const csv = await page.request.get(`${session.url}/attendees.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const body = (await csv.body()).toString('utf8');
    expect(body.startsWith('\uFEFFName,Organisation,Email,Status')).toBe(true);
    expect(body).toContain('Priya Shah,Kent Police,practitioner@example.org,Booked');
  });

  test('capacity below the places held is refused with the answers kept; raising it offers the seat to the first in the queue', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const { session } = await fullSession(page, browser);
    await page.goto(session.url);
    await page.getByRole('link', { name: 'Change session details' }).click();
    await expect(page.getByText(/we will email everyone who has a place or is on the waiting list/)).toBeVisible();
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
    await expect(page.getByRole('table', { name: 'People with places' }).getByRole('row').filter({ hasText: 'Alex Morgan' })).toContainText('Offered a place');
  });

  test('cancelling a session asks for a reason, then emails everyone with a place or waiting', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const { course, session } = await fullSession(page, browser);
    await page.goto(session.url);
    await page.getByRole('link', { name: 'Cancel this session' }).click();
    await expect(page.getByText(/we will email the 3 people/)).toBeVisible();
    await page.getByRole('button', { name: 'Cancel session and email everyone' }).click();
    await expect(page.getByRole('alert').getByRole('link')).toHaveText(['Enter the reason for cancelling the session']);
    await expectNoAxeViolations(page);
    await page.getByLabel('Reason for cancelling').fill('The trainer is unwell');
    await page.getByRole('button', { name: 'Cancel session and email everyone' }).click();
    await expect(page.getByRole('heading', { name: 'Session cancelled. 3 people have been emailed' })).toBeVisible();
    await expect(page.getByText('This session has been cancelled. Reason: The trainer is unwell')).toBeVisible();
    await expectNoAxeViolations(page);
    for (const to of ['practitioner@example.org', 'moderator@example.org', 'admin@example.org']) {
      expect(await mailTo(to, new RegExp(`Session cancelled: ${course.title}`)), to).toContain('The trainer is unwell');
    }

    await page.goto('/trainer/');
    await expect(page.getByRole('row').filter({ hasText: course.title })).toContainText('Cancelled');
  });

  test('a new session with nobody booked can be cancelled, and the CSV has its header row', async ({ page, signInAs }) => {
    await signInAs('trainer');
    const course = await createCourse(page);
    const { url: sessionUrl } = await addSession(page, course.id, { capacity: 5 });
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
    await signInAs('trainer');
    const course = await createCourse(page);
    const session = await addSession(page, course.id, { capacity: 2 });
    const admin = await demoMember(browser, 'admin', { javaScriptEnabled: false });
    expect(await book(admin.page, session.id)).toBe('booked');

    // Before the start, attendance cannot be marked yet.
    await page.goto(session.url);
    await expect(page.getByText(/You can mark who attended once the session starts/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save the register' })).toHaveCount(0);

    // The session took place yesterday (a trainer correcting the record after the event).
    await editSession(page, session.id, { capacity: 2, date: dateIn(-1) });
    await page.goto(session.url);
    await page.getByRole('radio', { name: /^Attended\s*: Alex Morgan$/ }).check();
    await page.getByRole('button', { name: 'Save the register' }).click();
    await expect(page.getByRole('heading', { name: 'Register saved. 1 place updated' })).toBeVisible();

    // The attendee's progress now shows the course's domain as covered.
    await admin.page.goto('/account/skills');
    await expect(admin.page.locator('body')).toContainText(course.title);
    await admin.close();
  });
});
