/**
 * Deterministic rows for development and browser tests. Reference data is upserted on every
 * start; demo accounts are created only outside production and only in a database that has
 * no accounts yet, so they never appear beside real people.
 */
import { count } from 'drizzle-orm';
import type { PortalDb } from './client.ts';
import { userRoles, users, type GrantableRole } from './schema.ts';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import { requiresTwoFactor } from '../src/lib/domain/account/two-factor.ts';
import { nameKey } from '../src/lib/domain/account/display-name.ts';
import { seedCategories } from './seed-forum.ts';
import { seedCourses, seedDemoSessions } from './seed-training.ts';
import { nowSeconds } from '../src/lib/time.ts';

/** The shared password of every demo account. Never used in production. */
export const DEMO_PASSWORD = 'portal-demo-2026';

/**
 * The authenticator secret (base32) of the demo accounts that need two-factor sign-in
 * (trainer, moderator, editor, admin). Fixed and published so anyone trying the portal can add it
 * to an app and walk the whole flow; never used in production.
 */
export const DEMO_TOTP_SECRET = 'PORTALDEMOTWOFACTORKEYKENTTFPQRS';

/** Demo accounts, one per role. Names are invented. */
export const DEMO_ACCOUNTS: readonly {
  email: string;
  name: string;
  organisation: string;
  roles: readonly GrantableRole[];
}[] = [
  { email: 'practitioner@example.org', name: 'Priya Shah', organisation: 'Kent Police', roles: [] },
  { email: 'trainer@example.org', name: 'Tom Barker', organisation: 'Kent County Council workforce development', roles: ['trainer'] },
  { email: 'moderator@example.org', name: 'Megan Hollis', organisation: 'Kent County Council', roles: ['moderator'] },
  { email: 'editor@example.org', name: 'Esther Quayle', organisation: 'Kent County Council programme team', roles: ['editor'] },
  { email: 'admin@example.org', name: 'Alex Morgan', organisation: 'Kent County Council programme team', roles: ['admin'] },
];

/** 1 January 2026, so demo rows look the same on every machine. */
const DEMO_CREATED_AT = 1767225600;

export interface SeedResult {
  demoAccountsCreated: boolean;
}

/** Seeds reference data, and demo accounts when `demo` is true and the database has no accounts. */
export async function seedDatabase(portal: PortalDb, { demo, now = nowSeconds() }: { demo: boolean; now?: number }): Promise<SeedResult> {
  await portal.write(async (tx) => {
    await seedCourses(tx, now);
    await seedCategories(tx);
  });
  if (!demo) return { demoAccountsCreated: false };
  const [{ total } = { total: 0 }] = await portal.db.select({ total: count() }).from(users);
  if (total > 0) return { demoAccountsCreated: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const totpKey = Buffer.from(decodeBase32IgnorePadding(DEMO_TOTP_SECRET));
  await portal.write(async (tx) => {
    for (const account of DEMO_ACCOUNTS) {
      const [row] = await tx
        .insert(users)
        .values({
          email: account.email,
          name: account.name,
          nameKey: nameKey(account.name),
          organisation: account.organisation,
          passwordHash,
          status: 'active',
          emailVerifiedAt: DEMO_CREATED_AT,
          approvedAt: DEMO_CREATED_AT,
          createdAt: DEMO_CREATED_AT,
          totpKey: requiresTwoFactor(account.roles) ? totpKey : null,
        })
        .returning({ id: users.id });
      for (const role of account.roles) {
        await tx.insert(userRoles).values({ userId: row!.id, role, grantedAt: DEMO_CREATED_AT });
      }
      if (account.roles.includes('trainer')) await seedDemoSessions(tx, row!.id, now);
    }
  });
  return { demoAccountsCreated: true };
}
