/**
 * Training reference data: the courses the Kent Skills Matrix offer is known to include
 * (practitioner CAF workshops, lead worker training from July 2013, the online information
 * sharing course), and, for demo databases only, a term of upcoming sessions.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from './client.ts';
import { onWorkingDay } from '../src/lib/domain/training/working-days.ts';

/** The demo plan: course, days from now, how it is delivered, district, places, minutes. */
export const DEMO_SESSION_PLAN: readonly [slug: string, inDays: number, mode: 'in-person' | 'online', district: string | null, capacity: number, minutes: number][] = [
  ['caf-practitioner-workshop', 7, 'in-person', 'Maidstone', 20, 180],
  ['caf-practitioner-workshop', 21, 'in-person', 'Thanet', 20, 180],
  ['caf-practitioner-workshop', 35, 'online', null, 30, 150],
  ['lead-worker-training', 10, 'in-person', 'Swale', 16, 360],
  ['lead-worker-training', 28, 'in-person', 'Ashford', 16, 360],
  ['lead-worker-training', 49, 'in-person', 'Canterbury', 16, 360],
  ['information-sharing', 5, 'online', null, 40, 90],
  ['information-sharing', 26, 'online', null, 40, 90],
  ['information-sharing', 63, 'online', null, 40, 90],
  ['caf-practitioner-workshop', 56, 'in-person', 'Tunbridge Wells', 2, 180],
];

export const SEED_COURSES = [
  {
    slug: 'caf-practitioner-workshop',
    title: 'Common Assessment Framework practitioner workshop',
    summary: 'How to use the CAF with a family: consent, the assessment, the action plan and the team around the family.',
    audience: 'Anyone in a partner agency who may start or contribute to a CAF, including new lead workers.',
    outcomes: [
      'Explain the CAF to a family and gain their informed consent',
      'Complete a CAF assessment that covers the whole family',
      'Agree a family action plan and set up a team around the family',
    ],
    domains: ['assessment-and-intervention-skills', 'systems-and-it', 'organisational-context-and-behaviours'],
  },
  {
    slug: 'lead-worker-training',
    title: 'Lead worker training',
    summary: 'The lead worker role in the Troubled Families Programme: coordinating the team around the family and staying alongside the family.',
    audience: 'Frontline staff from every agency who act, or will act, as lead worker or lead professional for a family.',
    outcomes: [
      'Describe what a lead worker does and does not do',
      'Coordinate a team around the family to one agreed plan',
      'Advocate for a family with other agencies and use supervision to reflect on the work',
    ],
    domains: ['professional-leadership-and-supervision', 'assessment-and-intervention-skills', 'critical-reflection-and-analysis'],
  },
  {
    slug: 'information-sharing',
    title: 'Information sharing (online course)',
    summary: 'What you may share about a family, with whom and on what basis, under the Kent and Medway Information Sharing Agreement and the programme procedure.',
    audience: 'Everyone who holds or shares information about programme families, in any partner agency.',
    outcomes: [
      'Decide whether information can be shared, and on what basis',
      'Record consent and every decision to share',
      'Keep case information out of channels that are not meant for it, such as forums',
    ],
    domains: ['systems-and-it', 'organisational-context-and-behaviours', 'specialist-knowledge'],
  },
] as const;

/** Adds the reference courses that are missing; never changes a trainer's edits. */
export async function seedCourses(tx: Tx, now: number): Promise<void> {
  for (const c of SEED_COURSES) {
    const inserted = await tx.run(sql`
      INSERT INTO courses (slug, title, summary, audience, outcomes, created_at, updated_at)
      VALUES (${c.slug}, ${c.title}, ${c.summary}, ${c.audience}, ${c.outcomes.join('\n')}, ${now}, ${now})
      ON CONFLICT (slug) DO NOTHING RETURNING id`);
    const id = inserted.rows[0]?.id;
    if (id === undefined) continue;
    for (const domain of c.domains) await tx.run(sql`INSERT INTO course_domains (course_id, domain) VALUES (${Number(id)}, ${domain})`);
  }
}

/**
 * When the demo plan's session `inDays` days from now starts: 09:30 UTC (9:30am in winter,
 * 10:30am in summer) on that day, or on the next working day when that day is a Saturday,
 * a Sunday or a bank holiday in England and Wales.
 */
export function demoSessionStart(now: number, inDays: number): number {
  const day = 86400;
  const planned = Math.floor(now / day) * day + 9.5 * 3600 + inDays * day;
  return Math.floor(onWorkingDay(new Date(planned * 1000)).getTime() / 1000);
}

/**
 * Demo sessions over the next ten weeks, so a fresh portal has something to book: each
 * course in several districts and online, one nearly full, all on working days. The demo
 * trainer owns the courses that have no owner yet.
 */
export async function seedDemoSessions(tx: Tx, trainerId: number, now: number): Promise<void> {
  await tx.run(sql`UPDATE courses SET owner_id = ${trainerId} WHERE owner_id IS NULL`);
  const courseIds = new Map<string, number>();
  for (const r of (await tx.run(sql`SELECT id, slug FROM courses`)).rows) courseIds.set(String(r.slug), Number(r.id));
  for (const [slug, inDays, mode, district, capacity, minutes] of DEMO_SESSION_PLAN) {
    const courseId = courseIds.get(slug);
    if (courseId === undefined) continue;
    const venue = mode === 'online' ? 'Microsoft Teams: the joining link is emailed the day before' : `${district} Gateway, training room 2`;
    await tx.run(sql`
      INSERT INTO training_sessions (course_id, starts_at, duration_minutes, mode, venue, district, capacity, cutoff_hours, created_by, created_at, updated_at)
      VALUES (${courseId}, ${demoSessionStart(now, inDays)}, ${minutes}, ${mode}, ${venue}, ${district}, ${capacity}, 24, ${trainerId}, ${now}, ${now})`);
  }
}
