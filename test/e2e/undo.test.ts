// The undo stack (issue 28, item 5): the built binary in a pseudo-terminal against a demo-server process. Two revokes
// (one of them bulk) and a share, then u three times: each is undone in turn, last first, and the server holds the
// projects it held before; a fourth u has nothing left.
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess, type DemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

/** Every item of a paged list of the demo API, read with the admin key. */
async function readAll<T>(server: DemoServerProcess, path: string): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (;;) {
    const url = new URL(`${server.baseUrl}${path}`);
    url.searchParams.set('limit', '100');
    if (after) url.searchParams.set('after', after);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${server.adminKey}` } });
    const body = (await response.json()) as { data: (T & { id: string })[]; has_more: boolean; last_id?: string };
    items.push(...body.data);
    if (!body.has_more || body.data.length === 0) return items;
    after = body.last_id ?? body.data.at(-1)!.id;
  }
}

const holders = async (server: DemoServerProcess, checkpoint: string) =>
  new Set((await readAll<Permission>(server, `/fine_tuning/checkpoints/${checkpoint}/permissions`)).map((p) => p.project_id));

/** Closes the outcomes box and waits for the table's key line. */
async function closeOutcomes(term: Terminal): Promise<void> {
  await term.waitFor('Enter/Esc close');
  await term.press(KEYS.enter);
  await term.waitFor((screen) => !screen.includes('Enter/Esc close') && screen.includes('q quit'));
}

describe('the undo stack', () => {
  it('a revoke, a bulk revoke of 3 and a share, then u three times: undone in turn, last first', async () => {
    const server = await startDemoServerProcess();
    const checkpoint = server.checkpoints[0]!;
    const before = await holders(server, checkpoint);
    const projects = await readAll<{ id: string; status: string }>(server, '/organization/projects');
    const free = projects.find((p) => p.status === 'active' && !before.has(p.id))!;
    const term = spawnTerminal({
      args: [checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey, '--api-key', server.apiKey, '--page-size', '15'],
      cols: 140,
      rows: 30,
    });
    await term.waitFor(/^Page 1 · 1–15 /m, { timeoutMs: 15_000 });

    // 1. The row under the cursor.
    await term.press('d');
    await term.waitFor('[y/N]');
    await term.press('y');
    await term.waitFor(/^Revoked proj_/m);
    const afterSingle = await holders(server, checkpoint);
    const single = [...before].filter((id) => !afterSingle.has(id));
    expect(single).toHaveLength(1);

    // 2. Three marked rows.
    await term.waitFor(/^Page 1 · 1–15 /m);
    for (let i = 1; i <= 3; i++) {
      await term.press(KEYS.space);
      await term.waitFor(new RegExp(`· ${i} marked`));
    }
    await term.press('d');
    await term.waitFor('[y/N]');
    await term.press('y');
    await term.waitFor('Revoke: 3 of 3 revoked');
    await closeOutcomes(term);
    const afterBulk = await holders(server, checkpoint);
    const bulk = [...afterSingle].filter((id) => !afterBulk.has(id));
    expect(bulk).toHaveLength(3);

    // 3. A share with a project that has no access, its id pasted (one write, bracketed: the UI has the mode on).
    await term.press('a');
    await term.waitFor(/\d+ picked · \d+ of \d+ active projects/);
    await term.press(`\u001b[200~${free.id}\u001b[201~`);
    await term.waitFor(/^1 picked/m);
    await term.press(KEYS.enter);
    await term.waitFor('Share with 1 project? [y/N]');
    await term.press('y');
    await term.waitFor(/^Shared with 1 project/m);
    await closeOutcomes(term);
    expect((await holders(server, checkpoint)).has(free.id)).toBe(true);

    // u: the share first, revoked.
    await term.press('u');
    let dialog = await term.waitFor('[y/N]');
    expect(dialog).toMatch(/Undo the share: revoke ft:.* from 1 project\? \[y\/N\]/);
    expect(dialog).toContain(`- ${free.id}`);
    await term.press('y');
    await term.waitFor('Undone: 1 project no longer has access');
    await closeOutcomes(term);
    expect(await holders(server, checkpoint)).toEqual(afterBulk);

    // u: the bulk revoke, as one step.
    await term.press('u');
    dialog = await term.waitFor('[y/N]');
    expect(dialog).toMatch(/Share ft:.* again with 3 projects\? \[y\/N\]/);
    for (const id of bulk) expect(dialog).toContain(`+ ${id}`);
    await term.press('y');
    await term.waitFor('Undone: 3 projects have access again');
    await closeOutcomes(term);
    expect(await holders(server, checkpoint)).toEqual(afterSingle);

    // u: the first revoke (which u alone could not reach before: it said "Nothing to undo").
    await term.press('u');
    dialog = await term.waitFor('[y/N]');
    expect(dialog).toMatch(/Share ft:.* again with 1 project\? \[y\/N\]/);
    expect(dialog).toContain(`+ ${single[0]}`);
    await term.press('y');
    await term.waitFor('Undone: 1 project has access again');
    await closeOutcomes(term);
    expect(await holders(server, checkpoint)).toEqual(before);

    await term.press('u');
    await term.waitFor('Nothing to undo');
    await term.press('q');
    expect((await term.waitForExit()).exitCode).toBe(0);
  });
});
