import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { keepCspDigests } from '../../../src/integrations/csp-digests-once.ts';

/** Astro's render module, as installed. */
function installedFetchState(): string {
  const astroPackage = createRequire(import.meta.url).resolve('astro/package.json');
  return readFileSync(join(dirname(astroPackage), 'dist/core/fetch/fetch-state.js'), 'utf8');
}

/** The two calls as Astro writes them, in a function that hashes a route's styles and scripts. */
const RENDER = `
async function hashes(styles, scripts, cspAlgorithm) {
  const found = [];
  for (const style of styles) found.push(await generateCspDigest(style.children, cspAlgorithm));
  for (const script of scripts) found.push(await generateCspDigest(script.children, cspAlgorithm));
  return found;
}`;

/** RENDER after the transform, run with a digest function that counts its calls. */
function transformedRender(digest: (data: string, algorithm: string) => Promise<string>) {
  const code = keepCspDigests(RENDER);
  if (code === null) throw new Error('the calls were not found');
  return new Function('generateCspDigest', `${code}\nreturn hashes;`)(digest) as (
    styles: { children: string }[],
    scripts: { children: string }[],
    algorithm: string,
  ) => Promise<string[]>;
}

describe('keepCspDigests', () => {
  test("finds both digest calls in the installed Astro's render", () => {
    const code = keepCspDigests(installedFetchState());
    expect(code).not.toBeNull();
    expect(code).toContain('await portalCspDigestOnce(style.children, cspAlgorithm)');
    expect(code).toContain('await portalCspDigestOnce(script.children, cspAlgorithm)');
    expect(code).not.toContain('await generateCspDigest(style.children, cspAlgorithm)');
  });

  test('hashes each text once per algorithm, and gives the same digests as before', async () => {
    const calls: string[] = [];
    const digest = async (data: string, algorithm: string) => {
      calls.push(`${algorithm}:${data}`);
      return `${algorithm}-of-${data}`;
    };
    const render = transformedRender(digest);
    const styles = [{ children: 'a{}' }, { children: '' }];
    const scripts = [{ children: 'go()' }];
    expect(await render(styles, scripts, 'SHA-256')).toEqual(['SHA-256-of-a{}', 'SHA-256-of-', 'SHA-256-of-go()']);
    expect(await render(styles, scripts, 'SHA-256')).toEqual(['SHA-256-of-a{}', 'SHA-256-of-', 'SHA-256-of-go()']);
    expect(await render([{ children: 'a{}' }], [], 'SHA-384')).toEqual(['SHA-384-of-a{}']);
    expect(calls).toEqual(['SHA-256:a{}', 'SHA-256:', 'SHA-256:go()', 'SHA-384:a{}']);
  });

  test('a digest that failed is tried again next time', async () => {
    let attempts = 0;
    const render = transformedRender(async (data) => {
      attempts++;
      if (attempts === 1) throw new Error('no digest');
      return `hash-of-${data}`;
    });
    await expect(render([{ children: 'a{}' }], [], 'SHA-256')).rejects.toThrow('no digest');
    expect(await render([{ children: 'a{}' }], [], 'SHA-256')).toEqual(['hash-of-a{}']);
    expect(attempts).toBe(2);
  });

  test('leaves code alone when either call is missing or repeated', () => {
    expect(keepCspDigests(RENDER.replace('script.children', 'script.text'))).toBeNull();
    expect(keepCspDigests(RENDER + RENDER)).toBeNull();
  });
});
