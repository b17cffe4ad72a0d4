/**
 * Hashes each route's styles and scripts for the content security policy once per server
 * process, instead of on every on-demand render.
 *
 * With `security.csp` on, Astro's render (astro/dist/core/fetch/fetch-state.js) computes a
 * SHA-256 of every style and script of the route for the policy header each time it renders
 * a page: a WebCrypto digest each, a round trip through the thread pool, about a tenth of a
 * forum page's server time. The styles and scripts come from the build's manifest and are the
 * same on every render, so their digests are kept here, one per distinct text: the number of
 * entries is bounded by the build. Nothing else about the policy changes.
 *
 * Should Astro's code change so that the two calls are no longer found, the build warns and
 * Astro's own behaviour stands; `tests/unit/integrations/csp-digests-once.test.ts` checks the
 * installed Astro, so an upgrade that breaks this fails the unit tests too.
 */
import type { Plugin } from 'vite';
import { astroServerPatch } from './astro-server-patch.ts';

/** The module of Astro's that renders a route. */
const FETCH_STATE = /[\\/]astro[\\/]dist[\\/]core[\\/]fetch[\\/]fetch-state\.js$/;

/** Astro's two per-render digest calls, as they are written in that module. */
const CALLS = ['await generateCspDigest(style.children, cspAlgorithm)', 'await generateCspDigest(script.children, cspAlgorithm)'];

const HELPER = `
const portalCspDigests = new Map();
/** generateCspDigest, kept per text and algorithm (src/integrations/csp-digests-once.ts). */
function portalCspDigestOnce(data, algorithm) {
  const key = algorithm + "\\n" + data;
  let digest = portalCspDigests.get(key);
  if (digest === undefined) {
    digest = generateCspDigest(data, algorithm);
    portalCspDigests.set(key, digest);
    digest.catch(() => portalCspDigests.delete(key));
  }
  return digest;
}
`;

/**
 * The module's code with both calls replaced by the kept digests, or null when either call
 * is not found exactly once.
 */
export function keepCspDigests(code: string): string | null {
  let result = code;
  for (const call of CALLS) {
    if (result.split(call).length !== 2) return null;
    result = result.replace(call, call.replace('generateCspDigest(', 'portalCspDigestOnce('));
  }
  return result + HELPER;
}

/** A Vite plugin that applies keepCspDigests to Astro's render in the on-demand server's build. */
export function cspDigestsOnce(): Plugin {
  return astroServerPatch({
    name: 'portal:csp-digests-once',
    module: FETCH_STATE,
    patch: keepCspDigests,
    warning:
      "Astro's render no longer has the two CSP digest calls this plugin expects: every on-demand render hashes its styles and scripts again. See src/integrations/csp-digests-once.ts.",
  });
}
