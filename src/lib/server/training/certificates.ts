/**
 * Certificates of attendance and the Skills Matrix record: issuing a certificate for each
 * place a trainer marked attended, checking a code, and the attended courses behind a
 * person's record. The code format and what a certificate states are in
 * lib/domain/training/certificates.ts; the PDF is drawn by lib/training/pdf.ts.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { PortalDb, Tx } from '../../../../db/client.ts';
import { bookings, certificates, courseDomains, courses, trainingSessions, users } from '../../../../db/schema.ts';
import { CODE_BYTES, normaliseVerificationCode, verificationCodeFrom, type CertificateFacts } from '../../domain/training/certificates.ts';
import type { AttendedCourse } from '../../domain/training/skills-record.ts';
import { nowSeconds } from '../../time.ts';

type Reader = PortalDb['db'] | Tx;

/** Turns a domain's slug into the title a certificate prints. */
export type DomainTitle = (slug: string) => string;

/** The domains each course builds, by course id, in one query. */
async function domainsByCourse(db: Reader, courseIds: readonly number[]): Promise<Map<number, string[]>> {
  const byCourse = new Map<number, string[]>();
  if (courseIds.length === 0) return byCourse;
  const rows = await db
    .select({ courseId: courseDomains.courseId, domain: courseDomains.domain })
    .from(courseDomains)
    .where(inArray(courseDomains.courseId, [...courseIds]))
    .orderBy(asc(courseDomains.domain));
  for (const r of rows) byCourse.set(r.courseId, [...(byCourse.get(r.courseId) ?? []), r.domain]);
  return byCourse;
}

const factsColumns = {
  code: certificates.code,
  holderName: certificates.holderName,
  courseTitle: certificates.courseTitle,
  domains: certificates.domains,
  sessionStartsAt: certificates.sessionStartsAt,
  durationMinutes: certificates.durationMinutes,
  trainerName: certificates.trainerName,
};

function factsFrom(row: { code: string; holderName: string; courseTitle: string; domains: string; sessionStartsAt: number; durationMinutes: number; trainerName: string | null }): CertificateFacts {
  return { ...row, domains: row.domains ? row.domains.split('\n') : [] };
}

/**
 * Issues a certificate for each of a person's attended places that has none yet, in one
 * transaction, copying in what it states. Safe to call again: places with a certificate are
 * left alone, and the unique index on the place means two calls at once cannot issue two.
 */
export async function issueCertificates(portal: PortalDb, { userId, domainTitle, now = nowSeconds() }: { userId: number; domainTitle: DomainTitle; now?: number }): Promise<number> {
  return portal.write(async (tx) => {
    const owner = alias(users, 'owner');
    const due = await tx
      .select({
        bookingId: bookings.id,
        holderName: users.name,
        courseId: courses.id,
        courseTitle: courses.title,
        sessionStartsAt: trainingSessions.startsAt,
        durationMinutes: trainingSessions.durationMinutes,
        trainerName: owner.name,
      })
      .from(bookings)
      .innerJoin(users, eq(users.id, bookings.userId))
      .innerJoin(trainingSessions, eq(trainingSessions.id, bookings.sessionId))
      .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
      .leftJoin(owner, eq(owner.id, courses.ownerId))
      .leftJoin(certificates, eq(certificates.bookingId, bookings.id))
      .where(and(eq(bookings.userId, userId), eq(bookings.status, 'attended'), isNull(certificates.id)));
    if (due.length === 0) return 0;
    const domains = await domainsByCourse(tx, [...new Set(due.map((d) => d.courseId))]);
    await tx
      .insert(certificates)
      .values(
        due.map((d) => ({
          code: verificationCodeFrom(crypto.getRandomValues(new Uint8Array(CODE_BYTES))),
          bookingId: d.bookingId,
          holderName: d.holderName,
          courseTitle: d.courseTitle,
          domains: (domains.get(d.courseId) ?? []).map(domainTitle).join('\n'),
          sessionStartsAt: d.sessionStartsAt,
          durationMinutes: d.durationMinutes,
          trainerName: d.trainerName,
          issuedAt: now,
        })),
      )
      .onConflictDoNothing({ target: certificates.bookingId });
    return due.length;
  });
}

