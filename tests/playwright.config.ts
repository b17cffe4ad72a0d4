import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from './chromium.ts';
import { E2E_BASE_URL, E2E_DATABASE_URL, E2E_PORT } from './e2e/paths.ts';

export default defineConfig({
  testDir: './e2e',
  // Runs after the web server has started: signs the demo accounts with two-factor sign-in in once.
  globalSetup: './e2e/global-setup.ts',
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
    // Recording a trace of every test made the suite about a sixth slower, and nothing keeps
    // the files of a run on a clean machine. A failure still leaves a screenshot and the page's
    // outline (error-context.md); E2E_TRACE=1 records full traces to look into one.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: requireChromium(),
      args: [...CHROMIUM_ARGS],
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
