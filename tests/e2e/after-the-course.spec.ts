import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, expectNoAxeViolations, freshMember, test, uniqueName } from './fixtures.ts';
import { postForm } from './http.ts';

// After a course: the attendance register unlocks an evaluation, trainers see results only
// in aggregate and only from five answers, certificates of attendance (PDF) that anyone can
// check, the Skills Matrix record as CSV and PDF, and the service's terms for someone who
// twice booked and did not come. Each test makes its own course and members, over HTTP
// (http.ts) where the forms have tests of their own.

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const UK_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const CODE = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

const SESSION_FIELDS = (date: string): [string, string][] => [
  ['date', date],
  ['time', '10:00'],
  ['durationHours', '2'],
  ['durationMinutes', '30'],
  ['mode', 'online'],
  ['venue', 'Microsoft Teams'],
  ['capacity', '10'],
  ['cutoffHours', '24'],
];

/** A course the signed-in trainer creates (set-up over HTTP: course forms have tests of their own). */
async function newCourse(trainer: Page): Promise<{ id: string; title: string; slug: string }> {
  const title = `Working with fathers ${unique()}`;
  const location = await postForm(trainer, '/trainer/courses/new', [
    ['title', title],
    ['slug', ''],
    ['summary', 'Engaging fathers and male carers.'],
    ['audience', 'Lead workers.'],
    ['outcomes', 'Plan a first visit'],
    ['domains', 'critical-reflection-and-analysis'],
    ['domains', 'systems-and-it'],
    ['placesPerPerson', '1'],
  ]);
  const id = /\/trainer\/courses\/(\d+)/.exec(location)![1]!;
  return { id, title, slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') };
}

/** A session of the course in 30 days, booked by each member; returns the session's id. */
async function bookedSession(trainer: Page, courseId: string, members: readonly Page[]): Promise<string> {
  const location = await postForm(trainer, `/trainer/courses/${courseId}/sessions/new`, SESSION_FIELDS(dateIn(30)));
  const sessionId = /\/trainer\/sessions\/(\d+)/.exec(location)![1]!;
  for (const member of members) expect(await postForm(member, `/training/sessions/${sessionId}/book`, [])).toContain('outcome=booked');
  return sessionId;
}

/** Moves the session to yesterday, then marks each person on the register, through the page. */
async function markRegister(trainer: Page, sessionId: string, marks: readonly [string, 'Attended' | 'Did not attend'][]): Promise<void> {
  await postForm(trainer, `/trainer/sessions/${sessionId}/edit`, SESSION_FIELDS(dateIn(-1)));
  await trainer.goto(`/trainer/sessions/${sessionId}`);
  for (const [name, choice] of marks) await trainer.getByRole('radio', { name: new RegExp(`^${choice}\\s*: ${name}$`) }).check();
  await trainer.getByRole('button', { name: 'Save the register' }).click();
  await expect(trainer.getByRole('heading', { name: /^Register saved/ })).toBeVisible();
}

/** `n` new members, each signed in on a browser of their own, with their names. */
async function members(browser: Browser, n: number, javaScriptEnabled = true) {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const name = uniqueName('Evie Attendee');
      return { ...(await freshMember(browser, { name, javaScriptEnabled })), name };
    }),
  );
}

