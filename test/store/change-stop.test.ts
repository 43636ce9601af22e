// Esc during a bulk revoke, against the demo API 200 ms away (issue #30 item 6): the first Esc starts nothing new and
// lets the deletes sent finish, so their outcome is the server's answer; rows never started cost no request at all. A
// second Esc gives up on what is in flight, and only those are read back.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, dialogOf, harness, openAndSettle, type Harness } from '../helpers/harness';
import { waitFor } from '../helpers/wait';

afterEach(closeAll);

/** Ten rows marked and confirmed, two deletes at a time; resolves once both first deletes have reached the server. */
async function revokingTen(h: Harness): Promise<{ mark: number; done: Promise<void> }> {
  await openAndSettle(h);
  for (let i = 0; i < 10; i++) h.state().toggleMark();
  h.state().askRevoke();
  const mark = h.demo.requests.length;
  const done = h.state().confirmRevoke();
  await waitFor(() => requestsSince(h, mark, 'DELETE') === 2, 'two deletes in flight');
  return { mark, done };
}

const requestsSince = (h: Harness, mark: number, method: string) => h.demo.requests.slice(mark).filter((r) => r.method === method).length;
/** Reads of one project's permission: the read-back after a cancel. */
const readBacks = (h: Harness, mark: number) =>
  h.demo.requests.slice(mark).filter((r) => r.method === 'GET' && r.query.project_id !== undefined).length;

describe('Esc during a bulk revoke', () => {
  it('the first Esc lets the deletes sent finish and starts no other: no read-back, the rest not started', async () => {
    const h = await harness({ concurrency: 2, demo: { latencyMs: 200 } });
    const before = h.demo.state.permissionsOf(h.cp).length;
    const { mark, done } = await revokingTen(h);
    h.state().cancelRunning();
    await done;
    const sent = requestsSince(h, mark, 'DELETE');
    expect(sent).toBe(2);
    // Rows never started cost nothing: no delete, no read-back GET.
    expect(readBacks(h, mark)).toBe(0);
    const { outcomes } = dialogOf(h, 'outcomes');
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'not started')).toHaveLength(8);
    expect(h.demo.state.permissionsOf(h.cp)).toHaveLength(before - 2);
    expect(h.state().flash?.text).toBe('Revoked 2 of 10; 8 stopped: they stay marked (d to retry) · u undoes');
    expect(Object.keys(h.state().marks)).toHaveLength(8);
  });

  it('a second Esc gives up on the deletes in flight; only they are read back, and the outcomes are the server’s', async () => {
    const h = await harness({ concurrency: 2, demo: { latencyMs: 200 } });
    const { mark, done } = await revokingTen(h);
    const targets = Object.values(h.state().marks);
    h.state().cancelRunning();
    h.state().cancelRunning();
    await done;
    expect(requestsSince(h, mark, 'DELETE')).toBe(2);
    expect(readBacks(h, mark)).toBe(2);
    const dialog = dialogOf(h, 'outcomes');
    const held = new Set(h.demo.state.permissionsOf(h.cp).map((p) => p.id));
    for (const outcome of dialog.outcomes) {
      expect(outcome.ok, outcome.permissionId).toBe(!held.has(outcome.permissionId!));
      expect(outcome.status).toBe(outcome.ok ? 'done' : 'not started');
    }
    expect(dialog.outcomes.map((o) => o.permissionId).sort()).toEqual(targets.map((p) => p.id).sort());
  });
});
