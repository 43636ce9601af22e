// The sync dialog end to end: the built dist/cli.js in a pseudo-terminal, against a `ckpt-perms demo-server` process.
// The test presses keys only from what the screen shows, and reads the server's state back over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import { closeAll, spawnTerminal, startDemoServerProcess, type DemoServerProcess, type Terminal } from '../helpers/pty';
import { KEYS } from '../helpers/keys';

afterEach(closeAll);

// As in ui.test.ts: a user's terminal has no CI variable, so styles (the picker's highlight) are drawn.
const USER_TERMINAL = { FORCE_COLOR: '1' };

/** Every project id with access to the checkpoint, read over HTTP with the admin key in pages of 100. */
async function serverProjects(server: DemoServerProcess, checkpoint: string): Promise<Set<string>> {
  const path = encodeURIComponent(checkpoint).replaceAll('%3A', ':');
  const projects = new Set<string>();
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const url = new URL(`${server.baseUrl}/fine_tuning/checkpoints/${path}/permissions`);
    url.searchParams.set('limit', '100');
    if (after !== undefined) url.searchParams.set('after', after);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${server.adminKey}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Permission[]; has_more: boolean; last_id?: string | null };
    for (const permission of body.data) projects.add(permission.project_id);
    if (!body.has_more) return projects;
    after = body.last_id ?? undefined;
  }
  throw new Error('more than 100 pages of permissions');
}

/** Whether a picker cell shows `id`: whole, or its two ends around a `…`. */
function showsId(cellText: string, id: string): boolean {
  if (cellText === id) return true;
  const parts = cellText.split('…');
  return parts.length === 2 && id.startsWith(parts[0]!) && id.endsWith(parts[1]!);
}

/** The picker's list rows: whether `❯` marks it, and the id cell. */
function pickerRows(lines: string[]) {
  return lines.flatMap((line, row) => {
    const match = /^(❯ |↵ |  )(ft:\S+) /.exec(line);
    return match ? [{ row, selected: match[1] === '❯ ', id: match[2]! }] : [];
  });
}

/** The frame fits: the title on the first row, the last row left empty (frames are one row shorter than the terminal). */
function expectFrameFits(term: Terminal, step: string): void {
  const lines = term.lines();
  expect(lines[0], `${step}: the title is on the first row\n${term.describe()}`).toContain('ckpt-perms');
  const lastUsed = lines.reduce((last, line, i) => (line.trim() === '' ? last : i), -1);
  expect(lastUsed, `${step}: the frame is no taller than rows - 1\n${term.describe()}`).toBeLessThan(term.rows - 1);
}

describe('sync dialog, end to end in a pseudo-terminal', () => {
  it('s, the source picked from the list, the plan, y: the table’s checkpoint now has every project of the source', async () => {
    const server = await startDemoServerProcess();
    const [target, source] = [server.checkpoints[1]!, server.checkpoints[2]!];
    const before = await serverProjects(server, target);
    const sourceProjects = await serverProjects(server, source);
    const toAdd = [...sourceProjects].filter((id) => !before.has(id));
    expect(toAdd.length).toBeGreaterThan(0);
    const term = spawnTerminal({
      args: [target, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey, '--api-key', server.apiKey, '--page-size', '10'],
      cols: 100,
      rows: 30,
      env: USER_TERMINAL,
    });

    await term.waitFor(/^Page 1 · 1–10 /m);
    await term.press('s');
    await term.waitFor('Pick the source for syncing');
    await term.waitFor(/\d+ from fine-tuning jobs/);
    expect(term.screen()).toContain(`into ${target}`);
    expectFrameFits(term, 'source picker');
    // The checkpoint being synced into is not offered as its own source.
    expect(pickerRows(term.lines()).some((r) => showsId(r.id, target))).toBe(false);

    await term.press(KEYS.tab);
    await term.waitFor(function listFocused() {
      return pickerRows(term.lines()).some((r) => r.selected);
    });
    for (let presses = 0; ; presses++) {
      const rows = pickerRows(term.lines());
      const now = rows.find((r) => r.selected);
      const wanted = rows.find((r) => showsId(r.id, source));
      if (!now || !wanted) throw new Error(`cannot see the highlight or the source\n${term.describe()}`);
      if (now.row === wanted.row) break;
      if (presses > 40) throw new Error(`the highlight never reached the source\n${term.describe()}`);
      await term.press(now.row < wanted.row ? KEYS.down : KEYS.up);
      await term.waitFor(function highlightMoved() {
        return pickerRows(term.lines()).find((r) => r.selected)?.row !== now.row;
      });
    }
    await term.press(KEYS.enter);

    const plan = await term.waitFor('[y/N]');
    expect(plan).toContain(`Sync into this checkpoint: add ${toAdd.length} projects? [y/N]`);
    expect(plan).toContain(`From  ${source}`);
    expect(plan).toContain(`Into  ${target}`);
    expectFrameFits(term, 'plan');
    // Nothing has changed yet.
    expect(await serverProjects(server, target)).toEqual(before);

    await term.press('y');
    const outcome = await term.waitFor(`Sync: ${toAdd.length} added`);
    expect(outcome).toContain(`Synced: ${toAdd.length} added`);
    expectFrameFits(term, 'outcomes');
    const after = await serverProjects(server, target);
    for (const id of sourceProjects) expect(after.has(id), `${id} has access to the target`).toBe(true);
    for (const id of before) expect(after.has(id), `${id} kept its access`).toBe(true);
    expect(after.size).toBe(before.size + toAdd.length);

    await term.press(KEYS.enter);
    await term.waitFor(function outcomeClosed(screen) {
      return !screen.includes('Enter/Esc close') && /^Page 1 · 1–10 · more/m.test(screen);
    });
    await term.press('q');
    expect((await term.waitForExit()).exitCode).toBe(0);
  });
});
