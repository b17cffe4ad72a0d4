/**
 * Prepares the database for the app: creates it if missing, applies migrations and seeds.
 * Used by `npm start` (through src/cli/serve.ts), `npm run dev` and the browser tests.
 * Run directly: `node db/setup.ts`.
 */
import { createDb, type PortalDb } from './client.ts';
import { migrateDb } from './migrate.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDatabase } from './seed.ts';
import { requiresTwoFactor } from '../src/lib/domain/account/two-factor.ts';

/** The embedded database used when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = 'file:data/portal.db';

/** Opens, migrates and seeds the database named by the environment. */
export async function setupDatabase(env: NodeJS.ProcessEnv = process.env): Promise<PortalDb> {
  const portal = await createDb(env.DATABASE_URL || DEFAULT_DATABASE_URL, env.DATABASE_AUTH_TOKEN || undefined);
  await migrateDb(portal);
  const demo = env.NODE_ENV !== 'production';
  await seedDatabase(portal, { demo });
  if (demo) {
    const rows = await portal.client.execute({
      sql: `SELECT count(*) AS n FROM users WHERE email IN (${DEMO_ACCOUNTS.map(() => '?').join(',')})`,
      args: DEMO_ACCOUNTS.map((a) => a.email),
    });
    if (Number(rows.rows[0]?.n ?? 0) > 0) {
      console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
      for (const account of DEMO_ACCOUNTS) {
        console.log(`  ${account.email.padEnd(28)} ${account.roles.length ? account.roles.join(', ') : 'practitioner'}`);
      }
      const withCode = DEMO_ACCOUNTS.filter((a) => requiresTwoFactor(a.roles)).map((a) => a.email);
      console.log(`${withCode.join(', ')} sign in with a code too: add the authenticator key ${DEMO_TOTP_SECRET} to an app.`);
    }
  }
  return portal;
}

if (import.meta.main) {
  const portal = await setupDatabase();
  portal.close();
  console.log('Database ready.');
}
