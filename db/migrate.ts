/** Applies the committed drizzle-kit migrations. Run on start and in tests, never at build. */
import { fileURLToPath } from 'node:url';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { nameKey } from '../src/lib/domain/account/display-name.ts';
import { organisationKey } from '../src/lib/domain/training/places.ts';
import { retryWhileBusy, type PortalDb } from './client.ts';
import { bookings, users } from './schema.ts';

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
  await fillNameKeys(portal);
  await fillPlaceOrganisationKeys(portal);
}

/**
 * Fills `users.name_key` where it is missing: for accounts made before the column existed
 * (SQL has no Unicode normalisation, so the migration that added the column cannot). Accounts are taken oldest
 * first and a key already held is left null, so when existing names clash the earliest
 * account keeps the name and the migration never fails on them. Idempotent: after the first
 * run only such clashing accounts remain null, and they are checked again cheaply.
 */
export async function fillNameKeys(portal: PortalDb): Promise<void> {
  const missing = await portal.db.select({ id: users.id, name: users.name }).from(users).where(isNull(users.nameKey)).orderBy(asc(users.id));
  if (missing.length === 0) return;
  await portal.write(async (tx) => {
    for (const user of missing) {
      const key = nameKey(user.name);
      if (key === '') continue;
      // One statement, so another instance filling at the same moment cannot make it fail.
      await tx.run(sql`UPDATE users SET name_key = ${key} WHERE id = ${user.id} AND name_key IS NULL AND NOT EXISTS (SELECT 1 FROM users WHERE name_key = ${key})`);
    }
  });
}

/**
 * Fills `bookings.organisation_key` for places made before the column existed, from their
 * holders' organisations as written now (SQL has no Unicode normalisation, so the migration
 * cannot). One statement per 200 spellings, whatever the number of places; idempotent, and
 * after the first run it reads nothing but an empty list.
 */
export async function fillPlaceOrganisationKeys(portal: PortalDb): Promise<void> {
  const spellings = await portal.db
    .selectDistinct({ organisation: users.organisation })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(isNull(bookings.organisationKey));
  if (spellings.length === 0) return;
  await portal.write(async (tx) => {
    for (let i = 0; i < spellings.length; i += 200) {
      const chunk = spellings.slice(i, i + 200);
      const cases = sql.join(
        chunk.map((s) => sql`WHEN ${s.organisation} THEN ${organisationKey(s.organisation)}`),
        sql` `,
      );
      await tx.run(sql`UPDATE bookings SET organisation_key = (SELECT CASE u.organisation ${cases} END FROM users u WHERE u.id = bookings.user_id) WHERE organisation_key IS NULL`);
    }
  });
}
