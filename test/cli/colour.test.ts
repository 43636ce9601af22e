// The command line's colours: one decision (a terminal, FORCE_COLOR, NO_COLOR) and the lines it paints.
import { describe, expect, it } from 'vitest';
import { painter, useColour } from '../../src/cli/colour';
import { historyText } from '../../src/cli/history-command';
import { planText } from '../../src/cli/access-commands';
import { outcomeLine } from '../../src/cli/ops-io';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;
const GREEN = '\u001b[32m';
const RED = '\u001b[31m';

describe('the colour decision', () => {
  it('colours a terminal, not a pipe; NO_COLOR turns it off, FORCE_COLOR 1 and 0 win', () => {
    expect(useColour(tty, {})).toBe(true);
    expect(useColour(pipe, {})).toBe(false);
    expect(useColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColour(tty, { NO_COLOR: '' })).toBe(true);
    expect(useColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColour(tty, { FORCE_COLOR: '0' })).toBe(false);
  });
});

describe('painted lines', () => {
  const paint = painter(true);

  it("plan's + lines are green and - lines red; without colour the text is as before", () => {
    const plans = [
      {
        checkpoint: 'ft:gpt-4o-mini-2024-07-18:acme:x:abc12345',
        exclusive: true,
        add: ['proj_a'],
        remove: [{ object: 'checkpoint.permission' as const, id: 'cp_b', project_id: 'proj_b', created_at: 1 }],
        unchanged: [],
        kept: [],
      },
    ];
    const directory = new Map();
    const coloured = planText(plans as never, directory, paint);
    expect(coloured).toContain(`${GREEN}  + proj_a`);
    expect(coloured).toContain(`${RED}  - proj_b`);
    expect(planText(plans as never, directory)).toBe(coloured.replace(/\u001b\[\d+m/g, ''));
  });

  it("history's granted is green and revoked red", () => {
    const entry = { at: 1_700_000_000, permission_id: 'cp_a', project_id: 'proj_a', project_name: 'A', actor: null, event_id: null };
    const text = historyText(
      'ft:x',
      [
        { ...entry, action: 'granted', before_log: true },
        { ...entry, action: 'revoked', before_log: false },
      ],
      paint,
    );
    expect(text).toContain(`${GREEN}granted`);
    expect(text).toContain(`${RED}revoked`);
  });

  it('an outcome is green when done and red when failed', () => {
    expect(outcomeLine({ action: 'add', status: 'done' }, 'proj_a', paint)).toBe(`${GREEN}✓ added proj_a\u001b[39m`);
    expect(outcomeLine({ action: 'remove', status: 'failed', reason: 'boom' }, 'proj_a', paint)).toMatch(/^\u001b\[31m✗ not removed/);
  });
});
