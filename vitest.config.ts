import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    // Ink reads CI once when it loads (is-in-ci): with it set, Ink draws only the last frame and ignores resizes, a mode
    // no user sees. The tests run Ink as in a terminal whatever the outer environment says; a test that needs CI set
    // says so in its child's environment.
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
    // The reliability suite's figures line comes after the usual summary.
    reporters: ['default', './test/reliability/reporter.ts'],
    // Tests talk to real servers over loopback; some wait out a real retry-after.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
