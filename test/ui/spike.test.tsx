import { afterEach, it } from 'vitest';
import { KEYS, startUi, type Harness } from './render';
let ui: Harness | undefined;
afterEach(async () => { await ui?.close(); });
it('spike', async () => {
  ui = await startUi();
  await ui.waitForText('from fine-tuning jobs');
  const orig = console.error;
  console.error = (...a: unknown[]) => { orig(...a, new Error().stack); };
  await ui.type('ft:gpt');
  console.log('after type', ui.lastFrame());
  await ui.type(ui.demo.checkpoints[0]!.slice(6));
  console.log('after type2', ui.lastFrame());
  await ui.press(KEYS.enter);
  await new Promise((r) => setTimeout(r, 500));
  console.log(ui.lastFrame());
  console.log(JSON.stringify({ ...ui.store.getState(), directory: ui.store.getState().directory.status, jobs: undefined }).slice(0, 2000));
});
