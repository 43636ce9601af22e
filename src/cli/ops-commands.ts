// The commands built on src/ops: sync, projects-access and export. Each returns its exit code.
import { dirname, join } from 'node:path';
import { grantedBeforeFailure, type Client } from '../api/client';
import { errorLine } from '../api/errors';
import { redactKeys } from '../api/keys';
import { projectLabel, sanitizeLine } from '../api/sanitize';
import type { Permission, Project } from '../api/types';
import { findProject, readDirectory, type DirectoryStore } from '../ops/directory';
import { directoryCacheOf } from './directory-file';
import { exportDocument, exportFileName, exportRows, toCsv, type ExportRow } from '../ops/export';
import { candidateCheckpoints, projectAccess } from '../ops/project-access';
import { isDirectory, writeOutput } from '../ops/files';
import { CREATE_CHUNK, failureOf, type ChangeOutcome } from '../ops/change';
import { doneLine } from '../ops/change-lines';
import { inChunks, mapBounded, REQUESTS_AT_ONCE } from '../ops/pool';
import { progressBar } from '../ops/progress';
import { applySync, planIsEmpty, planSync, type SyncOutcome, type SyncPlan } from '../ops/sync';
import { plural } from '../store/text';
import { UsageError, type ExportFormat, type Invocation } from './args';
import { requireCheckpoint, withClient } from './commands';
import { EXIT_OK } from './guard';
import { confirmApply, EXIT_FAILED, exitAfterChanges, forgetRecent, interruptible, outcomeLine, recentOf, type OpsIO } from './ops-io';
import { printed, response } from './output';
import { statusLine } from './status-line';
import { painter, plain, type Paint } from './colour';
import { resolveProject, resolveProjects } from './project-names';

// ---- create ----

/** The API creates nothing for a project that already has access and says nothing of it (`"data": []`): this says so. */
function noteAlreadyHadAccess(io: OpsIO, projectIds: string[]): void {
  if (projectIds.length === 0) return;
  const named = projectIds.length > 5 ? `${projectIds.slice(0, 5).join(', ')} and ${projectIds.length - 5} more` : projectIds.join(', ');
  io.note(
    projectIds.length === 1
      ? `already had access, nothing created: ${named}`
      : `${projectIds.length} already had access, nothing created for them: ${named}`,
  );
}

/**
 * `create`: the API's answer, as JSON. Many projects go in create calls of CREATE_CHUNK, four at a
 * time, so a Ctrl+C leaves a few calls to finish rather than one large unknown: the printed list
 * then holds what was created, and `outcomes` says for every project asked for whether it was
 * done, failed (why), not started, or unknown.
 */
export async function runCreate(invocation: Extract<Invocation, { kind: 'create' }>, io: OpsIO): Promise<number> {
  return withClient(invocation.common, io.env, async (client, demoCheckpoints) => {
    const checkpoint = requireCheckpoint(invocation.checkpoint, 'create', demoCheckpoints);
    const { format } = invocation.common;
    const projectIds = await resolveProjects(client, invocation.projects, { command: 'create', activeOnly: true });
    const chunks = inChunks(projectIds, CREATE_CHUNK);
    return interruptible(io, async (interrupts) => {
      const settled = await mapBounded(
        chunks,
        REQUESTS_AT_ONCE,
        (projectIds) => client.permissions.create(checkpoint, projectIds, { signal: interrupts.abort, stop: interrupts.stop }),
        { stop: interrupts.stop },
      );
      const only = settled[0];
      if (settled.length === 1 && only && interrupts.exitCode === undefined) {
        // One call, as the API answers it (a failure is one line and exit 1, as for every command).
        if (!only.ok) throw only.error;
        await io.stdout.write(printed(response(only.value), format));
        const made = new Set(only.value.data.map((p) => p.project_id));
        noteAlreadyHadAccess(
          io,
          projectIds.filter((id) => !made.has(id)),
        );
        return EXIT_OK;
      }
      const created: Permission[] = [];
      const outcomes: ChangeOutcome[] = [];
      for (const result of settled) {
        const made = result.ok ? result.value.data : grantedBeforeFailure(result.error);
        created.push(...made);
        const byProject = new Map(made.map((p) => [p.project_id, p]));
        for (const projectId of result.item) {
          const permission = byProject.get(projectId);
          if (permission) outcomes.push({ checkpoint, action: 'add', projectId, status: 'done', permissionId: permission.id });
          // As for one call: the API creates nothing for a project that already has access, and says so by leaving it out.
          else if (result.ok) outcomes.push({ checkpoint, action: 'add', projectId, status: 'done', reason: 'it already had access' });
          else outcomes.push({ checkpoint, action: 'add', projectId, ...failureOf(result.error) });
        }
      }
      const complete = outcomes.every((o) => o.status === 'done');
      const envelope = {
        object: 'list',
        data: created,
        first_id: created[0]?.id ?? null,
        last_id: created.at(-1)?.id ?? null,
        has_more: false,
      };
      const outcomeList = outcomes.map((o) => ({
        project_id: o.projectId,
        status: o.status,
        permission_id: o.permissionId ?? null,
        reason: o.reason ?? null,
      }));
      await io.stdout.write(printed({ json: complete ? envelope : { ...envelope, outcomes: outcomeList }, rows: created }, format));
      noteAlreadyHadAccess(
        io,
        outcomes.filter((o) => o.reason === 'it already had access').map((o) => o.projectId),
      );
      return exitAfterChanges(io, interrupts, outcomes, (notDone) => {
        const first = notDone[0]!;
        const which = format === 'jsonl' ? notDone.map((o) => o.projectId).join(', ') : 'see "outcomes"';
        return `${notDone.length} of ${outcomes.length} projects not shared (${which}); first: ${first.reason ?? first.status}`;
      });
    });
  });
}

