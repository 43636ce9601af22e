// The build's check of src/_vendor/ (scripts/vendor.mjs), run on a copy of Ink: it passes on Ink as installed and fails
// when the copy is changed, when a replaced file is renamed, or when nothing imports a replaced file under its name any
// more (each would otherwise ship Ink's own file without a word).
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { checkParts, PARTS, vendorPlugin } from '../../scripts/vendor.mjs';

const root = join(import.meta.dirname, '../..');
const inkParts = PARTS.filter((part) => part.package === 'ink');
const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A repository of its own: this src/ and a copy of node_modules/ink to change. */
function copyOfInk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-vendor-'));
  temporary.push(dir);
  symlinkSync(join(root, 'src'), join(dir, 'src'));
  cpSync(join(root, 'node_modules/ink'), join(dir, 'node_modules/ink'), { recursive: true });
  return dir;
}

/** Bundles the copy's Ink with the build's plugin (its own dependencies left out): the bundle's text, or the error. */
async function bundleInk(dir: string): Promise<string> {
  const result = await build({
    entryPoints: [join(dir, 'node_modules/ink/build/index.js')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
    plugins: [vendorPlugin(dir, { parts: inkParts })],
  });
  return result.outputFiles[0]!.text;
}

describe('the build’s check of src/_vendor/', () => {
  it('finds every part as listed in the installed packages', () => {
    expect(checkParts(root)).toEqual([]);
  });

  it('src/_vendor/README.md lists every part with its upstream file, version and hash', () => {
    const rows = readFileSync(join(root, 'src/_vendor/README.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |`/g, '')));
    for (const part of PARTS) {
      const row = rows.find((cells) => cells[1] === `${part.package}/${part.file}`);
      expect(row, `a row for ${part.package}/${part.file}`).toBeDefined();
      expect(row![2], `${part.file}: version`).toBe(part.version);
      expect(part.sha256.startsWith(row![3]!) && row![3]!.length >= 12, `${part.file}: hash ${row![3]} of ${part.sha256}`).toBe(true);
    }
    expect(rows.length - 2).toBe(PARTS.length);
  });

  it('bundles Ink as installed with the replacements in place of its files', async () => {
    const text = await bundleInk(copyOfInk());
    // esbuild heads each module of the bundle with its path.
    for (const file of ['output', 'measure-text', 'wrap-text', 'devtools']) {
      expect(text).toContain(`src/_vendor/ink/${file}.ts`);
      expect(text).not.toContain(`node_modules/ink/build/${file}.js`);
    }
  });

  it('fails when a replaced file is not the one its part was written against', async () => {
    const dir = copyOfInk();
    const file = join(dir, 'node_modules/ink/build/output.js');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// a later Ink\n`);
    await expect(bundleInk(dir)).rejects.toThrow(/ink\/build\/output\.js changed \(sha256 [0-9a-f]{64}, written against de9078c7/);
  });

  it('fails when Ink renames a replaced file', async () => {
    const dir = copyOfInk();
    renameSync(join(dir, 'node_modules/ink/build/output.js'), join(dir, 'node_modules/ink/build/frame-output.js'));
    const renderer = join(dir, 'node_modules/ink/build/renderer.js');
    writeFileSync(renderer, readFileSync(renderer, 'utf8').replace("from './output.js'", "from './frame-output.js'"));
    await expect(bundleInk(dir)).rejects.toThrow(/ink\/build\/output\.js no longer exists/);
  });

  it('fails when nothing imports a replaced file under its name any more (the bundle would ship the original)', async () => {
    const dir = copyOfInk();
    // The file is still there, unchanged, but Ink now loads a copy of it under another name.
    cpSync(join(dir, 'node_modules/ink/build/output.js'), join(dir, 'node_modules/ink/build/frame-output.js'));
    const renderer = join(dir, 'node_modules/ink/build/renderer.js');
    writeFileSync(renderer, readFileSync(renderer, 'utf8').replace("from './output.js'", "from './frame-output.js'"));
    await expect(bundleInk(dir)).rejects.toThrow(/src\/_vendor\/ink\/output\.ts was never used: nothing imports ink\/build\/output\.js/);
  });

  it('fails when the installed version is not the one written against', async () => {
    const dir = copyOfInk();
    const manifest = join(dir, 'node_modules/ink/package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"version": "6.8.0"', '"version": "6.9.0"'));
    await expect(bundleInk(dir)).rejects.toThrow(/ink is 6\.9\.0, src\/_vendor\/ was written against 6\.8\.0/);
  });
});
