/**
 * The layout's promises, read from the code's own imports: pure rules in src/lib/domain know
 * nothing of the database, Astro or the server modules; pages and components never reach
 * for the schema. A new import that breaks either fails here, naming the file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|astro)$/.test(f))
    .map((f) => join(folder, f));
}

/** Every module a file imports or re-exports, as written (static and dynamic imports). */
function importsOf(file: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    found.push((match[1] ?? match[2] ?? match[3])!);
  }
  return found;
}

const touchesDatabase = (spec: string) => /(^|\/)db\//.test(spec) || spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/') || spec.startsWith('@libsql/');

/**
 * Pages that still run SQL of their own. The list may only shrink: a page here that no
 * longer imports drizzle-orm fails the test until it is taken off.
 */
const PAGES_STILL_RUNNING_SQL: string[] = [];

describe('src/lib/domain', () => {
  test('imports nothing from the database, Astro or the server modules', () => {
    const offending = filesUnder('src/lib/domain').flatMap((file) =>
      importsOf(file)
        .filter((spec) => touchesDatabase(spec) || spec.startsWith('astro:') || spec.includes('lib/server/'))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('src/pages and src/components', () => {
  const files = [...filesUnder('src/pages'), ...filesUnder('src/components')];

  test('never import the database schema or client', () => {
    const offending = files.flatMap((file) => importsOf(file).filter((spec) => /(^|\/)db\//.test(spec)).map((spec) => `${file} imports ${spec}`));
    expect(offending).toEqual([]);
  });

  test('run no SQL of their own, apart from the pages still listed for moving', () => {
    const running = files.filter((file) => importsOf(file).some(touchesDatabase)).map((file) => relative(ROOT, join(ROOT, file)));
    expect(running.sort()).toEqual([...PAGES_STILL_RUNNING_SQL].sort());
  });
});

describe('importsOf', () => {
  test('finds static, re-exported and dynamic imports, so the checks above can fail', () => {
    const file = 'src/middleware.ts';
    const found = importsOf(file);
    expect(found).toContain('astro:middleware');
    expect(found.some((s) => s.includes('lib/server/db.ts'))).toBe(true);
    expect(importsOf('db/schema.ts')).toContain('../src/lib/domain/training/model.ts');
  });
});
