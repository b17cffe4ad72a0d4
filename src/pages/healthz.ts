import type { APIRoute } from 'astro';
import { getPortalDb } from '../lib/server/db.ts';
import { checkDatabaseHealth } from '../lib/server/health.ts';

export const prerender = false;

/**
 * 200 when the database this instance writes to is the live one and answers a read of a
 * real table; 503 otherwise (unreachable, or its file moved or replaced). For load
 * balancers and uptime checks.
 */
export const GET: APIRoute = async () => {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  let health: Awaited<ReturnType<typeof checkDatabaseHealth>>;
  try {
    health = await checkDatabaseHealth(await getPortalDb());
  } catch {
    health = { ok: false, problem: 'unreachable' };
  }
  if (health.ok) return new Response(JSON.stringify({ status: 'ok', database: 'ok' }), { status: 200, headers });
  return new Response(JSON.stringify({ status: 'unavailable', database: health.problem }), { status: 503, headers });
};
