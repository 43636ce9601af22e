// The demo API's in-memory data and the operations on it; HTTP-free so tests and the server share one truth.
import type { DeletedPermission, FineTuningJob, JobCheckpoint, ListEnvelope, Order, Permission, Project } from '../api/types';
import { DemoAuditLog } from './audit';
import { envelope } from './envelope';
import { badRequest, modelNotFound, notFound } from './errors';
import { mulberry32, uniqueIdMaker } from './random';
import type { DemoSeed } from './seed';

export interface PermissionQuery {
  after?: string;
  limit: number;
  order: Order;
  projectId?: string;
}

export interface PageQuery {
  after?: string;
  limit: number;
}

export interface ProjectQuery extends PageQuery {
  includeArchived: boolean;
}

/** The jobs list has no first/last ids in the spec. */
export interface JobList {
  object: 'list';
  data: FineTuningJob[];
  has_more: boolean;
}

// One checkpoint's permissions. `seqs` is parallel to `items` and strictly increasing, so a cursor is a binary search.
interface CheckpointPermissions {
  items: Permission[];
  seqs: number[];
  /** Sort key of every id ever issued here, deleted ones included, so their cursors keep working. */
  seqById: Map<string, number>;
  byProject: Map<string, Permission>;
  byId: Map<string, Permission>;
}

