import type { APIRoute } from 'astro';
import { getPortalDb } from '../lib/server/db.ts';
import { checkDatabaseHealth } from '../lib/server/health.ts';
import { json } from '../lib/server/json.ts';

export const prerender = false;

/**
 * 200 when the database this instance writes to is the live one and answers a read of a
 * real table; 503 otherwise (unreachable, or its file moved or replaced). For load
 * balancers and uptime checks.
 */
export const GET: APIRoute = async () => {
  let health: Awaited<ReturnType<typeof checkDatabaseHealth>>;
  try {
    health = await checkDatabaseHealth(await getPortalDb());
  } catch {
    health = { ok: false, problem: 'unreachable' };
  }
  if (health.ok) return json({ status: 'ok', database: 'ok' });
  return json({ status: 'unavailable', database: health.problem }, 503);
};
