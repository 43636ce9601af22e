// Hostile data from the API reaches the screen inert: no escape sequence, control character or bidi override of its own.
import { afterEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/api/types';
import { KEYS } from '../helpers/keys';
import { waitFor } from '../helpers/wait';
import { openTable, rowLines, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

// A window-title OSC ended by BEL, a clear-screen CSI, and a right-to-left override.
const HOSTILE_NAME = 'Evil\u001b]0;pwned\u0007Name\u001b[2J\u202Eylno';
const SHOWN_NAME = 'EvilNameylno';

/**
 * The demo API has no route that creates or renames a project (its seven operations are the
 * permission list/create/delete, the projects list/retrieve and the jobs), so the hostile name is
 * put straight into the demo's state; from there it travels like any project: over HTTP, through
 * the client and the store, onto the screen.
 */
function renameProject(ui: UiHarness, projectId: string, name: string): void {
  const projects = ui.demo.state['projectList'] as Project[];
  const project = projects.find((p) => p.id === projectId);
  if (!project) throw new Error(`no project ${projectId}`);
  project.name = name;
}

/** What a frame may not hold once Ink's own SGR styling is taken out. */
function dangerous(frames: string[]): string[] {
  const found: string[] = [];
  frames.forEach((frame, i) => {
    const rest = frame.replace(/\u001b\[[0-9;]*m/g, '');
    for (const [what, pattern] of [
      ['ESC', /\u001b/],
      ['BEL', /\u0007/],
      ['other C0/C1 control', /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/],
      ['bidi control', /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/],
      ['the OSC text', /pwned/],
    ] as const) {
      if (pattern.test(rest)) found.push(`frame ${i}: ${what}`);
    }
  });
  return found;
}

describe('hostile data', () => {
  it('shows a project name with OSC, CSI and U+202E inert on the table, the revoke dialog, the flash and the share screen', async () => {
    ui = await startUi();
    const checkpoint = ui.demo.checkpoints[0]!;
    const newest = ui.demo.state.permissionsOf(checkpoint).reverse();
    const target = newest[0]!;
    renameProject(ui, target.project_id, HOSTILE_NAME);
    // The API now serves it.
    expect(ui.demo.state.projects().find((p) => p.id === target.project_id)?.name).toBe(HOSTILE_NAME);

    let frame = await openTable(ui, checkpoint);
    expect(ui.store.getState().directory.byId[target.project_id]?.name).toBe(HOSTILE_NAME);
    expect(rowLines(frame)[0]).toContain(SHOWN_NAME);

    // The share screen lists it (filtered by its name).
    await ui.press('a');
    await waitFor(() => ui!.store.getState().access.status === 'ready', 'the access list');
    await ui.type('evilname');
    frame = ui.lastFrame();
    expect(frame).toContain(SHOWN_NAME);
    expect(frame).toContain('has access');
    await ui.press(KEYS.esc);
    await ui.press(KEYS.esc);

    // The revoke dialog, then the flash and the outcome.
    await ui.press('d');
    frame = ui.lastFrame();
    expect(frame).toContain(`${target.project_id} (${SHOWN_NAME})`);
    await ui.press('y');
    frame = await ui.waitForFrame((f) => f.includes('Revoked') && !f.includes('loading'));
    expect(frame).toContain(`Revoked ${target.project_id} (${SHOWN_NAME})`);
    expect(ui.demo.state.permissionsOf(checkpoint).some((p) => p.id === target.id)).toBe(false);

    expect(ui.frames.length).toBeGreaterThan(10);
    expect(dangerous(ui.frames)).toEqual([]);
  });

  it('shows a project id with OSC, CSI and U+202E inert on the share screen', async () => {
    ui = await startUi();
    await openTable(ui, ui.demo.checkpoints[0]!);
    await ui.press('a');
    await waitFor(() => ui!.store.getState().directory.status === 'ready', 'the directory');
    // The demo API only serves well-formed ids, so this one is put straight into the directory the screen lists.
    // Named to come first in the list, which is sorted by name.
    const hostile = { id: `proj_${HOSTILE_NAME}`, name: 'A Hostile Id', archived: false };
    const { directory } = ui.store.getState();
    ui.store.setState({
      directory: { ...directory, byId: { ...directory.byId, [hostile.id]: hostile }, active: [hostile, ...directory.active] },
    });
    const frame = await ui.waitForFrame((f) => f.includes('A Hostile Id'));
    expect(frame).toContain('proj_EvilNameylno');
    expect(dangerous(ui.frames)).toEqual([]);
  });

  it('the check finds what an unsanitised name would draw (so it can fail)', () => {
    expect(dangerous([`ok \u001b[1mbold\u001b[22m`])).toEqual([]);
    expect(dangerous([`x ${HOSTILE_NAME}`])).toEqual([
      'frame 0: ESC',
      'frame 0: BEL',
      'frame 0: other C0/C1 control',
      'frame 0: bidi control',
      'frame 0: the OSC text',
    ]);
  });
});
