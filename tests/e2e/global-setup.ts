/**
 * Shared set-up, once per run, before any test: the demo trainer, moderator, editor and admin
 * sign in (password, then their authenticator's code) and their cookies are saved in the
 * run's folder, so every test that needs one of those roles starts signed in without asking
 * for a code. A code is accepted once per account, so signing each in once also keeps tests
 * from refusing one another's codes. Sign-in through the pages has tests of its own.
 */
import { request } from '@playwright/test';
import { DEMO_PASSWORD } from '../../db/seed.ts';
import { DEMO_SIGNED_IN_ROLES, demoSessionFile, demoTotpCode } from './demo-accounts.ts';
import { E2E_BASE_URL } from './paths.ts';

export default async function globalSetup(): Promise<void> {
  await Promise.all(
    DEMO_SIGNED_IN_ROLES.map(async (role, i) => {
      const context = await request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { Origin: E2E_BASE_URL, 'X-Forwarded-For': `10.251.0.${i + 1}` } });
      const email = `${role}@example.org`;
      const password = await context.post('/login', { form: { email, password: DEMO_PASSWORD }, maxRedirects: 0 });
      const codePage = password.headers().location ?? '';
      if (password.status() !== 303 || !codePage.startsWith('/login/two-factor')) throw new Error(`Signing ${email} in: expected the code page, got ${password.status()} ${codePage}`);
      const code = await context.post(codePage, { form: { intent: 'code', code: demoTotpCode() }, maxRedirects: 0 });
      if (code.status() !== 303 || code.headers().location !== '/account') throw new Error(`Signing ${email} in: the code was refused (${code.status()})`);
      await context.storageState({ path: demoSessionFile(role) });
      await context.dispose();
    }),
  );
}
