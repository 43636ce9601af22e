// Hostile API data: project names and ids and error messages carrying a window title (OSC … BEL), a clear screen, an
// OSC 8 link, an 8-bit CSI and a right-to-left override. The screen gets them inert; JSON output to a terminal keeps
// the same values, written as escapes; one sanitiser (src/api/sanitize.ts) does it for the whole product.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Terminal as XTerm } from '@xterm/headless';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Permission, Project } from '../../src/api/types';
import { startDemoServer, type DemoServer, type DemoState } from '../../src/demo/server';
import { CLI } from '../helpers/cli';
import { closeAll, spawnTerminal, type Terminal } from '../helpers/pty';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, rowLines, startUi, type UiHarness } from '../ui/render';
import { countAs } from './figures';
import { apiError, HOSTILE, HOSTILE_TEXT, json, scriptedServer, terminalActive, terminalControls } from './support';

/** HOSTILE_TEXT as a terminal must show it: the visible words, nothing else. */
const SHOWN = 'EvilCorp click redtext gpj.exe';
const HOSTILE_ID = `proj_x${HOSTILE.title}${HOSTILE.c1}${HOSTILE.bidi}`;
const SHOWN_ID = 'proj_xgpj.exe';

// ── planting hostile data in the demo ─────────────────────────────────────────────────────────────────────────────
// The demo API has no route that renames a project or rewrites a permission, so its state is changed in place (its
// private fields, read by name); from there the data travels like any other: over HTTP, through the client, out.

function renameProject(state: DemoState, projectId: string, name: string): void {
  const project = (state as unknown as { projectList: Project[] }).projectList.find((p) => p.id === projectId);
  if (!project) throw new Error(`no project ${projectId}`);
  project.name = name;
}

function plantProjectId(state: DemoState, checkpoint: string, permissionId: string, projectId: string): void {
  const entry = (state as unknown as { checkpointPermissions: Map<string, { items: Permission[] }> }).checkpointPermissions.get(checkpoint);
  const permission = entry?.items.find((p) => p.id === permissionId);
  if (!permission) throw new Error(`no permission ${permissionId}`);
  permission.project_id = projectId;
}

