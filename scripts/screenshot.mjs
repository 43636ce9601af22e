// Drives the built UI (dist/cli.js --demo) in a pseudo-terminal and draws what a headless xterm shows as SVG:
// assets/screenshot.svg (the permissions table), assets/screenshot-share.svg (the share screen) and
// assets/screenshot-history.svg (the history screen).
// Usage: node scripts/screenshot.mjs [--out DIR]   (run `npm run build` first; `npm run screenshot` does both)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PtyScreen } from './pty-screen.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'dist/cli.js');
const CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:JOmZHrYw';
const COLS = 100;
const ROWS = 30;

// How long a screen may take to show before the script gives up: a ceiling for a loaded machine, not a pace.
const WAIT_MS = 20_000;

const keys = { up: '\u001b[A', down: '\u001b[B', tab: '\t', space: ' ', escape: '\u001b' };

// ---- the picture's look -------------------------------------------------------------------------------------------

const CELL_W = 8.4; // 0.6 em of a 14 px monospace font
const LINE_H = 17;
const FONT_SIZE = 14;
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, &quot;DejaVu Sans Mono&quot;, &quot;Liberation Mono&quot;, monospace';
const PAD = 16; // around the screen, inside the window
const BAR = 32; // the window's title bar
const THEME = {
  foreground: '#d0d0d0',
  background: '#1e1e1e',
  chrome: '#2d2d2d',
  // The 16 ANSI colours of VS Code's integrated terminal (dark), with a lighter bright black so grey text reads.
  ansi: [
    '#000000',
    '#cd3131',
    '#0dbc79',
    '#e5e510',
    '#2472c8',
    '#bc3fbc',
    '#11a8cd',
    '#e5e5e5',
    '#767676',
    '#f14c4c',
    '#23d18b',
    '#f5f543',
    '#3b8eea',
    '#d670d6',
    '#29b8db',
    '#ffffff',
  ],
};

const hex = (n) => n.toString(16).padStart(2, '0');

/** Palette index (0-255) as #rrggbb: the 16 theme colours, the 6×6×6 cube, then 24 greys. */
function paletteColor(index) {
  if (index < 16) return THEME.ansi[index];
  if (index < 232) {
    const levels = [0, 95, 135, 175, 215, 255];
    const i = index - 16;
    return `#${hex(levels[Math.floor(i / 36)])}${hex(levels[Math.floor(i / 6) % 6])}${hex(levels[i % 6])}`;
  }
  const grey = 8 + (index - 232) * 10;
  return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
}

/** Halfway between two #rrggbb colours: how dim (faint) text is drawn. */
function blend(a, b) {
  const parts = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const [x, y] = [parts(a), parts(b)];
  return `#${x.map((v, i) => hex(Math.round((v + y[i]) / 2))).join('')}`;
}

/** The colours and weight a cell is drawn with. */
function cellStyle(cell) {
  let fg;
  if (cell.isFgDefault()) fg = THEME.foreground;
  else if (cell.isFgRGB()) fg = `#${cell.getFgColor().toString(16).padStart(6, '0')}`;
  else {
    let index = cell.getFgColor();
    // As xterm.js and most terminals do by default: bold text in the 8 base colours uses their bright versions.
    if (cell.isBold() && index < 8) index += 8;
    fg = paletteColor(index);
  }
  let bg;
  if (cell.isBgDefault()) bg = undefined;
  else if (cell.isBgRGB()) bg = `#${cell.getBgColor().toString(16).padStart(6, '0')}`;
  else bg = paletteColor(cell.getBgColor());
  if (cell.isInverse()) [fg, bg] = [bg ?? THEME.background, fg];
  if (cell.isDim()) fg = blend(fg, bg ?? THEME.background);
  return {
    fg,
    bg,
    bold: Boolean(cell.isBold()),
    italic: Boolean(cell.isItalic()),
    underline: Boolean(cell.isUnderline()),
    invisible: Boolean(cell.isInvisible()),
  };
}

