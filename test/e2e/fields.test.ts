// Text fields in a real terminal (issue #16, items 2 and 3): the built binary in a pseudo-terminal, keys as a terminal
// sends them. Readline's editing keys edit, any other control key is never typed, and every key of a chunk counts.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess, type Terminal } from '../helpers/pty';

afterEach(closeAll);

/** The field's line, trimmed (the cursor is an inverse cell, a space after the text). */
function fieldLine(term: Terminal, label: string): string {
  const line = term.lines().find((each) => each.startsWith(label.trimEnd()));
  if (line === undefined) throw new Error(`no field "${label}" on screen\n${term.describe()}`);
  return line;
}

/** What the field holds: the text after the label (an empty field shows its placeholder, `ft:… (type to filter…)`). */
function fieldText(term: Terminal, label: string): string {
  const text = fieldLine(term, label).slice(label.length);
  return text.includes('(type to filter') ? '' : text;
}

/** Presses a key and waits until the field shows `expected` (masked: as many •). */
async function pressThenSee(term: Terminal, key: string, label: string, expected: string, masked = false): Promise<void> {
  await term.press(key);
  const shown = masked ? '•'.repeat(expected.length) : expected;
  await term.waitFor(function fieldShows() {
    return fieldText(term, label) === shown.trimEnd();
  });
}

async function typeInto(term: Terminal, label: string, text: string, before = '', masked = false): Promise<void> {
  for (let i = 1; i <= text.length; i++) await pressThenSee(term, text[i - 1]!, label, before + text.slice(0, i), masked);
}

/** The picker's field on the demo, typed into. */
async function picker(): Promise<Terminal> {
  const term = spawnTerminal({ args: ['--demo'], cols: 100, rows: 24 });
  await term.waitFor('Checkpoint id:');
  await term.waitForRawMode();
  return term;
}

const LABEL = 'Checkpoint id: ';

describe('a text field in a real terminal', () => {
  it('Ctrl+U clears the field and Ctrl+W deletes a word: neither types a letter', async () => {
    const term = await picker();
    await typeInto(term, LABEL, 'triage');
    await pressThenSee(term, KEYS.ctrlU, LABEL, '');
    // The placeholder is back: the field is empty, not `triageu`.
    expect(fieldLine(term, LABEL)).toMatch(/^Checkpoint id: ft:…/);
    await typeInto(term, LABEL, 'acme triage');
    await pressThenSee(term, KEYS.ctrlW, LABEL, 'acme ');
    await pressThenSee(term, KEYS.ctrlW, LABEL, '');
    expect(term.screen()).not.toMatch(/triageu|acme w|uw/);
  });

  it('three Backspaces in one write delete three characters', async () => {
    const term = await picker();
    await typeInto(term, LABEL, 'triage');
    await pressThenSee(term, '\x7f\x7f\x7f', LABEL, 'tri');
    // And typed ahead: text and Backspaces in one chunk, each key in order.
    await pressThenSee(term, 'mmed\x7f\x7f', LABEL, 'trimm');
  });

  it('moves with Ctrl+A / Ctrl+E / End / ← and types where the cursor is; Ctrl+K and Alt+Backspace cut', async () => {
    const term = await picker();
    await typeInto(term, LABEL, 'acme:triage');
    await pressThenSee(term, KEYS.ctrlA, LABEL, 'acme:triage');
    await pressThenSee(term, 'x', LABEL, 'xacme:triage');
    await pressThenSee(term, KEYS.ctrlE, LABEL, 'xacme:triage');
    await pressThenSee(term, '!', LABEL, 'xacme:triage!');
    await pressThenSee(term, KEYS.altBackspace, LABEL, 'xacme:');
    await typeInto(term, LABEL, 'support', 'xacme:');
    for (let i = 0; i < 7; i++) await term.press(KEYS.left);
    await pressThenSee(term, KEYS.ctrlK, LABEL, 'xacme:');
    await pressThenSee(term, KEYS.home, LABEL, 'xacme:');
    await pressThenSee(term, KEYS.delete, LABEL, 'acme:');
    await pressThenSee(term, KEYS.end, LABEL, 'acme:');
    await pressThenSee(term, 'z', LABEL, 'acme:z');
  });

  it('ignores every other control key: nothing is typed', async () => {
    const term = await picker();
    await typeInto(term, LABEL, 'ab');
    // Ctrl+G, Ctrl+N, Ctrl+P, Ctrl+R, Ctrl+T, Ctrl+Y, Ctrl+Z (raw mode: a byte, not a signal), F1, Shift+Tab; each followed
    // by a letter, which shows only once the key before it has been read.
    let text = 'ab';
    for (const [i, key] of ['\x07', '\x0e', '\x10', '\x12', '\x14', '\x19', '\x1a', '\x1bOP', '\x1b[Z'].entries()) {
      await pressThenSee(term, key, LABEL, text);
      text += 'cdefghijk'[i];
      await pressThenSee(term, text.at(-1)!, LABEL, text);
    }
    expect(fieldText(term, LABEL)).toBe('abcdefghijk');
  });

  it('in the masked admin key prompt, Ctrl+U before a paste clears what was typed: the pasted key alone is sent', async () => {
    const server = await startDemoServerProcess();
    const term = spawnTerminal({ args: ['--base-url', server.baseUrl], cols: 100, rows: 24 });
    await term.waitFor('Admin key:');
    await term.waitForRawMode();
    await typeInto(term, 'Admin key: ', 'oops', '', true);
    expect(fieldLine(term, 'Admin key: ')).toBe('Admin key: ••••');
    await pressThenSee(term, KEYS.ctrlU, 'Admin key: ', '', true);
    expect(fieldLine(term, 'Admin key: ')).toBe('Admin key:');
    // One write is one paste.
    await term.press(server.adminKey);
    await term.waitFor('Admin key: ' + '•'.repeat(server.adminKey.length));
    await term.press(KEYS.enter);
    const screen = await term.waitFor('Pick a checkpoint');
    expect(screen).toContain(`key sk-admin-…${server.adminKey.slice(-4)}`);
  });
});
