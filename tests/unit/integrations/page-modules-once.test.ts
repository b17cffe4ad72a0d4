import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { keepPageModules } from '../../../src/integrations/page-modules-once.ts';

/** Astro's production render module, as installed. */
function installedProduction(): string {
  const astroPackage = createRequire(import.meta.url).resolve('astro/package.json');
  return readFileSync(join(dirname(astroPackage), 'dist/core/environment/production.js'), 'utf8');
}

/** The call as Astro writes it, in a function that finds a route's page module. */
const FIND = `
async function find(pageMap, component) {
  const importComponentInstance = pageMap.get(component);
  return await importComponentInstance();
}`;

/** FIND after the transform. */
function transformedFind() {
  const code = keepPageModules(FIND);
  if (code === null) throw new Error('the call was not found');
  return new Function(`${code}\nreturn find;`)() as (pageMap: Map<string, () => Promise<unknown>>, component: string) => Promise<unknown>;
}

describe('keepPageModules', () => {
  test("finds the page module load in the installed Astro's production render", () => {
    const code = keepPageModules(installedProduction());
    expect(code).not.toBeNull();
    expect(code).toContain('return await portalPageModuleOnce(importComponentInstance);');
    expect(code).not.toContain('return await importComponentInstance();');
  });

  test("loads each page's module once, and gives the module the map's entry gives", async () => {
    const loads: string[] = [];
    const entry = (name: string) => async () => {
      loads.push(name);
      return { page: name };
    };
    const pageMap = new Map([
      ['src/pages/a.astro', entry('a')],
      ['src/pages/b.astro', entry('b')],
    ]);
    const find = transformedFind();
    expect(await find(pageMap, 'src/pages/a.astro')).toEqual({ page: 'a' });
    expect(await find(pageMap, 'src/pages/a.astro')).toEqual({ page: 'a' });
    expect(await find(pageMap, 'src/pages/b.astro')).toEqual({ page: 'b' });
    expect(loads).toEqual(['a', 'b']);
  });

  test('a load that failed is tried again next time', async () => {
    let attempts = 0;
    const pageMap = new Map([
      [
        'src/pages/a.astro',
        async () => {
          attempts++;
          if (attempts === 1) throw new Error('not yet');
          return { page: 'a' };
        },
      ],
    ]);
    const find = transformedFind();
    await expect(find(pageMap, 'src/pages/a.astro')).rejects.toThrow('not yet');
    expect(await find(pageMap, 'src/pages/a.astro')).toEqual({ page: 'a' });
    expect(attempts).toBe(2);
  });

  test('leaves code without the call alone', () => {
    expect(keepPageModules('async function find() { return 1; }')).toBeNull();
  });
});
