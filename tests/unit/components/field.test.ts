/**
 * The Field component in each of its states, rendered by Astro's own renderer: the markup
 * that ties label, hint and error message to the control, then every state together in one
 * page in Chromium, checked with axe (WCAG 2.2 AA) and by the accessible name and
 * description the browser computes.
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from '@playwright/test';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import Field from '../../../src/components/Field.astro';
import { CHROMIUM_ARGS, NO_CHROMIUM_MESSAGE, findChromium } from '../../chromium.ts';

type Render = { props: Record<string, unknown>; slots?: Record<string, string> };

const STATES: Record<string, Render> = {
  plain: { props: { name: 'title', label: 'Course title', value: 'Lead worker training' } },
  hint: { props: { name: 'slug', label: 'Web address name', hint: 'Lower-case letters, digits and hyphens.', spellcheck: false } },
  error: { props: { name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', error: 'Enter an email address', value: 'jo@' } },
  hintAndError: { props: { name: 'capacity', label: 'Number of places', hint: 'A whole number from 1 to 500.', error: 'Enter a number of places', inputmode: 'numeric' } },
  password: { props: { name: 'password', label: 'Password', type: 'password', value: 'secret-never-shown', error: 'Password must be 12 characters or more' } },
  textarea: { props: { as: 'textarea', name: 'summary', label: 'Summary', hint: 'One or two sentences.', rows: 3, value: 'A <b>bold</b> claim' } },
  textareaError: { props: { as: 'textarea', name: 'reason', label: 'Why are you giving up your place?', error: 'Tell the trainer why', value: '' } },
  select: {
    props: { as: 'select', name: 'district', label: 'District', hint: 'Where in-person sessions are held.' },
    slots: { default: '<option value="">None (online)</option><option value="Swale" selected>Swale</option>' },
  },
  selectError: {
    props: { as: 'select', name: 'owner', label: 'Owner', error: 'Select the trainer who owns the course' },
    slots: { default: '<option value="">Choose a trainer</option><option value="3">Ann Trainer</option>' },
  },
  fieldset: {
    props: { as: 'fieldset', id: 'mode', label: 'How it is delivered', error: 'Select how the session is delivered' },
    slots: {
      default:
        '<div class="radio"><input type="radio" id="mode-in-person" name="mode" value="in-person"><label for="mode-in-person">In person</label></div>' +
        '<div class="radio"><input type="radio" id="mode-online" name="mode" value="online"><label for="mode-online">Online</label></div>',
    },
  },
  richLabel: {
    props: { name: 'reason-7', label: 'ignored', hint: 'ignored', suffix: '%', inputmode: 'decimal' },
    slots: { label: 'Reason<span class="visually-hidden"> for the post by Jo</span>', hint: 'See the <a href="/guidance/">guidance</a>.' },
  },
  heading: { props: { name: 'answer', label: 'What is the attendance?', heading: { level: 'h1', class: 'question-heading', caption: 'Phase 2' }, hint: 'As a percentage' } },
  beside: { props: { name: 'q', id: 'forum-q', label: 'Search for', type: 'search', wrap: 'search-row' }, slots: { beside: '<button class="button" type="submit">Search</button>' } },
};

const rendered: Record<string, string> = {};

beforeAll(async () => {
  const container = await AstroContainer.create();
  for (const [state, { props, slots }] of Object.entries(STATES)) {
    rendered[state] = await container.renderToString(Field, { props, slots: slots ?? {} });
  }
});

/** The parsed markup of one state, and a way to find elements in it. */
function dom(state: string) {
  const doc = parseDocument(rendered[state]!);
  const find = (test: (e: Element) => boolean) => DomUtils.findAll(test, doc.children);
  const byId = (id: string) => find((e) => e.attribs.id === id)[0];
  return { doc, find, byId, text: (e: Element | null | undefined) => (e ? DomUtils.textContent(e).replace(/\s+/g, ' ').trim() : undefined) };
}

