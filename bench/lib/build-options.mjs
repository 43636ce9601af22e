// Bundling the bench's entries and baselines with the product's esbuild options (scripts/build-options.mjs, which
// scripts/build.mjs builds dist/ with), so a change there, e.g. `minify` or a replaced part of Ink, reaches them too.
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildOptions } from '../../scripts/build-options.mjs';

/**
 * Bundles `entry` with the product's options (same platform, format, target, define, replaced parts of Ink and undici,
 * banner with shebang + createRequire, minification, JSX…) and returns the file to run or import: `outfile`, or, as the
 * product build splits chunks into a directory, the entry's file in `outfile` minus its extension, a directory.
 */
export async function bundleLikeProduct(root, entry, outfile, extra = {}) {
  const { outdir: _outdir, entryPoints: _entryPoints, metafile: _metafile, ...rest } = buildOptions(root, { everyPartUsed: false });
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
