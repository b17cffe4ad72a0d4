import type { APIRoute, GetStaticPaths } from 'astro';
import { staticPathsOf } from '../../lib/content.ts';
import { markdownForDownload } from '../../lib/resources/documents.ts';

export const getStaticPaths = (() => staticPathsOf('resources', 'slug')) satisfies GetStaticPaths;

/** The Markdown version of a resource template, generated at build time from its page. */
export const GET: APIRoute = ({ props, site }) => {
  const { entry } = props as Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];
  return new Response(markdownForDownload({ ...entry.data, body: entry.body ?? '' }, String(site)), {
    headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
  });
};
