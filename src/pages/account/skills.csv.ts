/** The signed-in person's Skills Matrix record as CSV, for their appraisal or a spreadsheet. */
import type { APIRoute } from 'astro';
import { skillsRecordCsv } from '../../lib/domain/training/skills-record.ts';
import { getPortalDb } from '../../lib/server/db.ts';
import { skillsRecordFor } from '../../lib/training/skills-record.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals }) => {
  // The middleware has already sent anyone signed out to the sign-in page.
  const record = await skillsRecordFor(await getPortalDb(), locals.user!.id);
  return new Response(skillsRecordCsv(record), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="skills-matrix-record.csv"',
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
