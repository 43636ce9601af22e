// scripts/screenshot.mjs: the README picture, drawn from the built UI's real screen in a pseudo-terminal.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { testEnv } from '../helpers/env';

const SCRIPT = fileURLToPath(new URL('../../scripts/screenshot.mjs', import.meta.url));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // CI=true as on a CI machine: the script must drop it for the UI it drives, or Ink and chalk change what they draw.
    execFile(process.execPath, [SCRIPT, ...args], { env: testEnv({ CI: 'true' }), timeout: 85_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Not a full XML parser: tags nest and close, attributes are quoted, text holds no raw `<` and only known entities. */
function checkWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    expect(text, `text before offset ${lt}`).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i);
    expect(text.includes('>'), `a stray ">" before offset ${lt}`).toBe(false);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const match = tag.exec(xml);
    expect(match, `a malformed tag at offset ${lt}: ${xml.slice(lt, lt + 80)}`).not.toBeNull();
    const [whole, closing, name, , selfClosing] = match!;
    if (closing) expect(stack.pop(), `</${name}> closes the open tag`).toBe(name);
    else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
    i = lt + whole.length;
  }
  expect(stack, 'every tag is closed').toEqual([]);
  expect(roots, 'one root element').toBe(1);
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/screenshot.mjs', () => {
  it('draws the permissions table from the demo UI as well-formed SVG, in colour', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ckpt-perms-screenshot-test-'));
    dirs.push(out);
    const result = await run(['--out', out, '--table-only']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('screenshot.svg');
    expect(existsSync(join(out, 'screenshot-share.svg'))).toBe(false);

    const svg = readFileSync(join(out, 'screenshot.svg'), 'utf8');
    expect(svg.startsWith('<svg ')).toBe(true);
    checkWellFormed(svg);
    expect(svg).not.toContain('\u001b');
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);

    const texts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(texts.some((t) => t.startsWith('Page 1'))).toBe(true);
    expect(texts.filter((t) => /\bcp_[A-Za-z0-9]{24}\b/.test(t)).length).toBeGreaterThan(5);
    // Colour made it through (no CI variable reached chalk): the page line is cyan, not the default grey.
    expect(svg).toMatch(/<text [^>]*fill="#11a8cd"[^>]*>Page 1 /);
    // The highlighted row is inverse video: a light background behind dark text.
    expect(svg).toMatch(/<rect [^>]*fill="#d0d0d0"/);
    expect(svg).toMatch(/<text [^>]*fill="#1e1e1e"[^>]*>› cp_/);
  });

  it('draws the share and history screens too', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ckpt-perms-screenshot-test-'));
    dirs.push(out);
    const result = await run(['--out', out]);
    expect(result.code, result.stderr).toBe(0);
    for (const name of ['screenshot.svg', 'screenshot-share.svg', 'screenshot-history.svg']) expect(result.stdout).toContain(name);
    const svg = readFileSync(join(out, 'screenshot-history.svg'), 'utf8');
    checkWellFormed(svg);
    const texts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(texts.some((t) => /^Page 1 of \d+ · 1–\d+ of \d+ · newest first/.test(t))).toBe(true);
    expect(texts.filter((t) => t === 'granted' || t === 'revoked').length).toBeGreaterThan(10);
    expect(texts.some((t) => t.includes('@acme.com'))).toBe(true);
  });
});
