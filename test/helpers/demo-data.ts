// What the demo server holds, read straight from its state: the expectations the ops and CLI tests compare against.
import type { Permission, Project } from '../../src/api/types';
import type { DemoServer } from '../../src/demo/server';

/**
 * The demo API has no route that renames or archives a project, so tests change its state directly
 * (as test/ui/hostile-names.test.tsx does); from there the change travels over HTTP like any data.
 */
function projectIn(demo: DemoServer, projectId: string): Project {
  const projects = demo.state['projectList'] as Project[];
  const project = projects.find((p) => p.id === projectId);
  if (!project) throw new Error(`no project ${projectId}`);
  return project;
}

export function renameProject(demo: DemoServer, projectId: string, name: string): void {
  projectIn(demo, projectId).name = name;
}

export function archiveProject(demo: DemoServer, projectId: string): void {
  const project = projectIn(demo, projectId);
  project.status = 'archived';
  project.archived_at = Math.floor(Date.now() / 1000);
}

/** The projects with access to a checkpoint, sorted. */
export function projectsOf(demo: DemoServer, checkpoint: string): string[] {
  return demo.state
    .permissionsOf(checkpoint)
    .map((p) => p.project_id)
    .sort();
}

export function permissionOf(demo: DemoServer, checkpoint: string, projectId: string): Permission | undefined {
  return demo.state.permissionsOf(checkpoint).find((p) => p.project_id === projectId);
}

/** Active projects with no access to any of the given checkpoints. */
export function projectsWithoutAccess(demo: DemoServer, checkpoints: string[]): string[] {
  const taken = new Set(checkpoints.flatMap((c) => projectsOf(demo, c)));
  return demo.state
    .projects()
    .filter((p) => p.status === 'active' && !taken.has(p.id))
    .map((p) => p.id);
}

/** Export rows as the server's state says they must be, by permission id (the order is checked on its own). */
export function expectedExportRows(demo: DemoServer, checkpoint: string) {
  const projects = new Map(demo.state.projects().map((p) => [p.id, p]));
  return demo.state
    .permissionsOf(checkpoint)
    .map((p) => {
      const project = projects.get(p.project_id);
      return {
        permission_id: p.id,
        project_id: p.project_id,
        project_name: project?.name ?? '',
        project_status: project?.status ?? '',
        created_at: new Date(p.created_at * 1000).toISOString(),
      };
    })
    .sort((a, b) => a.permission_id.localeCompare(b.permission_id));
}

/** The requests since `mark` that could change something. */
export function writesSince(demo: DemoServer, mark: number) {
  return demo.requests.slice(mark).filter((r) => r.method !== 'GET');
}
