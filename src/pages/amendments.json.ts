/**
 * Every content page's title and amendments as JSON, written at build time beside
 * /amendments/ (the same facts, for machines). The server's weekly "changed since you last
 * read" e-mail reads it from the build output, so it always matches the pages being served.
 */
import type { APIRoute } from 'astro';
import { changeablePages } from '../lib/page-index.ts';
import { pageToJson } from '../lib/domain/reading/model.ts';

export const GET: APIRoute = async () => {
  const pages = [...(await changeablePages()).values()].map(pageToJson);
  return new Response(JSON.stringify({ pages }), { headers: { 'Content-Type': 'application/json' } });
};
