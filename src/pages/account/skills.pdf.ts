/** The signed-in person's Skills Matrix record as a PDF, for their appraisal. */
import type { APIRoute } from 'astro';
import { accountSettings } from '../../lib/server/config.ts';
import { getPortalDb } from '../../lib/server/db.ts';
import { recordHolder } from '../../lib/server/training/certificates.ts';
import { skillsRecordFor } from '../../lib/training/skills-record.ts';
import { skillsRecordPdf } from '../../lib/training/pdf.ts';
import { nowSeconds } from '../../lib/time.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals, rewrite }) => {
  // The middleware has already sent anyone signed out to the sign-in page.
  const user = locals.user!;
  const portal = await getPortalDb();
  const holder = await recordHolder(portal.db, user.id);
  if (!holder) return rewrite('/404');
  const pdf = await skillsRecordPdf(holder, await skillsRecordFor(portal, user.id), { generatedAt: nowSeconds(), baseUrl: accountSettings.baseUrl });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': 'attachment; filename="skills-matrix-record.pdf"',
      'Cache-Control': 'private, no-store',
    },
  });
};
