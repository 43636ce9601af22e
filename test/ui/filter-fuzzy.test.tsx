// The / filter matches as fzf does (issue 28 item 1): letters in order, every term, the best first, matched letters drawn.
import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait';
import { linesOf, openTable, startUi, type UiHarness } from './render';
import { coloursAsInATerminal } from './colours';

let ui: UiHarness | undefined;
coloursAsInATerminal();
afterEach(async () => {
  await ui?.close();
  ui = undefined;
});

const plain = (frame: string) => frame.replace(/\u001b\[[0-9;]*m/g, '');
const choices = (frame: string) => linesOf(plain(frame)).filter((line) => /^[› ] proj_\w+( \(.+\))?$/.test(line));

it('"sup tri" lists Support Triage first, its Sup and Tri underlined', async () => {
  ui = await startUi({ size: { columns: 120, rows: 30 }, pageSize: 10 });
  const h = ui;
  await openTable(h, h.demo.checkpoints[0]!);
  await waitFor(() => h.store.getState().directory.status === 'ready', 'the projects');
  await h.press('/');
  await h.waitForText('Filter by project name or id:');
  await h.type('sup tri');
  const frame = await h.waitForFrame((f) => choices(f).length > 0 && plain(f).includes('Filter by project name or id: sup tri'));
  expect(choices(frame)[0]).toMatch(/^› proj_\w+ \(Support Triage\)$/);
  const raw = frame.split('\n').find((line) => plain(line).includes('(Support Triage)'))!;
  expect(raw).toMatch(/\u001b\[4m(\u001b\[1m)?Sup\u001b/);
  expect(raw).toMatch(/\u001b\[4m(\u001b\[1m)?Tri\u001b/);
});
