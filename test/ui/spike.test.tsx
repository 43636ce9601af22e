import { afterEach, it } from 'vitest';
import { KEYS, startUi, type Harness, tick } from './render';
let ui: Harness | undefined;
afterEach(async () => { await ui?.close(); });
for (const n of [2, 3, 4, 5, 6, 8]) it('spike ' + n, async () => {
  ui = await startUi();
  await ui.waitForText('from fine-tuning jobs');
  let errors = 0;
  console.error = () => { errors++; };
  const p = async (k: string) => { ui!.stdin.write(k); for (let i = 0; i < n; i++) await tick(); };
  for (const ch of 'xyz') await p(ch);
  await p(KEYS.esc);
  for (const ch of 'ab') await p(ch);
  const id = ui.demo.checkpoints[0]!;
  await p(KEYS.esc);
  for (const ch of id) await p(ch);
  console.log(n, 'errors', errors, ui.lastFrame().split('\n')[1]);
  await ui.close();
});
