import { describe, expect, test } from 'vitest';
import { BOM } from '../../../src/lib/domain/training/csv.ts';
import { SKILLS_CSV_HEADER, domainsCovered, skillsRecord, skillsRecordCsv, type AttendedCourse } from '../../../src/lib/domain/training/skills-record.ts';

const domains = [
  { slug: 'critical-reflection', title: 'Critical reflection and analysis' },
  { slug: 'systems-and-it', title: 'Systems and IT' },
  { slug: 'specialist-knowledge', title: 'Specialist knowledge' },
];
const course = (over: Partial<AttendedCourse>): AttendedCourse => ({
  courseTitle: 'Restorative practice',
  courseSlug: 'restorative-practice',
  domains: ['critical-reflection'],
  sessionStartsAt: Math.floor(Date.parse('2026-06-01T09:00:00Z') / 1000),
  durationMinutes: 150,
  certificateCode: '7KQ4-M2XD-9VHC-T0RB',
  ...over,
});

describe('skillsRecord', () => {
  test('every domain in order, with the courses that covered it, soonest first', () => {
    const later = course({ courseTitle: 'Case recording', domains: ['critical-reflection', 'systems-and-it'], sessionStartsAt: course({}).sessionStartsAt + 86_400 });
    const record = skillsRecord(domains, [later, course({})]);
    expect(record.map((e) => [e.domain.slug, e.courses.map((c) => c.courseTitle)])).toEqual([
      ['critical-reflection', ['Restorative practice', 'Case recording']],
      ['systems-and-it', ['Case recording']],
      ['specialist-knowledge', []],
    ]);
    expect(domainsCovered(record)).toBe(2);
  });
});

describe('skillsRecordCsv', () => {
  test('one row per domain and course, a row for each domain not yet covered, UK dates', () => {
    // 11:30pm on 31 May in UTC is already 1 June in the UK (summer time).
    const csv = skillsRecordCsv(skillsRecord(domains, [course({ sessionStartsAt: Math.floor(Date.parse('2026-05-31T23:30:00Z') / 1000) })]));
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(SKILLS_CSV_HEADER.join(','));
    expect(lines.slice(1, -1)).toEqual([
      'Critical reflection and analysis,Covered,Restorative practice,2026-06-01,2 hours 30 minutes,7KQ4-M2XD-9VHC-T0RB',
      'Systems and IT,Not yet covered,,,,',
      'Specialist knowledge,Not yet covered,,,,',
    ]);
  });

  test('a course title a spreadsheet would run as a formula is made plain text', () => {
    const csv = skillsRecordCsv(skillsRecord(domains, [course({ courseTitle: '=HYPERLINK("http://evil.example","Click")' })]));
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});
