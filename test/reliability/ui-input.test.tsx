// Bad input in the interactive UI: a tiny terminal resized under an open dialog, a key pasted badly, ids pasted into
// the share field, and no terminal at all. Each gets a clear answer, and nothing is sent that should not be.
import { afterEach, describe, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { KEYS } from '../helpers/keys';
import { CLI } from '../helpers/cli';
import { waitFor } from '../helpers/wait';
import { openTable, oversizedFrames, startUi, type UiHarness } from '../ui/render';
import { countAs } from './figures';
import { terminalActive } from './support';

let ui: UiHarness | undefined;
let demo: DemoServer | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
  await closeAll();
  await demo?.close();
  demo = undefined;
});

const deletes = (server: DemoServer, from = 0) => server.requests.slice(from).filter((r) => r.method === 'DELETE');
const withoutStyles = (frame: string) => frame.replace(/\u001b\[[0-9;]*m/g, '');

/** The key prompt's field once it shows `length` characters (masked). */
const maskedField = (length: number) => `Admin key: ${'•'.repeat(length)}`;

describe('a 40×10 terminal, resized while the revoke dialog is open', () => {
  test('every frame fits, the dialog survives each size (and too small), nothing is revoked until y', async (ctx) => {
    countAs(ctx, 'bad-input');
    ui = await startUi({ size: { columns: 40, rows: 10 } });
    const checkpoint = ui.demo.checkpoints[0]!;
    await openTable(ui, checkpoint);
    const before = ui.demo.state.permissionsOf(checkpoint);
    const target = before.at(-1)!;
    await ui.press('d');
    expect(ui.lastFrame()).toContain('[y/N]');
    const mark = ui.demo.requests.length;

    for (const [columns, rows] of [
      [100, 30],
      [40, 10],
      [60, 15],
      [40, 10],
    ] as const) {
      const from = await ui.resize(columns, rows);
      const frame = await ui.waitForFrame((f) => f.includes('[y/N]') && f.split('\n').length <= rows - 1);
      expect(frame).toContain(`Project     ${target.project_id.slice(0, 10)}`);
      // Every frame from the app's first one at the new size fits it.
      expect(oversizedFrames(ui.frames.slice(from), columns, rows)).toEqual([]);
      expect(ui.store.getState().dialog?.kind).toBe('revoke');
    }

    // Too small to show the dialog: it says so, a y pressed meanwhile answers nothing, and the dialog comes back.
    await ui.resize(39, 9);
    await ui.waitForText('Terminal too small: 39×9');
    await ui.press('y');
    await ui.resize(40, 10);
    await ui.waitForText('[y/N]');
    expect(deletes(ui.demo, mark)).toEqual([]);
    expect(ui.demo.state.permissionsOf(checkpoint)).toEqual(before);
    expect(oversizedFrames(ui.frames, 100, 30)).toEqual([]);

    // Still answerable: y revokes exactly that one permission, with one request.
    await ui.press('y');
    await waitFor(() => deletes(ui!.demo, mark).length === 1 && !ui!.store.getState().busy, 'the revoke');
    await ui.waitForText('Revoked');
    expect(deletes(ui.demo, mark).map((r) => r.path)).toEqual([`/v1/fine_tuning/checkpoints/${checkpoint}/permissions/${target.id}`]);
    expect(ui.demo.state.permissionsOf(checkpoint)).toEqual(before.slice(0, -1));
  });

  test('the built binary in a 40×10 pty: resized under the dialog, n still cancels, y still revokes', async (ctx) => {
    countAs(ctx, 'bad-input');
    demo = await startDemoServer();
    const checkpoint = demo.checkpoints[0]!;
    const before = demo.state.permissionsOf(checkpoint);
    const term = spawnTerminal({ args: [checkpoint, '--base-url', demo.baseUrl, '--admin-api-key', demo.adminKey], cols: 40, rows: 10 });
    // The rows, not just the page line: a d pressed before they arrive has nothing to revoke.
    await term.waitFor(/^› (cp|proj)_/m);
    await term.press('d');
    await term.waitFor('[y/N]');
    const mark = demo.requests.length;
    for (const [cols, rows] of [
      [80, 24],
      [40, 10],
      [52, 12],
    ] as const) {
      await term.resize(cols, rows);
      // The app's answer to the new size: its frame is rows − 1 lines, the dialog's keys on the last of them (Ink's own
      // redraw of the old frame at the new width comes first).
      const screen = await term.waitFor(function redrawnForTheSize(screen) {
        return screen.includes('[y/N]') && screen.split('\n')[rows - 2]!.startsWith('y revoke');
      });
      const used = screen.split('\n').reduce((last, line, i) => (line.trim() === '' ? last : i), -1);
      expect(used, `${cols}x${rows}: the frame leaves the last row free\n${term.describe()}`).toBeLessThan(rows - 1);
      expect(screen.split('\n')[0]).toContain('ckpt-perms');
    }
    await term.press('n');
    await term.waitFor((screen) => !screen.includes('[y/N]'));
    expect(deletes(demo, mark)).toEqual([]);
    expect(demo.state.permissionsOf(checkpoint)).toEqual(before);

    await term.press('d');
    await term.waitFor('[y/N]');
    await term.press('y');
    await term.waitFor(/^Revoked /m);
    expect(deletes(demo, mark)).toHaveLength(1);
    expect(demo.state.permissionsOf(checkpoint)).toHaveLength(before.length - 1);
  });
});

describe('the admin key prompt', () => {
  /** The built binary with no key: it asks for one, and checks it against the demo API. */
  async function prompt() {
    demo = await startDemoServer();
    const term = spawnTerminal({ args: ['--base-url', demo.baseUrl], cols: 100, rows: 24 });
    await term.waitFor('Admin key:');
    await term.waitForRawMode();
    return { server: demo, term };
  }

  test('a pasted key with spaces around it and a line break after it is taken, trimmed', async (ctx) => {
    countAs(ctx, 'bad-input');
    const { server, term } = await prompt();
    // One write is one paste: the spaces and the line break a copy brings with it.
    await term.press(`  \t${server.adminKey}  \r\n`);
    await term.waitFor(maskedField(server.adminKey.length));
    await term.press(KEYS.enter);
    const screen = await term.waitFor('Pick a checkpoint');
    // The one check went out with exactly the key (the demo knows it as the admin key only if it arrived trimmed).
    expect(server.requests.map((r) => [r.path, r.auth])).toContainEqual(['/v1/organization/projects', 'admin']);
    expect(server.requests.every((r) => r.auth === 'admin')).toBe(true);
    expect(screen).toContain(`key sk-admin-…${server.adminKey.slice(-4)}`);
    expect(term.raw()).not.toContain(server.adminKey);
  });

  test('a key with a space inside is refused with a clear message, nothing is sent, and the prompt takes a good one after', async (ctx) => {
    countAs(ctx, 'bad-input');
    const { server, term } = await prompt();
    const broken = `${server.adminKey.slice(0, 20)} ${server.adminKey.slice(20)}`;
    await term.press(broken);
    await term.waitFor(maskedField(broken.length));
    await term.press(KEYS.enter);
    const screen = await term.waitFor('The key has a space inside it');
    expect(screen).toContain('The key has a space inside it: paste it again (nothing was sent)');
    expect(screen).toMatch(/^Admin key: *$/m);
    expect(server.requests).toEqual([]);

    await term.press(server.adminKey);
    await term.waitFor(maskedField(server.adminKey.length));
    await term.press(KEYS.enter);
    await term.waitFor('Pick a checkpoint');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.auth === 'admin')).toBe(true);
  });
});

