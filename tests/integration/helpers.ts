import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createDb, type PortalDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { outbox, userRoles, users } from '../../db/schema.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import type { AccountSettings } from '../../src/lib/server/accounts.ts';

const opened: { portal: PortalDb; dir: string }[] = [];

afterEach(() => {
  for (const { portal, dir } of opened.splice(0)) {
    portal.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A new, migrated file database in a temporary folder, removed after the test. */
export async function freshDb(): Promise<PortalDb & { url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const url = `file:${join(dir, 'nested', 'portal.db')}`;
  const portal = await createDb(url);
  await migrateDb(portal);
  opened.push({ portal, dir });
  return Object.assign(portal, { url });
}

export const settings: AccountSettings = { baseUrl: 'https://portal.test', trustedDomains: ['kent.gov.uk'] };

/** Every queued e-mail, oldest first. */
export async function sentMail(portal: PortalDb) {
  return portal.db.select().from(outbox).orderBy(outbox.id);
}

/** The token in the last link e-mailed to `to` whose path is `path`. */
export async function tokenFromMail(portal: PortalDb, to: string, path: string): Promise<string> {
  const mail = (await sentMail(portal)).filter((m) => m.recipient === to).reverse();
  for (const message of mail) {
    const match = message.body.match(new RegExp(`${path}\\?token=([a-z2-7.%]+)`));
    if (match) return decodeURIComponent(match[1]!);
  }
  throw new Error(`no ${path} link e-mailed to ${to}`);
}

/**
 * Counts the SQL statements the portal sends through `portal.client` while `fn` runs, by
 * wrapping the client's `execute`, `batch` and `transaction` (drizzle reads and writes through
 * them), and on the embedded database `executeArrays` (the reads every page makes, src/lib/server/prepared.ts).
 */
export async function countStatements<T>(portal: PortalDb, fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const client = portal.client as unknown as Record<'execute' | 'batch' | 'transaction', (...args: unknown[]) => Promise<unknown>> & {
    executeArrays?: (...args: unknown[]) => Promise<unknown>;
  };
  const execute = client.execute;
  const executeArrays = client.executeArrays;
  const batch = client.batch;
  const transaction = client.transaction;
  const statements: string[] = [];
  const text = (s: unknown) => (typeof s === 'string' ? s : String((s as { sql?: unknown }).sql));
  client.execute = function (this: unknown, ...args: unknown[]) {
    statements.push(text(args[0]));
    return execute.apply(this, args);
  };
  if (executeArrays) {
    client.executeArrays = function (this: unknown, ...args: unknown[]) {
      statements.push(text(args[0]));
      return executeArrays.apply(this, args);
    };
  }
  client.batch = function (this: unknown, ...args: unknown[]) {
    for (const s of args[0] as unknown[]) statements.push(text(s));
    return batch.apply(this, args);
  };
  // Write transactions run on their own handle: count its statements too.
  client.transaction = async function (this: unknown, ...args: unknown[]) {
    const tx = (await transaction.apply(this, args)) as Record<'execute', (...a: unknown[]) => Promise<unknown>>;
    const txExecute = tx.execute;
    tx.execute = function (this: unknown, ...a: unknown[]) {
      statements.push(text(a[0]));
      return txExecute.apply(this, a);
    };
    return tx;
  };
  try {
    return { result: await fn(), statements };
  } finally {
    client.execute = execute;
    if (executeArrays) client.executeArrays = executeArrays;
    client.batch = batch;
    client.transaction = transaction;
  }
}

/** An active, confirmed account with `password`, holding `roles`, inserted directly. */
export async function activeMember(portal: PortalDb, email: string, password: string, roles: ('admin' | 'moderator' | 'trainer')[] = []) {
  const [row] = await portal.db
    .insert(users)
    .values({ email, name: 'Sam Okafor', organisation: 'KCC', passwordHash: await hashPassword(password), status: 'active', emailVerifiedAt: 1 })
    .returning();
  for (const role of roles) await portal.db.insert(userRoles).values({ userId: row!.id, role });
  return row!;
}
