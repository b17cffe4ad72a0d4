/**
 * The one way the browser tests, the security checks and the benchmarks find Chromium:
 * CHROMIUM_PATH, else Debian's headless build of Chromium (/usr/bin/chromium-headless-shell),
 * else Debian's /usr/bin/chromium (or Ubuntu's chromium-browser), else the browser Playwright
 * downloaded itself (`npx playwright install chromium`).
 *
 * The headless build is the same Chromium without the desktop browser around it, and the
 * build Playwright itself runs for headless tests. The browser tests take about half the time
 * in it. Lighthouse needs the full browser, so it asks for one (`full`).
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Flags for a headless Chromium that reaches for nothing outside the test. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found: set CHROMIUM_PATH, install one with "apt-get install chromium-headless-shell chromium", or run "npx playwright install chromium".';

/** Debian's headless build of Chromium. */
export const HEADLESS_SHELL_PATH = '/usr/bin/chromium-headless-shell';

/** Where the full Chromium browser may be installed on this machine, first found first used. */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export interface ChromiumSearch {
  /** The environment to read CHROMIUM_PATH from. */
  env?: NodeJS.ProcessEnv;
  /** Whether a file exists; the file system by default. */
  exists?: (path: string) => boolean;
  /** Playwright's own download, if it has one. */
  bundled?: () => string | undefined;
  /** Only the full browser will do (Lighthouse): skip the headless build. */
  full?: boolean;
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    // Playwright throws when it has no browser of its own.
    return undefined;
  }
}

/**
 * The path of a Chromium to drive, or undefined when there is none.
 * @example findChromium({ env: { CHROMIUM_PATH: '/opt/chromium/chrome' } }) // '/opt/chromium/chrome', if it exists
 */
export function findChromium({ env = process.env, exists = existsSync, bundled = playwrightChromium, full = false }: ChromiumSearch = {}): string | undefined {
  for (const candidate of [env.CHROMIUM_PATH, ...(full ? [] : [HEADLESS_SHELL_PATH]), ...SYSTEM_CHROMIUM_PATHS]) {
    if (candidate && exists(candidate)) return candidate;
  }
  const own = bundled();
  return own && exists(own) ? own : undefined;
}

/** The path of a Chromium to drive; throws saying how to install one when there is none. */
export function requireChromium(search?: ChromiumSearch): string {
  const found = findChromium(search);
  if (!found) throw new Error(NO_CHROMIUM_MESSAGE);
  return found;
}
