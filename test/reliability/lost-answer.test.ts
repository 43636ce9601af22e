// A change whose answer was lost, and whose client-side re-read failed too, is read once more when the batch is over:
// the outcome the UI reports is the server's, not "unknown" (issue 23's "every word true", under faults).
import { afterEach, describe, expect, test } from 'vitest';
import { closeAll, harness, openAndSettle } from '../helpers/harness';
import { countAs } from './figures';

afterEach(closeAll);

describe('a lost answer whose re-read failed', () => {
  test('a revoke carried out is reported revoked, read again after the batch', async (ctx) => {
    countAs(ctx, 'outcome');
    const h = await harness({ maxRetries: 2, demo: { faultRetry: { retryAfter: '', retryAfterMs: '10' } } });
    await openAndSettle(h);
    const target = h.state().page!.rows[0]!;
    // Carried out, the answer lost; then every request fails until the client gives up on learning the outcome.
    h.demo.injectFault('reset-after', { method: 'DELETE' });
    h.demo.injectFault('500', { method: 'DELETE', count: 2 });
    h.demo.injectFault('500', { method: 'GET', path: '/fine_tuning/checkpoints/', count: 3 });
    h.state().toggleMark();
    h.state().askRevoke();
    await h.state().confirmRevoke();
    expect(h.demo.state.permissionsOf(h.cp).some((p) => p.id === target.id)).toBe(false);
    expect(h.state().flash?.text).toMatch(new RegExp(`^Revoked ${target.project_id} .*\\(${target.id}\\)`));
    // Revoked, so nothing is left marked to be tried again.
    expect(Object.keys(h.state().marks)).toEqual([]);
  });
});