describe('ids pasted into the share field', () => {
  test('duplicates count once, malformed and unknown ids are listed as skipped with the reason, control characters never show', async (ctx) => {
    countAs(ctx, 'bad-input');
    // Wide enough for the whole paste on the field's line.
    ui = await startUi({ size: { columns: 240, rows: 30 } });
    const checkpoint = ui.demo.emptyCheckpoint;
    await openTable(ui, checkpoint);
    await ui.press('a');
    await waitFor(
      () => ui!.store.getState().directory.status === 'ready' && ui!.store.getState().access.status === 'ready',
      'the projects',
    );
    const [a, b] = ui.demo.state.projects().filter((p) => p.status === 'active');
    const archived = ui.demo.state.projects().find((p) => p.status === 'archived')!;
    const mark = ui.demo.requests.length;

    // Enter with nothing picked and nothing matching asks for projects instead of sending anything.
    await ui.type('zzzz-no-such-project');
    await ui.waitForText('No active project matches');
    await ui.press(KEYS.enter);
    expect(ui.store.getState().dialog).toBeNull();
    await ui.waitForText('Pick projects with Tab, or type project ids');
    await ui.press(KEYS.ctrlU);
    await ui.waitForFrame((frame) => !frame.includes('No active project matches'));

    // One paste: separators doubled, an id twice, an escape sequence (Ink splits the paste there), a malformed id, an
    // unknown one carrying a BEL and a C1 control, an archived one.
    await ui.press(`${a!.id}, ${a!.id},, \u001b[2J ${b!.id} proj_bad$id proj_nope\u0007\u0085nope ${archived.id} `);
    const field = ui
      .lastFrame()
      .split('\n')
      .find((line) => line.startsWith('Projects: '))!;
    // Nothing of the paste is lost (the field once kept only what followed the escape sequence).
    expect(field).toContain(`Projects: ${a!.id}, ${a!.id},, `);
    expect(field).toContain(`${b!.id} proj_bad$id proj_nopenope`);
    await ui.press(KEYS.enter);
    const dialog = ui.store.getState().dialog;
    expect(dialog).toMatchObject({ kind: 'share-confirm', projectIds: [a!.id, b!.id] });
    expect(dialog?.kind === 'share-confirm' && dialog.skipped.map((s) => [s.projectId, s.reason])).toEqual([
      ['proj_bad$id', '"proj_bad$id" is not a project id (project ids look like proj_abc123…)'],
      ['proj_nopenope', 'not a project of this organization'],
      [archived.id, 'archived projects cannot be given access'],
    ]);
    const frame = ui.lastFrame();
    expect(frame).toContain('Share with 2 projects? [y/N]');
    expect(frame).toContain('× proj_bad$id: "proj_bad$id" is not a project id');
    expect(ui.demo.requests.slice(mark)).toEqual([]);

    await ui.press('y');
    await waitFor(() => ui!.store.getState().dialog?.kind === 'outcomes', 'the outcomes');
    // One create call (the table then reads its page again).
    expect(
      ui.demo.requests
        .slice(mark)
        .filter((r) => r.method !== 'GET')
        .map((r) => [r.method, r.status]),
    ).toEqual([['POST', 200]]);
    expect(ui.demo.state.permissionsOf(checkpoint).map((p) => p.project_id)).toEqual([a!.id, b!.id]);
    expect(ui.frames.flatMap((f, i) => terminalActive(withoutStyles(f)).map((what) => `frame ${i}: ${what}`))).toEqual([]);
  });
});

