import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { checkDatabaseHealth } from '../../src/lib/server/health.ts';
import { freshDb } from './helpers.ts';

describe('checkDatabaseHealth', () => {
  test('is ok for the live database', async () => {
    const portal = await freshDb();
    expect(await checkDatabaseHealth(portal)).toEqual({ ok: true });
  });

  test('notices the file was moved away', async () => {
    const portal = await freshDb();
    renameSync(portal.file!.path, `${portal.file!.path}.moved`);
    expect(await checkDatabaseHealth(portal)).toEqual({ ok: false, problem: 'replaced' });
  });

  test('notices the file was replaced by a copy, even one that answers every query', async () => {
    const portal = await freshDb();
    const path = portal.file!.path;
    copyFileSync(path, `${path}.copy`);
    rmSync(path);
    renameSync(`${path}.copy`, path);
    expect(await checkDatabaseHealth(portal)).toEqual({ ok: false, problem: 'replaced' });
  });

  test('fails a database without the portal’s tables', async () => {
    const portal = await freshDb();
    const empty = await createDb(`file:${portal.file!.path}.empty`);
    expect(await checkDatabaseHealth(empty)).toEqual({ ok: false, problem: 'unreachable' });
    empty.close();
  });
});
