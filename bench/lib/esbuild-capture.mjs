// What scripts/build.mjs sees as 'esbuild' while the bench reads its options: build() records, the rest is real.
import esbuild from 'esbuild';

export const { context, transform, transformSync, buildSync, formatMessages, analyzeMetafile, version, stop } = esbuild;

export async function build(options) {
  (globalThis.__ckptBenchBuildCalls ??= []).push(options);
  return { errors: [], warnings: [], outputFiles: [], metafile: { inputs: {}, outputs: {} }, mangleCache: undefined };
}