/** Newest first, the API's default order. */
const newestFirst = (state: DemoState, checkpoint: string) => state.permissionsOf(checkpoint).reverse();
const withoutStyles = (frame: string) => frame.replace(/\u001b\[[0-9;]*m/g, '');
const framesProblems = (frames: string[]) =>
  frames.flatMap((f, i) => terminalActive(withoutStyles(f)).map((what) => `frame ${i}: ${what}`));

/**
 * What a pty received that a hostile string could have put there. Ink and the UI write CSI sequences of their own
 * (styles, cursor, the alternate screen, and a clear screen always followed by ESC[3J or ESC[H); never an OSC, a BEL,
 * an 8-bit control or a bidi override.
 */
function rawProblems(raw: string): string[] {
  const problems = terminalActive(raw.replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, ''));
  if (/\u001b\[2J(?!\u001b\[(?:3J|H))/.test(raw)) problems.push('a clear screen of its own');
  return problems;
}

afterEach(closeAll);

describe('the check itself', () => {
  test('finds each hostile form in raw text, and lets Ink’s own sequences pass', () => {
    expect(terminalActive(HOSTILE_TEXT)).toEqual(['ESC', 'BEL', 'C0/C1 control', 'bidi control', 'the OSC title text', 'the OSC 8 target']);
    expect(terminalActive(withoutStyles(`\u001b[1m${SHOWN}\u001b[22m`))).toEqual([]);
    expect(rawProblems(`\u001b[?1049h\u001b[2J\u001b[3J\u001b[Hok\u001b[7m ${SHOWN}`)).toEqual([]);
    expect(rawProblems(`a${HOSTILE.clear} b`)).toEqual(['a clear screen of its own']);
    expect(rawProblems(`a${HOSTILE.link}`).length).toBeGreaterThan(0);
    expect(rawProblems(`a${HOSTILE.c1}`).length).toBeGreaterThan(0);
  });
});

describe('in the UI', () => {
  let ui: UiHarness | undefined;
  let exportDir: string;
  beforeAll(() => {
    exportDir = mkdtempSync(join(tmpdir(), 'ckpt-perms-hostile-'));
  });
  afterAll(() => rmSync(exportDir, { recursive: true, force: true }));
  afterEach(async () => {
    await ui?.close();
    ui = undefined;
  });

  test('a hostile project name and id are inert on the table, project view, share screen, dialogs, flash and the CSV export', async (ctx) => {
    countAs(ctx, 'bad-input');
    ui = await startUi({ exportDir });
    const checkpoint = ui.demo.checkpoints[0]!;
    const [named, planted] = newestFirst(ui.demo.state, checkpoint);
    renameProject(ui.demo.state, named!.project_id, HOSTILE_TEXT);
    plantProjectId(ui.demo.state, checkpoint, planted!.id, HOSTILE_ID);

    let frame = await openTable(ui, checkpoint);
    expect(ui.store.getState().directory.byId[named!.project_id]?.name).toBe(HOSTILE_TEXT);
    const rows = rowLines(frame);
    expect(rows[0]).toContain('EvilCorp click');
    expect(rows[1]).toContain(SHOWN_ID);

    // The project view of the named row, then back.
    await ui.press(KEYS.enter);
    await ui.waitForText('EvilCorp click');
    await ui.press(KEYS.esc);
    await waitFor(() => ui!.store.getState().screen === 'table', 'the table');

    // The share screen, filtered by the name as shown.
    await ui.press('a');
    await waitFor(() => ui!.store.getState().access.status === 'ready', 'the access list');
    await ui.type('evilcorp');
    expect(ui.lastFrame()).toContain(SHOWN);
    await ui.press(KEYS.esc);
    await ui.press(KEYS.esc);
    await waitFor(() => ui!.store.getState().screen === 'table', 'the table');

    // The planted id's revoke dialog (cancelled), then the named row revoked: dialog, outcome, flash.
    await ui.press(KEYS.down);
    await ui.press('d');
    expect(ui.lastFrame()).toContain(`Project     ${SHOWN_ID}`);
    await ui.press('n');
    await ui.press(KEYS.up);
    await ui.press('d');
    expect(ui.lastFrame()).toContain(`${named!.project_id} (${SHOWN}`);
    await ui.press('y');
    frame = await ui.waitForFrame((f) => f.includes('Revoked') && !f.includes('loading'));
    expect(frame).toContain(`Revoked ${named!.project_id} (${SHOWN}`);
    expect(ui.demo.state.permissionsOf(checkpoint).some((p) => p.id === named!.id)).toBe(false);

    // The export keeps the planted id's row, inert.
    await ui.press('e');
    // The flash keeps the file's name whole; at this width the words before it give way.
    await ui.waitForText('.permissions.csv');
    const [file] = readdirSync(exportDir);
    const csv = readFileSync(join(exportDir, file!), 'utf8');
    expect(csv).toContain(`,${SHOWN_ID},`);
    expect(terminalActive(csv)).toEqual([]);

    expect(ui.frames.length).toBeGreaterThan(20);
    expect(framesProblems(ui.frames)).toEqual([]);
  });

  test('the built binary against a hostile API: names, ids and an error message (and its request id) never reach the terminal raw', async (ctx) => {
    countAs(ctx, 'bad-input');
    const checkpoint = 'ft:gpt-4o-mini:acme:hostile:abc';
    const permissions: Permission[] = [
      { object: 'checkpoint.permission', id: 'cp_named', created_at: 1_767_000_000, project_id: 'proj_named' },
      { object: 'checkpoint.permission', id: 'cp_planted', created_at: 1_766_000_000, project_id: HOSTILE_ID },
    ];
    const api = await scriptedServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path === '/v1/organization/projects') {
        const project: Project = {
          object: 'organization.project',
          id: 'proj_named',
          name: HOSTILE_TEXT,
          created_at: 1_700_000_000,
          archived_at: null,
          status: 'active',
        } as Project;
        return json(res, { object: 'list', data: [project], first_id: 'proj_named', last_id: 'proj_named', has_more: false });
      }
      if (req.method === 'GET' && path.endsWith('/permissions')) {
        return json(res, { object: 'list', data: permissions, first_id: 'cp_named', last_id: 'cp_planted', has_more: false });
      }
      apiError(res, 400, `Refused: ${HOSTILE_TEXT}`, { requestId: 'req_\u009b31mX' });
    });
    try {
      const term = spawnTerminal({
        args: [checkpoint, '--base-url', api.baseUrl, '--admin-api-key', 'sk-admin-hostiletest0123456789abcdef'],
        cols: 120,
        rows: 24,
      });
      const titles: string[] = [];
      (term as unknown as { term: XTerm }).term.onTitleChange((title) => titles.push(title));
      await term.waitFor(/^Page 1 · 1–2 /m);
      await term.waitFor('EvilCorp click redtext');
      expect(term.screen()).toContain(SHOWN_ID);
      await term.press('d');
      await term.waitFor('[y/N]');
      await term.press('y');
      const screen = await term.waitFor(/Refused: EvilCorp click redtext gpj\.exe \(request req_X\)/);
      expect(screen).not.toMatch(/^Revoked /m);
      await term.press(KEYS.ctrlC);
      await term.waitForExit();
      expect(titles).toEqual([]);
      expect(rawProblems(term.raw())).toEqual([]);

      // The same error on the command line, in a terminal: one clean line.
      const cli = spawnTerminal({
        args: [
          'delete',
          checkpoint,
          '--permission-id',
          'cp_named',
          '--base-url',
          api.baseUrl,
          '--admin-api-key',
          'sk-admin-hostiletest0123456789abcdef',
        ],
        cols: 200,
        rows: 10,
      });
      expect((await cli.waitForExit()).exitCode).toBe(1);
      expect(cli.raw()).toBe('ckpt-perms: 400 invalid_request_error: Refused: EvilCorp click redtext gpj.exe (request req_X)\r\n');
    } finally {
      await api.close();
    }
  });
});

