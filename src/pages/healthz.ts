import type { APIRoute } from 'astro';
import { getPortalDb } from '../lib/server/db.ts';

export const prerender = false;

/** 200 once the database answers, 503 otherwise. For load balancers and uptime checks. */
export const GET: APIRoute = async () => {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  try {
    const portal = await getPortalDb();
    await portal.client.execute('SELECT 1');
    return new Response(JSON.stringify({ status: 'ok', database: 'ok' }), { status: 200, headers });
  } catch {
    return new Response(JSON.stringify({ status: 'unavailable', database: 'unreachable' }), { status: 503, headers });
  }
};
