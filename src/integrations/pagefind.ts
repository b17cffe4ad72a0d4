/**
 * Builds the Pagefind search index over the prerendered pages once Astro has written them.
 * Only elements marked `data-pagefind-body` are indexed, so headers, footers and account
 * pages stay out of search.
 *
 * The word index is written in small chunks. Pagefind's default (about 20,000 word
 * positions a chunk) gives this library four chunks of some 30 KB, and a search for three
 * or four words, with their synonyms, downloads most of them. Chunks of 1,000 positions are
 * about 1.5 KB each, so a search fetches only the few that hold its words. Pagefind 1.x
 * reads the size from an environment variable it marks unstable; `npm run bench:pages`
 * prints the chunk count and bytes per search, so a Pagefind upgrade that drops the setting
 * shows at once.
 *
 * The portal's tools (the eligibility check, training, the forum, signing in) are rendered
 * on demand or are forms, so they are not in the static output: each is added to the same
 * index as a record of its title, summary and the names people search for it by.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { TOOL_PAGES } from '../lib/domain/search/tools.ts';

/** Word positions per index chunk. */
export const INDEX_CHUNK_SIZE = 1000;

export default function pagefind(): AstroIntegration {
  let clientDir: URL | undefined;
  return {
    name: 'portal:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        clientDir = config.build.client;
      },
      'astro:build:done': async ({ logger }) => {
        if (!clientDir) throw new Error('Pagefind: the client output folder is unknown');
        const site = fileURLToPath(clientDir);
        // Read by the Pagefind binary, which starts with this process's environment.
        process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= String(INDEX_CHUNK_SIZE);
        const { createIndex, close } = await import('pagefind');
        const { index, errors } = await createIndex({ forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
        for (const tool of TOOL_PAGES) {
          const record = await index.addCustomRecord({
            url: tool.url,
            content: `${tool.summary} ${tool.terms.join('. ')}.`,
            language: 'en',
            meta: { title: tool.title },
            filters: { section: ['Tools'] },
          });
          if (record.errors.length) throw new Error(`Pagefind could not index ${tool.url}: ${record.errors.join('; ')}`);
        }
        const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
        await close();
        logger.info(`Indexed ${added.page_count} pages and ${TOOL_PAGES.length} tools for search`);
      },
    },
  };
}
