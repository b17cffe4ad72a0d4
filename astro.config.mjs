// @ts-check
import { defineConfig, envField } from 'astro/config';
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import pagefind from './src/integrations/pagefind.ts';
import offline from './src/integrations/offline.ts';
import { contentRenderPrerenderedOnly } from './src/integrations/content-render-prerendered-only.ts';
import { searchWorker } from './src/integrations/search-worker.ts';
import { cspDigestsOnce } from './src/integrations/csp-digests-once.ts';
import { pageModulesOnce } from './src/integrations/page-modules-once.ts';

const publicUrl = process.env.PUBLIC_URL || undefined;

/** MDX files trip rolldown's "module level directive" warning; it is harmless noise. */
function quietMdxWarnings() {
  return {
    name: 'portal:quiet-mdx-warnings',
    /** @param {string} _name @param {any} config */
    configEnvironment(_name, config) {
      const previous = config.build?.rolldownOptions?.onwarn;
      return {
        build: {
          rolldownOptions: {
            /** @param {any} warning @param {(w: any) => void} warn */
            onwarn(warning, warn) {
              if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
              if (previous) previous(warning, warn);
              else warn(warning);
            },
          },
        },
      };
    },
  };
}

export default defineConfig({
  site: publicUrl ?? 'http://localhost:4321',
  output: 'static',
  // Runs of whitespace in .astro templates become one space, and no more is taken out.
  // Astro 7's default ('jsx') drops whitespace around elements altogether, and Pagefind reads
  // text as it is in the HTML, so a table's cells or a list's terms would run together in
  // search excerpts ("YearAttachment fee"), and so would text copied from a page. Keeping
  // every space as written instead makes a forum page a third bigger (32 KB against 43 KB
  // for a topic of 20 posts) for the server to write and the browser to read.
  compressHTML: true,
  trailingSlash: 'ignore',
  // Middleware mode: src/cli/serve.ts serves the built files itself and hands Astro the rest.
  // On-demand pages are rendered whole and then sent, not streamed. Every page reads what it
  // shows before it renders anything, so streaming sent the first byte no sooner; it only cut
  // the page into pieces, and the compression in serve.ts packed each piece on its own. A
  // forum topic asked for as a browser asks (Brotli or gzip) cost the server about 4.7 ms of
  // CPU streamed against 2.5 ms whole. A page that fails while rendering now gets the error
  // page instead of ending half-way, and it goes out with its length.
  adapter: node({ mode: 'middleware', bodySizeLimit: 1024 * 1024, experimentalDisableStreaming: true }),
  // Preact renders only the islands in src/islands. Without `include`, its Vite plugin runs
  // Babel over every other JavaScript and TypeScript module of the build too (the lib code,
  // Astro's generated list of content modules, which grows with the library), in each of
  // the build's environments. offline() comes after pagefind(): it stores the index
  // pagefind() writes.
  integrations: [mdx(), preact({ include: [/[\\/]islands[\\/][^\\/]+\.tsx$/] }), pagefind(), offline()],
  server: { port: 4321 },
  security: {
    // Cross-site form posts are refused by src/middleware.ts with Astro's own rule, except
    // on the partners' eligibility API, which answers JSON (405, 415, CORS) for itself.
    checkOrigin: false,
    // Behind a TLS proxy the browser's Origin is the public host: name it here.
    allowedDomains: publicUrl
      ? [{ protocol: new URL(publicUrl).protocol.replace(':', ''), hostname: new URL(publicUrl).hostname }]
      : [],
    // Pagefind runs WebAssembly, which CSP blocks unless allowed by name.
    csp: { scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] } },
  },
  env: {
    schema: {
      DATABASE_URL: envField.string({ context: 'server', access: 'secret', default: 'file:data/portal.db' }),
      DATABASE_AUTH_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      PUBLIC_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      TRUSTED_EMAIL_DOMAINS: envField.string({ context: 'server', access: 'secret', default: 'kent.gov.uk' }),
      TRUST_PROXY: envField.boolean({ context: 'server', access: 'secret', default: false }),
      ELIGIBILITY_API_ORIGINS: envField.string({ context: 'server', access: 'secret', optional: true }),
      TRAINING_BOOKING_TERMS: envField.string({ context: 'server', access: 'secret', optional: true }),
    },
  },
  markdown: { syntaxHighlight: false },
  vite: {
    plugins: [quietMdxWarnings(), contentRenderPrerenderedOnly(), searchWorker(), cspDigestsOnce(), pageModulesOnce()],
  },
});
