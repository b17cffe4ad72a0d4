/**
 * Forum post bodies: member-written Markdown turned into HTML that is safe to show to other
 * members.
 *
 * Two layers, each enough on its own for the common cases:
 * 1. marked (GFM) with raw HTML switched off: HTML tags in a post are not recognised as HTML
 *    at all, so `<b>hi</b>` is shown literally, as written. Headings are mapped down to h3/h4,
 *    task-list checkboxes become "[x]"/"[ ]" text and images become plain links.
 * 2. sanitize-html with a strict allow-list of elements and attributes. Links are re-parsed
 *    with the WHATWG URL parser (the one browsers use), so only absolute http, https and
 *    mailto links and links to the portal's own pages survive, whatever the encoding
 *    tricks; every link gets a fixed `rel`.
 *
 * Images are not supported: `![alt](url)` becomes a link labelled with the alt text, so posts
 * cannot load third-party content (tracking pixels, huge files) into other members' browsers.
 * Links to the portal's own pages may be written from the root (`/guidance/lead-worker/`),
 * as members copy them from the address bar. Other relative links (`resources/x`, `#top`)
 * and protocol-relative links (`//host`) are not links: their text is kept, without the link.
 */
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '../../domain/html.ts';

/** Longest post body accepted. Forms must reject longer bodies; `renderPost` truncates them. */
export const MAX_POST_LENGTH = 20_000;

/** Set on every link in a post: user content, not endorsed, no opener or referrer leak. */
export const POST_LINK_REL = 'nofollow noopener noreferrer ugc';

/** The only elements a rendered post can contain. */
export const POST_ALLOWED_TAGS: readonly string[] = [
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'hr',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Stands in for the portal's own address when reading a root-relative link. */
const OWN_ORIGIN = 'https://portal.invalid';

/**
 * The address a link may point to, normalised the way a browser would read it, or null.
 * `value` is the attribute value after HTML entity decoding. The WHATWG parser strips tabs,
 * newlines and leading control characters just as browsers do, so `java&#9;script:` and
 * friends are seen for what they are. Relative and protocol-relative addresses have no base
 * here and fail to parse. Addresses with a user name or password are refused as well:
 * `https://www.kent.gov.uk@example.com` is a phishing trick, not a useful link.
 *
 * A root-relative address (`/guidance/x/`) is read against the portal's own origin and kept
 * only if it stays there, which catches `//host`, `/\host` and the same with tabs or
 * newlines inside, all of which a browser would send elsewhere.
 */
export function safeLinkHref(value: string | undefined): string | null {
  if (!value) return null;
  if (value.trim().startsWith('/')) return ownPagePath(value.trim());
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && (!url.hostname || url.username || url.password)) return null;
  return url.href;
}

function ownPagePath(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== OWN_ORIGIN || url.username || url.password) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

const markdown = new Marked({
  gfm: true,
  // Forum posts are typed like messages: a single newline is a line break.
  breaks: true,
  async: false,
  tokenizer: {
    // Raw HTML, block or inline (including comments and CDATA), is not HTML in a post.
    // Returning undefined (not false) skips marked's own HTML rules, so the text is
    // lexed as ordinary text and escaped.
    html() {
      return undefined;
    },
    tag() {
      return undefined;
    },
  },
  renderer: {
    // Belt and braces: if an HTML token is ever produced, show it as text.
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    heading({ tokens, depth }: Tokens.Heading) {
      const level = depth <= 1 ? 3 : 4;
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    checkbox({ checked }: Tokens.Checkbox) {
      return checked ? '[x] ' : '[ ] ';
    },
    image({ href, text, tokens }: Tokens.Image) {
      const label = tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text;
      // Plain text of the alt text, escaped here because the text renderer does not escape.
      return `<a href="${escapeHtml(href)}">${escapeHtml(label || href)}</a>`;
    },
  },
});

const ALIGN = { name: 'align', multiple: false, values: ['left', 'center', 'right'] };

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...POST_ALLOWED_TAGS],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    ol: ['start'],
    th: [ALIGN],
    td: [ALIGN],
  },
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  // Disallowed elements are dropped and their text kept, except these, whose content is
  // dropped too.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'svg', 'math', 'object', 'select'],
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href ? 'excludeTag' : false),
  transformTags: {
    h1: 'h3',
    h2: 'h4',
    h5: 'h4',
    h6: 'h4',
    a: (_tagName, attribs) => {
      const href = safeLinkHref(attribs.href);
      // Not a safe link: no attributes, and exclusiveFilter below keeps only its text. (Not
      // renamed to a disallowed tag: sanitize-html 2.18 then mislabels a later closing tag.)
      if (!href) return { tagName: 'a', attribs: {} };
      const out: sanitizeHtml.Attributes = { href, rel: POST_LINK_REL };
      if (attribs.title) out.title = attribs.title;
      return { tagName: 'a', attribs: out };
    },
    ol: (_tagName, attribs) => {
      const out: sanitizeHtml.Attributes = {};
      if (attribs.start && /^\d{1,9}$/.test(attribs.start)) out.start = attribs.start;
      return { tagName: 'ol', attribs: out };
    },
  },
};

function limit(text: string): string {
  if (text.length <= MAX_POST_LENGTH) return text;
  let cut = text.slice(0, MAX_POST_LENGTH);
  // Do not leave half a surrogate pair at the end.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/**
 * A post body as HTML that is safe to show other members. Input longer than
 * `MAX_POST_LENGTH` is truncated (forms should reject it before it gets here).
 */
export function renderPost(body: string): string {
  const html = markdown.parse(limit(String(body ?? '')), { async: false });
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}

/**
 * The rendered text of a post with no markup and whitespace collapsed, for excerpts and
 * notifications. This is plain text, not HTML: escape it when putting it in a page
 * (Astro's `{expression}` does) or an HTML email.
 */
export function plainText(body: string): string {
  return textOfPostHtml(renderPost(body));
}

/**
 * The text of a post's stored HTML (what `renderPost` made of it when it was saved), with no
 * markup and whitespace collapsed: `plainText` without parsing the Markdown again.
 */
export function textOfPostHtml(html: string): string {
  // Space out block boundaries so "<p>a</p><p>b</p>" reads "a b", not "ab". The input is
  // our own sanitised output, where a literal "<" in text is always "&lt;".
  const spaced = html.replace(/<br\s*\/?>|<\/(?:p|li|h3|h4|pre|blockquote|tr|th|td|ul|ol|table)>|<hr\s*\/?>/g, '$& ');
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'discard' });
  // sanitize-html escapes exactly these four in text; undo them, "&amp;" last.
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The short text of a post for lists and notifications: never a hidden or deleted post's. */
export function excerpt(markdown: string, length = 160): string {
  const text = plainText(markdown);
  return text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
}
