/**
 * The name of a table's scrolling region, from the table's HTML: its caption, else its
 * column headings.
 * @example tableLabel('<thead><tr><th>Year</th><th>Fee</th></tr></thead>') // 'Table: Year, Fee'
 */
export function tableLabel(html: string): string {
  const text = (fragment: string) =>
    fragment
      .replace(/<[^>]*>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/\s+/g, ' ')
      .trim();
  const caption = html.match(/<caption[^>]*>([\s\S]*?)<\/caption>/i);
  if (caption) return text(caption[1]!);
  const firstRow = html.match(/<tr[^>]*>([\s\S]*?)<\/tr>/i)?.[1] ?? '';
  const headings = [...firstRow.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/gi)].map((m) => text(m[1]!)).filter(Boolean);
  return headings.length ? `Table: ${headings.join(', ')}` : 'Table';
}
