// @ts-check
// The yardstick for `npm run bench:pages -- --pages N`: Starlight with its default settings,
// building the same MDX as the portal. The benchmark copies this folder into a temporary
// project, puts the portal's content pages under src/content/docs and links the portal's
// node_modules, so both builds use one Astro.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [starlight({ title: 'Troubled Families Practitioner Portal' })],
  markdown: { syntaxHighlight: false },
});