export type CertificateResult = { ok: true; facts: CertificateFacts; courseSlug: string } | { ok: false; reason: 'not-found' | 'not-attended' };

/**
 * The certificate for a person's place, issuing it first if need be. Only the person whose
 * place it is, and only while the place is marked attended.
 */
export async function certificateForPlace(
  portal: PortalDb,
  { bookingId, userId, domainTitle, now = nowSeconds() }: { bookingId: number; userId: number; domainTitle: DomainTitle; now?: number },
): Promise<CertificateResult> {
  const [place] = await portal.db
    .select({ status: bookings.status, courseSlug: courses.slug })
    .from(bookings)
    .innerJoin(trainingSessions, eq(trainingSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)));
  if (!place) return { ok: false, reason: 'not-found' };
  if (place.status !== 'attended') return { ok: false, reason: 'not-attended' };
  await issueCertificates(portal, { userId, domainTitle, now });
  const [row] = await portal.db.select(factsColumns).from(certificates).where(eq(certificates.bookingId, bookingId));
  if (!row) return { ok: false, reason: 'not-attended' };
  return { ok: true, facts: factsFrom(row), courseSlug: place.courseSlug };
}

export type Verification = { state: 'valid' | 'withdrawn'; facts: CertificateFacts; issuedAt: number };

/**
 * What anyone checking a code may see: whether the certificate is valid, for whom and for
 * what. A certificate is withdrawn when the trainer has since corrected the register to say
 * the person did not attend. Undefined for a code that was never issued (or cannot be one).
 */
export async function verifyCertificate(db: Reader, typed: string): Promise<Verification | undefined> {
  const code = normaliseVerificationCode(typed);
  if (!code) return undefined;
  const [row] = await db
    .select({ ...factsColumns, issuedAt: certificates.issuedAt, status: bookings.status })
    .from(certificates)
    .innerJoin(bookings, eq(bookings.id, certificates.bookingId))
    .where(eq(certificates.code, code));
  if (!row) return undefined;
  const { issuedAt, status, ...facts } = row;
  return { state: status === 'attended' ? 'valid' : 'withdrawn', facts: factsFrom(facts), issuedAt };
}

/**
 * The courses a person attended, with the domains each builds and its certificate's code,
 * for their Skills Matrix record. Issues missing certificates first, so the record can
 * quote every code.
 */
export async function attendedCoursesOf(portal: PortalDb, { userId, domainTitle, now = nowSeconds() }: { userId: number; domainTitle: DomainTitle; now?: number }): Promise<AttendedCourse[]> {
  await issueCertificates(portal, { userId, domainTitle, now });
  const rows = await portal.db
    .select({
      bookingId: bookings.id,
      courseId: courses.id,
      courseTitle: courses.title,
      courseSlug: courses.slug,
      sessionStartsAt: trainingSessions.startsAt,
      durationMinutes: trainingSessions.durationMinutes,
      certificateCode: certificates.code,
    })
    .from(bookings)
    .innerJoin(trainingSessions, eq(trainingSessions.id, bookings.sessionId))
    .innerJoin(courses, eq(courses.id, trainingSessions.courseId))
    .leftJoin(certificates, eq(certificates.bookingId, bookings.id))
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'attended')))
    .orderBy(asc(trainingSessions.startsAt));
  const domains = await domainsByCourse(portal.db, [...new Set(rows.map((r) => r.courseId))]);
  return rows.map((r) => ({
    courseTitle: r.courseTitle,
    courseSlug: r.courseSlug,
    domains: domains.get(r.courseId) ?? [],
    sessionStartsAt: r.sessionStartsAt,
    durationMinutes: r.durationMinutes,
    certificateCode: r.certificateCode,
  }));
}

/** The name and organisation a record is made out to. */
export async function recordHolder(db: Reader, userId: number): Promise<{ name: string; organisation: string } | undefined> {
  const [row] = await db.select({ name: users.name, organisation: users.organisation }).from(users).where(eq(users.id, userId));
  return row;
}