describe('Field markup', () => {
  test('a field without hint or error: label for the control, nothing described, not invalid', () => {
    const { find, byId } = dom('plain');
    const input = byId('title')!;
    expect(input.name).toBe('input');
    expect(input.attribs).toMatchObject({ name: 'title', type: 'text', value: 'Lead worker training' });
    expect(input.attribs['aria-describedby']).toBeUndefined();
    expect(input.attribs['aria-invalid']).toBeUndefined();
    expect(find((e) => e.name === 'label')[0]!.attribs.for).toBe('title');
    expect(find((e) => e.attribs.class?.includes('form-group--error') ?? false)).toHaveLength(0);
  });

  test('a hint is described by its id; an error adds the message after it and marks the field', () => {
    expect(dom('hint').byId('slug')!.attribs).toMatchObject({ 'aria-describedby': 'slug-hint', spellcheck: 'false' });
    const { byId, text, find } = dom('hintAndError');
    const input = byId('capacity')!;
    expect(input.attribs).toMatchObject({ 'aria-describedby': 'capacity-hint capacity-error', 'aria-invalid': 'true', inputmode: 'numeric' });
    expect(input.attribs.class).toContain('input--error');
    expect(text(byId('capacity-error'))).toBe('Error: Enter a number of places');
    expect(find((e) => e.attribs.class === 'visually-hidden')[0]).toBeDefined();
    expect(find((e) => e.attribs.class?.split(' ').includes('form-group--error') ?? false)).toHaveLength(1);
  });

  test('an error without a hint is the only description', () => {
    expect(dom('error').byId('email')!.attribs).toMatchObject({ type: 'email', autocomplete: 'email', 'aria-describedby': 'email-error', value: 'jo@' });
  });

  test('a password is never written back into the page', () => {
    expect(rendered.password).not.toContain('secret-never-shown');
    expect(dom('password').byId('password')!.attribs.value).toBeUndefined();
  });

  test('a textarea keeps the answer as escaped text', () => {
    const { byId, text } = dom('textarea');
    expect(byId('summary')!.name).toBe('textarea');
    expect(byId('summary')!.attribs).toMatchObject({ rows: '3', 'aria-describedby': 'summary-hint' });
    expect(text(byId('summary'))).toBe('A <b>bold</b> claim');
    expect(rendered.textarea).toContain('A &lt;b&gt;bold&lt;/b&gt; claim');
  });

  test('a select holds its options and is described like an input', () => {
    const { byId, find } = dom('selectError');
    expect(byId('owner')!.name).toBe('select');
    expect(byId('owner')!.attribs).toMatchObject({ 'aria-describedby': 'owner-error', 'aria-invalid': 'true' });
    expect(find((e) => e.name === 'option')).toHaveLength(2);
  });

  test('a fieldset puts the label in its legend and the messages on the fieldset', () => {
    const { find, text } = dom('fieldset');
    const fieldset = find((e) => e.name === 'fieldset')[0]!;
    expect(fieldset.attribs['aria-describedby']).toBe('mode-error');
    expect(text(find((e) => e.name === 'legend')[0])).toBe('How it is delivered');
    expect(find((e) => e.name === 'input' && e.attribs.type === 'radio')).toHaveLength(2);
  });

  test('label and hint slots take markup; a suffix is hidden from screen readers', () => {
    const { find, text, byId } = dom('richLabel');
    expect(text(find((e) => e.name === 'label')[0])).toBe('Reason for the post by Jo');
    expect(rendered.richLabel).not.toContain('ignored');
    expect(find((e) => e.name === 'a')[0]!.attribs.href).toBe('/guidance/');
    expect(byId('reason-7')!.attribs['aria-describedby']).toBe('reason-7-hint');
    expect(find((e) => e.attribs.class === 'input-suffix')[0]!.attribs['aria-hidden']).toBe('true');
  });

  test('a question can be the page heading, with its caption', () => {
    const { find, text } = dom('heading');
    const h1 = find((e) => e.name === 'h1')[0]!;
    expect(text(DomUtils.findOne((e) => e.attribs.class === 'caption', h1.children))).toBe('Phase 2');
    expect(DomUtils.findOne((e) => e.name === 'label', h1.children)!.attribs.for).toBe('answer');
  });
});

describe('Field in a browser', () => {
  const executablePath = findChromium();
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!executablePath) return;
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
    page = await (await browser.newContext()).newPage();
    const fields = Object.entries(rendered)
      .map(([state, html]) => `<section aria-label="${state}">${html}</section>`)
      .join('\n');
    await page.setContent(`<!doctype html><html lang="en"><head><title>Fields</title></head><body><main><h1>Every state</h1><form>${fields}</form></main></body></html>`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('every state passes axe (WCAG 2.2 AA)', async (ctx) => {
    if (!browser) return ctx.skip(NO_CHROMIUM_MESSAGE);
    // The page's own headings (one h1 per question page) are not the component's concern.
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).disableRules(['page-has-heading-one']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test.for([
    ['textbox', 'Course title', ''],
    ['textbox', 'Web address name', 'Lower-case letters, digits and hyphens.'],
    ['textbox', 'Email address', 'Error: Enter an email address'],
    ['textbox', 'Number of places', 'A whole number from 1 to 500. Error: Enter a number of places'],
    ['textbox', 'Summary', 'One or two sentences.'],
    ['combobox', 'District', 'Where in-person sessions are held.'],
    ['combobox', 'Owner', 'Error: Select the trainer who owns the course'],
    ['group', 'How it is delivered', 'Error: Select how the session is delivered'],
    ['textbox', 'Reason for the post by Jo', 'See the guidance.'],
    ['textbox', 'What is the attendance?', 'As a percentage'],
    ['searchbox', 'Search for', ''],
  ] as const)('the browser names a %s "%s" and describes it as %j', async ([role, name, description], ctx) => {
    if (!browser) return ctx.skip(NO_CHROMIUM_MESSAGE);
    const control = page.getByRole(role, { name, exact: true });
    expect(await control.count()).toBe(1);
    const described = await control.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? `missing #${id}`)
        .join(' '),
    );
    expect(described).toBe(description);
  });
});
