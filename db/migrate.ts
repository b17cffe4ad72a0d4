/** Applies the committed drizzle-kit migrations. Run on start and in tests, never at build. */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { retryWhileBusy, type PortalDb } from './client.ts';

/** Absolute path of the committed migrations folder. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Brings the database schema up to date; safe to run on every start and on every instance. */
export async function migrateDb(portal: PortalDb): Promise<void> {
  // Pending migrations run in a transaction, so a retry after SQLITE_BUSY starts clean.
  await retryWhileBusy(
    () => migrate(portal.db, { migrationsFolder: MIGRATIONS_FOLDER }),
    () => {
      if (portal.embedded) portal.client.reconnect();
    },
  );
}
