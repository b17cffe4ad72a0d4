import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, test } from './fixtures.ts';

const PATH = '/eligibility/outcomes/';

interface Answers {
  year: '2012 to 2013' | '2013 to 2014' | '2014 to 2015';
  children: { exclusions: string; absence: string }[];
  asb: [string, string];
  offending: [string, string];
  employment: 'Yes' | 'No';
}

/** A family that meets the education, crime and anti-social behaviour route. */
const CLAIMABLE: Answers = {
  year: '2012 to 2013',
  children: [{ exclusions: '2', absence: '14.9' }],
  asb: ['6', '2'],
  offending: ['3', '2'],
  employment: 'No',
};

async function fill(page: Page, answers: Answers): Promise<void> {
  await page.getByRole('group', { name: 'Which programme year is the claim for?' }).getByLabel(answers.year).check();
  await page.getByLabel('How many school-age children are in the family?').fill(String(answers.children.length));
  for (const [i, child] of answers.children.entries()) {
    const row = page.getByRole('group', { name: `Child ${i + 1}`, exact: true });
    await row.getByLabel('Fixed-term exclusions').fill(child.exclusions);
    await row.getByLabel('Unauthorised absence').fill(child.absence);
  }
  const asb = page.getByRole('group', { name: 'Anti-social behaviour across the family' });
  await asb.getByLabel('Incidents in the 6 months before support began').fill(answers.asb[0]);
  await asb.getByLabel('Incidents in the latest 6 months').fill(answers.asb[1]);
  const offending = page.getByRole('group', { name: 'Offending by children under 18' });
  await offending.getByLabel('Offences in the 6 months before support began').fill(answers.offending[0]);
  await offending.getByLabel('Offences in the latest 6 months').fill(answers.offending[1]);
  await page.getByRole('group', { name: /^Has an adult in the family moved off out-of-work benefits/ }).getByLabel(answers.employment, { exact: true }).check();
}

async function submit(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Work out results' }).click();
}

async function expectClaimResult(page: Page): Promise<void> {
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByRole('heading', { level: 2, name: 'Result' })).toBeVisible();
  await expect(result).toContainText('A Phase 1 results claim looks possible for improvements in education, crime and anti-social behaviour.');
  await expect(result).toContainText('Anti-social behaviour down 66.6% (6 to 2): at least 60% needed');
  await expect(result).toContainText('Offending by under-18s down 33.3% (3 to 2): at least 33% needed');
  await expect(result).toContainText('Child 1: 2 fixed-term exclusions (fewer than 3 needed) and 14.9% unauthorised absence (under 15% needed): met');
  await expect(result.getByRole('heading', { name: 'Payment, 2012 to 2013' })).toBeVisible();
  await expect(result).toContainText('80% (£3,200), paid when work with the family starts');
  await expect(result).toContainText('20% (£800), paid afterwards once results are shown');
  await expect(result).toContainText('A successful claim would bring the £800 results payment');
  // Phase 2: Kent's rates are not in the source documents; Kingston and Richmond's are shown.
  await expect(result).toContainText("do not give Kent's Phase 2 payment rates");
  await expect(result).toContainText('£1,000');
  // Answers go in the request body, never the address.
  expect(new URL(page.url()).search).toBe('');
}

