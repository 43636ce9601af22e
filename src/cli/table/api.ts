// list, retrieve, create and delete: one request (or one cursor walk) each, the API's JSON out.
import { permissionIdProblem } from '../../api/ids';
import type { PermissionQuery } from '../../api/client';
import type { Definition } from './types';
import { checkpointFrom, commonOptions, maxItemsFrom, permissionQuery, UsageError, type CommonOptions } from './parse';
import { projectRefs, type ProjectRef } from './project-ref';

export interface ListInvocation {
  kind: 'list';
  checkpoint?: string;
  query: PermissionQuery;
  /** --project-id, resolved into the query once connected. */
  project?: ProjectRef;
  maxItems?: number;
  common: CommonOptions;
}
export interface RetrieveInvocation {
  kind: 'retrieve';
  checkpoint?: string;
  query: PermissionQuery;
  project?: ProjectRef;
  common: CommonOptions;
}
export interface CreateInvocation {
  kind: 'create';
  checkpoint?: string;
  projects: ProjectRef[];
  common: CommonOptions;
}
export interface DeleteInvocation {
  kind: 'delete';
  checkpoint?: string;
  /** The permission to revoke: given, or the one of `project` (found once connected). */
  permissionId?: string;
  project?: ProjectRef;
  common: CommonOptions;
}

const CHECKPOINT = { 'fine-tuned-model-checkpoint': null };

export const LIST: Definition<ListInvocation> = {
  synopsis: '--fine-tuned-model-checkpoint ID [--after ID] [--limit N] [--order ascending|descending]\n[--project-id ID] [--max-items N]',
  summary: 'the projects a checkpoint is shared with (its permissions).',
  usage: 'ckpt-perms list [CHECKPOINT] [--fine-tuned-model-checkpoint ID] [options]',
  flags: {
    ...CHECKPOINT,
    after: { label: '--after ID', text: "start after this permission id (the previous page's last_id)" },
    limit: { label: '--limit N', text: 'permissions per request, 1-100 (API default 10; 100 when --max-items is given)' },
    order: { label: '--order ORDER', text: 'ascending or descending (default descending: newest first)' },
    'project-id': { label: '--project-id ID|NAME', text: 'only the permission of this project (its id, or its exact name)' },
    'max-items': {
      label: '--max-items N',
      text: 'follow the cursors until N permissions (-1: all of them) and print\nthem in one list envelope; without it, one page as the API sends it',
    },
  },
  connection: 'global',
  walks: true,
  parse(values, rest) {
    const checkpoint = checkpointFrom(values, rest, 'list');
    const common = commonOptions(values, 'list');
    const { query, project } = permissionQuery(values, 'list');
    return { kind: 'list', checkpoint, query, project, maxItems: maxItemsFrom(values['max-items'], 'list'), common };
  },
};

export const RETRIEVE: Definition<RetrieveInvocation> = {
  synopsis: '--fine-tuned-model-checkpoint ID [--after ID] [--limit N] [--order …] [--project-id ID]',
  summary: "one page of a checkpoint's permissions, exactly as the API sends it.",
  usage: 'ckpt-perms retrieve [CHECKPOINT] [--fine-tuned-model-checkpoint ID] [options]',
  flags: {
    ...CHECKPOINT,
    after: { label: '--after ID', text: 'start after this permission id' },
    limit: { label: '--limit N', text: 'permissions in the page, 1-100 (API default 10)' },
    order: { label: '--order ORDER', text: 'ascending or descending (default descending)' },
    'project-id': { label: '--project-id ID|NAME', text: 'only the permission of this project (its id, or its exact name)' },
  },
  connection: 'global',
  parse(values, rest) {
    const checkpoint = checkpointFrom(values, rest, 'retrieve');
    const common = commonOptions(values, 'retrieve');
    return { kind: 'retrieve', checkpoint, ...permissionQuery(values, 'retrieve'), common };
  },
};

