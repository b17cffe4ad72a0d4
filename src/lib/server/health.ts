/**
 * Whether this instance's database is the live one and answers. A passing `SELECT 1` is not
 * enough: if the database file is moved or replaced while the server runs, the server keeps
 * writing to the old file (it holds it open) and every write is lost to the new one.
 */
import { statSync } from 'node:fs';
import type { PortalDb } from '../../../db/client.ts';

export type DatabaseHealth = { ok: true } | { ok: false; problem: 'replaced' | 'unreachable' };

/**
 * Checks that the file at the database's path is still the one this process opened (same
 * device and inode), then reads a real table, so an empty or foreign database at the same
 * path fails too.
 */
export async function checkDatabaseHealth(portal: PortalDb): Promise<DatabaseHealth> {
  if (portal.file) {
    try {
      const now = statSync(portal.file.path);
      if (now.dev !== portal.file.dev || now.ino !== portal.file.ino) return { ok: false, problem: 'replaced' };
    } catch {
      return { ok: false, problem: 'replaced' };
    }
  }
  try {
    await portal.client.execute('SELECT id FROM users LIMIT 1');
    return { ok: true };
  } catch {
    return { ok: false, problem: 'unreachable' };
  }
}
