/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig(
  {
    test: {
      include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
      // argon2 and real databases: give slow machines room, but keep files in parallel.
      testTimeout: 30_000,
      hookTimeout: 30_000,
    },
  },
  { logLevel: 'error' },
);