/** First index whose value is greater than `value` (`seqs` ascending). */
function upperBound(seqs: number[], value: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((seqs[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is at least `value` (`seqs` ascending). */
function lowerBound(seqs: number[], value: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((seqs[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Copies keep callers (tests, JSON encoding) from mutating the state; key order follows the spec examples.
const copyPermission = (p: Permission): Permission => ({ object: p.object, id: p.id, created_at: p.created_at, project_id: p.project_id });
const copyProject = (p: Project): Project => ({ ...p });

export class DemoState {
  readonly organizationId: string;
  private readonly projectList: Project[];
  private readonly projectIndex = new Map<string, number>();
  private readonly jobList: FineTuningJob[];
  private readonly jobCheckpointsById: Map<string, JobCheckpoint[]>;
  private readonly checkpointPermissions = new Map<string, CheckpointPermissions>();
  private nextSeq = 1;
  // Runtime ids come from a fixed-seed PRNG too, so a scripted demo session is repeatable.
  private readonly newPermissionId: () => string;

  /** The organization's audit log (src/demo/audit.ts); routes.ts records every create and delete in it. */
  readonly audit: DemoAuditLog;

  constructor(seed: DemoSeed, options: { auditLog?: boolean } = {}) {
    this.audit = new DemoAuditLog(seed, options.auditLog ?? true);
    this.organizationId = seed.organizationId;
    this.projectList = seed.projects;
    seed.projects.forEach((p, i) => this.projectIndex.set(p.id, i));
    this.jobList = seed.jobs;
    this.jobCheckpointsById = seed.jobCheckpoints;
    const issued = new Set<string>();
    const empty = (): CheckpointPermissions => ({ items: [], seqs: [], seqById: new Map(), byProject: new Map(), byId: new Map() });
    for (const ckpt of seed.checkpoints) {
      const entry = empty();
      this.checkpointPermissions.set(ckpt.id, entry);
      for (const p of ckpt.permissions) {
        issued.add(p.id);
        this.append(entry, copyPermission(p));
      }
    }
    // The checkpoints of the jobs `--jobs` adds exist too, with no permissions yet.
    for (const job of seed.jobs) {
      const ids = [job.fine_tuned_model, ...(seed.jobCheckpoints.get(job.id) ?? []).map((c) => c.fine_tuned_model_checkpoint)];
      for (const id of ids) if (id && !this.checkpointPermissions.has(id)) this.checkpointPermissions.set(id, empty());
    }
    this.newPermissionId = uniqueIdMaker(mulberry32(0xc0ffee), 'cp_', 24, issued);
  }

  private append(entry: CheckpointPermissions, permission: Permission): void {
    const seq = this.nextSeq++;
    entry.items.push(permission);
    entry.seqs.push(seq);
    entry.seqById.set(permission.id, seq);
    entry.byProject.set(permission.project_id, permission);
    entry.byId.set(permission.id, permission);
  }

  private entry(checkpoint: string): CheckpointPermissions {
    const entry = this.checkpointPermissions.get(checkpoint);
    if (!entry) throw modelNotFound(checkpoint);
    return entry;
  }

  // ---- read access for tests and the server ----

  hasCheckpoint(id: string): boolean {
    return this.checkpointPermissions.has(id);
  }

  /** Every checkpoint that can carry permissions, in seed order. */
  checkpointIds(): string[] {
    return [...this.checkpointPermissions.keys()];
  }

  /** Live permissions of a checkpoint, ascending by creation. */
  permissionsOf(checkpoint: string): Permission[] {
    return this.entry(checkpoint).items.map(copyPermission);
  }

  /** All projects, archived included, ascending by creation. */
  projects(): Project[] {
    return this.projectList.map(copyProject);
  }

  /** All jobs, newest first. */
  jobs(): FineTuningJob[] {
    return this.jobList.map((j) => structuredClone(j));
  }

  /** A job's checkpoints, highest step first. */
  jobCheckpoints(jobId: string): JobCheckpoint[] {
    return (this.jobCheckpointsById.get(jobId) ?? []).map((c) => structuredClone(c));
  }

  // ---- the API operations ----

  listPermissions(checkpoint: string, query: PermissionQuery): ListEnvelope<Permission> {
    const entry = this.entry(checkpoint);
    let cursor: number | undefined;
    if (query.after !== undefined) {
      cursor = entry.seqById.get(query.after);
      if (cursor === undefined) throw badRequest(`No permission found with id '${query.after}' to page after.`, 'after');
    }
    const ascending = query.order === 'ascending';
    // A project has at most one permission per checkpoint, so the filter is a lookup, not a scan.
    if (query.projectId !== undefined) {
      const match = entry.byProject.get(query.projectId);
      const seq = match ? entry.seqById.get(match.id) : undefined;
      const afterCursor = seq !== undefined && (cursor === undefined || (ascending ? seq > cursor : seq < cursor));
      return envelope(match && afterCursor ? [copyPermission(match)] : [], false);
    }
    const { items, seqs } = entry;
    const data: Permission[] = [];
    if (ascending) {
      const start = cursor === undefined ? 0 : upperBound(seqs, cursor);
      const end = Math.min(items.length, start + query.limit);
      for (let i = start; i < end; i++) data.push(copyPermission(items[i] as Permission));
      return envelope(data, end < items.length);
    }
    const start = (cursor === undefined ? items.length : lowerBound(seqs, cursor)) - 1;
    const end = Math.max(-1, start - query.limit);
    for (let i = start; i > end; i--) data.push(copyPermission(items[i] as Permission));
    return envelope(data, end >= 0);
  }

  /** Grants access; validates every project before creating anything; returns only the new permissions. */
  createPermissions(checkpoint: string, projectIds: string[], nowSec: number): ListEnvelope<Permission> {
    const entry = this.entry(checkpoint);
    for (const projectId of projectIds) {
      const index = this.projectIndex.get(projectId);
      const project = index === undefined ? undefined : this.projectList[index];
      if (!project) throw badRequest(`No project found with id '${projectId}' in this organization.`, 'project_ids');
      if (project.status === 'archived') {
        throw badRequest(`Project '${projectId}' is archived; archived projects cannot be given access.`, 'project_ids');
      }
    }
    // New permissions are the newest, even if the clock is behind the seeded timestamps.
    const newest = entry.items[entry.items.length - 1]?.created_at ?? 0;
    const createdAt = Math.max(Math.floor(nowSec), newest);
    const created: Permission[] = [];
    for (const projectId of projectIds) {
      if (entry.byProject.has(projectId)) continue;
      const permission: Permission = {
        object: 'checkpoint.permission',
        id: this.newPermissionId(),
        created_at: createdAt,
        project_id: projectId,
      };
      this.append(entry, permission);
      created.push(copyPermission(permission));
    }
    return envelope(created, false);
  }

  deletePermission(checkpoint: string, permissionId: string): DeletedPermission {
    const entry = this.entry(checkpoint);
    const permission = entry.byId.get(permissionId);
    const seq = entry.seqById.get(permissionId);
    if (!permission || seq === undefined) throw notFound(`No permission found with id '${permissionId}'.`);
    const index = lowerBound(entry.seqs, seq);
    entry.items.splice(index, 1);
    entry.seqs.splice(index, 1);
    entry.byId.delete(permissionId);
    entry.byProject.delete(permission.project_id);
    return { id: permissionId, object: 'checkpoint.permission', deleted: true };
  }

  listProjects(query: ProjectQuery): ListEnvelope<Project> {
    let start = 0;
    if (query.after !== undefined) {
      const index = this.projectIndex.get(query.after);
      if (index === undefined) throw badRequest(`No project found with id '${query.after}' to page after.`, 'after');
      start = index + 1;
    }
    const data: Project[] = [];
    let i = start;
    for (; i < this.projectList.length && data.length < query.limit; i++) {
      const project = this.projectList[i] as Project;
      if (query.includeArchived || project.status !== 'archived') data.push(copyProject(project));
    }
    let hasMore = false;
    for (; i < this.projectList.length && !hasMore; i++) {
      hasMore = query.includeArchived || this.projectList[i]?.status !== 'archived';
    }
    return envelope(data, hasMore);
  }

  getProject(projectId: string): Project {
    const index = this.projectIndex.get(projectId);
    const project = index === undefined ? undefined : this.projectList[index];
    if (!project) throw notFound(`No project found with id '${projectId}'.`, 'project_id');
    return copyProject(project);
  }

  listJobs(query: PageQuery): JobList {
    let start = 0;
    if (query.after !== undefined) {
      const index = this.jobList.findIndex((j) => j.id === query.after);
      if (index < 0) throw badRequest(`No fine-tuning job found with id '${query.after}' to page after.`, 'after');
      start = index + 1;
    }
    const data = this.jobList.slice(start, start + query.limit).map((j) => structuredClone(j));
    return { object: 'list', data, has_more: start + query.limit < this.jobList.length };
  }

  getJob(jobId: string): FineTuningJob {
    const job = this.jobList.find((j) => j.id === jobId);
    if (!job) throw notFound(`Could not find fine-tune: ${jobId}`, 'fine_tuning_job_id');
    return structuredClone(job);
  }

  listJobCheckpoints(jobId: string, query: PageQuery): ListEnvelope<JobCheckpoint> {
    const checkpoints = this.jobCheckpointsById.get(jobId);
    if (!checkpoints) throw notFound(`Could not find fine-tune: ${jobId}`, 'fine_tuning_job_id');
    let start = 0;
    if (query.after !== undefined) {
      const index = checkpoints.findIndex((c) => c.id === query.after);
      if (index < 0) throw badRequest(`No checkpoint found with id '${query.after}' to page after.`, 'after');
      start = index + 1;
    }
    const data = checkpoints.slice(start, start + query.limit).map((c) => structuredClone(c));
    return envelope(data, start + query.limit < checkpoints.length);
  }
}
