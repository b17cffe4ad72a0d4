import { chromium, type Browser } from '@playwright/test';
// The sanitiser's own HTML parser (a dependency of sanitize-html): the checks below walk a
// parsed tree, never regular expressions over the output.
import { DomUtils, parseDocument } from 'htmlparser2';
import { marked } from 'marked';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  MAX_POST_LENGTH,
  POST_ALLOWED_TAGS,
  POST_LINK_REL,
  plainText,
  renderPost,
  safeLinkHref,
} from '../../../src/lib/server/forum/markdown.ts';
import { XSS_PAYLOADS } from './xss-payloads.ts';
import { CHROMIUM_ARGS, NO_CHROMIUM_MESSAGE, findChromium } from '../../chromium.ts';

type Element = ReturnType<typeof DomUtils.getElementsByTagName>[number];

function elements(html: string): Element[] {
  return DomUtils.getElementsByTagName(() => true, parseDocument(html).children, true);
}

/** Attributes each allowed element may carry; everything else is a failure. */
const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'rel', 'title'],
  ol: ['start'],
  th: ['align'],
  td: ['align'],
};
const FORBIDDEN_ELEMENTS = ['script', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'base', 'meta', 'link', 'style', 'img', 'input', 'template', 'noscript', 'frame', 'frameset'];
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster'];

/**
 * Everything wrong with a rendered post, as readable strings (empty when safe). Attribute
 * values come from the parser, so entities are already decoded the way a browser would.
 */
