// The footer offers only the keys that apply (issue #28 item 8): the built binary in a pseudo-terminal against a
// demo-server 300 ms away. Nothing to page, mark or revoke on an empty checkpoint, an error, or while the first page loads.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, spawnTerminal, startDemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

const INAPPLICABLE = ['→ next', '← prev', 'space mark', 'd revoke'];

/** The key line: the frame's last, which always ends with the way out. */
const footer = (screen: string) => screen.split('\n').findLast((line) => line.endsWith('q quit'))!;

async function open(checkpoint: string, wanted: string): Promise<{ term: Terminal; screen: string }> {
  const server = await startDemoServerProcess(['--latency', '300']);
  const term = spawnTerminal({
    args: [checkpoint === '' ? server.checkpoints.at(-1)! : checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
    cols: 100,
    rows: 24,
  });
  return { term, screen: await term.waitFor(wanted, { timeoutMs: 15_000 }) };
}

describe('hints that apply', () => {
  it('an empty checkpoint: no paging, marking or revoking offered; sharing is', async () => {
    const { screen } = await open('', 'No project has access to this checkpoint yet.');
    for (const hint of INAPPLICABLE) expect(footer(screen)).not.toContain(hint);
    expect(footer(screen)).toContain('a share');
  });

  it('a checkpoint that cannot be read: only what helps (the error says r tries again)', async () => {
    const { screen } = await open('ft:gpt-4o-mini-2024-07-18:acme::NoSuch42', 'Could not load the permissions');
    for (const hint of INAPPLICABLE) expect(footer(screen)).not.toContain(hint);
    expect(footer(screen)).toContain('? help');
  });

  it('the first page of a full checkpoint: → offered, ← not; while it loads neither, nor mark or revoke', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({
      args: [server.checkpoints[0]!, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
      cols: 100,
      rows: 24,
    });
    const loading = await term.waitFor('Loading permissions…', { timeoutMs: 15_000 });
    for (const hint of INAPPLICABLE) expect(footer(loading)).not.toContain(hint);
    const first = await term.waitFor(/^Page 1 · 1–/m, { timeoutMs: 15_000 });
    expect(footer(first)).toMatch(/^→ next · space mark · d revoke · /);
  });
});
