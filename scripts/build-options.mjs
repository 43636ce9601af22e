// The esbuild options of the bundle: scripts/build.mjs builds dist/ with them, and the bench (bench/lib/build-options.mjs)
// bundles its baselines with the same, so a change here reaches both.
import { join } from 'node:path';
import { vendorPlugin } from './vendor.mjs';

/**
 * The options for dist/cli.js and its chunks; `root` is the repository. `everyPartUsed: false` for a bundle of something
 * else, which need not hold every replaced part (the bench's baselines).
 */
export function buildOptions(root, { everyPartUsed = true } = {}) {
  return {
    entryPoints: { cli: join(root, 'src/cli/bin.ts') },
    outdir: join(root, 'dist'),
    // What a run may not need (the HTTP stack, the demo API, the UI for a command, a command for the
    // UI) is a chunk of its own, read only when imported: `--version` and the first frame parse less.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    minify: true,
    jsx: 'automatic',
    // The parts of Ink, its text libraries and undici replaced in src/_vendor/ (its README says which and why); the
    // build fails when one no longer matches what it replaces.
    plugins: [vendorPlugin(root, { everyPartUsed })],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    banner: {
      // Bundled CommonJS dependencies (undici) call require(): give them one.
      js: "#!/usr/bin/env node\nimport { createRequire as __ckptCreateRequire } from 'node:module';\nconst require = __ckptCreateRequire(import.meta.url);",
    },
  };
}
