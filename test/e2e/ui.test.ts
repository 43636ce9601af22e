// The interactive UI end to end: the built dist/cli.js in a real pseudo-terminal, talking to a `ckpt-perms demo-server`
// process. The test decides what to press only from what the screen shows, and reads the server's state back over HTTP.
import { spawn } from 'node:child_process';
import type { Terminal as XTerm } from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import { CLI } from '../helpers/cli';
import { testEnv } from '../helpers/env';
import { closeAll, demoConnection, spawnTerminal, startDemoServerProcess, type DemoServerProcess, type Terminal } from '../helpers/pty';
import { KEYS } from '../helpers/keys';

afterEach(closeAll);

// A fixed page size, not one fitted to the terminal: pages are then the same whatever the window, the expected pages are
// plain slices of the server's list, and at 100x30 (23 rows of room) a whole page is on screen at once.
const PAGE_SIZE = 10;

// The harness sets CI=false (so Ink draws every frame), but supports-color takes any CI variable for a CI machine and
// turns every style off, inverse video included: the table's and share list's highlight would not be drawn at all.
// A user's terminal has no CI variable; FORCE_COLOR puts the styles back as they would be there.
const USER_TERMINAL = { FORCE_COLOR: '1' };

// ── the server, over HTTP with the admin key ──────────────────────────────────────────────────────────────────────────

