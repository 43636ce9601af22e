// Bundles the CLI into one executable ESM file, dist/cli.js (it starts about twice as fast as unbundled output).
// `--if-stale` skips the build when dist/cli.js is newer than every source file.
import { build } from 'esbuild';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outfile = join(root, 'dist/cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  let built;
  try {
    built = statSync(outfile).mtimeMs;
  } catch {
    return true;
  }
  const files = ['package.json', 'package-lock.json', 'scripts/build.mjs'].map((file) => statSync(join(root, file)).mtimeMs);
  const inputs = [newestSource(join(root, 'src')), ...files];
  return inputs.some((mtime) => mtime > built);
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

await build({
  entryPoints: [join(root, 'src/cli/bin.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  minify: true,
  jsx: 'automatic',
  // Ink loads its React DevTools bridge only when DEV=true; the bridge (react-devtools-core) is not shipped.
  plugins: [
    {
      name: 'ink-devtools-stub',
      setup(b) {
        b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
          args.importer.includes(`${join('node_modules', 'ink')}`) ? { path: 'ink-devtools', namespace: 'ink-devtools-stub' } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'ink-devtools-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
      },
    },
  ],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  banner: {
    // Bundled CommonJS dependencies (undici) call require(): give them one.
    js: "#!/usr/bin/env node\nimport { createRequire as __ckptCreateRequire } from 'node:module';\nconst require = __ckptCreateRequire(import.meta.url);",
  },
});
chmodSync(outfile, 0o755);
