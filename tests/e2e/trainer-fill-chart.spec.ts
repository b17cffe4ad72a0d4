import { expect, expectNoAxeViolations, test } from './fixtures.ts';

test("the trainer's fill chart draws each bar as full as its session, with no inline style", async ({ page, signInAs }) => {
  await signInAs('trainer');
  await page.goto('/trainer/');
  const rows = page.locator('.fill-chart li');
  expect(await rows.count()).toBeGreaterThan(0);
  const bars = await rows.evaluateAll((items) =>
    items.map((li) => ({
      text: li.querySelector('.fill-chart__value')?.textContent ?? '',
      width: li.querySelector('.fill-chart__bar')?.getAttribute('width'),
      drawn: (li.querySelector('.fill-chart__bar') as SVGGraphicsElement | null)?.getBBox().width,
      styled: li.querySelectorAll('[style]').length,
    })),
  );
  for (const bar of bars) {
    const percent = Number(bar.text.match(/\((\d+)%\)/)?.[1]);
    expect(bar.styled).toBe(0);
    expect(Number(bar.width)).toBe(Math.min(100, percent));
    expect(bar.drawn).toBeCloseTo(Math.min(100, percent), 0);
  }
  // Not every seeded session is full, so a chart of full bars would fail here.
  expect(bars.some((b) => Number(b.width) < 100)).toBe(true);
  await expectNoAxeViolations(page);
});