export const CREATE: Definition<CreateInvocation> = {
  synopsis: '--fine-tuned-model-checkpoint ID --project-id ID|NAME [--project-id ID|NAME …]',
  summary: 'share a checkpoint with one or more projects.',
  usage: 'ckpt-perms create [CHECKPOINT] [--fine-tuned-model-checkpoint ID] --project-id ID|NAME [--project-id ID|NAME …]',
  flags: {
    ...CHECKPOINT,
    'project-id': {
      label: '--project-id ID|NAME',
      text: 'a project to share with: its id (proj_…) or its exact name; repeat for\nmore. Duplicates are dropped.',
    },
  },
  connection: 'global',
  body: `Prints the permissions created. A project that already has access is not granted twice.
A name must be one active project's exact name (letter case too): a name that matches none
or several projects is exit 2 with the candidates, and nothing is shared.
More than 20 projects go in create calls of 20, four at a time. Ctrl+C (or SIGTERM) starts
no new call, waits for those in flight, prints what was created with every project's outcome
("outcomes": done, failed, not started) and exits 130 (143); run it again to finish.`,
  parse(values, rest) {
    const checkpoint = checkpointFrom(values, rest, 'create');
    const common = commonOptions(values, 'create');
    const given = values['project-id'] ?? [];
    if (given.length === 0) throw new UsageError('create needs at least one --project-id proj_… (or a project name)', 'create');
    return { kind: 'create', checkpoint, projects: projectRefs(given, 'create'), common };
  },
};

export const DELETE: Definition<DeleteInvocation> = {
  synopsis: '--fine-tuned-model-checkpoint ID (--permission-id ID | --project-id ID|NAME)',
  summary: "revoke one project's access to a checkpoint.",
  usage: 'ckpt-perms delete [CHECKPOINT] [--fine-tuned-model-checkpoint ID] (--permission-id ID | --project-id ID|NAME)',
  flags: {
    ...CHECKPOINT,
    'permission-id': { label: '--permission-id ID', text: 'the permission to delete (cp_…, from list)' },
    'project-id': {
      label: '--project-id ID|NAME',
      text: "revoke this project's permission (its id, or its exact name): found with\nthe API's project_id filter",
    },
  },
  connection: 'global',
  body: `This command does not ask for confirmation: it is meant for scripts. A project name that
matches none or several projects is exit 2 with the candidates; a project without access to
the checkpoint is exit 1; in both cases nothing is revoked.`,
  parse(values, rest) {
    const checkpoint = checkpointFrom(values, rest, 'delete');
    const common = commonOptions(values, 'delete');
    const permissionId = values['permission-id'];
    const given = [...new Set(values['project-id'] ?? [])];
    if (permissionId !== undefined && given.length > 0) throw new UsageError('give --permission-id or --project-id, not both', 'delete');
    if (given.length > 1) throw new UsageError('delete revokes one --project-id at a time', 'delete');
    if (given.length === 1) return { kind: 'delete', checkpoint, project: projectRefs(given, 'delete')[0], common };
    if (permissionId === undefined) throw new UsageError('delete needs --permission-id ID (or --project-id ID|NAME)', 'delete');
    const problem = permissionIdProblem(permissionId) ?? notAPermissionId(permissionId);
    if (problem) throw new UsageError(`--permission-id: ${problem}`, 'delete');
    return { kind: 'delete', checkpoint, permissionId, common };
  },
};

/** Permission ids start with cp_ (as project ids with proj_, which create checks): anything else is a mistake seen here. */
function notAPermissionId(id: string): string | undefined {
  if (id.startsWith('cp_')) return undefined;
  if (id.startsWith('proj_'))
    return `"${id}" is a project id, not a permission id (cp_…): ckpt-perms list CHECKPOINT --project-id ${id} shows its permission`;
  return `"${id}" is not a permission id (permission ids look like cp_abc123…)`;
}
