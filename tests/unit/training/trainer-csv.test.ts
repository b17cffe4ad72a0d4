import { describe, expect, test } from 'vitest';
import { BOM, attendeesFileName, csvCell, toCsv } from '../../../src/lib/domain/training/csv.ts';

describe('CSV cells', () => {
  test('plain values are left alone', () => {
    expect(csvCell('Priya Shah')).toBe('Priya Shah');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('Zoë Brontë')).toBe('Zoë Brontë');
  });

  test('commas, quotes and line breaks are quoted, with quotes doubled', () => {
    expect(csvCell('Kent County Council, Early Help')).toBe('"Kent County Council, Early Help"');
    expect(csvCell('The "Gateway"')).toBe('"The ""Gateway"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  test('cells a spreadsheet would run as a formula start with a single quote', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+44 1622 000000')).toBe("'+44 1622 000000");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://evil.example","Click")')).toBe('"\'=HYPERLINK(""http://evil.example"",""Click"")"');
    // Numbers are numbers, not text that starts with a minus sign.
    expect(csvCell(-2)).toBe('-2');
    // Only the first character matters.
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('CSV files', () => {
  test('start with a byte order mark, use CRLF, and end with a line break', () => {
    const csv = toCsv(['Name', 'Email'], [['Anna', 'anna@example.org'], ['=cmd', 'x,y']]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}Name,Email\r\nAnna,anna@example.org\r\n'=cmd,"x,y"\r\n`);
  });

  test('an empty list still has its header row', () => {
    expect(toCsv(['Name'], [])).toBe(`${BOM}Name\r\n`);
  });

  test('file names are safe', () => {
    expect(attendeesFileName('lead-worker-training', '2026-11-27')).toBe('lead-worker-training-2026-11-27-attendees.csv');
    expect(attendeesFileName('a"b;c', '2026-11-27')).toBe('a-b-c-2026-11-27-attendees.csv');
  });
});