// ---- sync ----

type Names = Map<string, Pick<Project, 'name'>>;

export async function runSync(invocation: Extract<Invocation, { kind: 'sync' }>, io: OpsIO): Promise<number> {
  return withClient(invocation.common, io.env, async (client, _demo, options) => {
    const [plan, names] = await Promise.all([
      planSync(client, invocation.from, invocation.to, { prune: invocation.prune }),
      projectNames(client, io, directoryCacheOf(invocation.common, options, io.env)),
    ]);
    const text = invocation.format === 'text';
    const finishJson = (outcomes?: SyncOutcome[], interrupted?: string) =>
      io.stdout.write(printed({ json: syncDocument(plan, names, outcomes, interrupted) }, 'json'));

    if (text) await io.stdout.write(planText(plan, names, painter(io.colour ?? false)));
    const confirmed = await confirmApply(io, {
      yes: invocation.yes,
      text,
      stop: planIsEmpty(plan) ? 'already in sync: nothing to do' : invocation.dryRun ? 'dry run: nothing changed' : undefined,
      howToApply: 'pass --yes to apply this plan, or --dry-run to only show it',
      printJson: () => finishJson(),
    });
    if (!confirmed.apply) return confirmed.exitCode;

    return interruptible(io, async (interrupts) => {
      const outcomes = await applySync(client, plan, { stop: interrupts.stop, abort: interrupts.abort });
      const result = {
        json: syncDocument(plan, names, outcomes, interrupts.received),
        text: () => outcomeText(outcomes, names, painter(io.colour ?? false)),
      };
      await io.stdout.write(printed(result, invocation.format));
      return exitAfterChanges(
        io,
        interrupts,
        outcomes,
        (notDone) => `${notDone.length} of ${outcomes.length} changes failed (${text ? 'listed above' : 'see "outcomes"'})`,
      );
    });
  });
}

/** The organization's project names, or undefined (with a note) when they cannot be read: ids alone still do. */
async function projectNames(client: Client, io: OpsIO, cache: DirectoryStore | undefined): Promise<Names | undefined> {
  try {
    return await readDirectory(client, { cache });
  } catch (error) {
    io.note(`project names unavailable, showing ids only (${errorLine(error)})`);
    return undefined;
  }
}

function nameOf(projectId: string, names: Names | undefined): string | null {
  return names?.get(projectId)?.name ?? null;
}

/**
 * Sync FROM → TO
 *   add        3  proj_a (Name)
 *                 proj_b
 *   remove     1  proj_c (Name)  cp_…      (with --prune)
 *   unchanged 12
 *   kept       2  (only on the target; --prune would remove them)
 */
export function planText(plan: SyncPlan, names: Names | undefined, paint: Paint = plain): string {
  const lines = [`Sync ${sanitizeLine(plan.from)} → ${sanitizeLine(plan.to)}${plan.prune ? ' (prune)' : ''}`];
  const width = Math.max(...[plan.add, plan.remove, plan.unchanged, plan.kept].map((list) => String(list.length).length));
  const row = (label: string, count: number, items: string[], tone?: 'success' | 'error') => {
    const head = `  ${label.padEnd(9)} ${String(count).padStart(width)}`;
    const shown = (item: string) => (tone ? paint(tone, item) : item);
    lines.push(items.length > 0 ? `${head}  ${shown(items[0]!)}` : head);
    for (const item of items.slice(1)) lines.push(`${' '.repeat(head.length)}  ${shown(item)}`);
  };
  row(
    'add',
    plan.add.length,
    plan.add.map((id) => projectLabel(id, nameOf(id, names))),
    'success',
  );
  if (plan.prune)
    row(
      'remove',
      plan.remove.length,
      plan.remove.map((p) => `${projectLabel(p.project_id, nameOf(p.project_id, names))}  ${sanitizeLine(p.id)}`),
      'error',
    );
  row('unchanged', plan.unchanged.length, []);
  if (plan.kept.length > 0) row('kept', plan.kept.length, ['(only on the target; --prune would remove them)']);
  return `${lines.join('\n')}\n`;
}

