// Bundles the CLI into dist/: the executable entry dist/cli.js and the chunks it imports (bundled, it starts
// about twice as fast as unbundled output; split, a run reads only the chunks it needs).
// `--if-stale` skips the build when dist/cli.js is newer than every source file.
import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const outfile = join(dist, 'cli.js');

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

// Where Ink's own files are, as esbuild names them (symbolic links resolved).
const inkBuild = `${realpathSync(join(root, 'node_modules/ink/build'))}/`;

/**
 * Resolves imports of `module` to `replacement`, except from the replacement itself (it may wrap the original);
 * with `within`, only imports from files under that folder.
 */
function replaceFor(module, replacement, within) {
  return {
    name: `replace ${module.source}`,
    setup(b) {
      b.onResolve({ filter: module }, (args) =>
        args.importer === replacement || (within && !args.importer.startsWith(within)) ? undefined : { path: replacement },
      );
    },
  };
}

const result = await build({
  entryPoints: { cli: join(root, 'src/cli/bin.ts') },
  outdir: dist,
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
  plugins: [
    // Drop-in replacements for what Ink uses to draw a frame, each giving the same results with less work (each
    // checked against the original in test/ui/): src/ui/width.ts for string-width (narrow symbols counted
    // directly), src/ui/styled-chars.ts for ansi-tokenize (narrow lines split without Intl.Segmenter, no
    // escape-code diff between cells styled alike).
    replaceFor(/^string-width$/, join(root, 'src/ui/width.ts')),
    replaceFor(/^@alcalzone\/ansi-tokenize$/, join(root, 'src/ui/styled-chars.ts')),
    // Ink's frame grid without a new blank cell per column and row every frame (src/ui/ink/output.ts), and its text
    // measuring and wrapping with caches that stay bounded (src/ui/ink/bounded-cache.ts).
    replaceFor(/^\.\/output\.js$/, join(root, 'src/ui/ink/output.ts'), inkBuild),
    replaceFor(/^\.\/measure-text\.js$/, join(root, 'src/ui/ink/measure-text.ts'), inkBuild),
    replaceFor(/^\.\/wrap-text\.js$/, join(root, 'src/ui/ink/wrap-text.ts'), inkBuild),
    {
      // undici's HTTP/2 client is never used (allowH2 is never set), and loading it loads node:http2 and node:tls
      // before the first request. Should anything reach it, it says so.
      name: 'undici-without-h2',
      setup(b) {
        b.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) =>
          args.importer.includes(join('node_modules', 'undici')) ? { path: 'client-h2', namespace: 'undici-without-h2' } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'undici-without-h2' }, () => ({
          contents: "module.exports = function connectH2() { throw new Error('HTTP/2 is not part of this build'); };",
          loader: 'js',
        }));
      },
    },
    // Ink loads its React DevTools bridge only when DEV=true; the bridge (react-devtools-core) is not shipped.
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
// The bundle is what ships (the package has no dependencies): anything it would load at run time other than Node's
// own modules (`node:` names; undici's unused SQLite cache names one newer than Node 20) would be missing from an
// installed copy, so the build fails instead.
const outside = Object.entries(result?.metafile?.outputs ?? {}).flatMap(([file, output]) =>
  output.imports
    .filter((i) => i.external && !i.path.startsWith('node:') && !isBuiltin(i.path))
    .map((i) => `${file}: ${i.kind} of ${i.path}`),
);
if (outside.length > 0) {
  console.error(`build: the bundle would load packages that are not shipped:\n  ${outside.join('\n  ')}`);
  process.exit(1);
}
// The bundled libraries' licences (MIT and alike) ask that their notices go with every copy: dist/ carries them.
const packages = new Map();
for (const input of Object.keys(result?.metafile?.inputs ?? {})) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.set(match[1], join(process.cwd(), match[1]));
}
const notices = [...packages.values()]
  .map((dir) => {
    const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((entry) => /^(licen[cs]e|copying)(\..*)?$/i.test(entry));
    return {
      name,
      text: `${name} ${version} (${license})\n\n${file ? readFileSync(join(dir, file), 'utf8').trim() : `The package ships no licence file; its package.json says ${license}.`}\n`,
    };
  })
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));
writeFileSync(
  join(dist, 'THIRD-PARTY-NOTICES.txt'),
  `ckpt-perms bundles these libraries in dist/; their licences follow.\n\n${notices.map((notice) => notice.text).join(`\n${'-'.repeat(78)}\n\n`)}`,
);
// Chunks of earlier builds would pile up: keep only this build's.
const built = new Set(Object.keys(result?.metafile?.outputs ?? {}).map((file) => join(process.cwd(), file)));
if (built.has(outfile)) {
  const chunks = join(dist, 'chunks');
  for (const name of readdirSync(chunks)) if (!built.has(join(chunks, name))) rmSync(join(chunks, name));
  chmodSync(outfile, 0o755);
}
