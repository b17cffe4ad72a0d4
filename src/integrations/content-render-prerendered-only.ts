/**
 * Compiles the MDX content once per build instead of twice.
 *
 * Astro builds the on-demand server (Vite's `ssr` environment) and the prerendered pages (the
 * `prerender` environment) separately. Any on-demand page that reads a content collection
 * (search's A to Z, the trainer's list of Skills Matrix domains) imports `astro:content`,
 * and with it `astro:content-module-imports`: a map from every entry to a lazy import of its
 * compiled MDX, used only by `render()`. Rolldown compiles every lazy import, so each MDX
 * file went through the whole MDX pipeline in both environments (at 1,000 pages, about a
 * third of the build), and the server carried a copy of every page it never renders.
 *
 * On-demand pages read collections' data but never render an entry, so in the `ssr`
 * environment the map is empty. Should an on-demand page ever call `render()` on an entry,
 * Astro logs that the entry has no module and renders nothing for it; prerendered pages,
 * which do render entries, are untouched.
 */
import type { Plugin } from 'vite';

/** Astro's virtual module id for the map of entry modules (astro/dist/content/consts.js). */
export const CONTENT_MODULE_IMPORTS = 'astro:content-module-imports';

/** The generated file Astro resolves that id to when it exists. */
const CONTENT_MODULES_FILE = /[\\/]\.astro[\\/]content-modules\.mjs$/;

/** True for the module ids Astro uses for the map of entry modules. */
export function isContentModuleMap(id: string): boolean {
  return id === `\0${CONTENT_MODULE_IMPORTS}` || CONTENT_MODULES_FILE.test(id);
}

/** A Vite plugin that empties the entry-module map in the on-demand server's build. */
export function contentRenderPrerenderedOnly(): Plugin {
  return {
    name: 'portal:content-render-prerendered-only',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      if (this.environment?.name !== 'ssr' || !isContentModuleMap(id)) return null;
      return { code: 'export default new Map();' };
    },
  };
}
