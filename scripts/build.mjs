// Bundles the CLI into dist/: the executable entry dist/cli.js and the chunks it imports (bundled, it starts
// about twice as fast as unbundled output; split, a run reads only the chunks it needs).
// `--if-stale` skips the build when dist/cli.js is newer than every source file.
import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { buildOptions } from './build-options.mjs';
import { manPage } from './man.mjs';
import { UNUSED_PART } from './vendor.mjs';

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
  const files = [
    'package.json',
    'package-lock.json',
    'README.md',
    'scripts/build.mjs',
    'scripts/build-options.mjs',
    'scripts/man.mjs',
    'scripts/vendor.mjs',
  ].map((file) => statSync(join(root, file)).mtimeMs);
  const inputs = [newestSource(join(root, 'src')), newestSource(join(root, 'docs')), ...files];
  return inputs.some((mtime) => mtime > built);
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

// esbuild prints why a build fails, except the error the src/_vendor/ check returns once the bundle is made.
const result = await build(buildOptions(root)).catch((error) => {
  for (const message of error.errors ?? []) if (message.id === UNUSED_PART) console.error(`✘ [ERROR] ${message.text}`);
  process.exit(1);
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
// Code ported here from other projects carries their notices beside it (a NOTICE.md in its folder): they ship too.
const ported = ['src/cli/official/gjson/NOTICE.md'].map((file) => ({ text: readFileSync(join(root, file), 'utf8') }));
writeFileSync(
  join(dist, 'THIRD-PARTY-NOTICES.txt'),
  `ckpt-perms bundles these libraries in dist/; their licences follow.\n\n${[...notices, ...ported].map((notice) => notice.text).join(`\n${'-'.repeat(78)}\n\n`)}`,
);
// The man page (package.json "man"), from README's opening and docs/: `man ckpt-perms` after a global install.
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
writeFileSync(join(dist, 'ckpt-perms.1'), manPage(root, version));
// Chunks of earlier builds would pile up: keep only this build's.
const built = new Set(Object.keys(result?.metafile?.outputs ?? {}).map((file) => join(process.cwd(), file)));
if (built.has(outfile)) {
  const chunks = join(dist, 'chunks');
  for (const name of readdirSync(chunks)) if (!built.has(join(chunks, name))) rmSync(join(chunks, name));
  chmodSync(outfile, 0o755);
}
