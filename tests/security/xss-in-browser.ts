/**
 * The forum's XSS payload list (tests/unit/forum/xss-payloads.ts) in Chromium, against the
 * running portal: each payload is rendered by the server's own Markdown pipeline (the
 * preview endpoint behind the post forms, which runs exactly what a saved post runs), and the
 * results are shown together, each in its own post article as a topic page shows posts, inside
 * a real portal page with its real headers, Content-Security-Policy included. Instrumentation
 * counts dialogs, calls to alert/confirm/prompt/print/open, CSP violations (a payload the
 * policy stopped still got past the sanitiser), page errors, requests to any other host,
 * navigation and new frames.
 */
import { chromium, type Browser } from '@playwright/test';
import { marked } from 'marked';
import { XSS_PAYLOADS } from '../unit/forum/xss-payloads.ts';
import { CHROMIUM_ARGS, requireChromium } from '../chromium.ts';

/** Runs first in every page, before any of the page's own content. */
const INSTRUMENT = `
window.__xss = { calls: [], csp: [] };
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = function (...args) { window.__xss.calls.push(name + '(' + String(args[0]) + ')'); return null; };
}
document.addEventListener('securitypolicyviolation', (e) => window.__xss.csp.push(e.violatedDirective + ' ' + e.blockedURI));
`;

export interface XssReport {
  payloads: number;
  pages: number;
  calls: string[];
  cspViolations: string[];
  dialogs: string[];
  errors: string[];
  /** Requests to anywhere but the portal. */
  foreignRequests: string[];
  /** Elements and attributes inside the posts that should never survive the sanitiser. */
  dangerous: string[];
  /** The page's address after everything fired, when it is no longer the one loaded. */
  navigatedTo: string[];
  frames: number;
}

/** Pokes every element in the posts with the events payloads hook into, and focuses each. */
function fireEverything(): void {
  const events = ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'focus', 'focusin', 'blur', 'load', 'error', 'toggle', 'animationstart', 'input', 'change', 'begin', 'click'];
  for (const el of Array.from(document.querySelectorAll('[data-payload] *'))) {
    for (const type of events) el.dispatchEvent(new Event(type, { bubbles: false }));
    if (el instanceof HTMLElement) el.focus();
  }
}

function inspect(): { calls: string[]; csp: string[]; dangerous: string[] } {
  const xss = (window as unknown as { __xss: { calls: string[]; csp: string[] } }).__xss;
  const dangerous: string[] = [];
  for (const el of Array.from(document.querySelectorAll('[data-payload] *'))) {
    if (el.matches('script, iframe, object, embed, svg, math, form, base, meta, link, style, img, input, template, noscript, frame, frameset')) dangerous.push(el.outerHTML.slice(0, 120));
    for (const attr of Array.from(el.attributes)) {
      if (attr.name.startsWith('on') || attr.name === 'style' || attr.name === 'srcdoc') dangerous.push(`${el.localName}[${attr.name}]`);
    }
  }
  return { calls: xss.calls, csp: xss.csp, dangerous };
}

/** Renders one payload through the portal's preview endpoint, as a signed-in member. */
async function renderOnServer(base: string, cookie: string, payload: string): Promise<string> {
  const response = await fetch(`${base}/forum/preview`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie },
    body: JSON.stringify({ body: payload }),
  });
  if (response.status !== 200) throw new Error(`preview answered ${response.status} for ${JSON.stringify(payload)}`);
  return ((await response.json()) as { html: string }).html;
}

/**
 * Shows `fragments` (already rendered HTML, one per post) on a real portal page, `perPage` at
 * a time, fires every event the payloads hook into and reports what happened.
 */
async function showInPortal(browser: Browser, base: string, cookie: string, fragments: string[], perPage: number): Promise<XssReport> {
  const report: XssReport = { payloads: fragments.length, pages: 0, calls: [], cspViolations: [], dialogs: [], errors: [], foreignRequests: [], dangerous: [], navigatedTo: [], frames: 0 };
  const [name, value] = cookie.split(/=(.*)/s);
  const context = await browser.newContext({ javaScriptEnabled: true });
  await context.addCookies([{ name: name!, value: value!, url: base }]);
  await context.addInitScript(INSTRUMENT);
  const host = `${base}/forum/general/new`;
  let batch = '';
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(`${base}/`)) {
      report.foreignRequests.push(url);
      return route.abort();
    }
    // The portal's own page, with the rendered posts added at the end of its main content.
    if (url === host && route.request().isNavigationRequest()) {
      const response = await route.fetch();
      const html = await response.text();
      if (!html.includes('</main>')) throw new Error('the host page has no main element');
      return route.fulfill({ response, body: html.replace('</main>', `<section class="posts">${batch}</section></main>`) });
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    report.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => report.errors.push(error.message));
  for (let start = 0; start < fragments.length; start += perPage) {
    batch = fragments
      .slice(start, start + perPage)
      .map((html, i) => `<article class="post" data-payload="${start + i}"><div class="post-body">${html}</div></article>`)
      .join('\n');
    const response = await page.goto(host, { waitUntil: 'load' });
    if (response?.status() !== 200) throw new Error(`the host page answered ${response?.status()}`);
    if (!response.headers()['content-security-policy']) throw new Error('the host page has no Content-Security-Policy');
    report.pages++;
    await page.evaluate(fireEverything);
    // Anything a payload set going (an image, a refresh, a timer fetching) has settled.
    await page.waitForLoadState('networkidle');
    if (page.url() !== host) {
      report.navigatedTo.push(page.url());
      continue;
    }
    const found = await page.evaluate(inspect);
    report.calls.push(...found.calls);
    report.cspViolations.push(...found.csp);
    report.dangerous.push(...found.dangerous);
    report.frames = Math.max(report.frames, page.frames().length);
  }
  await context.close();
  return report;
}

/** Every payload through the portal's pipeline, shown in Chromium. */
export async function payloadsInBrowser(base: string, cookie: string, perPage = 60): Promise<XssReport> {
  const fragments: string[] = [];
  for (const payload of XSS_PAYLOADS) fragments.push(await renderOnServer(base, cookie, payload));
  const browser = await chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS] });
  try {
    return await showInPortal(browser, base, cookie, fragments, perPage);
  } finally {
    await browser.close();
  }
}

/**
 * The positive control: the first payloads as plain `marked` renders them, raw HTML and all,
 * shown the same way. Some must be noticed, or the harness cannot see anything.
 */
export async function unsanitisedInBrowser(base: string, cookie: string): Promise<XssReport> {
  const fragments = XSS_PAYLOADS.slice(0, 40).map((payload) => marked.parse(payload, { async: false }));
  const browser = await chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS] });
  try {
    return await showInPortal(browser, base, cookie, fragments, 40);
  } finally {
    await browser.close();
  }
}
