import { describe, expect, test } from 'vitest';
import { contentRenderPrerenderedOnly, isContentModuleMap } from '../../../src/integrations/content-render-prerendered-only.ts';

type Load = (this: { environment: { name: string } }, id: string) => { code: string } | null;
const load = contentRenderPrerenderedOnly().load as unknown as Load;
const loadIn = (environment: string, id: string) => load.call({ environment: { name: environment } }, id);

describe('contentRenderPrerenderedOnly', () => {
  test.each([
    ['the virtual module', '\0astro:content-module-imports'],
    ['the generated file', '/srv/portal/.astro/content-modules.mjs'],
  ])('empties the map of entry modules (%s) in the on-demand server', (_, id) => {
    expect(loadIn('ssr', id)).toEqual({ code: 'export default new Map();' });
  });

  test('leaves the prerendered pages, which render entries, alone', () => {
    expect(loadIn('prerender', '/srv/portal/.astro/content-modules.mjs')).toBeNull();
  });

  test('leaves every other module alone', () => {
    expect(loadIn('ssr', '/srv/portal/content/guidance/practice/lead-worker-role.mdx')).toBeNull();
    expect(loadIn('ssr', '/srv/portal/.astro/content-assets.mjs')).toBeNull();
    expect(isContentModuleMap('astro:content')).toBe(false);
  });
});
