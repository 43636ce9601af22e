// Applies src/_vendor/manifest.mjs: the same parts of Ink, its text libraries and undici are replaced in the bundle
// (scripts/build.mjs), in the tests (vitest.config.ts) and in the bench (bench/lib/build-options.mjs), and each use
// first checks that every upstream file is the one its part was written against.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { PARTS } from '../src/_vendor/manifest.mjs';

export { PARTS };

const packageDir = (root, name) => join(root, 'node_modules', ...name.split('/'));

/** What is wrong with the parts against the installed packages under `root`: one line each, none when all is well. */
export function checkParts(root, parts = PARTS) {
  const problems = [];
  for (const part of parts) {
    const dir = packageDir(root, part.package);
    const upstream = `${part.package}/${part.file}`;
    const fix = `re-check ${part.replacement ?? part.by} against it, then update src/_vendor/manifest.mjs and README.md`;
    let version;
    try {
      version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    } catch {
      problems.push(`${part.package} is not installed (src/_vendor/ replaces a part of ${part.package} ${part.version})`);
      continue;
    }
    if (version !== part.version) problems.push(`${part.package} is ${version}, src/_vendor/ was written against ${part.version}: ${fix}`);
    const file = join(dir, ...part.file.split('/'));
    if (!existsSync(file)) {
      problems.push(`${upstream} no longer exists (${part.package} ${version}): ${fix}`);
      continue;
    }
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (sha256 !== part.sha256) problems.push(`${upstream} changed (sha256 ${sha256}, written against ${part.sha256}): ${fix}`);
    const ours = part.replacement ?? part.by;
    if (!existsSync(join(root, ours))) problems.push(`${ours} does not exist (listed for ${upstream})`);
  }
  return problems;
}

/**
 * Which replacement an import of `specifier` from `importer` gets, or undefined. `importer` is an absolute path (symbolic
 * links resolved). Tests and scripts get the originals, so they can compare the two.
 */
export function replacementFor(root, specifier, importer, parts = PARTS) {
  if (!importer) return undefined;
  const file = importer.split('?')[0];
  for (const part of parts) {
    if (part.kind !== 'replace' || part.specifier !== specifier) continue;
    const replacement = join(root, part.replacement);
    if (file === replacement) continue;
    const inPackage = file.startsWith(realDir(packageDir(root, part.package)) + sep);
    // esbuild and Vite name files by their real path: node_modules may be a link (a clone sharing an install).
    const inScope =
      part.importers === 'package'
        ? inPackage
        : file.startsWith(realDir(join(root, 'node_modules')) + sep) || file.startsWith(realDir(join(root, 'src')) + sep);
    if (inScope) return { part, replacement };
  }
  return undefined;
}

function realDir(dir) {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** The id of the error a build ends with when a replacement was never used (esbuild does not print what onEnd returns). */
export const UNUSED_PART = 'src/_vendor: unused part';

const failure = (problems) =>
  `src/_vendor/ does not match the installed packages:\n  ${problems.join('\n  ')}\n(src/_vendor/README.md says what each part replaces)`;

/**
 * The esbuild plugin: fails the build when checkParts finds a problem, swaps every listed import, and (with
 * `everyPartUsed`, for the product, whose bundle holds every one) fails it again when a replacement was never used: the
 * file it replaces is no longer imported under that name, and the bundle would ship the original.
 */
export function vendorPlugin(root, { everyPartUsed = true, parts = PARTS } = {}) {
  return {
    name: 'src/_vendor',
    setup(b) {
      const used = new Set();
      b.onStart(() => {
        used.clear();
        const problems = checkParts(root, parts);
        return problems.length > 0 ? { errors: [{ text: failure(problems) }] } : undefined;
      });
      const specifiers = [...new Set(parts.filter((p) => p.kind === 'replace').map((p) => p.specifier))];
      const filter = new RegExp(`^(?:${specifiers.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter }, (args) => {
        const found = replacementFor(root, args.path, args.importer, parts);
        if (!found) return undefined;
        used.add(found.part);
        return { path: found.replacement };
      });
      b.onEnd((result) => {
        if (result.errors.length > 0 || !everyPartUsed) return undefined;
        const unused = parts.filter((p) => p.kind === 'replace' && !used.has(p));
        if (unused.length === 0) return undefined;
        const lines = unused.map(
          (p) => `${p.replacement} was never used: nothing imports ${p.package}/${p.file} as ${p.specifier} any more`,
        );
        return { errors: [{ id: UNUSED_PART, text: failure(lines) }] };
      });
    },
  };
}

/**
 * The same for vitest (a Vite plugin): the screen tests run Ink with the parts the bundle ships. The packages that import
 * a replaced module, and those that import Ink, go through Vite (`testDependencies`), so their imports reach this.
 */
export function vitestVendorPlugin(root, parts = PARTS) {
  const problems = checkParts(root, parts);
  if (problems.length > 0) throw new Error(failure(problems));
  const forTests = parts.filter((p) => !p.bundleOnly);
  return {
    name: 'src/_vendor',
    enforce: 'pre',
    resolveId(specifier, importer) {
      return replacementFor(root, specifier, importer, forTests)?.replacement;
    },
    // Ink's files name source maps of sources it does not publish, and Vite would warn about each: read them without.
    load(id) {
      if (!testDependencies.some((pattern) => pattern.test(id)) || !/\.js$/.test(id)) return null;
      return readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, '');
    },
  };
}

/** Packages vitest must load through Vite for the plugin to see their imports: Ink, what imports Ink, and Ink's text libraries. */
export const testDependencies = [/\/node_modules\/(?:ink|ink-[a-z-]+|cli-truncate|wrap-ansi|widest-line)\//];