describe('JSON to a terminal', () => {
  let demo: DemoServer;
  let largest: string;
  let named: Permission;
  let planted: Permission;
  beforeAll(async () => {
    demo = await startDemoServer();
    largest = demo.checkpoints[0]!;
    [named, planted] = newestFirst(demo.state, largest) as [Permission, Permission];
    renameProject(demo.state, named.project_id, HOSTILE_TEXT);
    plantProjectId(demo.state, largest, planted.id, HOSTILE_ID);
  });
  afterAll(() => demo.close());

  /**
   * The built binary with stdout a terminal; what it printed (the pty turns \n into \r\n). It runs under a small
   * parent, as under a shell: a program that is itself the pty's session leader has the end of its output discarded by
   * the hang-up when it exits, before node-pty has read it. The parent marks the end of the output and stays until told
   * (a line on its input) that the mark was read: however slow the machine, nothing is cut off.
   */
  async function inTerminal(args: string[]): Promise<string> {
    const END = '[end of output, exit ';
    const parent = `
      const child = require('node:child_process').spawn(process.execPath, ${JSON.stringify([CLI, ...args])}, { stdio: 'inherit' });
      child.on('exit', (code) => {
        process.stdout.write(${JSON.stringify(END)} + code + ']');
        process.stdin.once('data', () => process.exit(code ?? 99));
      });`;
    const term: Terminal = spawnTerminal({
      command: ['-e', parent],
      // Without colour: the only escapes on screen would then be ones the data brought in.
      env: { OPENAI_BASE_URL: demo.baseUrl, OPENAI_ADMIN_KEY: demo.adminKey, NO_COLOR: '1' },
      cols: 200,
      rows: 50,
    });
    await waitFor(() => term.raw().includes(END), 'the end of the output');
    await term.press('\r');
    const exit = await term.waitForExit();
    const raw = term.raw();
    expect(exit.exitCode, raw.slice(0, 500)).toBe(0);
    const output = raw.slice(0, raw.indexOf(END));
    // Only the characters: the words of a title or link are plain text once escaped.
    expect(terminalControls(output)).toEqual([]);
    return output.replace(/\r\n/g, '\n');
  }

  test.for([
    ['list', 'json'],
    ['list', 'jsonl'],
    ['retrieve', 'json'],
  ] as const)('%s --format %s keeps the hostile project id, escaped', async ([command, format], ctx) => {
    countAs(ctx, 'bad-input');
    const out = await inTerminal([command, largest, '--format', format, '--limit', '5']);
    const data: Permission[] =
      format === 'json'
        ? JSON.parse(out).data
        : out
            .trimEnd()
            .split('\n')
            .map((line) => JSON.parse(line));
    expect(data).toEqual(newestFirst(demo.state, largest).slice(0, 5));
    expect(data[1]!.project_id).toBe(HOSTILE_ID);
    // Written as escapes: \u001b and \u0007 by JSON itself, \u009b and \u202e by us.
    expect(out).toContain('proj_x\\u001b]0;pwned-title\\u0007\\u009b31m\\u202egpj.exe');
  });

  test("list's table on a terminal shows the hostile project id inert", async (ctx) => {
    countAs(ctx, 'bad-input');
    const out = await inTerminal(['list', largest, '--limit', '5']);
    expect(out).toMatch(/^PERMISSION +PROJECT ID +PROJECT NAME +CREATED\n/);
    expect(out.split('\n')[2]).toContain(SHOWN_ID);
  });

  test('list --max-items -1 --format jsonl, page by page, keeps every value', async (ctx) => {
    countAs(ctx, 'bad-input');
    const out = await inTerminal(['list', largest, '--max-items', '-1', '--format', 'jsonl', '--limit', '50']);
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(newestFirst(demo.state, largest));
  });

  test('export --format json keeps the hostile name and id, escaped', async (ctx) => {
    countAs(ctx, 'bad-input');
    const document = JSON.parse(await inTerminal(['export', largest, '--format', 'json']));
    const rows = document.permissions as { permission_id: string; project_id: string; project_name: string }[];
    expect(rows.find((r) => r.permission_id === named.id)?.project_name).toBe(HOSTILE_TEXT);
    expect(rows.find((r) => r.permission_id === planted.id)?.project_id).toBe(HOSTILE_ID);
  });

  test('export as CSV to a terminal drops the controls instead (a CSV has no escapes)', async (ctx) => {
    countAs(ctx, 'bad-input');
    const csv = await inTerminal(['export', largest]);
    expect(csv).toContain(`${named.id},${named.project_id},${SHOWN},active,`);
    expect(csv).toContain(`${planted.id},${SHOWN_ID},,,`);
  });

  test('sync --format json (a plan) keeps the hostile name, escaped; the text plan shows it inert', async (ctx) => {
    countAs(ctx, 'bad-input');
    const target = demo.emptyCheckpoint;
    const plan = JSON.parse(await inTerminal(['sync', '--from', largest, '--to', target, '--dry-run', '--format', 'json']));
    expect(plan.add).toContainEqual({ project_id: named.project_id, project_name: HOSTILE_TEXT });
    expect(plan.add.map((a: { project_id: string }) => a.project_id)).toContain(HOSTILE_ID);
    const text = await inTerminal(['sync', '--from', largest, '--to', target, '--dry-run']);
    expect(text).toContain(`${named.project_id} (${SHOWN})`);
    expect(text).toContain(SHOWN_ID);
  });
});

