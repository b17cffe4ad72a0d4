/**
 * CSV for spreadsheets (RFC 4180), safe to open in Excel: every cell is quoted when it needs
 * to be, and cells that a spreadsheet would run as a formula are made plain text.
 */

/** Byte order mark, so Excel reads the file as UTF-8 and keeps accents. */
export const BOM = '\uFEFF';

/** Characters that make a spreadsheet treat a cell as a formula (plus tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: a leading formula character gets a single quote in front, then the cell is
 * quoted when it holds a comma, quote or line break, with quotes doubled.
 * @example csvCell('=HYPERLINK("x")') // '"\'=HYPERLINK(""x"")"'
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: header row, then rows, CRLF line ends, with the byte order mark. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name for a download, made of safe characters only. */
export function attendeesFileName(courseSlug: string, date: string): string {
  return `${courseSlug}-${date}-attendees.csv`.replace(/[^a-z0-9.-]/gi, '-');
}
