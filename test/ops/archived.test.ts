// One rule for "archived": the share screen, apply and export read the same project the same way. A project the API
// calls active keeps an archived_at (or has no status at all): each of them used to decide on its own.
import { afterEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/api/types';
import { parseAccessFile } from '../../src/ops/access-file';
import { planAccessFile } from '../../src/ops/access-plan';
import { exportRows } from '../../src/ops/export';
import { closeAll, dialogOf, harness, openAndSettle, type Harness } from '../helpers/harness';
import { projectsOf } from '../helpers/demo-data';

afterEach(closeAll);

/** The project as the demo serves it, changed in place (the demo has no route that edits a project). */
function edit(h: Harness, projectId: string, change: (project: Project) => void): void {
  const project = (h.demo.state['projectList'] as Project[]).find((p) => p.id === projectId)!;
  change(project);
}

/** A project with access to another checkpoint (export names its status there) and none to the one under test. */
function pick(h: Harness): { projectId: string; other: string } {
  for (const other of h.demo.checkpoints.slice(1)) {
    const projectId = projectsOf(h.demo, other).find((id) => !projectsOf(h.demo, h.cp).includes(id));
    if (projectId) return { projectId, other };
  }
  throw new Error('no project with access elsewhere only');
}

/** What each part of the tool makes of one project: the share screen refuses it, apply refuses it, export's status. */
async function verdicts(h: Harness, projectId: string, other: string) {
  await openAndSettle(h);
  await h.store.getState().loadDirectory();
  h.store.getState().reviewShare([projectId]);
  const review = dialogOf(h, 'share-confirm');
  const shareRefuses = review.skipped.some((s) => s.projectId === projectId && /archived/.test(s.reason ?? ''));
  const parsed = parseAccessFile(`checkpoints:\n  ${JSON.stringify(h.cp)}:\n    projects: [${projectId}]\n`, false);
  if (!parsed.ok) throw new Error('the access file did not parse');
  const planning = await planAccessFile(h.client, parsed.file);
  const applyRefuses = !planning.ok && planning.problems.some((p) => /archived/.test(p.message));
  const rows = await exportRows(h.client, other);
  return { shareRefuses, applyRefuses, exportStatus: rows.find((r) => r.project_id === projectId)?.project_status };
}

describe('archived, one rule', () => {
  it('a project whose status is active but which carries an archived_at is active everywhere', async () => {
    const h = await harness();
    const { projectId, other } = pick(h);
    edit(h, projectId, (p) => {
      p.status = 'active';
      p.archived_at = 1_700_000_000;
    });
    expect(await verdicts(h, projectId, other)).toEqual({ shareRefuses: false, applyRefuses: false, exportStatus: 'active' });
  });

  it('a project with no status and an archived_at (even 0, the epoch) is archived everywhere', async () => {
    const h = await harness();
    const { projectId, other } = pick(h);
    edit(h, projectId, (p) => {
      delete (p as Partial<Project>).status;
      p.archived_at = 0;
    });
    expect(await verdicts(h, projectId, other)).toEqual({ shareRefuses: true, applyRefuses: true, exportStatus: 'archived' });
  });
});
