// --format table asks for the form for people anywhere, piped too: list's table, history's text, sync's plan.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { useDemoCli } from '../helpers/demo-cli';

const demo = useDemoCli();

describe('--format table when piped', () => {
  it("prints list's table with names instead of the JSON", async () => {
    const checkpoint = demo.server.checkpoints[0]!;
    const result = await runCli(['list', checkpoint, '--format', 'table', '--limit', '3'], { ...demo.env, TZ: 'UTC' });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PERMISSION +PROJECT ID +PROJECT NAME +CREATED$/);
    expect(
      lines
        .slice(1, 4)
        .every((line) => /^cp_\w+ +proj_\w+ +\S.* \d{4}-\d{2}-\d{2} \d{2}:\d{2} +(just now|\d+(m|h|d|mo|y) ago)$/.test(line)),
    ).toBe(true);
    expect(lines[4]).toMatch(new RegExp(`^more: ckpt-perms list ${checkpoint} --after cp_\\w+`));
    // Piped: no colour, whatever was asked.
    expect(result.stdout).not.toContain('\u001b[');
  });

  it("prints history's text", async () => {
    const result = await runCli(['history', demo.server.checkpoints[0]!, '--format', 'table'], { ...demo.env, TZ: 'UTC' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^History of ft:\S+ \(oldest first, local time\)\n/);
  });

  it('is refused, as before, by a command without a table', async () => {
    const result = await runCli(['retrieve', demo.server.checkpoints[0]!, '--format', 'table'], demo.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format must be json or jsonl (got "table")');
  });
});
