/**
 * Loads each on-demand page's module once per server process, instead of asking Node's module
 * loader for it again on every request.
 *
 * Astro's production render (astro/dist/core/environment/production.js) finds a route's page
 * through the build's page map, whose entries are `() => import("./chunks/…")`, and calls the
 * entry on every request. Node has the module already, but each `import()` still resolves the
 * specifier and looks up the module's job: about 2 to 7% of a forum page's server time. The
 * promise each entry gives is kept here, keyed by the entry itself, so the map's size is
 * bounded by the build's pages. A load that failed is tried again next time. What the page
 * module is and how it renders do not change.
 *
 * Should Astro's code change so that the call is no longer found, the build warns and Astro's
 * own behaviour stands; `tests/unit/integrations/page-modules-once.test.ts` checks the
 * installed Astro, so an upgrade that breaks this fails the unit tests too.
 */
import type { Plugin } from 'vite';
import { astroServerPatch } from './astro-server-patch.ts';

/** Astro's module that finds a route's page in production. */
const PRODUCTION = /[\\/]astro[\\/]dist[\\/]core[\\/]environment[\\/]production\.js$/;

/** Astro's per-request load of a page's module, as it is written in that module. */
const CALL = 'return await importComponentInstance();';

const HELPER = `
const portalPageModules = new WeakMap();
/** A page map entry's module, loaded once (src/integrations/page-modules-once.ts). */
function portalPageModuleOnce(load) {
  let loaded = portalPageModules.get(load);
  if (loaded === undefined) {
    loaded = load();
    portalPageModules.set(load, loaded);
    loaded.catch(() => portalPageModules.delete(load));
  }
  return loaded;
}
`;

/** The module's code with the load kept, or null when the call is not found exactly once. */
export function keepPageModules(code: string): string | null {
  if (code.split(CALL).length !== 2) return null;
  return code.replace(CALL, 'return await portalPageModuleOnce(importComponentInstance);') + HELPER;
}

/** A Vite plugin that applies keepPageModules to Astro's production render in the on-demand server's build. */
export function pageModulesOnce(): Plugin {
  return astroServerPatch({
    name: 'portal:page-modules-once',
    module: PRODUCTION,
    patch: keepPageModules,
    warning:
      "Astro's production render no longer loads page modules the way this plugin expects: every on-demand request imports its page again. See src/integrations/page-modules-once.ts.",
  });
}
