/** The forum's categories: five on practice, and one for each of Kent's twelve districts. */
import { sql } from 'drizzle-orm';
import type { Tx } from './client.ts';
import { KENT_DISTRICTS } from './schema.ts';
import { slugify } from '../src/lib/domain/text.ts';

export const SEED_CATEGORIES: readonly { slug: string; title: string; description: string }[] = [
  { slug: 'general', title: 'General', description: 'Anything about the programme that does not fit elsewhere.' },
  { slug: 'caf-and-assessment', title: 'CAF and assessment', description: 'Using the Common Assessment Framework: consent, assessments and action plans.' },
  { slug: 'lead-workers', title: 'Lead workers', description: 'The lead worker role, the team around the family and engaging families.' },
  { slug: 'information-sharing', title: 'Information sharing', description: 'What the information sharing procedure allows. Never post case information here.' },
  { slug: 'training-and-skills-matrix', title: 'Training and the Skills Matrix', description: 'Courses, the eight capability domains and professional development.' },
  ...KENT_DISTRICTS.map((d) => ({ slug: slugify(d), title: d, description: `Local services, contacts and meetings in ${d}.` })),
];

/** Adds missing categories; never changes or removes one. */
export async function seedCategories(tx: Tx): Promise<void> {
  for (const [position, c] of SEED_CATEGORIES.entries()) {
    await tx.run(sql`INSERT INTO forum_categories (slug, title, description, position) VALUES (${c.slug}, ${c.title}, ${c.description}, ${position}) ON CONFLICT (slug) DO NOTHING`);
  }
}