function problems(html: string): string[] {
  const found: string[] = [];
  if (html.toLowerCase().includes('<script')) found.push('contains "<script"');
  for (const el of elements(html)) {
    const tag = el.name.toLowerCase();
    if (FORBIDDEN_ELEMENTS.includes(tag)) found.push(`forbidden element <${tag}>`);
    if (!POST_ALLOWED_TAGS.includes(tag)) found.push(`element not on the allow-list <${tag}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      const attr = name.toLowerCase();
      if (attr.startsWith('on')) found.push(`event handler ${attr} on <${tag}>`);
      if (attr === 'style' || attr === 'class' || attr === 'id') found.push(`${attr} attribute on <${tag}>`);
      if (!(ALLOWED_ATTRIBUTES[tag] ?? []).includes(attr)) found.push(`attribute ${attr} not allowed on <${tag}>`);
      if (URL_ATTRIBUTES.includes(attr)) {
        // What a browser would see as the scheme: controls and whitespace stripped.
        const squashed = [...value].filter((c) => c.charCodeAt(0) > 0x20).join('').toLowerCase();
        for (const scheme of ['javascript:', 'data:', 'vbscript:']) {
          if (squashed.startsWith(scheme)) found.push(`${scheme} in ${attr} on <${tag}>`);
        }
      }
    }
    if (tag === 'a') {
      const href = el.attribs.href;
      if (href === undefined) found.push('link without href');
      else if (href.startsWith('/')) {
        if (new URL(href, 'https://portal.test').origin !== 'https://portal.test') found.push(`link leaves the portal: ${href}`);
      } else if (!['http:', 'https:', 'mailto:'].includes(new URL(href).protocol)) found.push(`link scheme ${href}`);
      if (el.attribs.rel !== POST_LINK_REL) found.push(`link rel is ${String(el.attribs.rel)}`);
    }
  }
  return found;
}

function tags(html: string): string[] {
  return elements(html).map((el) => el.name);
}

describe('renderPost: Markdown features', () => {
  test('emphasis, strong, strikethrough and inline code', () => {
    expect(renderPost('Some *emphasis*, **strong**, ~~gone~~ and `a < b && c`.')).toBe(
      '<p>Some <em>emphasis</em>, <strong>strong</strong>, <del>gone</del> and <code>a &lt; b &amp;&amp; c</code>.</p>',
    );
  });

  test('a single newline is a line break; a blank line a new paragraph', () => {
    expect(renderPost('one\ntwo\n\nthree')).toBe('<p>one<br />two</p>\n<p>three</p>');
  });

  test('bulleted, numbered and task lists', () => {
    expect(tags(renderPost('- a\n- b'))).toEqual(['ul', 'li', 'li']);
    const ordered = renderPost('3. three\n4. four');
    expect(ordered).toContain('<ol start="3">');
    expect(tags(ordered)).toEqual(['ol', 'li', 'li']);
    const tasks = renderPost('- [x] done\n- [ ] to do');
    expect(tasks).toContain('<li>[x] done</li>');
    expect(tasks).toContain('<li>[ ] to do</li>');
    expect(tags(tasks)).not.toContain('input');
  });

  test('code blocks keep their text, escaped, and lose the language class', () => {
    const html = renderPost('```html\n<script>alert("hi")</script>\n& done\n```');
    expect(html).toBe('<pre><code>&lt;script&gt;alert("hi")&lt;/script&gt;\n&amp; done\n</code></pre>');
    expect(renderPost('    indented <b>code</b>')).toBe('<pre><code>indented &lt;b&gt;code&lt;/b&gt;\n</code></pre>');
  });

  test('block quotes and horizontal rules', () => {
    expect(renderPost('> quoted\n> text')).toBe('<blockquote>\n<p>quoted<br />text</p>\n</blockquote>');
    expect(tags(renderPost('a\n\n---\n\nb'))).toEqual(['p', 'hr', 'p']);
  });

  test('tables keep their structure and alignment', () => {
    const html = renderPost('| Name | Count |\n|:-----|------:|\n| A | 1 |');
    expect(tags(html)).toEqual(['table', 'thead', 'tr', 'th', 'th', 'tbody', 'tr', 'td', 'td']);
    expect(html).toContain('<th align="left">Name</th>');
    expect(html).toContain('<td align="right">1</td>');
  });

  test('headings are mapped down to h3 and h4', () => {
    expect(renderPost('# One')).toBe('<h3>One</h3>');
    expect(renderPost('## Two')).toBe('<h4>Two</h4>');
    expect(renderPost('### Three')).toBe('<h4>Three</h4>');
    expect(renderPost('###### Six')).toBe('<h4>Six</h4>');
    expect(renderPost('Setext\n===')).toBe('<h3>Setext</h3>');
    expect(renderPost('Setext\n---')).toBe('<h4>Setext</h4>');
    expect(renderPost('# Title with *em*')).toBe('<h3>Title with <em>em</em></h3>');
  });

  test('links keep their text and get the rel attribute', () => {
    const rel = `rel="${POST_LINK_REL}"`;
    expect(renderPost('[Kent County Council](https://www.kent.gov.uk/social-care)')).toBe(
      `<p><a href="https://www.kent.gov.uk/social-care" ${rel}>Kent County Council</a></p>`,
    );
    expect(renderPost('<https://example.com/a?b=1&c=2>')).toBe(`<p><a href="https://example.com/a?b=1&amp;c=2" ${rel}>https://example.com/a?b=1&amp;c=2</a></p>`);
    expect(renderPost('See www.example.com')).toBe(`<p>See <a href="http://www.example.com/" ${rel}>www.example.com</a></p>`);
    expect(renderPost('Email team@example.org')).toBe(`<p>Email <a href="mailto:team@example.org" ${rel}>team@example.org</a></p>`);
    expect(renderPost('[ref][1]\n\n[1]: http://example.com "Title"')).toBe(`<p><a href="http://example.com/" ${rel} title="Title">ref</a></p>`);
  });

  test("links other than absolute http, https, mailto and the portal's own pages keep only their text", () => {
    for (const href of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'resources', '#top', '//example.com', 'ftp://example.com', 'https://user:pw@example.com']) {
      expect(renderPost(`[text](${href})`), href).toBe('<p>text</p>');
    }
  });

  test("links to the portal's own pages, written from the root, stay links", () => {
    const rel = `rel="${POST_LINK_REL}"`;
    expect(renderPost('[the lead worker role](/guidance/lead-worker-role/#consent)')).toBe(`<p><a href="/guidance/lead-worker-role/#consent" ${rel}>the lead worker role</a></p>`);
    expect(renderPost('[search](/search/?q=key worker)')).toBe('<p>[search](/search/?q=key worker)</p>');
    expect(renderPost('[search](</search/?q=key worker>)')).toBe(`<p><a href="/search/?q=key%20worker" ${rel}>search</a></p>`);
    // Markdown percent-encodes a backslash, so this is a path on the portal, not another host.
    expect(renderPost('[x](/\\evil.example/x)')).toBe(`<p><a href="/%5Cevil.example/x" ${rel}>x</a></p>`);
  });

  test('images are not shown: they become a link labelled with the alt text', () => {
    expect(renderPost('![A chart](https://example.com/chart.png)')).toBe(`<p><a href="https://example.com/chart.png" rel="${POST_LINK_REL}">A chart</a></p>`);
    expect(renderPost('![](https://example.com/c.png)')).toContain('>https://example.com/c.png</a>');
    expect(renderPost('![x](javascript:alert(1))')).toBe('<p>x</p>');
  });

  test('raw HTML is shown as text, not interpreted', () => {
    expect(renderPost('Use <b>bold</b> & <i>italics</i>')).toBe('<p>Use &lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;italics&lt;/i&gt;</p>');
    expect(renderPost('<div>\nblock\n</div>')).toBe('<p>&lt;div&gt;<br />block<br />&lt;/div&gt;</p>');
    expect(renderPost('<!-- hidden -->')).toBe('<p>&lt;!-- hidden --&gt;</p>');
  });

  test('empty and whitespace-only bodies render to nothing', () => {
    expect(renderPost('')).toBe('');
    expect(renderPost('  \n\n  ')).toBe('');
  });

  test('input beyond the maximum length is truncated', () => {
    expect(MAX_POST_LENGTH).toBe(20_000);
    const html = renderPost('a'.repeat(MAX_POST_LENGTH) + 'TAIL');
    expect(html).toBe(`<p>${'a'.repeat(MAX_POST_LENGTH)}</p>`);
    // Never half an emoji at the cut.
    const emoji = renderPost('a'.repeat(MAX_POST_LENGTH - 1) + '😀');
    expect(emoji).toBe(`<p>${'a'.repeat(MAX_POST_LENGTH - 1)}</p>`);
  });

  test('a long hostile body renders quickly', () => {
    const body = ('<img src=x onerror=alert(1)> [x](javascript:alert(1)) **a _b ~~c ' + '['.repeat(20) + '\n').repeat(400).slice(0, MAX_POST_LENGTH);
    const started = performance.now();
    const html = renderPost(body);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(problems(html)).toEqual([]);
  });
});

