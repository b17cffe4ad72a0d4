/**
 * Creates the first administrator of a production portal (demo accounts never exist there):
 *
 *   npm run admin:create -- --email jo.patel@kent.gov.uk --name "Jo Patel" --organisation "Kent County Council"
 *
 * The password is read from ADMIN_PASSWORD, or asked for without echoing it. An existing
 * account with that address is made an admin instead, keeping its password.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { setupDatabase } from '../../db/setup.ts';
import { userRoles, users } from '../../db/schema.ts';
import { checkPassword } from '../lib/domain/account/password-policy.ts';
import { emailField, nameField, organisationField } from '../lib/domain/account/schema.ts';
import { hashPassword } from '../lib/server/auth/password.ts';
import { nameKey } from '../lib/domain/account/display-name.ts';
import { isNameTaken } from '../lib/server/accounts.ts';
import { nowSeconds } from '../lib/time.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    output._writeToOutput = (s: string) => {
      // Echo the prompt, hide what is typed.
      if (s.startsWith(question)) process.stdout.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' } },
});
const email = emailField.safeParse(values.email);
const name = nameField.safeParse(values.name);
const organisation = organisationField.safeParse(values.organisation ?? 'Kent County Council');
if (!email.success) fail('Give an email address with --email');
if (!name.success) fail('Give a full name with --name');
if (!organisation.success) fail('Give an organisation with --organisation');

const portal = await setupDatabase();
const [existing] = await portal.db.select().from(users).where(eq(users.email, email.data));
if (existing) {
  await portal.write(async (tx) => {
    await tx.update(users).set({ status: 'active', emailVerifiedAt: existing.emailVerifiedAt ?? nowSeconds() }).where(eq(users.id, existing.id));
    await tx.insert(userRoles).values({ userId: existing.id, role: 'admin' }).onConflictDoNothing();
  });
  console.log(`${email.data} already had an account; it is now an active admin with its existing password.`);
} else {
  const password = process.env.ADMIN_PASSWORD ?? (process.stdin.isTTY ? await askHidden('Password (15 characters or more): ') : '');
  const problem = checkPassword(password, { privileged: true, email: email.data });
  if (problem) fail(problem);
  if (await isNameTaken(portal.db, name.data)) fail('Another member already uses this name. Give a different --name, for example with a middle initial');
  const passwordHash = await hashPassword(password);
  const now = nowSeconds();
  await portal.write(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email: email.data, name: name.data, nameKey: nameKey(name.data), organisation: organisation.data, passwordHash, status: 'active', emailVerifiedAt: now, approvedAt: now, createdAt: now })
      .returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: row!.id, role: 'admin', grantedAt: now });
  });
  console.log(`Created admin account ${email.data}. Sign in at /login.`);
}
portal.close();
