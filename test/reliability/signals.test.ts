// SIGTERM and SIGHUP in the UI end it as a forced Ctrl+C does (#23 item 7): the built binary in a pty against the demo
// 300 ms away (1.5 s once the revoke starts), a bulk revoke of 20 rows running. The shell's screen comes back, every
// outcome known is printed and agrees with the server, and the exit status says which signal it was.
import { afterEach, describe, expect, test, type TestContext } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { countAs } from './figures';

afterEach(closeAll);

const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h';

async function demo(ctx: TestContext): Promise<DemoServer> {
  const server = await startDemoServer({ latencyMs: 300 });
  ctx.onTestFinished(() => server.close());
  return server;
}

const permissionIds = (server: DemoServer, checkpoint: string) => new Set(server.state.permissionsOf(checkpoint).map((p) => p.id));

describe('a signal while a bulk revoke runs in the UI', () => {
  test.for([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: the alternate screen is left, each outcome known is printed as the server has it, exit %i',
    async ([signal, code], ctx) => {
      countAs(ctx, 'fault');
      const server = await demo(ctx);
      const checkpoint = server.checkpoints[0]!;
      const before = permissionIds(server, checkpoint);
      const term = spawnTerminal({
        args: [checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey, '--page-size', '25'],
        cols: 120,
        rows: 40,
      });
      await term.waitFor(/^Page 1 · 1–25 /m, { timeoutMs: 20_000 });
      // Space marks the row and moves down.
      for (let i = 1; i <= 20; i++) {
        await term.press(KEYS.space);
        await term.waitFor(new RegExp(`· ${i} marked`));
      }
      await term.press('d');
      await term.waitFor('[y/N]');
      // Slower answers from here, seconds apart: the signal lands mid-batch even on a busy machine.
      server.setLatency(1500);
      await term.press('y');
      // The first outcome is in: some revoked, the rest sent or waiting.
      await term.waitFor(/Revoking 20 permissions… [1-9]\d* of 20 done/, { timeoutMs: 20_000 });
      term.kill(signal);

      const exit = await term.waitForExit(20_000);
      expect(exit, term.describe()).toEqual({ exitCode: code, signal: 0 });
      const raw = term.raw();
      expect(raw.lastIndexOf(LEAVE_ALTERNATE_SCREEN)).toBeGreaterThan(raw.lastIndexOf(ENTER_ALTERNATE_SCREEN));
      expect(term.bufferType()).toBe('normal');

      const lines = term.lines().filter((line) => line !== '');
      const head = lines.findIndex((line) => line.startsWith(`ended by ${signal} while revoking 20 projects on `));
      expect(head, term.describe()).toBeGreaterThanOrEqual(0);
      const items = lines.slice(head + 1, head + 21);
      expect(items).toHaveLength(20);
      expect(lines[head + 21]).toContain(`ckpt-perms list ${checkpoint}`);
      const after = permissionIds(server, checkpoint);
      let revoked = 0;
      for (const line of items) {
        const match = /^ {2}(revoked|failed|not known|not sent): (proj_\w+) \((cp_\w+)\)/.exec(line);
        expect(match, line).not.toBeNull();
        const [, what, , permissionId] = match!;
        expect(before.has(permissionId!)).toBe(true);
        // What it says was revoked is gone from the server; what failed or was never sent is still there.
        if (what === 'revoked') {
          revoked++;
          expect(after.has(permissionId!), line).toBe(false);
        }
        if (what === 'failed' || what === 'not sent') expect(after.has(permissionId!), line).toBe(true);
      }
      expect(revoked).toBeGreaterThan(0);
    },
  );
});