test.describe('results calculator', () => {
  test('the empty form is accessible and says it is a guide', async ({ page }) => {
    await page.goto(PATH);
    await expect(page.getByRole('heading', { level: 1, name: "Work out a family's Phase 1 results" })).toBeVisible();
    await expect(page.getByText('This is a guide, not a claim decision.')).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: 'payment by results' }).first()).toHaveAttribute('href', '/guidance/payment-by-results/');
    await expect(page.getByRole('region', { name: 'Result' })).toHaveCount(0);
    await expect(page.locator('form[method="post"] input[inputmode="numeric"]').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a claimable family shows the claim result and the payment split', async ({ page }) => {
    await page.goto(PATH);
    await fill(page, CLAIMABLE);
    await submit(page);
    await expectClaimResult(page);
    // The answers stay in the form for changes.
    await expect(page.getByRole('group', { name: 'Child 1', exact: true }).getByLabel('Unauthorised absence')).toHaveValue('14.9');
    await expectNoAxeViolations(page);
  });

  test('a family not there yet lists what is not yet met', async ({ page }) => {
    await page.goto(PATH);
    await fill(page, {
      year: '2014 to 2015',
      children: [
        { exclusions: '0', absence: '4' },
        { exclusions: '3', absence: '15' },
      ],
      asb: ['100', '41'],
      offending: ['0', '0'],
      employment: 'No',
    });
    await submit(page);
    const result = page.getByRole('region', { name: 'Result' });
    await expect(result).toContainText('A Phase 1 results claim is not possible yet.');
    await expect(result.getByRole('heading', { name: 'Not yet met' })).toBeVisible();
    const notMet = result.getByRole('heading', { name: 'Not yet met' }).locator('xpath=following-sibling::ul[1]');
    await expect(notMet.getByRole('listitem')).toHaveText([
      /^School attendance and exclusions: Not met for child 2/,
      'Anti-social behaviour: Anti-social behaviour down 59% (100 to 41): at least 60% needed',
      /^An adult into work: No adult has yet moved/,
    ]);
    await expect(result).toContainText('No offending by under-18s in the 6 months before support began or since');
    await expect(result).toContainText('40% (£1,600), paid when work with the family starts');
    await expect(result).toContainText('No results payment yet. The £2,400 results payment depends on the outcomes above.');
    await expect(result.getByRole('row', { name: /Offending by under-18s/ })).toContainText('Does not apply');
  });

  test('bad answers show the error summary and field errors, keeping every answer', async ({ page }) => {
    await page.goto(PATH);
    await fill(page, { ...CLAIMABLE, children: [{ exclusions: '1', absence: '120' }], asb: ['-3', '2'] });
    await submit(page);

    await expect(page).toHaveTitle(/^Error: /);
    const summary = page.getByRole('alert');
    await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    await expect(summary.getByRole('link')).toHaveText([
      'Unauthorised absence for child 1 must be 100% or less',
      'Anti-social behaviour incidents before support began must be 0 or more',
    ]);
    await expect(page.locator('#child1Absence-error')).toHaveText('Error: Unauthorised absence for child 1 must be 100% or less');
    await expect(page.locator('#asbBefore-error')).toHaveText('Error: Anti-social behaviour incidents before support began must be 0 or more');
    await expect(page.locator('#child1Absence')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('region', { name: 'Result' })).toHaveCount(0);

    // Every answer is kept, the wrong ones included.
    await expect(page.getByLabel('2012 to 2013')).toBeChecked();
    await expect(page.getByLabel('How many school-age children are in the family?')).toHaveValue('1');
    await expect(page.locator('#child1Exclusions')).toHaveValue('1');
    await expect(page.locator('#child1Absence')).toHaveValue('120');
    await expect(page.locator('#asbBefore')).toHaveValue('-3');
    await expect(page.locator('#asbLatest')).toHaveValue('2');
    await expect(page.locator('#offendingBefore')).toHaveValue('3');
    await expect(page.locator('#offendingLatest')).toHaveValue('2');
    await expect(page.locator('#employment-no')).toBeChecked();
    await expectNoAxeViolations(page);

    // The summary link takes you to the field.
    await summary.getByRole('link', { name: 'Unauthorised absence for child 1 must be 100% or less' }).click();
    await expect(page.locator('#child1Absence')).toBeFocused();

    // Fixing the answers gives the result.
    await page.locator('#child1Absence').fill('14.9');
    await page.locator('#child1Exclusions').fill('2');
    await page.locator('#asbBefore').fill('6');
    await submit(page);
    await expectClaimResult(page);
  });

  test('an empty submit asks for every required answer', async ({ page }) => {
    await page.goto(PATH);
    await submit(page);
    await expect(page.getByRole('alert').getByRole('link')).toHaveCount(7);
    await expect(page.getByRole('alert')).toContainText('Select the programme year');
    await expect(page.getByRole('alert')).toContainText('Enter how many school-age children are in the family');
  });
});

// axe runs inside the page, so it cannot run with JavaScript off: the same pages are
// checked by axe in the tests above.
test.describe('results calculator without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same submit gives the same result', async ({ page }) => {
    await page.goto(PATH);
    await fill(page, CLAIMABLE);
    await submit(page);
    await expectClaimResult(page);
  });

  test('bad answers show the error summary with the answers kept', async ({ page }) => {
    await page.goto(PATH);
    await fill(page, { ...CLAIMABLE, children: [{ exclusions: '1', absence: '120' }], asb: ['-3', '2'] });
    await submit(page);
    await expect(page.getByRole('alert')).toContainText('Unauthorised absence for child 1 must be 100% or less');
    await expect(page.getByRole('alert')).toContainText('Anti-social behaviour incidents before support began must be 0 or more');
    await expect(page.locator('#child1Absence-error')).toContainText('must be 100% or less');
    await expect(page.locator('#child1Absence')).toHaveValue('120');
    await expect(page.locator('#offendingBefore')).toHaveValue('3');
    await expect(page.getByLabel('2012 to 2013')).toBeChecked();
  });
});
