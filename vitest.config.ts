import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    // The reliability suite's figures line comes after the usual summary.
    reporters: ['default', './test/reliability/reporter.ts'],
    // Tests talk to real servers over loopback; some wait out a real retry-after.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
