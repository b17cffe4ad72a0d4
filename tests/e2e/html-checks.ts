/**
 * Accessibility checks at the level of the served HTML, for pages that share a template with
 * a page axe has already checked in a browser. What differs between such pages is their own
 * content (headings, links, images, tables, lists), so these checks cover the axe rules that
 * content can break; colour, focus and layout come from the template and are axe's job.
 *
 * The HTML is parsed by the browser's own parser (DOMParser) in a blank page, so no page is
 * loaded, styled or scripted: checking every content page takes a fraction of a second.
 */
import type { APIRequestContext, Page } from '@playwright/test';

/** What one page's HTML says about itself. */
export type PageFacts = {
  path: string;
  status: number;
  /** Each problem names the rule and the element, e.g. "heading-order: h4 after h2 (Costs)". */
  problems: string[];
  /** The text of the level 1 heading. */
  h1: string;
  /** Every `href` on the page that starts with "/". */
  internalLinks: string[];
  text: string;
};

/** Link text that does not make sense on its own (GOV.UK content style, WCAG 2.4.4). */
const VAGUE_LINK_TEXT = /^(click here|here|read more|more|this page|this link|link)$/i;

/** Fetches each page and reports on its HTML. */
export async function inspectPages(page: Page, request: APIRequestContext, paths: string[]): Promise<PageFacts[]> {
  const fetched = await Promise.all(
    paths.map(async (path) => {
      const response = await request.get(path);
      return { path, status: response.status(), html: await response.text() };
    }),
  );
  return inspectHtml(page, fetched);
}

/** Reports on HTML already in hand, parsed in `page` (which is left blank). */
export async function inspectHtml(page: Page, fetched: { path: string; status: number; html: string }[]): Promise<PageFacts[]> {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  const reports = await page.evaluate(
    ({ docs, vague }) => {
      const vagueText = new RegExp(vague, 'i');
      const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} (${(el.textContent ?? '').trim().slice(0, 40)})`;
      return docs.map(({ path, html }) => {
        const doc = new DOMParser().parseFromString(html, 'text/html');
        const problems: string[] = [];
        if (!doc.documentElement.getAttribute('lang')?.trim()) problems.push('html-has-lang: the page has no language');
        if (!doc.title.trim()) problems.push('document-title: the page has no title');

        const h1s = doc.querySelectorAll('h1');
        if (h1s.length !== 1) problems.push(`page-has-heading-one: ${h1s.length} level 1 headings`);
        let previous = 0;
        for (const heading of doc.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
          const level = Number(heading.tagName[1]);
          if (previous && level > previous + 1) problems.push(`heading-order: h${level} after h${previous}: ${describe(heading)}`);
          if (!(heading.textContent ?? '').trim() && !heading.getAttribute('aria-label')) problems.push(`empty-heading: ${describe(heading)}`);
          previous = level;
        }

        for (const img of doc.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push(`image-alt: ${img.getAttribute('src')}`);
        for (const svg of doc.querySelectorAll('svg[role="img"]')) {
          if (!svg.getAttribute('aria-label') && !svg.getAttribute('aria-labelledby') && !svg.querySelector('title')) problems.push(`svg-img-alt: ${describe(svg)}`);
        }

        for (const link of doc.querySelectorAll('a[href]')) {
          const name = (link.getAttribute('aria-label') ?? '').trim() || (link.textContent ?? '').trim() || [...link.querySelectorAll('img[alt]')].map((i) => i.getAttribute('alt')).join('').trim();
          if (!name) problems.push(`link-name: a link to ${link.getAttribute('href')} has no text`);
          else if (vagueText.test(name)) problems.push(`link text "${name}" does not say where it goes (${link.getAttribute('href')})`);
        }

        const ids = new Map<string, number>();
        for (const el of doc.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
        for (const [id, count] of ids) if (count > 1) problems.push(`duplicate-id: ${count} elements have id "${id}"`);
        for (const attribute of ['aria-labelledby', 'aria-describedby', 'aria-controls']) {
          for (const el of doc.querySelectorAll(`[${attribute}]`)) {
            for (const ref of el.getAttribute(attribute)!.split(/\s+/).filter(Boolean)) {
              if (!ids.has(ref)) problems.push(`${attribute}: ${describe(el)} points to missing id "${ref}"`);
            }
          }
        }
        for (const label of doc.querySelectorAll('label[for]')) if (!ids.has(label.getAttribute('for')!)) problems.push(`label: ${describe(label)} is for a missing id`);

        for (const table of doc.querySelectorAll('table')) if (!table.querySelector('th')) problems.push(`table without header cells: ${describe(table)}`);
        for (const list of doc.querySelectorAll('ul, ol')) {
          for (const child of list.children) {
            if (!['LI', 'SCRIPT', 'TEMPLATE'].includes(child.tagName)) problems.push(`list: ${child.tagName.toLowerCase()} directly inside ${list.tagName.toLowerCase()}`);
          }
        }
        for (const item of doc.querySelectorAll('li')) if (!item.parentElement || !['UL', 'OL', 'MENU'].includes(item.parentElement.tagName)) problems.push(`listitem: ${describe(item)} outside a list`);
        if (!doc.querySelector('main')) problems.push('landmark-one-main: no main landmark');

        return {
          path,
          problems,
          h1: (h1s[0]?.textContent ?? '').trim(),
          internalLinks: [...doc.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href')!),
          text: (doc.body?.textContent ?? '').replace(/\s+/g, ' '),
        };
      });
    },
    { docs: fetched.map(({ path, html }) => ({ path, html })), vague: VAGUE_LINK_TEXT.source },
  );
  return reports.map((report, i) => ({ ...report, status: fetched[i]!.status }));
}