export function outcomeText(outcomes: SyncOutcome[], names: Names | undefined, paint: Paint = plain): string {
  const lines = outcomes.map((o) => outcomeLine(o, projectLabel(o.projectId, nameOf(o.projectId, names)), paint));
  lines.push(doneLine(outcomes));
  return `${lines.join('\n')}\n`;
}

export function syncDocument(plan: SyncPlan, names: Names | undefined, outcomes?: SyncOutcome[], interrupted?: string) {
  return {
    from: plan.from,
    to: plan.to,
    prune: plan.prune,
    add: plan.add.map((id) => ({ project_id: id, project_name: nameOf(id, names) })),
    remove: plan.remove.map((p) => ({ project_id: p.project_id, project_name: nameOf(p.project_id, names), permission_id: p.id })),
    unchanged: plan.unchanged,
    kept: plan.kept,
    applied: outcomes !== undefined,
    ...(outcomes === undefined
      ? {}
      : {
          interrupted: interrupted ?? null,
          outcomes: outcomes.map((o) => ({
            project_id: o.projectId,
            action: o.action,
            status: o.status,
            ok: o.ok,
            permission_id: o.permissionId ?? null,
            reason: o.ok ? null : (o.reason ?? null),
          })),
        }),
  };
}

// ---- projects-access ----

const NO_CANDIDATES =
  'no checkpoints to check: give them with --checkpoint ID (repeatable), or an ordinary key (--api-key or OPENAI_API_KEY) to look through the fine-tuning jobs; checkpoints opened in the UI are remembered and checked too';

const STALE_RECENT = 'a recent checkpoint that was not found (404): deleted since, or another organization’s; dropped from the recent list';

export async function runProjectsAccess(invocation: Extract<Invocation, { kind: 'projects-access' }>, io: OpsIO): Promise<number> {
  return withClient(invocation.common, io.env, async (client, _demo, options) => {
    const command = 'projects-access';
    // The demo has its own checkpoints: the user's recent ones do not exist there. Kept per base URL and organization.
    const recentFile = recentOf(options, io.env);
    const recent = recentFile?.load() ?? [];
    if (!client.hasApiKey && recent.length === 0 && invocation.checkpoints.length === 0) throw new UsageError(NO_CANDIDATES, command);

    // A mistyped project would otherwise have "no access anywhere"; the API's own 404 says so.
    const projectId = await resolveProject(client, invocation.project, {
      command,
      cache: directoryCacheOf(invocation.common, options, io.env),
    });
    const found = await findProject(client, projectId);
    if ('none' in found && found.error) throw found.error;

    const bar = io.progress ? progressLine(io.progress) : undefined;
    const jobFailures: string[] = [];
    try {
      bar?.status('looking for checkpoints…');
      let malformed = 0;
      const candidates = await candidateCheckpoints(
        client,
        [],
        undefined,
        (job, error) => {
          jobFailures.push(`${job.id}: ${errorLine(error)}`);
        },
        (count) => (malformed += count),
      );
      // Checkpoints known only from the recent list: one that is not found (deleted since, or another organization's)
      // is skipped and forgotten, not a failure.
      const onlyRecent = new Set(recent.filter((id) => !candidates.includes(id) && !invocation.checkpoints.includes(id)));
      for (const id of [...recent, ...invocation.checkpoints]) if (!candidates.includes(id)) candidates.push(id);
      if (candidates.length === 0) throw new UsageError(`the fine-tuning jobs have no fine-tuned model yet, and ${NO_CANDIDATES}`, command);

      const all = await projectAccess(client, projectId, candidates, { onProgress: bar?.update });
      bar?.clear();
      const stale = all.filter((r) => r.notFound && onlyRecent.has(r.checkpoint));
      const results = all.filter((r) => !stale.includes(r));
      forgetRecent(
        recentFile,
        stale.map((r) => r.checkpoint),
      );
      const data = results.flatMap((r) => (r.permission ? [{ fine_tuned_model_checkpoint: r.checkpoint, permission: r.permission }] : []));
      const failed = results.flatMap((r) => (r.error !== undefined ? [{ fine_tuned_model_checkpoint: r.checkpoint, error: r.error }] : []));
      const skipped = stale.map((r) => ({ fine_tuned_model_checkpoint: r.checkpoint, reason: STALE_RECENT }));
      // Without an ordinary key the jobs cannot be listed: only the recent and named checkpoints were asked.
      const complete = client.hasApiKey;
      const json = {
        object: 'list',
        project_id: projectId,
        data,
        checked: results.length,
        failed,
        skipped,
        ...(complete ? {} : { complete }),
      };
      const { format, formatGiven } = invocation.common;
      const table = format === 'table' || (io.terminal === true && !formatGiven);
      if (table) {
        const { accessRows } = await import('./permission-table');
        const name = 'project' in found ? found.project.name : undefined;
        await io.stdout.write(accessRows(projectLabel(projectId, name), data, results.length, io.terminal ? io.columns : undefined));
      } else await io.stdout.write(printed({ json, rows: data }, format));

      if (skipped.length > 0) {
        io.note(
          `skipped ${skipped.length} recent checkpoint(s) not found (deleted, or another organization's), and dropped them from the recent list: ${skipped.map((s) => s.fine_tuned_model_checkpoint).join(', ')}`,
        );
      }

      if (jobFailures.length > 0) {
        io.note(
          `could not list the checkpoints of ${jobFailures.length} fine-tuning job(s), so their intermediate checkpoints were not checked: ${jobFailures.join('; ')}`,
        );
      }
      if (malformed > 0) {
        io.note(
          `skipped ${malformed} fine-tuning job(s) or checkpoint(s) the API sent malformed (a field of the wrong type, or an id no checkpoint has): they were not checked`,
        );
      }
      if (failed.length > 0) {
        const which =
          invocation.common.format === 'jsonl'
            ? failed.map((f) => `${f.fine_tuned_model_checkpoint}: ${f.error}`).join('; ')
            : 'see "failed"';
        io.note(`${failed.length} of ${results.length} checkpoint lookups failed (${which})`);
      }
      if (!complete) io.note(partialAnswer(results.length));
      return failed.length > 0 || jobFailures.length > 0 || (!complete && invocation.strict) ? EXIT_FAILED : EXIT_OK;
    } finally {
      bar?.clear();
    }
  });
}