/** The text of every page of a PDF, read with Mozilla's PDF.js. */
async function pdfText(bytes: Uint8Array): Promise<{ text: string; title: string }> {
  const pdf = await getDocument({ data: bytes }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  const info = (await pdf.getMetadata()).info as { Title?: string };
  return { text: pages.join('\n'), title: info.Title ?? '' };
}

async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

const scale = (page: Page, legend: string, label: string) => page.getByRole('group', { name: legend }).getByLabel(label, { exact: true });

/** A new member with a place the trainer (signed in on `trainer`) has marked attended, on a course of its own. */
async function attendee(trainer: Page, browser: Browser, javaScriptEnabled: boolean, name = uniqueName('Evie Attendee')) {
  const course = await newCourse(trainer);
  const member = { ...(await freshMember(browser, { name, javaScriptEnabled })), name };
  const sessionId = await bookedSession(trainer, course.id, [member.page]);
  // Before the register is marked, there is nothing to evaluate or certify.
  await member.page.goto('/account/bookings');
  await expect(member.page.getByRole('link', { name: /^Tell us what you thought|^Download your certificate/ })).toHaveCount(0);
  await markRegister(trainer, sessionId, [[member.name, 'Attended']]);
  return { course, sessionId, member, me: member.page };
}

/** Chooses an answer on each of the evaluation's three scales. */
async function answerScales(me: Page): Promise<void> {
  await scale(me, 'How useful was the course for your work?', '4: Very useful').check();
  await scale(me, 'Before the course, how confident did you feel about its subject?', '2: A little confident').check();
  await scale(me, 'How confident do you feel about it now?', '4: Very confident').check();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`evaluating a course, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('attendance unlocks the form; problems are shown beside the answers, which are kept', async ({ page, signInAs, browser }) => {
      await signInAs('trainer');
      const { course, member, me } = await attendee(page, browser, javaScriptEnabled);
      await me.goto('/account/bookings');
      await me.getByRole('link', { name: /^Tell us what you thought/ }).click();
      await expect(me.getByRole('heading', { level: 1, name: `Evaluate ${course.title}` })).toBeVisible();

      // Nothing chosen: one message per question, in a summary at the top and beside each.
      await me.getByRole('button', { name: 'Send your evaluation' }).click();
      const summary = me.getByRole('alert');
      await expect(summary.getByRole('link')).toHaveText([
        'Select how useful the course was for your work',
        'Select how confident you felt before the course',
        'Select how confident you feel now',
      ]);
      await expect(me.locator('#usefulness-error')).toContainText('Select how useful the course was for your work');
      await summary.getByRole('link', { name: 'Select how confident you feel now' }).click();
      await expect(me).toHaveURL(/#confidenceAfter-1$/);

      // A comment that identifies someone is refused as the forum refuses it, answers kept.
      await answerScales(me);
      await me.getByLabel('What was most useful? (optional)').fill('Practising the first phone call');
      await me.getByLabel('What could be better? (optional)').fill('Mrs Khan at 14 Station Road kept interrupting');
      await me.getByRole('button', { name: 'Send your evaluation' }).click();
      await expect(me.getByRole('alert')).toContainText('Your answer may identify someone. Remove the personal details before you send it');
      await expect(me.locator('#improve-error')).toContainText('Your answer may identify someone');
      await expect(me.locator('#guard')).toContainText('We have not sent your evaluation');
      await expect(me.getByLabel('What could be better? (optional)')).toHaveValue('Mrs Khan at 14 Station Road kept interrupting');
      await expect(me.getByLabel('What was most useful? (optional)')).toHaveValue('Practising the first phone call');
      await expect(scale(me, 'How useful was the course for your work?', '4: Very useful')).toBeChecked();
      await expect(scale(me, 'How confident do you feel about it now?', '4: Very confident')).toBeChecked();
      if (javaScriptEnabled) await expectNoAxeViolations(me);
      await member.close();
    });

    test('an attendee answers once; the trainer sees only that one person has answered', async ({ page, signInAs, browser }) => {
      await signInAs('trainer');
      const { course, member, me } = await attendee(page, browser, javaScriptEnabled);
      await me.goto('/account/bookings');
      await me.getByRole('link', { name: /^Tell us what you thought/ }).click();
      await answerScales(me);
      await me.getByLabel('What could be better? (optional)').fill('More time for questions');
      await me.getByRole('button', { name: 'Send your evaluation' }).click();
      await expect(me.getByRole('heading', { level: 1, name: 'Evaluation sent' })).toBeVisible();
      if (javaScriptEnabled) await expectNoAxeViolations(me);
      const formUrl = me.url().replace(/\?.*$/, '');

      // Once only.
      await me.goto(formUrl);
      await expect(me.getByRole('heading', { level: 1, name: 'You have already sent your evaluation' })).toBeVisible();
      await me.goto('/account/bookings');
      await expect(me.locator('[data-evaluated]')).toHaveText('Evaluation sent');
      await expect(me.getByRole('link', { name: /^Tell us what you thought/ })).toHaveCount(0);
      await expect(me.getByRole('link', { name: /^Download your certificate \(PDF\)/ })).toHaveCount(1);
      if (javaScriptEnabled) await expectNoAxeViolations(me);

      // The trainer sees that one person has answered, and nothing more.
      await page.goto(`/trainer/courses/${course.id}`);
      await page.getByRole('link', { name: 'See what attendees thought of the course' }).click();
      await expect(page.locator('[data-results-pending]')).toHaveText('Results appear once 5 people have answered; 1 so far.');
      await expect(page.locator('main')).not.toContainText('More time for questions');
      await member.close();
    });
  });
}

test.describe('evaluation results', () => {
  test('the trainer sees counts, the change in confidence and comments from the fifth answer, never names', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await newCourse(page);
    // Five attendees: two new members, and three demo accounts whose sessions are already
    // signed in (the trainer among them), so that setting up costs fewer password hashes.
    const fresh = await members(browser, 2);
    const demo = await Promise.all(
      (['moderator', 'admin'] as const).map(async (role) => {
        const context = await browser.newContext();
        const demoPage = await context.newPage();
        await signInAs(role, demoPage);
        return { page: demoPage, name: role === 'moderator' ? 'Megan Hollis' : 'Alex Morgan', close: () => context.close() };
      }),
    );
    const people = [...fresh, ...demo, { page, name: 'Tom Barker', close: async () => {} }];
    const sessionId = await bookedSession(page, course.id, people.map((m) => m.page));
    await markRegister(page, sessionId, people.map((m) => [m.name, 'Attended'] as const));
    // Each place's id, from the register the trainer has just saved.
    const places = await Promise.all(
      people.map(async (m) => (await page.getByRole('radio', { name: new RegExp(`^Attended\\s*: ${m.name}$`) }).getAttribute('name'))!.replace('attendance-', '')),
    );
    const results = `/trainer/courses/${course.id}/evaluation`;

    const comments = [['Practising the first phone call', 'More time for questions'], ['Clear slides', ''], ['', ''], ['', ''], ['', '']];
    for (const [i, member] of people.entries()) {
      if (i === 4) {
        await page.goto(results);
        await expect(page.locator('[data-results-pending]')).toHaveText('Results appear once 5 people have answered; 4 so far.');
        await expect(page.locator('main')).not.toContainText('Clear slides');
        await expectNoAxeViolations(page);
      }
      expect(
        await postForm(member.page, `/account/bookings/${places[i]}/evaluation`, [
          ['usefulness', String(i + 1)],
          ['confidenceBefore', i === 0 ? '2' : '1'],
          ['confidenceAfter', i === 0 ? '4' : '3'],
          ['useful', comments[i]![0]!],
          ['improve', comments[i]![1]!],
        ]),
      ).toMatch(/\/evaluation\?sent=1$/);
    }
    await page.goto(results);
    await expect(page.locator('[data-answer-count]')).toHaveText('5 people answered');
    const table = page.getByRole('table', { name: 'How many people gave each score' });
    // Usefulness 1 to 5 once each; before 2 once and 1 four times; after 4 once and 3 four times.
    await expect(table.getByRole('row').nth(1)).toHaveText(/^\s*1\s+1\s+4\s+0\s*$/);
    await expect(table.getByRole('row').nth(4)).toHaveText(/^\s*4\s+1\s+0\s+1\s*$/);
    await expect(page.locator('[data-confidence-change]')).toContainText('went up 2.0 points on average');
    await expect(page.getByRole('list', { name: 'What people found most useful' }).getByRole('listitem')).toHaveText(['Clear slides', 'Practising the first phone call']);
    await expect(page.getByRole('list', { name: 'What could be better' }).getByRole('listitem')).toHaveText(['More time for questions']);
    const body = await page.locator('main').innerText();
    for (const { name } of people) expect(body).not.toContain(name);
    await expectNoAxeViolations(page);
    await Promise.all([...fresh, ...demo].map((m) => m.close()));
  });
});

test.describe('certificates and the Skills Matrix record', () => {
  const yesterday = () => UK_DATE.format(new Date(Date.now() - 86_400_000));

  test('an attendee downloads a certificate that anyone can check, until the register is corrected', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    // A name beyond the PDF's built-in fonts: the embedded font must print it as written.
    const name = uniqueName('Łukasz Attendee');
    const { course, sessionId, member, me } = await attendee(page, browser, true, name);
    await me.goto('/account/bookings');
    const pdf = await download(me, me.getByRole('link', { name: /^Download your certificate \(PDF\)/ }));
    expect(pdf.name).toMatch(/^certificate-working-with-fathers-[a-z0-9-]+\.pdf$/);
    const certificate = await pdfText(pdf.bytes);
    expect(certificate.title).toBe(`Certificate of attendance: ${course.title}`);
    for (const expected of ['Certificate of attendance', name, course.title, 'Critical reflection and analysis', 'Systems and IT', yesterday(), '2 hours 30 minutes', 'Tom Barker']) {
      expect(certificate.text).toContain(expected);
    }
    const code = CODE.exec(certificate.text)![0];
    expect(certificate.text).toContain(`/certificates/${code}`);

    // Anyone can check it, signed in or not.
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    const checked = await visitor.goto(`${new URL(me.url()).origin}/certificates/${code}`);
    expect(checked?.status()).toBe(200);
    await expect(visitor.getByRole('heading', { level: 1, name: 'This certificate is valid' })).toBeVisible();
    const facts = visitor.locator('[data-certificate]');
    for (const expected of [name, course.title, 'Critical reflection and analysis, Systems and IT', yesterday(), '2 hours 30 minutes', 'Tom Barker', code]) await expect(facts).toContainText(expected);
    await expectNoAxeViolations(visitor);

    // Typed from paper: lower case, spaces for hyphens. (Axe checks this form in accessibility.spec.ts.)
    await visitor.goto('/certificates/');
    await visitor.getByLabel('Verification code').fill(code.toLowerCase().replace(/-/g, ' '));
    await visitor.getByRole('button', { name: 'Check the certificate' }).click();
    await expect(visitor).toHaveURL(new RegExp(`/certificates/${code}$`));
    await expect(visitor.getByRole('heading', { level: 1, name: 'This certificate is valid' })).toBeVisible();

    // The trainer corrects the register: the certificate is withdrawn, and says so.
    await page.goto(`/trainer/sessions/${sessionId}`);
    await page.getByRole('radio', { name: new RegExp(`^Did not attend\\s*: ${name}$`) }).check();
    await page.getByRole('button', { name: 'Save the register' }).click();
    await expect(page.getByRole('heading', { name: /^Register saved/ })).toBeVisible();
    const withdrawn = await visitor.goto(`/certificates/${code}`);
    expect(withdrawn?.status()).toBe(410);
    await expect(visitor.getByRole('heading', { level: 1, name: 'This certificate is no longer valid' })).toBeVisible();
    await expect(visitor.locator('main')).not.toContainText(name);
    await expectNoAxeViolations(visitor);
    await visitorContext.close();
    await me.goto('/account/bookings');
    await expect(me.getByRole('link', { name: /^Download your certificate/ })).toHaveCount(0);
    await member.close();
  });

  test('the Skills Matrix record downloads as a CSV and a PDF for an appraisal', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const { course, member, me } = await attendee(page, browser, true);
    await me.goto('/account/skills');
    await expectNoAxeViolations(me);
    const csvFile = await download(me, me.getByRole('link', { name: 'Download your Skills Matrix record as a spreadsheet (CSV)' }));
    expect(csvFile.name).toBe('skills-matrix-record.csv');
    const rows = parseCsv(Buffer.from(csvFile.bytes).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(8);
    const covered = rows.filter((r) => r.Status === 'Covered');
    expect(covered.map((r) => r['Skills Matrix domain'])).toEqual(['Critical reflection and analysis', 'Systems and IT']);
    expect(covered[0]).toMatchObject({ Course: course.title, 'Learning time': '2 hours 30 minutes', 'Date attended': dateIn(-1) });
    const code = covered[0]!['Certificate code']!;
    expect(code).toMatch(CODE);
    expect(covered[1]!['Certificate code']).toBe(code);
    expect(rows.filter((r) => r.Status === 'Not yet covered')).toHaveLength(6);

    const recordPdf = await download(me, me.getByRole('link', { name: 'Download your Skills Matrix record (PDF)' }));
    const record = await pdfText(recordPdf.bytes);
    expect(record.title).toBe(`Skills Matrix record: ${member.name}`);
    for (const expected of ['Skills Matrix record', member.name, 'Kent County Council', 'Domains covered through training attended: 2 of 8.', `${course.title}: attended ${yesterday()}, 2 hours 30 minutes`, `Certificate ${code}`, 'Not yet covered']) {
      expect(record.text.replace(/\n/g, ' ')).toContain(expected);
    }
    await member.close();
  });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`checking a certificate code, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a code that is not one gets a message beside the field; an unknown code says so with a 404', async ({ page }) => {
      await page.goto('/certificates/');
      await page.getByRole('button', { name: 'Check the certificate' }).click();
      await expect(page.getByRole('alert')).toContainText('Enter the verification code from the certificate');
      await page.getByLabel('Verification code').fill('ABC-123');
      await page.getByRole('button', { name: 'Check the certificate' }).click();
      await expect(page.getByRole('alert').getByRole('link')).toHaveText('Enter the code as it is printed on the certificate, like 7KQ4-M2XD-9VHC-T0RB');
      await expect(page.locator('#code-error')).toContainText('Enter the code as it is printed');
      await expect(page.getByLabel('Verification code')).toHaveValue('ABC-123');
      if (javaScriptEnabled) await expectNoAxeViolations(page);

      const unknown = await page.goto('/certificates/0000-0000-0000-0000');
      expect(unknown?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'We could not find that certificate' })).toBeVisible();
      await expect(page.locator('main')).toContainText('No certificate has the code 0000-0000-0000-0000');
      expect((await page.goto('/certificates/not-a-code'))?.status()).toBe(404);
      expect((await page.goto('/certificates/%25zz'))?.status()).toBe(404);
      // Typed with spaces and in lower case, a real code's address is put right.
      const typed = await page.request.get('/certificates/0000%200000%200000%20000o', { maxRedirects: 0 });
      expect(typed.status()).toBe(301);
      expect(typed.headers().location).toBe('/certificates/0000-0000-0000-0000');
    });
  });
}

