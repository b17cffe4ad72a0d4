import { describe, expect, test } from 'vitest';
import { tableLabel } from '../../../src/lib/domain/guidance/tables.ts';

describe('tableLabel', () => {
  test('names a table after its column headings', () => {
    expect(tableLabel('<thead><tr><th>Year</th><th>What <abbr title="x">DCLG</abbr> did</th></tr></thead><tbody><tr><td>2012</td><td>a</td></tr></tbody>')).toBe(
      'Table: Year, What DCLG did',
    );
  });
  test('prefers a caption', () => {
    expect(tableLabel('<caption>Fees by year</caption><tr><th>Year</th></tr>')).toBe('Fees by year');
  });
  test('falls back to a plain name when there are no headings', () => {
    expect(tableLabel('<tr><td>a</td></tr>')).toBe('Table');
  });
});
