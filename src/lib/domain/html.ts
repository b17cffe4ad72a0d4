/**
 * Text put into HTML the portal writes by hand (outside Astro's templates, which escape on
 * their own): the five characters that could end an element or an attribute, quoted with
 * either mark, become entities.
 * @example escapeHtml(`<a href="x">Tom's</a>`) // '&lt;a href=&quot;x&quot;&gt;Tom&#39;s&lt;/a&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
