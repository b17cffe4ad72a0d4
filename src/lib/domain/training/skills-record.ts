/**
 * A practitioner's Skills Matrix record, for their appraisal: every domain, whether training
 * they attended has covered it, and through which courses. The page, the CSV and the PDF all
 * read the same rows. Policy source: the Kent Skills Matrix is a framework for each
 * practitioner's professional development, built from eight capability domains (seed 000,
 * "Kent Skills Matrix").
 */
import { toCsv } from './csv.ts';
import { certificateHours } from './certificates.ts';
import { unixToUkLocal } from './time.ts';

/** A domain as the record lists it. */
export interface RecordDomain {
  slug: string;
  title: string;
}

/** A course the person attended, with the domains it builds. */
export interface AttendedCourse {
  courseTitle: string;
  courseSlug: string;
  /** Slugs of the Skills Matrix domains the course builds. */
  domains: string[];
  sessionStartsAt: number;
  durationMinutes: number;
  /** The certificate's verification code, once one is issued. */
  certificateCode: string | null;
}

/** One domain of the record and the courses that covered it, soonest first. */
export interface RecordEntry {
  domain: RecordDomain;
  courses: AttendedCourse[];
}

/** The record: each domain in the Skills Matrix's order with the attended courses that build it. */
export function skillsRecord(domains: readonly RecordDomain[], attended: readonly AttendedCourse[]): RecordEntry[] {
  const sorted = [...attended].sort((a, b) => a.sessionStartsAt - b.sessionStartsAt);
  return domains.map((domain) => ({ domain, courses: sorted.filter((c) => c.domains.includes(domain.slug)) }));
}

/** How many domains the record shows as covered. */
export function domainsCovered(record: readonly RecordEntry[]): number {
  return record.filter((e) => e.courses.length > 0).length;
}

export const SKILLS_CSV_HEADER = ['Skills Matrix domain', 'Status', 'Course', 'Date attended', 'Learning time', 'Certificate code'] as const;

/**
 * The record as CSV rows: one per domain and course, and one "Not yet covered" row for a
 * domain no course has covered. Dates are ISO (2026-11-27), in UK time, so a spreadsheet sorts them.
 */
export function skillsRecordRows(record: readonly RecordEntry[]): string[][] {
  const isoDate = (unix: number) => unixToUkLocal(unix).date;
  return record.flatMap(({ domain, courses }) =>
    courses.length === 0
      ? [[domain.title, 'Not yet covered', '', '', '', '']]
      : courses.map((c) => [domain.title, 'Covered', c.courseTitle, isoDate(c.sessionStartsAt), certificateHours(c.durationMinutes), c.certificateCode ?? '']),
  );
}

/** The whole CSV file, safe to open in a spreadsheet (see csv.ts). */
export function skillsRecordCsv(record: readonly RecordEntry[]): string {
  return toCsv(SKILLS_CSV_HEADER, skillsRecordRows(record));
}