/** Every permission of the checkpoint, newest first (the API's default order), in pages of 100 following `last_id`. */
async function serverPermissions(server: DemoServerProcess, checkpoint: string): Promise<Permission[]> {
  // Colons stay literal in the path, as the official clients send them.
  const path = encodeURIComponent(checkpoint).replaceAll('%3A', ':');
  const all: Permission[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const url = new URL(`${server.baseUrl}/fine_tuning/checkpoints/${path}/permissions`);
    url.searchParams.set('limit', '100');
    if (after !== undefined) url.searchParams.set('after', after);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${server.adminKey}` } });
    expect(response.status, `GET ${url.pathname}${url.search}`).toBe(200);
    const body = (await response.json()) as { data: Permission[]; has_more: boolean; last_id?: string | null };
    all.push(...body.data);
    if (!body.has_more) return all;
    if (!body.last_id) throw new Error('has_more without a last_id');
    after = body.last_id;
  }
  throw new Error('more than 1000 pages of permissions');
}

const serverPage = (all: Permission[], page: number) => all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((p) => p.id);

// ── reading the screen ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Rows drawn in inverse video (the table's, the share list's and the picker's highlight). The harness gives text only,
 * so this reads the attributes from its xterm (a private field; the check below fails loudly should it change).
 */
function inverseRows(term: Terminal): number[] {
  const xterm = (term as unknown as { term?: XTerm }).term;
  if (!xterm?.buffer) throw new Error('the pty harness no longer keeps its xterm in `term`: update inverseRows()');
  const buffer = xterm.buffer.active;
  const rows: number[] = [];
  for (let y = 0; y < xterm.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    if (!line) continue;
    let inverse = 0;
    let text = 0;
    for (let x = 0; x < xterm.cols; x++) {
      const cell = line.getCell(x);
      if (!cell || cell.getChars().trim() === '') continue;
      text++;
      if (cell.isInverse()) inverse++;
    }
    // The title bar may be inverse too (theme): a highlighted row is one mostly in inverse, below the title.
    if (y > 0 && text > 0 && inverse / text > 0.8) rows.push(y);
  }
  return rows;
}

/** Whether a picker cell shows `id`: the whole id, or its two ends around a `…` (ids differ at both ends). */
function showsId(cellText: string, id: string): boolean {
  if (cellText === id) return true;
  const parts = cellText.split('…');
  return parts.length === 2 && id.startsWith(parts[0]!) && id.endsWith(parts[1]!) && parts[0]!.length + parts[1]!.length < id.length;
}

/** Whether the letters of `needle` are in `text` in order (the share filter's fzf-like match). */
const inOrder = (needle: string, text: string) => {
  let at = 0;
  for (const char of needle) if ((at = text.indexOf(char, at) + 1) === 0) return false;
  return true;
};

/** The picker's list rows: index on screen, whether `❯` marks it, the id cell and the rest. */
function pickerRows(lines: string[]) {
  return lines.flatMap((line, row) => {
    const match = /^(❯ |↵ |  )(ft:\S+) (.*)$/.exec(line);
    return match ? [{ row, selected: match[1] === '❯ ', id: match[2]!, detail: match[3]! }] : [];
  });
}

/** Permission ids of the table's rows (the full ids: at 100 columns the column is wide enough). */
function tableIds(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const match = /^[› ][● ](cp_[A-Za-z0-9]+) /.exec(line);
    return match ? [match[1]!] : [];
  });
}

/** The share list's rows: `[ ]` free, `[x]` picked, ` ✓ ` already has access. */
function shareRows(lines: string[]) {
  return lines.flatMap((line, row) => {
    const match = /^[› ](\[ \]|\[x\]| ✓ ) (.+?) +(proj_[A-Za-z0-9]+)( +has access)?$/.exec(line);
    return match ? [{ row, mark: match[1]!, name: match[2]!, projectId: match[3]! }] : [];
  });
}

/** The position line of the table, e.g. `Page 2 · 11–20 · more · newest first · no filter`. */
const positionLine = (screen: string) => /^Page \d+ .*$/m.exec(screen)?.[0] ?? '';

/** Waits for page `n` to be loaded and shown (no load under way), then returns its ids on screen. */
async function waitForPage(term: Terminal, n: number): Promise<string[]> {
  const first = (n - 1) * PAGE_SIZE + 1;
  await term.waitFor(function pageLoaded(screen) {
    const position = positionLine(screen);
    return position.startsWith(`Page ${n} · ${first}–`) && !position.includes('loading…');
  });
  return tableIds(term.lines());
}

/** Moves a highlight with ↓/↑, one key at a time (each press waits for the highlight to move), until it is on the `target()` row. */
async function moveHighlightTo(term: Terminal, highlighted: () => number | undefined, target: () => number | undefined, what: string) {
  for (let presses = 0; presses < 200; presses++) {
    const now = highlighted();
    const wanted = target();
    if (now === undefined || wanted === undefined) throw new Error(`cannot see the highlight or ${what}\n${term.describe()}`);
    if (now === wanted) return;
    await term.press(now < wanted ? KEYS.down : KEYS.up);
    await term.waitFor(function highlightMoved() {
      return highlighted() !== now;
    });
  }
  throw new Error(`the highlight never reached ${what}\n${term.describe()}`);
}

/** Types into a text field one character at a time, each after the previous one shows, as a person watching the echo. */
async function typeIntoField(term: Terminal, label: string, text: string): Promise<void> {
  for (let i = 1; i <= text.length; i++) {
    await term.press(text[i - 1]!);
    const shown = label + text.slice(0, i);
    await term.waitFor(function echoed() {
      return term.lines().some((line) => line === shown);
    });
  }
}

/** The frame fits the terminal: the title on row 1 and the bottom row left empty (frames are one row shorter). */
function expectFrameFits(term: Terminal, step: string): void {
  const lines = term.lines();
  expect(lines[0], `${step}: the title is on the first row\n${term.describe()}`).toContain('ckpt-perms');
  const lastUsed = lines.reduce((last, line, i) => (line.trim() === '' ? last : i), -1);
  expect(lastUsed, `${step}: the frame is no taller than rows - 1\n${term.describe()}`).toBeLessThan(term.rows - 1);
  // Ink clears the whole screen (ESC[2J ESC[3J ESC[H) when a frame is at least as tall as the terminal.
  expect(term.raw().includes('\u001b[3J'), `${step}: Ink never had to clear the screen for a too-tall frame`).toBe(false);
}

// ── the scenarios ─────────────────────────────────────────────────────────────────────────────────────────────────────

describe('interactive UI, end to end in a pseudo-terminal', () => {
  it('picks the largest checkpoint from the list, pages, revokes (after a cancel), shares with two projects and quits cleanly', async () => {
    const server = await startDemoServerProcess();
    // The demo-server prints the largest checkpoint first.
    const checkpoint = server.checkpoints[0]!;
    expect(checkpoint).toMatch(/^ft:/);
    const term = spawnTerminal({
      args: [...demoConnection(server), '--page-size', String(PAGE_SIZE)],
      cols: 100,
      rows: 30,
      env: USER_TERMINAL,
    });

    // 1. No checkpoint given: the picker, with the fine-tuning jobs' models and checkpoints listed.
    await term.waitFor('Pick a checkpoint');
    await term.waitFor(/\d+ from fine-tuning jobs/);
    expect(term.bufferType()).toBe('alternate');
    expectFrameFits(term, 'picker');
    const target = pickerRows(term.lines()).filter((r) => showsId(r.id, checkpoint));
    expect(target, `exactly one line shows ${checkpoint}\n${term.describe()}`).toHaveLength(1);
    // It is a fine-tuned model of a job, not an intermediate checkpoint.
    expect(target[0]!.detail.trim()).toMatch(/^model · /);
    expect(
      pickerRows(term.lines()).some((r) => r.selected),
      'no highlight while the field has the focus',
    ).toBe(false);

    await term.press(KEYS.tab);
    await term.waitFor(function listFocused() {
      return pickerRows(term.lines()).some((r) => r.selected);
    });
    await moveHighlightTo(
      term,
      () => pickerRows(term.lines()).find((r) => r.selected)?.row,
      () => pickerRows(term.lines()).find((r) => showsId(r.id, checkpoint))?.row,
      `the line of ${checkpoint}`,
    );
    await term.press(KEYS.enter);

    // 2. The table, page 1, then → → ←: each page as the server has it, newest first.
    const all = await serverPermissions(server, checkpoint);
    expect(all.length).toBeGreaterThan(3 * PAGE_SIZE);
    expect(await waitForPage(term, 1)).toEqual(serverPage(all, 1));
    expect(term.screen()).toContain(`Checkpoint ${checkpoint}`);
    expect(positionLine(term.screen())).toMatch(/^Page 1 · 1–10 · more · newest first/);
    expectFrameFits(term, 'table');
    for (const [key, page] of [
      [KEYS.right, 2],
      [KEYS.right, 3],
      [KEYS.left, 2],
    ] as const) {
      await term.press(key);
      expect(await waitForPage(term, page), `page ${page}\n${term.describe()}`).toEqual(serverPage(all, page));
    }

    // 3. Two rows down, the revoke dialog names that row's project and the checkpoint; n cancels it.
    const onPage = serverPage(all, 2);
    await term.press(KEYS.down);
    await term.press(KEYS.down);
    await term.waitFor(function thirdRowHighlighted() {
      return inverseRows(term)
        .map((row) => tableIds([term.lines()[row]!])[0])
        .includes(onPage[2]);
    });
    const victim = all.find((p) => p.id === onPage[2])!;
    await term.press('d');
    const dialog = await term.waitFor('[y/N]');
    expect(dialog).toContain("Revoke this project's access to the checkpoint? [y/N]");
    expect(dialog).toMatch(new RegExp(`Project +${victim.project_id}\\b`));
    expect(dialog).toMatch(new RegExp(`Checkpoint +${checkpoint.replaceAll('.', '\\.')}\\b`));
    expect(dialog).toMatch(new RegExp(`Permission +${victim.id}\\b`));
    expectFrameFits(term, 'revoke dialog');
    await term.press('n');
    await term.waitFor(function dialogClosed(screen) {
      return !screen.includes('[y/N]') && tableIds(term.lines()).length > 0;
    });
    expect(tableIds(term.lines())).toEqual(onPage);
    expect((await serverPermissions(server, checkpoint)).map((p) => p.id)).toEqual(all.map((p) => p.id));

    // 4. d again, y this time: the flash says Revoked and the server no longer has it.
    await term.press('d');
    expect(await term.waitFor('[y/N]')).toMatch(new RegExp(`Permission +${victim.id}\\b`));
    await term.press('y');
    const revoked = await term.waitFor(/^Revoked /m);
    // At 100 columns the line keeps the project's name and `u undoes` whole; the permission id gives way first.
    expect(revoked).toMatch(new RegExp(`^Revoked ${victim.project_id} \\(.*\\) \\(${victim.id.slice(0, 12)}.* · u undoes$`, 'm'));
    const afterRevoke = await serverPermissions(server, checkpoint);
    expect(afterRevoke.map((p) => p.id)).toEqual(all.map((p) => p.id).filter((id) => id !== victim.id));

    // 5. Share: a word of a project name filters; the first two projects without access are picked by name.
    await term.press('a');
    await term.waitFor(function projectsListed(screen) {
      return /\d+ picked · \d+ of \d+ active projects · \d+ have access/.test(screen) && shareRows(term.lines()).length > 0;
    });
    const free = shareRows(term.lines()).filter((r) => r.mark === '[ ]');
    const firstWords = free.map((r) => r.name.split(' ')[0]!);
    const word = firstWords.find((w, i) => firstWords.indexOf(w) !== i);
    if (!word) throw new Error(`no two projects without access share a first word on screen\n${term.describe()}`);
    // Part of the name, in lower case: the filter ignores case.
    const fragment = word.slice(0, Math.max(4, word.length - 1)).toLowerCase();
    await typeIntoField(term, 'Projects: ', fragment);
    await term.waitFor(function filtered() {
      const rows = shareRows(term.lines());
      return (
        term.screen().includes(`Projects: ${fragment}`) &&
        rows.length > 0 &&
        // fzf-like: every row has the fragment's letters in order; the names that hold it whole rank first.
        rows.every((r) => inOrder(fragment, `${r.name} ${r.projectId}`.toLowerCase())) &&
        rows[0]!.name.toLowerCase().includes(fragment)
      );
    });
    const picks = shareRows(term.lines())
      .filter((r) => r.mark === '[ ]' && r.name.toLowerCase().includes(fragment))
      .slice(0, 2);
    expect(picks, `two projects without access match "${fragment}"\n${term.describe()}`).toHaveLength(2);
    const already = new Set(afterRevoke.map((p) => p.project_id));
    for (const pick of picks) expect(already.has(pick.projectId), `${pick.name} has no access yet`).toBe(false);

    for (const [i, pick] of picks.entries()) {
      await moveHighlightTo(
        term,
        () => inverseRows(term).find((row) => shareRows([term.lines()[row]!]).length === 1),
        () => shareRows(term.lines()).find((r) => r.projectId === pick.projectId)?.row,
        pick.name,
      );
      await term.press(KEYS.tab);
      await term.waitFor(function picked(screen) {
        return screen.includes(`${i + 1} picked`) && shareRows(term.lines()).find((r) => r.projectId === pick.projectId)?.mark === '[x]';
      });
    }
    await term.press(KEYS.enter);
    const confirm = await term.waitFor('Share with 2 projects? [y/N]');
    for (const pick of picks) expect(confirm).toContain(`+ ${pick.projectId} (${pick.name})`);
    expectFrameFits(term, 'share confirmation');
    await term.press('y');
    await term.waitFor(/^Shared /m);
    const afterShare = await serverPermissions(server, checkpoint);
    const added = afterShare.filter((p) => !afterRevoke.some((q) => q.id === p.id));
    expect(added.map((p) => p.project_id).sort()).toEqual(picks.map((p) => p.projectId).sort());
    expect(afterShare).toHaveLength(afterRevoke.length + 2);

    // 6. The outcome box says how to close it (q is not one of its keys); then q quits, and the shell gets its screen back.
    const outcome = await term.waitFor('Enter/Esc close');
    expect(outcome).toContain('2 of 2 projects gained access');
    await term.press(KEYS.enter);
    await term.waitFor(function outcomeClosed(screen) {
      return !screen.includes('Enter/Esc close') && screen.includes('q quit');
    });
    await term.press('q');
    expect((await term.waitForExit()).exitCode).toBe(0);
    expect(term.bufferType()).toBe('normal');
    expect(term.cursorHidden()).toBe(false);
    expect(term.screen()).not.toContain('ckpt-perms ·');
  });

  for (const [cols, rows] of [
    [80, 24],
    [60, 15],
  ] as const) {
    it(`never draws a frame taller than a ${cols}x${rows} terminal: table, paging, revoke dialog, help`, async () => {
      const server = await startDemoServerProcess();
      const checkpoint = server.checkpoints[0]!;
      const term = spawnTerminal({
        args: [checkpoint, ...demoConnection(server), '--page-size', String(PAGE_SIZE)],
        cols,
        rows,
        env: USER_TERMINAL,
      });

      // The rows on screen: where fewer than a page fit (60x15), the page scrolls within itself (↓) and → goes on from
      // the row after the last one on screen.
      const onScreen = Math.min(PAGE_SIZE, rows - 7);
      const cut = onScreen < PAGE_SIZE ? ' ↓' : '';
      await term.waitFor(new RegExp(`^Page 1 · 1–${onScreen}${cut} `, 'm'));
      expectFrameFits(term, 'page 1');
      expect(term.lines()[0]).toMatch(/^ckpt-perms · Permissions │/);

      await term.press(KEYS.right);
      await term.waitFor(new RegExp(`^Page 2 · ${onScreen + 1}–${2 * onScreen}${cut} · more`, 'm'));
      expectFrameFits(term, 'page 2');

      await term.press('d');
      await term.waitFor('[y/N]');
      expectFrameFits(term, 'revoke dialog');
      await term.press(KEYS.esc);
      await term.waitFor(function dialogClosed(screen) {
        return !screen.includes('[y/N]');
      });
      expectFrameFits(term, 'revoke dialog closed');

      await term.press('?');
      await term.waitFor('Keys on this screen');
      expectFrameFits(term, 'help overlay');
      await term.press(KEYS.esc);
      await term.waitFor(function helpClosed(screen) {
        return !screen.includes('Keys on this screen');
      });
      expectFrameFits(term, 'help closed');

      await term.press(KEYS.left);
      await term.waitFor(new RegExp(`^Page 1 · 1–${onScreen}${cut} `, 'm'));
      expectFrameFits(term, 'back on page 1');

      await term.press('q');
      expect((await term.waitForExit()).exitCode).toBe(0);
      expect(term.bufferType()).toBe('normal');
      expect(term.cursorHidden()).toBe(false);
      // Nothing was cancelled by accident.
      expect(await serverPermissions(server, checkpoint)).toHaveLength(137);
    });
  }

  it('refuses to start without a terminal: exit 2, one line naming `list`, no stack trace', async () => {
    const child = spawn(process.execPath, [CLI, '--demo'], { env: testEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // As `echo | ckpt-perms --demo`.
    child.stdin.end('\n');
    const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/terminal/);
    expect(stderr).toMatch(/\blist\b/);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).not.toContain('\u001b[?1049h');
  });

  it('quits on Ctrl+C and gives the normal screen and the cursor back (--demo)', async () => {
    const term = spawnTerminal({ args: ['--demo'], cols: 80, rows: 24, env: USER_TERMINAL });
    await term.waitFor(/Pick a checkpoint │ DEMO/);
    await term.waitFor(/\d+ from fine-tuning jobs/);
    expect(term.bufferType()).toBe('alternate');
    await term.press(KEYS.ctrlC);
    const exit = await term.waitForExit();
    expect(exit.signal ?? 0).toBe(0);
    expect(exit.exitCode).toBe(0);
    expect(term.bufferType()).toBe('normal');
    expect(term.cursorHidden()).toBe(false);
  });
});
