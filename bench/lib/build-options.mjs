// The esbuild options of scripts/build.mjs, read from the script itself (so the bench bundles with
// exactly what the product is bundled with, whatever that script says today), and bundling with them.
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

let captured;

/** Runs scripts/build.mjs with a recording stand-in for esbuild's build(); returns the options it passed for dist/cli.js. */
export async function productBuildOptions(root) {
  if (captured) return captured;
  const script = pathToFileURL(join(root, 'scripts/build.mjs')).href;
  register('./esbuild-capture-hooks.mjs', import.meta.url, { data: { buildScript: script } });
  globalThis.__ckptBenchBuildCalls = [];
  // The script reads process.argv (--if-stale would make it exit): give it a plain command line.
  const argv = process.argv;
  process.argv = [argv[0], join(root, 'scripts/build.mjs')];
  try {
    await import(`${script}?bench-capture=${Date.now()}`);
  } finally {
    process.argv = argv;
  }
  const calls = globalThis.__ckptBenchBuildCalls;
  const main =
    calls.find((o) => String(o.outfile ?? '').endsWith(join('dist', 'cli.js'))) ??
    calls.find((o) => JSON.stringify(o.entryPoints ?? '').includes('bin.ts')) ??
    calls[0];
  if (!main) throw new Error('scripts/build.mjs called no esbuild build(): cannot copy its options');
  captured = main;
  return main;
}

/**
 * Bundles `entry` with the product's options (same platform, format, target, define, plugins such
 * as the Ink devtools stub, banner with shebang + createRequire, minification, JSX…) and returns the
 * file to run or import: `outfile`, or, should the product build ever split chunks into a
 * directory, the entry's file in `outfile` minus its extension, a directory.
 */
export async function bundleLikeProduct(root, entry, outfile, extra = {}) {
  const options = await productBuildOptions(root);
  const { outdir, outfile: _outfile, entryPoints: _entryPoints, metafile: _metafile, write: _write, ...rest } = options;
  if (!rest.splitting) {
    await build({ ...rest, entryPoints: [entry], outfile, logLevel: 'warning', ...extra });
    return outfile;
  }
  const dir = outfile.replace(/\.[cm]?js$/, '');
  const result = await build({ ...rest, entryPoints: [entry], outdir: dir, metafile: true, logLevel: 'warning', ...extra });
  const [file] = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint) ?? [];
  if (!file) throw new Error(`bundling ${entry}: no entry file among the outputs`);
  return join(process.cwd(), file);
}