/** What a projects-access without an ordinary key could check, and how to check all. */
function partialAnswer(checked: number): string {
  return `partial answer: checked only ${plural(checked, 'checkpoint')} (opened recently in the UI, or named with --checkpoint), not the fine-tuning jobs' models and checkpoints; listing the jobs needs an ordinary key (--api-key or OPENAI_API_KEY), or name every checkpoint to check with --checkpoint`;
}

const BAR_WIDTH = 20;

/** `[#########-----------] 9/20 checkpoints` on one terminal line, redrawn in place and erased at the end. */
function progressLine(stream: NodeJS.WritableStream) {
  const line = statusLine(stream);
  return {
    status: line.show,
    update: (done: number, total: number) => line.show(`${progressBar(done, total, BAR_WIDTH)} checkpoints`),
    clear: line.clear,
  };
}

// ---- export ----

export async function runExport(invocation: Extract<Invocation, { kind: 'export' }>, io: OpsIO): Promise<number> {
  return withClient(invocation.common, io.env, async (client, demoCheckpoints, options) => {
    const checkpoint = requireCheckpoint(invocation.checkpoint, 'export', demoCheckpoints);
    const toStdout = invocation.output === undefined || invocation.output === '-';
    // Checked before anything is sent: a typo in the directory is not worth a full download.
    const file = toStdout ? undefined : outputFile(invocation.output!, checkpoint, invocation.format);
    const rows: ExportRow[] = await exportRows(client, checkpoint, { cache: directoryCacheOf(invocation.common, options, io.env) });
    const text = printed({ json: exportDocument(checkpoint, rows), csv: () => toCsv(rows) }, invocation.format);
    if (file === undefined) {
      await io.stdout.write(text);
      return EXIT_OK;
    }
    await writeOutput(file, redactKeys(text, io.secrets));
    io.note(`wrote ${plural(rows.length, 'permission')} to ${file}`);
    return EXIT_OK;
  });
}

/** The file to write: FILE itself, or a file named after the checkpoint inside an existing directory. */
function outputFile(path: string, checkpoint: string, format: ExportFormat): string {
  if (isDirectory(path)) return join(path, exportFileName(checkpoint, format));
  if (/[\\/]$/.test(path)) throw new UsageError(`--output: the directory ${path} does not exist`, 'export');
  const directory = dirname(path);
  if (!isDirectory(directory)) throw new UsageError(`--output: the directory ${directory} does not exist`, 'export');
  return path;
}
