// The picker's jobs are shown at most every PUBLISH_MS while they load: a snapshot shown at once (its time come) while a
// timer for one is still pending, as a busy event loop makes happen, must not leave that timer to show "loading" again
// after the load has ended.
import { afterEach, expect, it } from 'vitest';
import { closeAll, harness } from '../helpers/harness';

afterEach(closeAll);

it('a pending timer never shows the jobs loading again after they are ready', async () => {
  // The program's clock, call by call: the first snapshot at 0; the next job 1 ms later (a timer for 199 ms); the one
  // after at 1,000 ms, shown at once, while that timer is still pending (on a busy machine its callback runs late).
  let calls = 0;
  const now = () => [0, 0, 1, 1_000][calls++] ?? 1_000;
  const h = await harness({ now });
  const states: string[] = [];
  const unsubscribe = h.store.subscribe((state) => states.push(state.jobs.status));
  await h.state().loadJobs();
  expect(h.state().jobs.status).toBe('ready');
  expect(calls).toBeGreaterThanOrEqual(4);
  // Past the pending timer's moment: timers run in the order they fall due, so this one runs after it.
  await new Promise((resolve) => setTimeout(resolve, 250));
  unsubscribe();
  expect(h.state().jobs.status).toBe('ready');
  expect(states.slice(states.indexOf('ready'))).not.toContain('loading');
});
