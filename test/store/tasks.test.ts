// The registry of work Esc can stop: one task of each name, stopped in two steps (stop), loudly (abort) or quietly (drop).
import { describe, expect, it } from 'vitest';
import { createTasks } from '../../src/store/tasks';

describe('tasks', () => {
  it('a second start of a name drops the first: aborted, no longer current, its end changes nothing', () => {
    const tasks = createTasks();
    const first = tasks.start('page');
    const second = tasks.start('page');
    expect(first.signal.aborted).toBe(true);
    expect(first.current()).toBe(false);
    expect(first.cancelled()).toBe(true);
    expect(second.current()).toBe(true);
    first.end();
    expect(tasks.running('page')).toBe(true);
    second.end();
    expect(tasks.running('page')).toBe(false);
  });

  it('abort stops a task that stays current (so it reports); drop stops one quietly; both say whether one ran', () => {
    const tasks = createTasks();
    expect(tasks.abort('batch')).toBe(false);
    const batch = tasks.start('batch');
    expect(tasks.abort('batch')).toBe(true);
    expect(batch.signal.aborted).toBe(true);
    expect(batch.current()).toBe(true);
    batch.end();
    expect(tasks.abort('batch')).toBe(false);

    const plan = tasks.start('plan');
    tasks.drop('plan');
    expect(plan.signal.aborted).toBe(true);
    expect(plan.current()).toBe(false);
    expect(tasks.running('plan')).toBe(false);
  });

  it('stop is a change’s two steps: the first stops (nothing new starts), the next aborts (what is in flight is given up)', () => {
    const tasks = createTasks();
    expect(tasks.stop('batch')).toBe(false);
    const batch = tasks.start('batch');
    expect(tasks.stop('batch')).toBe('stopped');
    expect([batch.stop.aborted, batch.signal.aborted]).toEqual([true, false]);
    expect(tasks.stop('batch')).toBe('aborted');
    expect([batch.stop.aborted, batch.signal.aborted, batch.current()]).toEqual([true, true, true]);
    batch.end();
    expect(tasks.stop('batch')).toBe(false);
    // An abort is a stop too.
    const again = tasks.start('batch');
    tasks.abort('batch');
    expect(again.stop.aborted).toBe(true);
  });

  it('names are apart, and dispose stops them all and the background work, without calling them cancelled', () => {
    const tasks = createTasks();
    const page = tasks.start('page');
    const lookup = tasks.start('lookup');
    tasks.abort('page');
    expect(lookup.signal.aborted).toBe(false);
    tasks.dispose();
    expect(lookup.signal.aborted).toBe(true);
    expect(lookup.cancelled()).toBe(false);
    expect(tasks.signal.aborted).toBe(true);
    expect(page.cancelled()).toBe(true);
    expect(tasks.start('access').signal.aborted).toBe(true);
  });
});