const sameText = (a, b) =>
  a.fg === b.fg && a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.invisible === b.invisible;

const escapeXml = (text) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);

/** Characters XML 1.0 does not allow (C0 controls other than tab/newline, lone surrogates, U+FFFE/U+FFFF) become spaces. */
const xmlSafe = (text) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ud800-\udfff\ufffe\uffff]/gu, ' ');

const num = (n) => String(Math.round(n * 100) / 100);

/** The visible screen as SVG: a rounded window, background rects, then one <text> per run of same-styled cells. */
export function renderSvg(term, { title = '' } = {}) {
  const buffer = term.buffer.active;
  const width = term.cols * CELL_W + PAD * 2;
  const height = BAR + term.rows * LINE_H + PAD * 2;
  const x0 = PAD;
  const y0 = BAR + PAD;
  const rects = [];
  const texts = [];
  const cell = buffer.getNullCell();

  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    if (!line) continue;
    // Cells of this row: [column, width, chars, style]; the second half of a wide character (width 0) is skipped.
    const cells = [];
    for (let x = 0; x < term.cols; x++) {
      line.getCell(x, cell);
      const w = cell.getWidth();
      if (w === 0) continue;
      cells.push({ x, w, chars: cell.getChars() || ' ', style: cellStyle(cell) });
    }
    // Backgrounds: runs of the same non-default colour.
    for (let i = 0; i < cells.length;) {
      const bg = cells[i].style.bg;
      let j = i;
      while (j < cells.length && cells[j].style.bg === bg) j++;
      if (bg !== undefined) {
        const start = cells[i].x;
        const end = cells[j - 1].x + cells[j - 1].w;
        rects.push(
          `<rect x="${num(x0 + start * CELL_W)}" y="${num(y0 + y * LINE_H)}" width="${num((end - start) * CELL_W)}" height="${LINE_H}" fill="${bg}"/>`,
        );
      }
      i = j;
    }
    // Text: runs of the same foreground style; runs of only blanks draw nothing.
    for (let i = 0; i < cells.length;) {
      const style = cells[i].style;
      let j = i;
      while (j < cells.length && sameText(cells[j].style, style)) j++;
      const run = cells.slice(i, j);
      // Trailing blanks only pad; leading blanks shift the start instead.
      while (run.length && run[run.length - 1].chars === ' ' && !style.underline) run.pop();
      while (run.length && run[0].chars === ' ' && !style.underline) run.shift();
      if (run.length && !style.invisible) {
        const start = run[0].x;
        const end = run[run.length - 1].x + run[run.length - 1].w;
        const text = escapeXml(xmlSafe(run.map((c) => c.chars).join('')));
        const attrs = [
          `x="${num(x0 + start * CELL_W)}"`,
          `y="${num(y0 + y * LINE_H + LINE_H * 0.76)}"`,
          // Fonts differ in advance width (Consolas is narrower than 0.6 em): stretch the gaps so columns stay aligned.
          `textLength="${num((end - start) * CELL_W)}"`,
          'lengthAdjust="spacing"',
        ];
        if (style.fg !== THEME.foreground) attrs.push(`fill="${style.fg}"`);
        if (style.bold) attrs.push('font-weight="bold"');
        if (style.italic) attrs.push('font-style="italic"');
        if (style.underline) attrs.push('text-decoration="underline"');
        // xml:space on each element: Chrome ignores it when only an ancestor <g> has it, and collapses the blanks.
        texts.push(`<text xml:space="preserve" ${attrs.join(' ')}>${text}</text>`);
      }
      i = j;
    }
  }

  const dots = ['#ff5f57', '#febc2e', '#28c840'].map(
    (color, i) => `<circle cx="${20 + i * 20}" cy="${BAR / 2 + 2}" r="6" fill="${color}"/>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${num(width)}" height="${num(height)}" rx="10" ry="10" fill="${THEME.background}"/>`,
    `<path d="M0 10a10 10 0 0 1 10-10h${num(width - 20)}a10 10 0 0 1 10 10v${BAR - 10}h-${num(width)}z" fill="${THEME.chrome}"/>`,
    ...dots,
    `<text x="${num(width / 2)}" y="${BAR / 2 + 6}" text-anchor="middle" fill="#9a9a9a" font-family="${FONT}" font-size="13">${escapeXml(title)}</text>`,
    `<g shape-rendering="crispEdges">`,
    ...rects,
    `</g>`,
    `<g font-family="${FONT}" font-size="${FONT_SIZE}" fill="${THEME.foreground}" style="white-space: pre">`,
    ...texts,
    `</g>`,
    `</svg>`,
    '',
  ].join('\n');
}

