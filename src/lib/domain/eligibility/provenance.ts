/**
 * Where each eligibility rule comes from. Every criterion, threshold, time window, decision
 * rule, next step and period in a rule set carries a `Provenance`: either the programme's own
 * rule (a source document, named by file, and the few words of it the rule rests on) or the
 * portal's reading, with the reason the portal reads it that way. Partners see which is which
 * on the question and result pages and in the API.
 *
 * `findMissingProvenance` lists anything without one; the unit tests and
 * `npm run check:sources` fail when the list is not empty.
 */

/** The source documents the programme's rules are taken from, by file name. */
export const SOURCE_DOCUMENTS = {
  '000_7879946378b0d45b.txt': "Kent County Council, Kent Troubled Families Programme: Kent's approach (booklet, 2013)",
  '001_2405a645ae975d27.txt': 'Kent Communities Cabinet Committee report on the Kent Troubled Families Programme (6 July 2012)',
  '002_e00246ac28e39f9e.txt': 'Kent County Council, Troubled families web page (about 2018)',
  '003_819ce969de96165e.txt': 'Achieving for Children, five-year delivery framework for supporting Troubled Families 2015/2020 (Kingston and Richmond)',
  '004_6bd36e657942e2d6.txt': 'Kent Troubled Families Programme briefing (2016-17)',
} as const;

export type SourceDocument = keyof typeof SOURCE_DOCUMENTS;

/** A rule the programme set: the document and the words it rests on. */
export interface ProgrammeRule {
  basis: 'programme';
  document: SourceDocument;
  /** The words of the document the rule rests on: a short citation, not a passage. */
  quote: string;
}

/** How the portal reads something the documents do not settle, and why. */
export interface PortalReading {
  basis: 'reading';
  /** Why the portal reads it this way, in one or two plain sentences. */
  reason: string;
  /** The document the reading starts from, if any. */
  document?: SourceDocument;
  quote?: string;
}

export type Provenance = ProgrammeRule | PortalReading;

/** A rule the programme set. */
export function programmeRule(document: SourceDocument, quote: string): ProgrammeRule {
  return { basis: 'programme', document, quote };
}

/** The portal's own reading, with its reason and, when there is one, what it reads. */
export function portalReading(reason: string, from?: { document: SourceDocument; quote: string }): PortalReading {
  return { basis: 'reading', reason, ...(from ?? {}) };
}

/** A citation is a few words, never a passage: longer quotations fail the check. */
export const MAX_QUOTE_WORDS = 40;

/** What is wrong with one provenance, or null when it is complete. */
export function provenanceProblem(p: Provenance | undefined): string | null {
  if (!p) return 'no source and no reading';
  if (p.document !== undefined && !(p.document in SOURCE_DOCUMENTS)) return `unknown document "${p.document}"`;
  if (p.basis === 'programme') {
    if (!p.quote?.trim()) return 'a programme rule without the words it rests on';
  } else if (!p.reason?.trim() || p.reason.trim().length < 20) {
    return "a portal's reading without its reason";
  }
  if (p.document !== undefined && !p.quote?.trim()) return 'a document named without the words relied on';
  if (p.quote && p.quote.trim().split(/\s+/).length > MAX_QUOTE_WORDS) return `a quotation of more than ${MAX_QUOTE_WORDS} words`;
  return null;
}

/** Whether a provenance is the programme's rule rather than the portal's reading. */
export function isProgrammeRule(p: Provenance): p is ProgrammeRule {
  return p.basis === 'programme';
}

/** "Programme rule" or "The portal's reading": the label partners see. */
export function provenanceLabel(p: Provenance): string {
  return p.basis === 'programme' ? 'Programme rule' : "The portal's reading";
}

/** The document's title and file name, e.g. for a citation line. */
export function documentTitle(document: SourceDocument): string {
  return SOURCE_DOCUMENTS[document];
}

/** The JSON the API gives for a provenance. */
export function provenanceToJson(p: Provenance) {
  return {
    basis: p.basis,
    ...(p.basis === 'reading' ? { reason: p.reason } : {}),
    ...(p.document ? { document: p.document, documentTitle: SOURCE_DOCUMENTS[p.document] } : {}),
    ...(p.quote ? { quote: p.quote } : {}),
  };
}
