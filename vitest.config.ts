import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { testDependencies, vitestVendorPlugin } from './scripts/vendor.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Ink runs with the parts the bundle gives it (src/_vendor/), so the screen tests check what ships; the tests
  // themselves import the originals where they compare the two.
  plugins: [vitestVendorPlugin(root)],
  test: {
    server: { deps: { inline: testDependencies } },
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    // The contributor's keys, colours, pager and home kept out of every test file's process (test/helpers/env.ts).
    setupFiles: ['test/setup-env.ts'],
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