// ---- driving the UI ---------------------------------------------------------------------------------------------

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** This environment minus what would change the picture: CI flags (Ink's one-frame mode, chalk's colour levels), NO_COLOR, OpenAI settings, proxies. */
function screenshotEnv(stateDir) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(CI|CI_.*|CONTINUOUS_INTEGRATION|BUILD_NUMBER|RUN_ID|NO_COLOR|FORCE_COLOR|COLORTERM|OPENAI_.*|.*_PROXY|NO_PROXY)$/i.test(name))
      continue;
    env[name] = value;
  }
  return { ...env, TERM: 'xterm-256color', FORCE_COLOR: '1', XDG_STATE_HOME: stateDir, LANG: env.LANG || 'C.UTF-8' };
}

export class Session {
  constructor(args) {
    this.stateDir = mkdtempSync(join(tmpdir(), 'ckpt-perms-screenshot-'));
    this.reader = new PtyScreen({ args: [CLI, ...args], env: screenshotEnv(this.stateDir), cwd: root, cols: COLS, rows: ROWS });
    this.lastOutput = Date.now();
    this.reader.onParsed(() => (this.lastOutput = Date.now()));
  }

  /** The headless xterm, for renderSvg. */
  get term() {
    return this.reader.term;
  }

  screen() {
    return this.reader.screen().trimEnd();
  }

  async waitFor(test, what, timeoutMs) {
    await this.reader.waitFor((lines) => test(lines.join('\n')), { what, timeoutMs, details: () => `its screen:\n${this.screen()}` });
  }

  /** Waits until no output has come for quietMs (the frame has settled), at most timeoutMs. */
  async settle(quietMs = 300, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() - this.lastOutput < quietMs && Date.now() < deadline) await sleep(25);
    await this.reader.flush();
  }

  /**
   * Keys at a person's pace: each waits for the screen's reaction to the one before to settle. A key sent the moment
   * a new frame shows can reach the input handler of the frame before and be lost (Ink subscribes new handlers in a
   * passive effect, after the frame is written).
   */
  async press(...sequence) {
    for (const key of sequence) {
      if (this.reader.exit) throw new Error(`the UI exited before key ${JSON.stringify(key)}\n${this.screen()}`);
      await sleep(100);
      this.reader.write(key);
      await this.settle(120, 2000);
    }
  }

  /** Types into the field labelled `label`, one character at a time, each once the one before is on screen. */
  async type(label, text) {
    for (let i = 1; i <= text.length; i++) {
      await this.press(text[i - 1]);
      await this.waitFor((screen) => screen.includes(label + text.slice(0, i)), `"${label}${text.slice(0, i)}"`, WAIT_MS);
    }
  }

  /** q (after Esc, to leave any screen or field), then SIGHUP and SIGKILL if it does not go. */
  async quit() {
    const gone = () => Promise.race([this.reader.exited.then(() => true), sleep(3000).then(() => false)]);
    try {
      if (!this.reader.exit) {
        this.reader.write('q');
        if (!(await gone())) {
          this.reader.write(keys.escape);
          await sleep(100);
          this.reader.write(keys.escape);
          await sleep(100);
          this.reader.write('q');
          if (!(await gone())) await this.reader.close({ graceMs: 3000 });
        }
      }
    } catch {
      // Already gone.
    } finally {
      rmSync(this.stateDir, { recursive: true, force: true });
    }
  }
}