describe('a key pasted into the checkpoint field', () => {
  test('is refused with a message that does not repeat it, and never sent in a request path', async (ctx) => {
    countAs(ctx, 'bad-input');
    ui = await startUi();
    await waitFor(() => ui!.store.getState().screen === 'picker' && ui!.frames.length > 0, 'the picker');
    const pasted = 'sk-admin-PastedIntoTheWrongField0123456789';
    const mark = ui.demo.requests.length;
    await ui.press(pasted);
    await ui.press(KEYS.enter);
    const frame = await ui.waitForText('looks like an API key');
    expect(frame).toContain('the checkpoint id looks like an API key: a key goes in OPENAI_ADMIN_KEY');
    expect(ui.store.getState().screen).toBe('picker');
    expect(ui.store.getState().flash?.text).not.toContain(pasted.slice(9));
    expect(ui.demo.requests.slice(mark).filter((r) => r.path.includes('sk-admin'))).toEqual([]);
  });

  test('pasted into the filter prompt, the outcome line does not repeat it, and nothing is asked with it', async (ctx) => {
    countAs(ctx, 'bad-input');
    ui = await startUi();
    await openTable(ui, ui.demo.checkpoints[0]!);
    const pasted = 'sk-admin-PastedIntoTheFilter0123456789wxyz';
    const mark = ui.demo.requests.length;
    await ui.press('/');
    await ui.press(pasted);
    await ui.press(KEYS.enter);
    const frame = await ui.waitForText('nor has it in its name');
    // The field above still shows what was pasted (it is the user's own typing); the outcome line masks it.
    const outcome = frame.split('\n').find((line) => line.includes('no project is named'))!;
    expect(outcome).toMatch(/^no project is named "sk-admin-…wxyz", nor has it in its name: type a part of its name or its proj_…/);
    expect(ui.demo.requests.slice(mark).filter((r) => JSON.stringify(r).includes('Pasted'))).toEqual([]);
  });
});

