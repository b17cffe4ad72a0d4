import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { chromium, defineConfig, devices } from '@playwright/test';
import { E2E_BASE_URL, E2E_DATABASE_URL, E2E_PORT } from './e2e/paths.ts';

/**
 * Finds a Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the
 * browser Playwright installed itself (`npx playwright install chromium`).
 */
function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  // undefined lets Playwright use its own download; check it exists so the error is clear.
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return undefined;
  throw new Error(
    'No Chromium found: install one with "apt-get install chromium" or "npx playwright install chromium", or set CHROMIUM_PATH.',
  );
}

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/e2e-artifacts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Tests that change state do it on accounts and data of their own, so they can use every core.
  workers: availableParallelism(),
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node tests/e2e/start-server.ts',
    cwd: '..',
    url: `${E2E_BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: E2E_DATABASE_URL,
      NODE_ENV: 'test',
      TRUST_PROXY: 'true',
      TRUSTED_EMAIL_DOMAINS: 'kent.gov.uk',
      PUBLIC_URL: E2E_BASE_URL,
      MAIL_INTERVAL_MS: '100',
      // One listed partner, so the browser tests can check both sides of the CORS rule.
      ELIGIBILITY_API_ORIGINS: 'https://partner.example.org',
    },
  },
});
