import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PAGEFIND_SIGNATURE, unpackedPagefindData, writeBrotliCopies } from '../../../src/integrations/precompress.ts';

const packed = (text: string) => gzipSync(Buffer.from(PAGEFIND_SIGNATURE + text));

describe('writeBrotliCopies', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portal-precompress-'));
    mkdirSync(join(dir, 'fragment'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("writes a Brotli copy beside each of Pagefind's packed files that unpacks to the same data", async () => {
    const fragment = JSON.stringify({ url: '/guidance/lead-worker/', content: 'The lead worker coordinates the team around the family. '.repeat(40) });
    writeFileSync(join(dir, 'fragment', 'en_1.pf_fragment'), packed(fragment));
    writeFileSync(join(dir, 'wasm.en.pagefind'), packed('\0asm binary'));

    const copies = await writeBrotliCopies(dir);

    expect(copies.files).toBe(2);
    const copy = readFileSync(join(dir, 'fragment', 'en_1.pf_fragment.br'));
    expect(brotliDecompressSync(copy).toString()).toBe(PAGEFIND_SIGNATURE + fragment);
    expect(copy.length).toBeLessThan(readFileSync(join(dir, 'fragment', 'en_1.pf_fragment')).length);
    expect(brotliDecompressSync(readFileSync(join(dir, 'wasm.en.pagefind.br'))).toString()).toBe(`${PAGEFIND_SIGNATURE}\0asm binary`);
    expect(copies.brotliBytes).toBeLessThan(copies.gzipBytes);
  });

  test('leaves alone files that are not packed Pagefind data, and never copies a copy', async () => {
    writeFileSync(join(dir, 'pagefind.js'), 'export const x = 1;');
    writeFileSync(join(dir, 'other.gz'), gzipSync(Buffer.from('not a Pagefind file')));
    writeFileSync(join(dir, 'fragment', 'en_2.pf_fragment'), packed('{}'));

    expect((await writeBrotliCopies(dir)).files).toBe(1);
    expect((await writeBrotliCopies(dir)).files).toBe(1);
    expect(existsSync(join(dir, 'pagefind.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'other.gz.br'))).toBe(false);
    expect(existsSync(join(dir, 'fragment', 'en_2.pf_fragment.br.br'))).toBe(false);
  });
});

describe('unpackedPagefindData', () => {
  test('unpacks gzip data that carries the signature, and nothing else', async () => {
    expect((await unpackedPagefindData(packed('{"a":1}')))?.toString()).toBe(`${PAGEFIND_SIGNATURE}{"a":1}`);
    expect(await unpackedPagefindData(Buffer.from(`${PAGEFIND_SIGNATURE}{}`))).toBeNull();
    expect(await unpackedPagefindData(gzipSync(Buffer.from('plain')))).toBeNull();
  });
});