describe('safeLinkHref', () => {
  test.each([
    ['https://example.com', 'https://example.com/'],
    ['HTTP://EXAMPLE.COM/a', 'http://example.com/a'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
    ['javascript:alert(1)', null],
    [' \u0001java\tscript:alert(1)', null],
    ['data:text/html,x', null],
    ['vbscript:x', null],
    ['//example.com', null],
    ['/guidance/', '/guidance/'],
    [' /forum/t/1/a?x=1#p2 ', '/forum/t/1/a?x=1#p2'],
    ['/\\example.com', null],
    ['/\t/example.com', null],
    ['/\n/example.com/', null],
    ['relative', null],
    ['https://a@example.com', null],
    ['', null],
    [undefined, null],
  ])('%j -> %j', (input, expected) => {
    expect(safeLinkHref(input)).toBe(expected);
  });
});

describe('plainText', () => {
  test('is the rendered text without tags, whitespace collapsed', () => {
    expect(plainText('# Title\n\nSome **bold** text\nand a [link](https://example.com).\n\n- one\n- two')).toBe('Title Some bold text and a link. one two');
  });

  test('keeps characters as text, not entities, and keeps cells apart', () => {
    expect(plainText('Fish & chips < £5 "today"')).toBe('Fish & chips < £5 "today"');
    expect(plainText('| a | b |\n|---|---|\n| 1 | 2 |')).toBe('a b 1 2');
    expect(plainText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});

describe('XSS payloads', () => {
  test('there are at least 120 distinct payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(120);
    expect(new Set(XSS_PAYLOADS).size).toBe(XSS_PAYLOADS.length);
  });

  test('the checker catches unsafe HTML (so a pass means something)', () => {
    expect(problems('<p onclick="x">a</p>')).toContain('event handler onclick on <p>');
    expect(problems('<a href="&#106;avascript:x" rel="nofollow noopener noreferrer ugc">a</a>')).toContain('javascript: in href on <a>');
    expect(problems('<a href=" data:text/html,x">a</a>').join()).toContain('data: in href');
    expect(problems('<svg><script>x</script></svg>').join()).toContain('forbidden element <svg>');
    expect(problems('<p style="color:red">a</p>')).toContain('style attribute on <p>');
  });

  test.each(XSS_PAYLOADS.map((payload, index) => [index, payload] as const))('payload %i is rendered harmless: %j', (_index, payload) => {
    const html = renderPost(payload);
    expect(problems(html)).toEqual([]);
    // Safe output stays safe if it is ever run through the renderer again (e.g. quoted).
    expect(problems(renderPost(html))).toEqual([]);
  });
});

/**
 * The page's own instrumentation, first in <head>: counts calls to the dialog functions
 * (and window.open/print), so any payload that runs shows up in window.__xss.
 */
/** Where the harness pretends to be, so links to the portal's own pages resolve as they would there. */
const PORTAL_ORIGIN = 'https://portal.test';
const HARNESS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><base href="${PORTAL_ORIGIN}/forum/t/1/x"><title>forum xss</title><script>
window.__xss = { alert: 0, confirm: 0, prompt: 0, print: 0, open: 0, calls: [] };
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = function (...args) { window.__xss[name]++; window.__xss.calls.push(name + '(' + String(args[0]) + ')'); return null; };
}
</script></head><body>`;

/** Pokes every element with the events payloads hook into, and focuses what can be focused. */
function fireEverything(): void {
  const events = ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'focus', 'focusin', 'blur', 'load', 'error', 'toggle', 'animationstart', 'input', 'change', 'begin'];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    for (const type of events) el.dispatchEvent(new Event(type, { bubbles: true }));
    if (el instanceof HTMLElement) el.focus();
  }
}

interface PageReport {
  counters: Record<string, number | string[]>;
  dangerous: string[];
  badLinks: string[];
}

function inspectPage({ rel, origin }: { rel: string; origin: string }): PageReport {
  const xss = (window as unknown as { __xss: Record<string, number | string[]> }).__xss;
  const dangerous: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el.matches('script, iframe, object, embed, svg, math, form, base, meta, link, style, img, input, template, noscript, frame, frameset')) {
      dangerous.push(el.outerHTML.slice(0, 120));
    }
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc') dangerous.push(`${el.localName}[${attr.name}]`);
    }
  }
  const badLinks = Array.from(document.querySelectorAll('a'))
    // Absolute http, https or mailto, or a path on the portal itself.
    .filter((a) => !['http:', 'https:', 'mailto:'].includes(a.protocol) || a.rel !== rel || (a.getAttribute('href')!.startsWith('/') && a.origin !== origin))
    .map((a) => a.outerHTML.slice(0, 120));
  return { counters: xss, dangerous, badLinks };
}

describe('in a real browser', () => {
  const executablePath = findChromium();
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (executablePath) browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Loads `body` after the harness and reports what ran. */
  async function load(body: string) {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const consoleMessages: string[] = [];
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => errors.push(error.message));
    // Nothing in a post should fetch anything; record and refuse any request.
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      void route.abort();
    });
    await page.setContent(`${HARNESS}${body}</body></html>`, { waitUntil: 'load' });
    await page.evaluate(fireEverything);
    await page.waitForTimeout(750);
    const report = await page.evaluate(inspectPage, { rel: POST_LINK_REL, origin: PORTAL_ORIGIN });
    const frames = page.frames().length;
    const url = page.url();
    await context.close();
    return { ...report, dialogs, console: consoleMessages, errors, requests, frames, url };
  }

  test('the harness notices a script that runs (positive control)', async (ctx) => {
    if (!executablePath) return ctx.skip(NO_CHROMIUM_MESSAGE);
    // The payloads as plain marked would render them, raw HTML and all: some must run.
    const raw = XSS_PAYLOADS.slice(0, 40).map((payload) => `<article>${marked.parse(payload, { async: false })}</article>`).join('\n');
    const result = await load(raw);
    const { alert, confirm, prompt } = result.counters as Record<string, number>;
    expect(alert + confirm + prompt).toBeGreaterThan(0);
  });

  test('none of the rendered payloads runs a script', async (ctx) => {
    if (!executablePath) return ctx.skip(NO_CHROMIUM_MESSAGE);
    const body = XSS_PAYLOADS.map((payload, index) => `<article data-payload="${index}">${renderPost(payload)}</article>`).join('\n');
    const result = await load(body);
    expect(result.counters).toEqual({ alert: 0, confirm: 0, prompt: 0, print: 0, open: 0, calls: [] });
    expect(result.dialogs).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.console).toEqual([]);
    expect(result.requests).toEqual([]);
    expect(result.dangerous).toEqual([]);
    expect(result.badLinks).toEqual([]);
    expect(result.frames).toBe(1);
    expect(result.url).toBe('about:blank');
  });
});