describe('one sanitiser', () => {
  test('no product file but src/api/sanitize.ts carries a regular expression for control characters, escapes or bidi overrides', () => {
    const root = new URL('../../src/', import.meta.url);
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => /\.(ts|tsx)$/.test(f) && f !== join('api', 'sanitize.ts'),
    );
    expect(files.length).toBeGreaterThan(40);
    // A regex literal (roughly) or a RegExp source naming a C0/C1 control, ESC, DEL or a bidi control.
    const CONTROL_ESCAPE =
      /\\(?:u00[01][0-9a-fA-F]|u007[fF]|u00[89][0-9a-fA-F]|x[01][0-9a-fA-F]|x7[fF]|x[89][0-9a-fA-F]|u20(?:0[eEfF]|2[a-eA-E]|6[6-9])|u061[cC]|e\b|cX)/;
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(new URL(file, root), 'utf8');
      for (const literal of text.match(/(?<![\w)\]'"`])\/(?![/*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+\/[dgimsuy]*/g) ?? []) {
        if (CONTROL_ESCAPE.test(literal)) offenders.push(`${file}: ${literal}`);
      }
      for (const source of text.match(/new RegExp\([^)]*\)/g) ?? []) {
        if (CONTROL_ESCAPE.test(source)) offenders.push(`${file}: ${source}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
