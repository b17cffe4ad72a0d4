// @ts-check
// The yardstick for `npm run bench:forum`: the smallest on-demand Astro page, served by the
// same Astro and node adapter as the portal (resolved from the portal's node_modules).
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'static',
  adapter: node({ mode: 'standalone' }),
});
