import { afterEach, it } from 'vitest';
import { KEYS, startUi, type Harness } from './render';
let ui: Harness | undefined;
afterEach(async () => { await ui?.close(); });
it('spike', async () => {
  ui = await startUi();
  await ui.waitForText('from fine-tuning jobs');
  const orig = console.error;
  let errors = 0;
  console.error = (...a: unknown[]) => { errors++; };
  for (const ch of 'xyz') {
    const n = ui.frames.length;
    await ui.press(ch);
    console.log(JSON.stringify(ch), 'errors', errors, 'frames', ui.frames.length - n, ui.lastFrame().split('\n')[1]);
  }
  await ui.press(KEYS.esc);
  console.log('esc errors', errors, ui.lastFrame().split('\n')[1]);
  for (const ch of 'ab') {
    await ui.press(ch);
    console.log(JSON.stringify(ch), 'errors', errors, ui.lastFrame().split('\n')[1]);
  }
});
