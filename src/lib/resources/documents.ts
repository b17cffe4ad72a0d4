/**
 * Turns a resource page's Markdown into the downloads people edit: a Markdown file and a
 * Word document. One source, so the page and both downloads never drift apart.
 * DOCX is built with `docx` using real heading styles, list numbering and header rows, so
 * the document works with screen readers and Word's navigation pane.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { marked, type Token, type Tokens } from 'marked';

/** Inline `<abbr title="Expansion">ABBR</abbr>` becomes "ABBR (Expansion)" the first time. */
export function expandAbbreviations(markdown: string): string {
  const seen = new Set<string>();
  return markdown.replace(/<abbr\s+title="([^"]*)">([^<]*)<\/abbr>/g, (_m, title: string, abbr: string) => {
    if (seen.has(abbr)) return abbr;
    seen.add(abbr);
    return `${abbr} (${title})`;
  });
}

/** Drops MDX-only lines (imports, exports, JSX components) and any other HTML tags. */
export function stripMdx(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^\s*(import|export)\s/.test(line) && !/^\s*<[A-Z][\w.]*[^>]*\/>\s*$/.test(line))
    .join('\n')
    .replace(/<\/?(?!abbr\b)[a-zA-Z][^>]*>/g, '');
}

/**
 * The Markdown download: title, summary and the page's body, with abbreviations spelt out
 * and site-relative links made absolute so they work outside the portal.
 */
export function markdownForDownload(page: { title: string; summary: string; body: string }, siteUrl: string): string {
  const body = expandAbbreviations(stripMdx(page.body)).replace(/\]\((\/[^)]*)\)/g, (_m, path: string) => `](${new URL(path, siteUrl).toString()})`);
  return `# ${page.title}\n\n${page.summary}\n\n${body.trim()}\n`;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Inline tokens to Word runs, keeping bold and italic. Links keep their text and address. */
function runs(tokens: Token[] | undefined, style: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        out.push(...runs((token as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...runs((token as Tokens.Em).tokens, { ...style, italics: true }));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        out.push(...runs(link.tokens, style));
        if (/^https?:/.test(link.href)) out.push(new TextRun({ text: ` (${link.href})`, ...style }));
        break;
      }
      case 'codespan':
        out.push(new TextRun({ text: decode((token as Tokens.Codespan).text), ...style }));
        break;
      case 'br':
        out.push(new TextRun({ text: '', break: 1 }));
        break;
      case 'text': {
        const text = token as Tokens.Text;
        if (text.tokens?.length) out.push(...runs(text.tokens, style));
        else out.push(new TextRun({ text: decode(text.text), ...style }));
        break;
      }
      default:
        if ('text' in token && typeof token.text === 'string') out.push(new TextRun({ text: decode(token.text), ...style }));
    }
  }
  return out;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

function blocks(tokens: Token[], depth = 0): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const h = token as Tokens.Heading;
        out.push(new Paragraph({ heading: HEADINGS[Math.min(h.depth, 4) - 1], children: runs(h.tokens) }));
        break;
      }
      case 'paragraph':
        out.push(new Paragraph({ children: runs((token as Tokens.Paragraph).tokens), spacing: { after: 160 } }));
        break;
      case 'list': {
        const list = token as Tokens.List;
        for (const item of list.items) {
          const [first, ...rest] = item.tokens;
          const firstRuns = first && (first.type === 'text' || first.type === 'paragraph') ? runs((first as Tokens.Text).tokens ?? [first]) : [];
          out.push(
            new Paragraph({
              children: firstRuns,
              numbering: { reference: list.ordered ? 'numbers' : 'bullets', level: Math.min(depth, 2) },
            }),
          );
          out.push(...blocks(first && firstRuns.length ? rest : item.tokens, depth + 1));
        }
        break;
      }
      case 'table': {
        const table = token as Tokens.Table;
        const cell = (c: Tokens.TableCell, header: boolean) =>
          new TableCell({ children: [new Paragraph({ children: runs(c.tokens, header ? { bold: true } : {}) })] });
        out.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: table.header.map((c) => cell(c, true)) }),
              ...table.rows.map((row) => new TableRow({ children: row.map((c) => cell(c, false)) })),
            ],
          }),
        );
        out.push(new Paragraph({ children: [] }));
        break;
      }
      case 'blockquote':
        out.push(...blocks((token as Tokens.Blockquote).tokens, depth));
        break;
      case 'space':
      case 'hr':
      case 'html':
        break;
      default:
        if ('text' in token && typeof token.text === 'string' && token.text.trim()) {
          out.push(new Paragraph({ children: [new TextRun(decode(token.text))] }));
        }
    }
  }
  return out;
}

/** The Word document for a resource, from the same Markdown as the download. */
export async function documentFromMarkdown(page: { title: string; summary: string }, markdown: string): Promise<Buffer> {
  const tokens = marked.lexer(markdown);
  // The Markdown starts with the title as `# …`; Word gets it as the document title instead.
  const body = tokens[0]?.type === 'heading' && (tokens[0] as Tokens.Heading).depth === 1 ? tokens.slice(1) : tokens;
  const doc = new Document({
    title: page.title,
    description: page.summary,
    creator: 'Kent Troubled Families Programme',
    styles: { default: { document: { run: { font: 'Arial', size: 24, language: { value: 'en-GB' } } } } },
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
        },
        {
          reference: 'numbers',
          levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })),
        },
      ],
    },
    sections: [
      {
        children: [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(page.title)] }), ...blocks(body)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
