import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createDb, type PortalDb } from '../../db/client.ts';
import { migrateDb } from '../../db/migrate.ts';
import { outbox } from '../../db/schema.ts';
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
