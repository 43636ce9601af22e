// Module hooks (node:module register): when scripts/build.mjs imports 'esbuild', it gets
// esbuild-capture.mjs instead, whose build() only records its options. Every other import is untouched.
let buildScript;

export async function initialize(data) {
  buildScript = data.buildScript;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'esbuild' && context.parentURL && context.parentURL.split('?')[0] === buildScript) {
    return { url: new URL('./esbuild-capture.mjs', import.meta.url).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
