/**
 * Builds the Pagefind search index over the prerendered pages once Astro has written them.
 * Only elements marked `data-pagefind-body` are indexed, so headers, footers and account
 * pages stay out of search.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

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
        const { createIndex, close } = await import('pagefind');
        const { index, errors } = await createIndex({ forceLanguage: 'en' });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
        await close();
        logger.info(`Indexed ${added.page_count} pages for search`);
      },
    },
  };
}
