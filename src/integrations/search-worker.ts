/**
 * Makes the forum search worker (`src/lib/server/forum/search-worker.ts`) part of the server
 * build. `virtual:portal/search-worker` exports the `file:` URL of the worker's script: in a
 * build, `search-worker.mjs` beside the server's entry, a chunk that Rolldown bundles with the
 * server's own (so it shares their code and resolves the same packages); in development and
 * tests, the source file, which Node runs as TypeScript directly.
 */
import { posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

const ID = 'virtual:portal/search-worker';
const RESOLVED_ID = `\0${ID}`;
const SOURCE = fileURLToPath(new URL('../lib/server/forum/search-worker.ts', import.meta.url));
const BUILT = 'search-worker.mjs';
/** Stands in for the worker's address until the importing chunk's place in the output is known. */
const PLACEHOLDER = '__PORTAL_SEARCH_WORKER_URL__';

/** The Vite plugin behind `virtual:portal/search-worker`. */
export function searchWorker(): Plugin {
  let building = false;
  return {
    name: 'portal:search-worker',
    configResolved(config) {
      building = config.command === 'build';
    },
    resolveId(id) {
      return id === ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      if (!building) return `export default ${JSON.stringify(pathToFileURL(SOURCE).href)};`;
      this.emitFile({ type: 'chunk', id: SOURCE, fileName: BUILT });
      return `export default ${PLACEHOLDER};`;
    },
    renderChunk(code, chunk) {
      if (!code.includes(PLACEHOLDER)) return null;
      // Relative to the chunk that asks, wherever the bundler put it.
      let path = posix.relative(posix.dirname(chunk.fileName), BUILT);
      if (!path.startsWith('.')) path = `./${path}`;
      return { code: code.replaceAll(PLACEHOLDER, `new URL(${JSON.stringify(path)}, import.meta.url).href`), map: null };
    },
  };
}
