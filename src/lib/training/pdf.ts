/**
 * PDFs for people to keep: a certificate of attendance and a Skills Matrix record. Drawn with
 * PDFKit, in DejaVu Sans (embedded, so every name prints as written, whatever its alphabet:
 * PDF's built-in fonts cover Western European letters only, and would mangle "Łukasz").
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { certificateHours, verificationPath, type CertificateFacts } from '../domain/training/certificates.ts';
import { domainsCovered, type RecordEntry } from '../domain/training/skills-record.ts';
import { formatDate } from '../format.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const PROGRAMME = 'Kent Troubled Families Programme';
const BRAND = '#1d4f76';
const TEXT = '#0b0c0c';
const SECONDARY = '#505a5f';

function newDocument(title: string, subject: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Author: PROGRAMME, Subject: subject, Creator: 'Troubled Families Practitioner Portal' },
  });
  doc.registerFont('Body', FONT);
  doc.registerFont('Bold', FONT_BOLD);
  doc.font('Body').fillColor(TEXT);
  return doc;
}

function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A label and its value, one under the other. */
function field(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('Body').fontSize(10).fillColor(SECONDARY).text(label);
  doc.font('Bold').fontSize(13).fillColor(TEXT).text(value, { paragraphGap: 10 });
}

/**
 * A certificate of attendance: who, which course, its Skills Matrix domains, the date, the
 * learning time, the trainer, and the code and address where anyone can check it.
 */
export function certificatePdf(facts: CertificateFacts, baseUrl: string): Promise<Buffer> {
  const doc = newDocument(`Certificate of attendance: ${facts.courseTitle}`, `Certificate of attendance for ${facts.holderName}`);
  const width = doc.page.width - 112;
  doc.font('Bold').fontSize(11).fillColor(BRAND).text(PROGRAMME.toUpperCase(), { characterSpacing: 1 });
  doc.moveDown(0.3).font('Body').fontSize(11).fillColor(SECONDARY).text('Kent Skills Matrix training');
  doc.moveDown(1.5).font('Bold').fontSize(28).fillColor(TEXT).text('Certificate of attendance');
  doc.moveDown(0.8).font('Body').fontSize(13).text('This is to certify that');
  doc.moveDown(0.3).font('Bold').fontSize(22).text(facts.holderName);
  doc.moveDown(0.3).font('Body').fontSize(13).text('attended the Skills Matrix training course');
  doc.moveDown(0.3).font('Bold').fontSize(18).text(facts.courseTitle, { paragraphGap: 16 });
  doc.moveTo(56, doc.y).lineTo(56 + width, doc.y).lineWidth(1).strokeColor(BRAND).stroke();
  doc.moveDown(1);
  field(doc, 'Date', formatDate(facts.sessionStartsAt));
  field(doc, 'Learning time', certificateHours(facts.durationMinutes));
  field(doc, 'Trainer', facts.trainerName ?? 'Kent Troubled Families Programme training team');
  field(doc, facts.domains.length === 1 ? 'Skills Matrix domain' : 'Skills Matrix domains', facts.domains.length ? facts.domains.join('\n') : 'None recorded');
  doc.moveDown(1);
  doc.moveTo(56, doc.y).lineTo(56 + width, doc.y).lineWidth(1).strokeColor(BRAND).stroke();
  doc.moveDown(1);
  field(doc, 'Verification code', facts.code);
  const url = new URL(verificationPath(facts.code), baseUrl).href;
  doc.font('Body').fontSize(10).fillColor(SECONDARY).text('Anyone can check this certificate at', { continued: false });
  doc.font('Body').fontSize(10).fillColor(BRAND).text(url, { link: url, underline: true });
  return toBuffer(doc);
}

/** A practitioner's Skills Matrix record for their appraisal: each domain and the courses that covered it. */
export function skillsRecordPdf(
  holder: { name: string; organisation: string },
  record: readonly RecordEntry[],
  { generatedAt, baseUrl }: { generatedAt: number; baseUrl: string },
): Promise<Buffer> {
  const doc = newDocument(`Skills Matrix record: ${holder.name}`, 'Kent Skills Matrix record of training attended');
  doc.font('Bold').fontSize(11).fillColor(BRAND).text(PROGRAMME.toUpperCase(), { characterSpacing: 1 });
  doc.moveDown(0.8).font('Bold').fontSize(24).fillColor(TEXT).text('Skills Matrix record');
  doc.moveDown(0.5);
  field(doc, 'Name', holder.name);
  field(doc, 'Organisation', holder.organisation);
  field(doc, 'Record made', formatDate(generatedAt));
  doc
    .font('Body')
    .fontSize(11)
    .fillColor(TEXT)
    .text(`Domains covered through training attended: ${domainsCovered(record)} of ${record.length}.`, { paragraphGap: 6 })
    .text('A domain counts as covered once a trainer has marked the person as attending a course that builds it. Each course lists the code of its certificate of attendance, which anyone can check at the address below.', {
      paragraphGap: 12,
    });
  for (const { domain, courses } of record) {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.font('Bold').fontSize(13).fillColor(BRAND).text(domain.title, { paragraphGap: 2 });
    if (courses.length === 0) {
      doc.font('Body').fontSize(11).fillColor(SECONDARY).text('Not yet covered', { paragraphGap: 10 });
      continue;
    }
    for (const c of courses) {
      doc.font('Body').fontSize(11).fillColor(TEXT).text(`${c.courseTitle}: attended ${formatDate(c.sessionStartsAt)}, ${certificateHours(c.durationMinutes)}`);
      if (c.certificateCode) doc.font('Body').fontSize(9).fillColor(SECONDARY).text(`Certificate ${c.certificateCode}`);
    }
    doc.moveDown(0.6);
  }
  const url = new URL('/certificates/', baseUrl).href;
  doc.moveDown(0.5).font('Body').fontSize(10).fillColor(SECONDARY).text(`To check a certificate, enter its code at ${url}`);
  return toBuffer(doc);
}
