/**
 * A Vite plugin that changes one module of Astro's, in the on-demand server's build only,
 * where the portal measured a cost Astro pays on every request (csp-digests-once.ts,
 * page-modules-once.ts). `patch` gives the module's new code, or null when Astro's code no
 * longer has what it expects: then the build warns with `warning` and Astro's module stands.
 */
import type { Plugin } from 'vite';

export function astroServerPatch({ name, module, patch, warning }: { name: string; module: RegExp; patch: (code: string) => string | null; warning: string }): Plugin {
  return {
    name,
    apply: 'build',
    transform(code, id) {
      if (this.environment?.name !== 'ssr' || !module.test(id)) return null;
      const patched = patch(code);
      if (patched === null) {
        this.warn(warning);
        return null;
      }
      return { code: patched, map: null };
    },
  };
}
