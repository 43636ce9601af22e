import { availableParallelism } from 'node:os';
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
    // A worker runs its test files one after another with the modules they import loaded once: importing Ink, React and
    // the store again for each file (isolate: true) cost more than many files' tests. No test mocks a module, stubs a
    // global or leaves process.env changed; the setup file gives each file its own home all the same.
    isolate: false,
    // Ink reads CI once when it loads (is-in-ci): with it set, Ink draws only the last frame and ignores resizes, a mode
    // no user sees. The tests run Ink as in a terminal whatever the outer environment says; a test that needs CI set
    // says so in its child's environment.
    env: { CI: 'false', CONTINUOUS_INTEGRATION: 'false' },
    // The reliability suite's figures line comes after the usual summary.
    reporters: ['default', './test/reliability/reporter.ts'],
    // Two test files at a time at least (vitest's default is one fewer than the cores: one on a 2-core machine): most
    // tests wait on a child process, a socket or a retry's delay, and none shares a port, a file or a measurement.
    maxWorkers: Math.max(2, availableParallelism()),
    // Ceilings, not paces: a test ends when its last wait is met. They are wide because a busy machine (other workers,
    // other jobs on a CI runner) can make a run of the built binary many times slower than on an idle one.
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
