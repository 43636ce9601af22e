// q and Ctrl+C while a bulk revoke runs (issue #16, item 1): the built binary in a pseudo-terminal against a demo API
// 300 ms away. The first q stops the revoke as Esc does and every outcome is shown; a second Ctrl+C ends the program
// anyway and prints what is known of each project on the shell's screen, once it is given back.
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess, type DemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

async function serverPermissionIds(server: DemoServerProcess, checkpoint: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const url = new URL(`${server.baseUrl}/fine_tuning/checkpoints/${checkpoint}/permissions`);
    url.searchParams.set('limit', '100');
    if (after) url.searchParams.set('after', after);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${server.adminKey}` } });
    const body = (await response.json()) as { data: Permission[]; has_more: boolean; last_id?: string };
    for (const permission of body.data) ids.add(permission.id);
    if (!body.has_more || !body.last_id) return ids;
    after = body.last_id;
  }
}

/** The table of the demo's largest checkpoint, 12 rows marked, the revoke dialog answered with y. */
async function revokingTwelve(): Promise<{ server: DemoServerProcess; term: Terminal; checkpoint: string; before: Set<string> }> {
  const server = await startDemoServerProcess(['--latency', '300']);
  const checkpoint = server.checkpoints[0]!;
  const before = await serverPermissionIds(server, checkpoint);
  const term = spawnTerminal({
    args: [checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey, '--page-size', '15'],
    cols: 120,
    rows: 30,
  });
  await term.waitFor(/^Page 1 · 1–15 /m);
  // Space marks the row and moves down.
  for (let i = 1; i <= 12; i++) {
    await term.press(KEYS.space);
    await term.waitFor(new RegExp(`· ${i} marked`));
  }
  await term.press('d');
  await term.waitFor('[y/N]');
  await term.press('y');
  // The revoke has begun before q or Ctrl+C comes: a y and a q read together are a burst, which no confirmation takes.
  await term.waitFor('Revoking 12 permissions');
  return { server, term, checkpoint, before };
}

describe('quitting while a bulk revoke runs', () => {
  it('q stops it as Esc does and shows every outcome, matching the server; then q quits', async () => {
    const { server, term, checkpoint, before } = await revokingTwelve();
    await term.press('q');
    const screen = await term.waitFor(/Revoke: \d+ of 12 revoked/, { timeoutMs: 20_000 });
    expect(term.exit, 'still running after the first q').toBeUndefined();
    const revoked = Number(/Revoke: (\d+) of 12 revoked/.exec(screen)![1]);
    expect(revoked).toBeLessThan(12);
    const after = await serverPermissionIds(server, checkpoint);
    expect(before.size - after.size).toBe(revoked);

    await term.press(KEYS.esc);
    const table = await term.waitFor((s) => !s.includes('of 12 revoked'));
    // Stopped, not failed: the line says so.
    expect(table).toContain(
      revoked === 0
        ? 'Cancelled: nothing was revoked'
        : `Revoked ${revoked} of 12; ${12 - revoked} stopped: they stay marked (d to retry) · u undoes`,
    );
    await term.press('q');
    expect((await term.waitForExit()).exitCode).toBe(0);
  });

  it('a second Ctrl+C quits at once, and each outcome is printed on the shell screen after', async () => {
    const { server, term, checkpoint, before } = await revokingTwelve();
    await term.press(KEYS.ctrlC);
    await term.waitFor('Ctrl+C quits now');
    expect(term.exit).toBeUndefined();
    await term.press(KEYS.ctrlC);
    const exit = await term.waitForExit();
    expect(exit.exitCode).toBe(1);
    expect(term.bufferType()).toBe('normal');
    const lines = term.lines().filter((line) => line !== '');
    const head = lines.findIndex((line) => line.startsWith('quit while revoking 12 projects on '));
    expect(head, term.describe()).toBeGreaterThanOrEqual(0);
    const items = lines.slice(head + 1, head + 13);
    expect(items).toHaveLength(12);
    expect(lines[head + 13]).toContain(`ckpt-perms list ${checkpoint}`);
    const after = await serverPermissionIds(server, checkpoint);
    for (const line of items) {
      const match = /^ {2}(revoked|failed|not known|not sent): (proj_\w+) \((cp_\w+)\)/.exec(line);
      expect(match, line).not.toBeNull();
      const [, what, , permissionId] = match!;
      expect(before.has(permissionId!)).toBe(true);
      // What it says was revoked is gone from the server; what failed is still there.
      if (what === 'revoked') expect(after.has(permissionId!), line).toBe(false);
      if (what === 'failed' || what === 'not sent') expect(after.has(permissionId!), line).toBe(true);
    }
  });
});
