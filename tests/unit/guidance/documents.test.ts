import JSZip from 'jszip';
import { describe, expect, test } from 'vitest';
import { documentFromMarkdown, expandAbbreviations, markdownForDownload, stripMdx } from '../../../src/lib/resources/documents.ts';

const page = {
  title: 'Business case template',
  summary: 'A template for a local business case to the central funding pot.',
  body: [
    "import Chart from '../x.astro';",
    '',
    '## 1. Summary',
    '',
    'Write what the <abbr title="Team around the family">TAF</abbr> will do. The TAF meets monthly.',
    '',
    '<Chart />',
    '',
    '## 2. Costs',
    '',
    '- **Staff**: two workers',
    '- Venues, see [the funding page](/guidance/payment-by-results/)',
    '',
    '| Item | Cost |',
    '| --- | --- |',
    '| Worker | £4,000 |',
  ].join('\n'),
};

describe('expandAbbreviations', () => {
  test('spells out an abbreviation the first time only', () => {
    expect(expandAbbreviations('<abbr title="Common Assessment Framework">CAF</abbr> and <abbr title="Common Assessment Framework">CAF</abbr>')).toBe(
      'CAF (Common Assessment Framework) and CAF',
    );
  });
});

describe('stripMdx', () => {
  test('drops imports and components but keeps abbreviations for expansion', () => {
    const out = stripMdx(page.body);
    expect(out).not.toContain('import');
    expect(out).not.toContain('<Chart');
    expect(out).toContain('<abbr');
  });
});

describe('markdownForDownload', () => {
  test('starts with the title and summary and makes site links absolute', () => {
    const md = markdownForDownload(page, 'https://portal.example.gov.uk/');
    expect(md.startsWith('# Business case template\n\nA template for a local business case')).toBe(true);
    expect(md).toContain('](https://portal.example.gov.uk/guidance/payment-by-results/)');
    expect(md).toContain('TAF (Team around the family)');
  });
});

describe('documentFromMarkdown', () => {
  test('makes a Word document with the title, every section heading, lists and the table', async () => {
    const buffer = await documentFromMarkdown(page, markdownForDownload(page, 'https://portal.example.gov.uk/'));
    const zip = await JSZip.loadAsync(buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of ['Business case template', '1. Summary', '2. Costs', 'TAF (Team around the family)', 'Staff', '£4,000']) {
      expect(text).toContain(expected);
    }
    expect(xml).toContain('w:val="Heading2"');
    expect(xml).toContain('<w:tblHeader/>');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dc:title>Business case template</dc:title>');
  });
});