describe('typing ahead', () => {
  test('keys sent faster than the screen redraws all land in the field, and Enter then opens what was typed', async (ctx) => {
    countAs(ctx, 'bad-input');
    demo = await startDemoServer();
    const checkpoint = demo.checkpoints[0]!;
    const term = spawnTerminal({ args: ['--base-url', demo.baseUrl, '--admin-api-key', demo.adminKey], cols: 120, rows: 24 });
    await term.waitFor('Checkpoint id:');
    await term.waitForRawMode();
    // One key per write, no waiting between them: each used to overwrite the one before.
    await term.type(checkpoint);
    await term.waitFor(`Checkpoint id: ${checkpoint}`);
    await term.press(KEYS.enter);
    await term.waitFor(/^Page 1 · 1–/m);
    // One checkpoint opened, the one typed: its first page (the next page, read ahead, has an `after`).
    const firstPages = demo.requests.filter(
      (r) => r.method === 'GET' && r.path.includes('/fine_tuning/checkpoints/') && r.query.after === undefined,
    );
    expect(firstPages.map((r) => r.path)).toEqual([`/v1/fine_tuning/checkpoints/${checkpoint}/permissions`]);
  });
});

describe('no terminal', () => {
  /** The built binary with one of its standard streams a pipe, the others this pty. */
  function withPipe(stream: 'stdin' | 'stdout', args: string[]) {
    const stdio = stream === 'stdin' ? "['pipe', 'inherit', 'inherit']" : "['inherit', 'pipe', 'inherit']";
    const script = `
      const child = require('node:child_process').spawn(process.execPath, ${JSON.stringify([CLI, ...args])}, { stdio: ${stdio} });
      if (child.stdin) child.stdin.end('q\\n');
      if (child.stdout) child.stdout.on('data', (d) => process.stderr.write('[piped stdout] ' + d));
      child.on('exit', (code) => process.exit(code ?? 99));`;
    return spawnTerminal({ command: ['-e', script], cols: 200, rows: 10 });
  }

  test.for(['stdin', 'stdout'] as const)('a piped %s: exit 2, one clear line, no alternate screen, nothing sent', async (stream, ctx) => {
    countAs(ctx, 'bad-input');
    demo = await startDemoServer();
    const term = withPipe(stream, [demo.checkpoints[0]!, '--base-url', demo.baseUrl, '--admin-api-key', demo.adminKey]);
    const exit = await term.waitForExit();
    expect(exit.exitCode).toBe(2);
    const lines = term.lines().filter((line) => line !== '');
    expect(lines).toEqual([
      'ckpt-perms: the interactive UI needs a terminal (stdin and stdout must be a TTY); in scripts use ckpt-perms list, retrieve, create or delete (see ckpt-perms --help)',
    ]);
    expect(term.raw()).not.toContain('\u001b[?1049h');
    expect(demo.requests).toEqual([]);
  });
});
