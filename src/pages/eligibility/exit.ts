import type { APIRoute } from 'astro';
import { isProduction } from '../../lib/server/config.ts';
import { clearStoredAnswers } from '../../lib/server/eligibility-answers.ts';

export const prerender = false;

/** Where "Exit this page" goes: somewhere neutral, with the answers wiped on the way. */
export const EXIT_DESTINATION = 'https://www.bbc.co.uk/weather';

export const GET: APIRoute = ({ cookies }) => {
  clearStoredAnswers(cookies, isProduction);
  return new Response(null, { status: 303, headers: { Location: EXIT_DESTINATION, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } });
};
