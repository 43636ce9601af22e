// y and Y copy the highlighted row's permission id and project id through OSC 52 (issue #28 item 3): the built binary in
// a pseudo-terminal against a demo-server 300 ms away; the sequence is read from what the program wrote.
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess, type DemoServerProcess } from '../helpers/pty';

afterEach(closeAll);

async function newestFirst(server: DemoServerProcess, checkpoint: string): Promise<Permission[]> {
  const url = new URL(`${server.baseUrl}/fine_tuning/checkpoints/${checkpoint}/permissions`);
  url.searchParams.set('limit', '5');
  url.searchParams.set('order', 'descending');
  const response = await fetch(url, { headers: { Authorization: `Bearer ${server.adminKey}` } });
  return ((await response.json()) as { data: Permission[] }).data;
}

/** Every text the program put on the clipboard, in order. */
const copied = (raw: string) =>
  [...raw.matchAll(/\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));

describe('copy', () => {
  it('y copies the highlighted permission id and Y its project id, each with a flash saying what was copied', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const checkpoint = server.checkpoints[0]!;
    const rows = await newestFirst(server, checkpoint);
    const term = spawnTerminal({
      args: [checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
      cols: 120,
      rows: 30,
    });
    await term.waitFor(/^Page 1 · 1–/m, { timeoutMs: 15_000 });
    // Down a row and copy, in one write: y copies the row j moved to.
    await term.press(`${KEYS.down}y`);
    await term.waitFor(`Copied the permission id ${rows[1]!.id}`);
    expect(copied(term.raw())).toEqual([rows[1]!.id]);
    await term.press('Y');
    await term.waitFor(`Copied the project id ${rows[1]!.project_id}`);
    expect(copied(term.raw())).toEqual([rows[1]!.id, rows[1]!.project_id]);
  });
});