test.describe('booking after two non-attendances', () => {
  test('the service’s terms are shown when booking next, from the second non-attendance in 12 months', async ({ page, signInAs, browser }) => {
    await signInAs('trainer');
    const course = await newCourse(page);
    const name = uniqueName('Nia Noshow');
    const member = await freshMember(browser, { name });
    const terms = member.page.locator('[data-booking-terms]');

    await markRegister(page, await bookedSession(page, course.id, [member.page]), [[name, 'Did not attend']]);
    await bookedSession(page, course.id, []);
    await member.page.goto(`/training/${course.slug}/`);
    await expect(member.page.getByRole('button', { name: /^Book a place/ })).toHaveCount(1);
    await expect(terms).toHaveCount(0);

    const second = await bookedSession(page, course.id, [member.page]);
    await markRegister(page, second, [[name, 'Did not attend']]);
    await bookedSession(page, course.id, []);
    await member.page.goto(`/training/${course.slug}/`);
    await expect(terms.getByRole('heading', { name: 'Before you book: our terms for training places' })).toBeVisible();
    await expect(terms).toContainText('Our records show 2 sessions in the last 12 months that you booked but did not attend or cancel.');
    await expect(terms).toContainText('Places on Skills Matrix training are limited');
    await expectNoAxeViolations(member.page);
    await member.close();
  });
});
