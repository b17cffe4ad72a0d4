import { expect, expectNoAxeViolations, test } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { E2E_BASE_URL } from './paths.ts';

/** Answers the question on screen: "Yes"/"No"/"Not sure" for radios, a number otherwise. */
async function answer(page: Page, value: string) {
  if (/^(Yes|No|Not sure)$/.test(value)) await page.getByRole('radio', { name: value, exact: true }).check();
  else await page.getByRole('textbox').fill(value);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Answers "not sure": the radio, or "I do not know" on a number question. */
async function notSure(page: Page) {
  const box = page.getByLabel('I do not know');
  if (await box.count()) await box.check();
  else await page.getByRole('radio', { name: 'Not sure', exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Answers "not sure" until the check answers page. */
async function notSureToEverything(page: Page) {
  const heading = page.getByRole('heading', { level: 1 });
  for (let i = 0; i < 40 && (await heading.textContent()) !== 'Check your answers'; i++) await notSure(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
}

/**
 * Gives `answers` to the questions in turn over HTTP, with the page's own cookies, from the
 * question the page is on; then opens wherever the answers lead. Set-up for a test about a
 * long rule set's later questions and result: the question pages themselves are walked in the
 * browser by the shorter journeys.
 */
async function answerOverHttp(page: Page, answers: string[]) {
  let url = page.url();
  for (const value of answers) {
    const form: Record<string, string> = value === 'Not sure' ? { answer: 'not-sure' } : value === 'I do not know' ? { 'not-sure': 'yes' } : { answer: /^(Yes|No)$/.test(value) ? value.toLowerCase() : value };
    const response = await page.request.post(url, { form, headers: { Origin: E2E_BASE_URL }, maxRedirects: 0 });
    expect(response.status(), `answering ${value} at ${url}`).toBe(303);
    url = new URL(response.headers().location!, url).href;
  }
  await page.goto(url);
}

const EXIT = /Exit this page/;

/**
 * Does `act` (a click or key presses) and waits until the browser has left for the neutral
 * page that Exit this page sends people to: its request for that page, then the document
 * that replaces the portal's. The tests have no network, so that document is the browser's
 * error page, whose address depends on the build of Chromium; waiting for it keeps the next
 * step from being interrupted by it. (A route cannot answer the request instead: Playwright
 * routes only the first address of a redirect, and the exit is a redirect.)
 */
async function leaveByExit(page: Page, act: () => Promise<void>): Promise<void> {
  const left = page.waitForRequest((request) => request.url() === 'https://www.bbc.co.uk/weather' && request.isNavigationRequest() && request.frame() === page.mainFrame());
  const replaced = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await act();
  await Promise.all([left, replaced]);
}

async function start(page: Page, ruleset = 'Troubled Families Phase 2 (2015 to 2020) (default)') {
  await page.goto('/eligibility/');
  await page.getByLabel(ruleset, { exact: true }).check();
  await page.getByRole('button', { name: 'Start now' }).click();
}

/** Phase 2: crime and school attendance met, everything else "not sure" or "no". */
const PHASE2_ANSWERS = [
  'Yes', // child crime/ASB: the adult question is then skipped
  '80', // attendance: exclusions questions skipped
  'No', // child in need
  'Not sure', // early help
  'No', // out-of-work benefits
  'No', // financial exclusion
  'No', // young person
  'Not sure', // domestic abuse
  'No', // health
];

/** Gives PHASE2_ANSWERS through the question pages, up to Check your answers. */
async function answerPhase2(page: Page) {
  await start(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('committed an offence or been involved in anti-social behaviour');
  for (const value of PHASE2_ANSWERS) await answer(page, value);
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
}

/** The same answers over HTTP: set-up for a test about what comes after the questions. */
async function answerPhase2OverHttp(page: Page) {
  await start(page);
  await answerOverHttp(page, PHASE2_ANSWERS);
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
}

test.describe('eligibility self-check', () => {
  test('the start page offers every rule set with Phase 2 chosen, and passes axe', async ({ page }) => {
    await page.goto('/eligibility/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check if a family might qualify for the programme');
    await expect(page.getByLabel('Troubled Families Phase 2 (2015 to 2020) (default)')).toBeChecked();
    await expect(page.locator('#ruleset-tf-phase-2-hint')).toContainText('In force 1 April 2015 to 31 March 2020');
    await expect(page.getByRole('link', { name: EXIT })).toBeVisible();
    await expect(page.getByRole('radio')).toHaveCount(4);
    await expect(page.getByLabel(/Supporting Families outcome framework \(2022\): later framework/)).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a family with two criteria is likely to qualify, and the result explains why', async ({ page }) => {
    const urls: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'document') urls.push(r.url());
    });
    await answerPhase2(page);
    const answers = page.locator('.summary-list');
    await expect(answers).toContainText('80%');
    await expect(answers).not.toContainText('adult in the family committed');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The family is likely to qualify');
    await expect(page.getByText('This is a guide, not a decision.')).toBeVisible();
    const met = page.locator('.criteria-list');
    await expect(met).toContainText('Crime and anti-social behaviour');
    await expect(met).toContainText("A child's attendance: 80% (85% or less counts)");
    await expect(page.getByRole('heading', { name: 'What you were not sure about' })).toBeVisible();
    await expect(page.getByText('Has anyone in the family been affected by domestic violence or abuse?')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Records that may help' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Consent' })).toBeVisible();
    // Phase 2 families are identified through Early Help, not Phase 1's nomination route.
    const nextSteps = page.locator('.next-steps');
    await expect(nextSteps).toContainText('early help notification');
    await expect(nextSteps).toContainText('the district manager makes that referral');
    await expect(nextSteps).not.toContainText('local project delivery manager');
    // Each next step and rule says where it comes from.
    await expect(nextSteps.locator('li', { hasText: 'district manager' }).locator('.provenance--programme')).toContainText('004_6bd36e657942e2d6.txt');
    const rules = page.locator('.provenance-list');
    await expect(page.getByRole('heading', { name: 'Where these rules come from' })).toBeVisible();
    await expect(rules.locator('li', { hasText: 'Decision rule' }).first()).toContainText('Programme rule');
    await expect(rules.locator('li', { hasText: 'What counts for "What is the attendance' })).toContainText("The portal's reading");
    await expect(rules.locator('li', { hasText: 'What counts for "What is the attendance' })).toContainText('85% attendance or less');
    await expect(rules.locator('li', { hasText: 'When the rules applied: 2015 to 2020' }).first()).toBeVisible();
    await expect(page.locator('code', { hasText: 'tf-phase-2' })).toBeVisible();
    await expectNoAxeViolations(page);

    // No answer ever travelled in a URL.
    for (const url of urls) expect(new URL(url).search, url).toMatch(/^(\?change=1)?$/);
  });

  test('a printed result shows the summary without the buttons', async ({ page }) => {
    await answerPhase2OverHttp(page);
    await page.getByRole('link', { name: 'See the result' }).click();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start a new check' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print this summary' })).toBeHidden();
  });

  test('bad input shows the error summary and the field error, and keeps every answer', async ({ page }) => {
    await start(page);
    await answer(page, 'Yes');
    await answer(page, '120');
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('The percentage must be 100% or less');
    await expect(page.locator('#answer-error')).toContainText('The percentage must be 100% or less');
    await expect(page.getByRole('textbox')).toHaveValue('120');
    await expect(page).toHaveTitle(/^Error: /);
    await expectNoAxeViolations(page);

    await summary.getByRole('link').click();
    await expect(page.getByRole('textbox')).toBeFocused();
    await page.getByRole('textbox').fill('-3');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#answer-error')).toContainText('The percentage must be 0% or more');

    await page.getByRole('textbox').fill('');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#answer-error')).toContainText('Enter a number, or select "I do not know"');

    // The first answer is still there.
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(page.getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();
  });

  test('an unknown rule set or question is a friendly 404', async ({ page }) => {
    for (const path of ['/eligibility/tf-phase-9/health', '/eligibility/tf-phase-2/no-such-question', '/eligibility/tf-phase-9/result']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    }
  });

  test('a missing yes/no answer is an error', async ({ page }) => {
    await start(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.error-summary')).toContainText('Select yes, no or not sure');
    await expect(page.getByRole('main').getByRole('group', { name: /committed an offence/ })).toBeVisible();
  });

  test('back links keep the answers given', async ({ page }) => {
    await start(page);
    await answer(page, 'No');
    await answer(page, 'Yes');
    await answer(page, '92');
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(page).toHaveURL(/\/attendance$/);
    await expect(page.getByRole('textbox')).toHaveValue('92');
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(page.getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(page.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(page).toHaveURL(/\/eligibility\/$/);
  });

  test('change links return to check your answers, or to a question a change opens up', async ({ page }) => {
    await answerPhase2OverHttp(page);
    await page.getByRole('link', { name: /Change your answer to: Does a parent or child in the family have a physical/ }).click();
    await expect(page.getByRole('radio', { name: 'No', exact: true })).toBeChecked();
    await answer(page, 'Yes');
    await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();

    // Attendance of 90% no longer meets school attendance, so the exclusion questions follow.
    await page.getByRole('link', { name: /Change your answer to: What is the attendance/ }).click();
    await answer(page, '90');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('fixed-term exclusions');
    await answer(page, '3');
    await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
    await expect(page.locator('.summary-list')).toContainText('90%');
  });

  test('a question shows where it comes from: the criterion\'s source and the threshold as the portal\'s reading', async ({ page }) => {
    await start(page);
    await answer(page, 'No');
    await answer(page, 'No');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('attendance');
    const sources = page.locator('details.rule-sources');
    await sources.getByText('Where this question comes from').click();
    await expect(sources).toContainText('Programme rule');
    await expect(sources).toContainText('003_819ce969de96165e.txt');
    await expect(sources).toContainText('What counts: 85% or less.');
    await expect(sources).toContainText("The portal's reading");
    await expect(sources).toContainText('The sources set no period for attendance');
    await expectNoAxeViolations(page);
  });

  test('"Not sure" to everything gives "Not enough information yet" with what to find out', async ({ page }) => {
    await start(page);
    // crime, attendance and exclusions over HTTP (the test without JavaScript walks those pages)
    await answerOverHttp(page, ['Not sure', 'Not sure', 'I do not know', 'I do not know', 'Not sure', 'Not sure']);
    await notSureToEverything(page);
    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not enough information yet');
    await expect(page.getByRole('heading', { name: 'What to find out' })).toBeVisible();
    await expect(page.locator('.find-out-list')).toContainText('Has anyone in the family been affected by domestic violence or abuse?');
    await expect(page.locator('.next-steps')).toContainText('Find out the answers listed under "What to find out"');
    await expect(page.getByText('The family is unlikely to qualify')).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  test('every page of the check offers Exit this page, which wipes the answers', async ({ page, context }) => {
    await start(page);
    await expect(page.getByRole('link', { name: EXIT })).toBeVisible();
    for (const a of ['Yes', '92', '0', 'No', 'No', 'No', 'No', 'No', 'No']) await answer(page, a);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('domestic violence or abuse');
    await expectNoAxeViolations(page);
    await leaveByExit(page, () => page.getByRole('link', { name: /Exit this page/ }).click());
    expect((await context.cookies()).find((c) => c.name === 'eligibility')).toBeUndefined();

    await page.goto('/eligibility/tf-phase-2/check-answers');
    await expect(page).toHaveURL(/\/eligibility\/tf-phase-2\/child-crime-asb$/);
    await expect(page.getByRole('radio', { name: 'Yes', exact: true })).not.toBeChecked();
  });

  test('Check your answers and the result offer Exit this page, which wipes the answers', async ({ page, context }) => {
    await answerPhase2OverHttp(page);
    await expect(page.getByRole('link', { name: EXIT })).toBeVisible();
    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The family is likely to qualify');
    await expect(page.getByRole('link', { name: EXIT })).toBeVisible();
    await leaveByExit(page, () => page.getByRole('link', { name: EXIT }).click());
    expect((await context.cookies()).find((c) => c.name === 'eligibility')).toBeUndefined();
  });

  test('pressing Shift three times exits Check your answers', async ({ page }) => {
    await answerPhase2OverHttp(page);
    // The key handler is a module script: it has run once the document has loaded.
    await page.waitForLoadState('domcontentloaded');
    await leaveByExit(page, async () => {
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    });
  });

  test('pressing Shift three times exits a sensitive question', async ({ page }) => {
    await start(page);
    await answerOverHttp(page, ['Yes', '92', '0', 'No', 'No', 'No', 'No', 'No', 'No', 'No']);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('health problem');
    // The key handler is a module script: it has run once the document has loaded.
    await page.waitForLoadState('domcontentloaded');
    await leaveByExit(page, async () => {
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    });
  });

  test('the Kingston and Richmond overlay gives a level of need', async ({ page }) => {
    await start(page, 'Phase 2 with Kingston and Richmond local priorities (2015 to 2020)');
    // crime, attendance, child in need; then no to everything national that is left;
    // local priorities: two-year-old childcare yes, others no
    await answerOverHttp(page, ['Yes', '80', 'Yes', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'Yes', 'No', 'No', 'No', 'No']);
    // the framework's three defining characteristics, and consent
    await expect(page.getByRole('heading', { level: 1 })).toContainText('many different problems');
    for (const a of ['Yes', 'Yes', 'Yes', 'Yes']) await answer(page, a);
    // checkpoint: not high, expert help yes, monitoring no
    for (const a of ['No', 'Yes', 'No']) await answer(page, a);
    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The family is likely to qualify');
    await expect(page.getByRole('heading', { name: 'Likely level of need: Additional expert help' })).toBeVisible();
    await expect(page.getByText(/Single Point of Access/).first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('Kingston and Richmond: two national problems but no local priority is unlikely, pointing to the services that keep helping', async ({ page }) => {
    await start(page, 'Phase 2 with Kingston and Richmond local priorities (2015 to 2020)');
    await answerOverHttp(page, ['Yes', '80', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'No']);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('many different problems');
    for (const a of ['Yes', 'Yes', 'Yes', 'Yes', 'No', 'No', 'No']) await answer(page, a);
    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The family is unlikely to qualify');
    await expect(page.locator('.next-steps')).toContainText("Children's Social Care, the Family Support Service or the Youth Offending Service");
  });

  test('the 2022 framework is marked as later on its result', async ({ page }) => {
    await start(page, 'Supporting Families outcome framework (2022): later framework');
    await answerOverHttp(page, ['Yes', 'Yes', 'Yes', 'No', 'Yes', 'No', 'No', 'No', 'No', 'No', 'No']);
    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The family is likely to qualify');
    await expect(page.getByText(/later than the Kent guidance on this portal/)).toBeVisible();
  });

  test('a family with one criterion is unlikely to qualify and is pointed to other help', async ({ page }) => {
    await start(page);
    await answerOverHttp(page, ['No', 'No', '97', '0', 'No', 'No', 'No', 'No', 'No', 'No', 'No', 'Yes']);
    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The family is unlikely to qualify');
    await expect(page.locator('.next-steps')).toContainText("Kent's Early Help team website");
    await expect(page.getByRole('heading', { name: 'Records that may help' })).toHaveCount(0);
  });
});

test.describe('eligibility self-check without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the whole flow works, errors included', async ({ page }) => {
    await start(page);
    await answer(page, 'Yes');
    await answer(page, '101');
    await expect(page.locator('#answer-error')).toContainText('The percentage must be 100% or less');
    await page.getByRole('textbox').fill('');
    await page.getByLabel('I do not know').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    // Attendance unknown, so the exclusion questions follow; then a child in need.
    for (const a of ['0', 'No', 'Yes', 'No', 'No', 'No', 'No', 'No']) await answer(page, a);
    await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
    await expect(page.locator('.summary-list')).toContainText('Not sure');
    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The family is likely to qualify');
    await expect(page.getByRole('button', { name: 'Print this summary' })).toBeHidden();
    await page.getByRole('button', { name: 'Start a new check' }).click();
    await expect(page.getByRole('radio', { name: 'Yes', exact: true })).not.toBeChecked();
  });

  test('Exit this page works from Check your answers and the result, and wipes the answers', async ({ page, context }) => {
    await answerPhase2OverHttp(page);
    await leaveByExit(page, () => page.getByRole('link', { name: EXIT }).click());
    expect((await context.cookies()).find((c) => c.name === 'eligibility')).toBeUndefined();

    await answerPhase2OverHttp(page);
    await page.getByRole('link', { name: 'See the result' }).click();
    await leaveByExit(page, () => page.getByRole('link', { name: EXIT }).click());
    expect((await context.cookies()).find((c) => c.name === 'eligibility')).toBeUndefined();
  });

  test('"Not sure" to everything gives "Not enough information yet"', async ({ page }) => {
    await start(page);
    // crime and attendance walked here (radios and "I do not know"); exclusions and a child in
    // need over HTTP; the rest walked here
    for (let i = 0; i < 3; i++) await notSure(page);
    await answerOverHttp(page, ['I do not know', 'Not sure', 'Not sure']);
    await notSureToEverything(page);
    await page.getByRole('link', { name: 'See the result' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not enough information yet');
    await expect(page.locator('.find-out-list li')).toHaveCount(12);
  });

  test('where a question comes from opens without JavaScript', async ({ page }) => {
    await start(page);
    await page.getByText('Where this question comes from').click();
    await expect(page.locator('details.rule-sources')).toContainText('The sources set no period for this criterion');
  });
});

test.describe('eligibility API', () => {
  test('lists rule sets', async ({ request }) => {
    const response = await request.get('/api/eligibility/rulesets');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/json');
    const body = (await response.json()) as { id: string; title: string; effectiveFrom: string; effectiveTo: string | null; source: string }[];
    expect(body.map((r) => r.id)).toEqual(['tf-phase-2', 'tf-phase-1', 'tf-phase-2-kingston-richmond', 'sf-2022']);
    expect(body[0]).toMatchObject({ effectiveFrom: '2015-04-01', effectiveTo: '2020-03-31', title: 'Troubled Families Phase 2 (2015 to 2020)' });
    expect(body.find((r) => r.id === 'sf-2022')!.effectiveTo).toBeNull();
  });

  test('describes one rule set, and 404s an unknown one', async ({ request }) => {
    const body = await (await request.get('/api/eligibility/rulesets/tf-phase-1')).json();
    expect(body.criteria.map((c: { key: string }) => c.key)).toEqual(['crime-asb', 'education', 'worklessness']);
    expect(body.questions.find((q: { key: string }) => q.key === 'fixed-exclusions')).toMatchObject({ type: 'number', criterion: 'education', min: 0, integer: true });
    const missing = await request.get('/api/eligibility/rulesets/tf-phase-9');
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error).toBe('not-found');
  });

  test('checks partial answers, saying when an unknown answer could change the outcome', async ({ request }) => {
    const response = await request.post('/api/eligibility/check', { data: { ruleset: 'tf-phase-1', answers: { 'youth-offence': true, 'fixed-exclusions': 3 } } });
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ruleset: 'tf-phase-1', outcome: 'not-enough-information', criteriaMet: ['crime-asb', 'education'] });
    expect(body.unanswered).toContain('long-term-worklessness');
    expect(body.toFindOut).toEqual([{ question: 'long-term-worklessness', text: expect.stringContaining('for a long time') }]);
    expect(body.reasons).toHaveLength(2);

    const decided = await (await request.post('/api/eligibility/check', { data: { ruleset: 'tf-phase-1', answers: { 'youth-offence': true, 'fixed-exclusions': 3, 'long-term-worklessness': false } } })).json();
    expect(decided.outcome).toBe('local-discretion');
    expect(decided.nextSteps.map((s: { text: string }) => s.text).join(' ')).toMatch(/local project delivery manager/);
    expect(decided.provenance.find((r: { ref: string }) => r.ref === 'decision:discretion').provenance.basis).toBe('reading');
  });

  test('a GET to the check endpoint is a JSON 405 with Allow', async ({ request }) => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await request.fetch('/api/eligibility/check', { method });
      expect(response.status(), method).toBe(405);
      expect(response.headers()['allow']).toBe('POST, OPTIONS');
      expect(response.headers()['content-type']).toContain('application/json');
      expect((await response.json()).error).toBe('method-not-allowed');
    }
    const post = await request.post('/api/eligibility/rulesets', { data: {} });
    expect(post.status()).toBe(405);
    expect(post.headers()['allow']).toBe('GET, HEAD, OPTIONS');
  });

  test('a POST without a JSON content type is a JSON 415, from any origin', async ({ request }) => {
    for (const headers of [
      { 'Content-Type': 'text/plain' } as Record<string, string>,
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://elsewhere.example.org' },
    ]) {
      const response = await request.post('/api/eligibility/check', { headers, data: 'ruleset=tf-phase-2' });
      expect(response.status()).toBe(415);
      expect(response.headers()['content-type']).toContain('application/json');
      expect((await response.json()).error).toBe('unsupported-media-type');
    }
  });

  test('forms elsewhere are still protected from cross-site posting', async ({ request }) => {
    const response = await request.post('/login', { headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://elsewhere.example.org' }, data: 'email=a%40b.c' });
    expect(response.status()).toBe(403);
  });

  test('cross-origin calls are allowed only from listed partner origins', async ({ request }) => {
    const partner = 'https://partner.example.org';
    const preflight = await request.fetch('/api/eligibility/check', {
      method: 'OPTIONS',
      headers: { Origin: partner, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()).toMatchObject({
      'access-control-allow-origin': partner,
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'Content-Type',
      allow: 'POST, OPTIONS',
    });
    const call = await request.post('/api/eligibility/check', { headers: { Origin: partner }, data: { answers: {} } });
    expect(call.headers()['access-control-allow-origin']).toBe(partner);
    expect(call.headers()['vary']).toContain('Origin');

    const stranger = 'https://stranger.example.org';
    const refused = await request.fetch('/api/eligibility/check', { method: 'OPTIONS', headers: { Origin: stranger, 'Access-Control-Request-Method': 'POST' } });
    expect(refused.status()).toBe(204);
    expect(refused.headers()['access-control-allow-origin']).toBeUndefined();
    const list = await request.get('/api/eligibility/rulesets', { headers: { Origin: stranger } });
    expect(list.headers()['access-control-allow-origin']).toBeUndefined();
  });

  test('refuses bad input with an error per field', async ({ request }) => {
    const response = await request.post('/api/eligibility/check', {
      data: { ruleset: 'tf-phase-2', answers: { attendance: 140, 'fixed-exclusions': -1, health: 'yes', shoe: true } },
    });
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual({
      'answers.attendance': 'Must be 100% or less',
      'answers.fixed-exclusions': 'Must be 0 or more',
      'answers.health': 'Must be true, false or null',
      'answers.shoe': 'Not a question in rule set tf-phase-2',
    });
    const unknownSet = await request.post('/api/eligibility/check', { data: { ruleset: 'nope', answers: {} } });
    expect((await unknownSet.json()).errors.ruleset).toMatch(/Not a rule set/);
    const notJson = await request.post('/api/eligibility/check', { headers: { 'Content-Type': 'application/xml' }, data: '<a/>' });
    expect(notJson.status()).toBe(415);
    const broken = await request.post('/api/eligibility/check', { headers: { 'Content-Type': 'application/json' }, data: '{"ruleset":' });
    expect(broken.status()).toBe(400);
  });
});
