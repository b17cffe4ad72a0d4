import type { APIRoute, GetStaticPaths } from 'astro';
import { staticPathsOf } from '../../lib/content.ts';
import { documentFromMarkdown, markdownForDownload } from '../../lib/resources/documents.ts';

export const getStaticPaths = (() => staticPathsOf('resources', 'slug')) satisfies GetStaticPaths;

/** The Word version of a resource template, generated at build time from its page. */
export const GET: APIRoute = async ({ props, site }) => {
  const { entry } = props as Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];
  const markdown = markdownForDownload({ ...entry.data, body: entry.body ?? '' }, String(site));
  const buffer = await documentFromMarkdown(entry.data, markdown);
  return new Response(new Uint8Array(buffer), {
    headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  });
};
