import { describe, expect, test } from 'vitest';
import { escapeHtml } from '../../src/lib/domain/html.ts';

describe('escapeHtml', () => {
  test.each([
    ['plain words', 'Team around the family', 'Team around the family'],
    ['an ampersand first, so entities are not escaped twice', 'A&amp;B', 'A&amp;amp;B'],
    ['angle brackets', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['double quotes', 'say "hello"', 'say &quot;hello&quot;'],
    ['single quotes', "Tom's", 'Tom&#39;s'],
    ['an attribute break-out', `" onmouseover='x'`, '&quot; onmouseover=&#39;x&#39;'],
    ['curly quotes and other text as they are', 'family’s “plan” – 5 £', 'family’s “plan” – 5 £'],
  ])('%s', (_, input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});