const SHARE_FILTER = 'mobile';
const tableReady = (screen) => screen.includes('Page 1 ·') && /\bcp_\w/.test(screen);

async function main() {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: join(root, 'assets') }, 'table-only': { type: 'boolean', default: false } },
  });
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });

  const session = new Session(['--demo', CHECKPOINT]);
  const written = [];
  // Never hang: whatever happens, the process ends within a minute.
  const watchdog = setTimeout(() => {
    console.error('screenshot: gave up after 80 s');
    try {
      session.reader.kill('SIGKILL');
    } catch {}
    process.exit(1);
  }, 80_000);
  watchdog.unref();
  try {
    try {
      await session.waitFor(tableReady, 'the permissions table (a "Page 1 ·" footer and a cp_ row)', WAIT_MS);
    } catch (error) {
      throw new Error(`screenshot: ${error.message}`);
    }
    // Move the highlight down two rows and mark one, so the cursor and a mark show.
    await session.settle();
    await session.press(keys.down, keys.down, keys.space);
    await session.waitFor((screen) => screen.includes('1 marked'), 'a marked row', WAIT_MS);
    await session.settle();
    const table = join(outDir, 'screenshot.svg');
    writeFileSync(table, renderSvg(session.term, { title: 'ckpt-perms --demo' }));
    written.push(table);

    if (!values['table-only']) {
      // The share screen: filter by a team name, pick the first project and the next (Tab picks and moves down). "mobile" because
      // its first two matches have no access yet in the seeded data (with "sales" the second already has access).
      await session.press('a');
      await session.waitFor((screen) => screen.includes('Projects:') && / picked · /.test(screen), 'the share screen', WAIT_MS);
      await session.settle();
      await session.type('Projects: ', SHARE_FILTER);
      await session.settle();
      await session.press(keys.tab, keys.tab);
      await session.waitFor((screen) => screen.includes('2 picked'), 'two projects picked', WAIT_MS);
      await session.settle();
      const share = join(outDir, 'screenshot-share.svg');
      writeFileSync(share, renderSvg(session.term, { title: 'ckpt-perms --demo' }));
      written.push(share);
      // Back to the table, where q quits (here q would go into the filter): the first Esc clears the filter, the next leaves.
      // Each waits for its own effect, not for a pause in the output: leaving can take longer than a pause on a busy
      // machine, and an Esc sent meanwhile would go on from the table to the picker.
      await session.press(keys.escape);
      await session.waitFor((screen) => !screen.includes(`Projects: ${SHARE_FILTER}`), 'the filter cleared', WAIT_MS);
      if (session.screen().split('\n', 1)[0].includes('· Share')) await session.press(keys.escape);

      // The history screen (H): the checkpoint's grants and revokes from the demo's audit log, newest first.
      await session.waitFor(tableReady, 'the table again', WAIT_MS);
      await session.settle();
      await session.press('H');
      await session.waitFor(
        (screen) => /Page 1 of \d+ · 1–\d+ of \d+ · newest first/.test(screen) && / (granted|revoked) .+\(proj_/.test(screen),
        'the history screen',
        WAIT_MS,
      );
      await session.settle();
      const history = join(outDir, 'screenshot-history.svg');
      writeFileSync(history, renderSvg(session.term, { title: 'ckpt-perms --demo' }));
      written.push(history);
      await session.press(keys.escape);
      await session.waitFor(tableReady, 'the table after the history', WAIT_MS);
    }
  } finally {
    await session.quit();
    clearTimeout(watchdog);
  }
  for (const file of written) console.log(`wrote ${relative(process.cwd(), file) || file}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
