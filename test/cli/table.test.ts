// The command table (#30 item 7): a flag a command takes is in its help, and its help is made of the table's lines.
import { describe, expect, it } from 'vitest';
import { helpText } from '../../src/cli/help';
import { GLOBAL } from '../../src/cli/table/flags';
import { ALLOWED, COMMANDS, TABLE } from '../../src/cli/table/index';

describe('the command table', () => {
  it.each(COMMANDS)('%s: every flag of its own is in its help, and its help documents no flag it refuses', (command) => {
    const help = helpText(command);
    const own = ALLOWED[command].filter((flag) => !GLOBAL.includes(flag) && flag !== 'max-pages');
    expect(own.length).toBeGreaterThan(0);
    for (const flag of own) expect(help).toContain(`--${flag}`);
    for (const [flag, line] of Object.entries(TABLE[command].flags)) {
      expect(ALLOWED[command]).toContain(flag);
      if (line) expect(help).toContain(`  ${line.label}`);
    }
  });

  it('lists every command in the overview, each in its own usage line', () => {
    const overview = helpText();
    for (const command of COMMANDS) expect(overview).toMatch(new RegExp(`^  ckpt-perms ${command} +\\S`, 'm'));
  });
});
