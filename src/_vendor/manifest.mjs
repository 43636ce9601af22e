// Every part of a dependency this project replaces or reaches into, with the hash of the upstream file it was written
// against. scripts/vendor.mjs applies the list to the bundle, the tests and the bench, and fails when a file is not where
// the list says or is not the file it was written against; README.md beside this file says why each part exists and
// when it can go.
//
// kind 'replace': imports of `specifier` from `importers` load `replacement` instead of the upstream `file`
//   (importers 'package': the package's own files; 'all': any file under node_modules or src/ but the replacement).
// kind 'mirror': `by` gives the same answers as the upstream `file` (Ink's only importer of it is replaced by a part
//   that imports `by` directly): only checked.
// kind 'deep': `by` imports the upstream `file` itself (a file the package does not export): only checked.
// bundleOnly: CommonJS inside node_modules, which the tests load through Node, not through vitest's resolver.

export const PARTS = [
  {
    kind: 'replace',
    package: 'string-width',
    version: '8.3.0',
    file: 'index.js',
    sha256: 'abc20775da6b552188b098688ebec671e29f5416d6339d3534bb7b016174003e',
    specifier: 'string-width',
    importers: 'all',
    replacement: 'src/_vendor/string-width/index.ts',
  },
  {
    kind: 'mirror',
    package: '@alcalzone/ansi-tokenize',
    version: '0.2.5',
    file: 'build/index.js',
    sha256: '19e26837197aa75d0db12f36fbb220845ab653202097ddff47610ca5a660dfc6',
    by: 'src/_vendor/ansi-tokenize/index.ts',
  },
  {
    kind: 'replace',
    package: 'ink',
    version: '6.8.0',
    file: 'build/output.js',
    sha256: 'de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d',
    specifier: './output.js',
    importers: 'package',
    replacement: 'src/_vendor/ink/output.ts',
  },
  {
    kind: 'replace',
    package: 'ink',
    version: '6.8.0',
    file: 'build/measure-text.js',
    sha256: '4562d24171af3063b91a0d965c652ebdf1e2bdf4fe7f75c6bc8664fefc77df6a',
    specifier: './measure-text.js',
    importers: 'package',
    replacement: 'src/_vendor/ink/measure-text.ts',
  },
  {
    kind: 'replace',
    package: 'ink',
    version: '6.8.0',
    file: 'build/wrap-text.js',
    sha256: 'd2b8b4d05ed0eadd6c52149092f062ba048cda9928ce88e5176107c6fe38c19e',
    specifier: './wrap-text.js',
    importers: 'package',
    replacement: 'src/_vendor/ink/wrap-text.ts',
  },
  {
    kind: 'replace',
    package: 'ink',
    version: '6.8.0',
    file: 'build/devtools.js',
    sha256: '0a0e36939a2dff73ae286c4a2e1ac44649070a1d06ce73526b1bb8b8f87e1716',
    specifier: './devtools.js',
    importers: 'package',
    replacement: 'src/_vendor/ink/devtools.ts',
    bundleOnly: true,
  },
  {
    kind: 'replace',
    package: 'undici',
    version: '7.30.2',
    file: 'lib/dispatcher/client-h2.js',
    sha256: 'e992a732c30c582676caf23193fb58097b4233ab328d0a77b7ff2c0338ad1eca',
    specifier: './client-h2.js',
    importers: 'package',
    replacement: 'src/_vendor/undici/client-h2.cjs',
    bundleOnly: true,
  },
  ...[
    ['lib/dispatcher/agent.js', '1b05aeaae1a23bcde54c200211d6292991b30f3a8c39c2dfca3efaa439caf5d7'],
    ['lib/dispatcher/dispatcher.js', '39907c123fd59f712111e719ba43426525c17ba0fcd279f6e892f829264dda0a'],
    ['lib/api/api-connect.js', 'd8ca4a5cbff898afb26573cca18b9aab2928d8113d5d8897b5fc193ef343fcf0'],
    ['lib/api/api-request.js', '93474854999d0a80815ed132640d50e3ed2cbc74b3bc9ec84704b923c7ca6a35'],
    ['lib/dispatcher/proxy-agent.js', '40f18bbc8b5c9512d4bdbf7bde47a787cbefe98d19f40d5703f5286a67bf5f53'],
  ].map(([file, sha256]) => ({ kind: 'deep', package: 'undici', version: '7.30.2', file, sha256, by: 'src/_vendor/undici/index.ts' })),
];
