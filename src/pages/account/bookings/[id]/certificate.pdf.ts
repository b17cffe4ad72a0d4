/**
 * The signed-in person's certificate of attendance for one of their places, as a PDF. Only
 * for a place a trainer marked attended; anything else is a 404.
 */
import type { APIRoute } from 'astro';
import { certificateFileName } from '../../../../lib/domain/training/certificates.ts';
import { unixToUkLocal } from '../../../../lib/domain/training/time.ts';
import { accountSettings } from '../../../../lib/server/config.ts';
import { getPortalDb } from '../../../../lib/server/db.ts';
import { certificateForPlace } from '../../../../lib/server/training/certificates.ts';
import { domainTitle, skillsDomains } from '../../../../lib/training/domains.ts';
import { certificatePdf } from '../../../../lib/training/pdf.ts';
import { parseId } from '../../../../lib/domain/ids.ts';

export const prerender = false;

export const GET: APIRoute = async ({ params, locals, rewrite }) => {
  // The middleware has already sent anyone signed out to the sign-in page.
  const user = locals.user!;
  const bookingId = parseId(params.id);
  if (bookingId === null) return rewrite('/404');
  const portal = await getPortalDb();
  const domains = await skillsDomains();
  const result = await certificateForPlace(portal, { bookingId, userId: user.id, domainTitle: (slug) => domainTitle(domains, slug) });
  if (!result.ok) return rewrite('/404');
  const pdf = await certificatePdf(result.facts, accountSettings.baseUrl);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${certificateFileName(result.courseSlug, unixToUkLocal(result.facts.sessionStartsAt).date)}"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
