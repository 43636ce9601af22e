// Access as code: dump today's sharing to an access file, plan the file against the server, apply it.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client } from '../api/client';
import { ApiError } from '../api/errors';
import { redactKeys } from '../api/keys';
import { sanitizeLine } from '../api/sanitize';
import type { Project } from '../api/types';
import { dumpAccessFile, isJsonFile, parseAccessFile, type AccessFile, type DumpEntry, type FileProblem } from '../ops/access-file';
import { label, planAccessFile } from '../ops/access-plan';
import { runChange, type ChangeOutcome } from '../ops/change';
import { doneLine } from '../ops/change-lines';
import { plansAreEmpty, type CheckpointPlan } from '../ops/change-plan';
import { isArchived, readDirectory } from '../ops/directory';
import { directoryCacheOf } from './directory-file';
import { isDirectory, writeOutput } from '../ops/files';
import { mapBounded, REQUESTS_AT_ONCE } from '../ops/pool';
import { candidateCheckpoints } from '../ops/project-access';
import { plural } from '../store/text';
import { UsageError, type Invocation } from './args';
import { withClient } from './commands';
import { EXIT_OK } from './guard';
import { confirmApply, EXIT_FAILED, exitAfterChanges, forgetRecent, interruptible, outcomeLine, recentOf, type OpsIO } from './ops-io';
import { printed } from './output';
import { painter, plain, type Paint } from './colour';

export const EXIT_BAD_FILE = 2;
/** plan --exit-code: changes are pending. */
export const EXIT_CHANGES = 3;

type Directory = Map<string, Project>;

// ---- dump ----

export async function runDump(invocation: Extract<Invocation, { kind: 'dump' }>, io: OpsIO): Promise<number> {
  const command = 'dump';
  const toStdout = invocation.output === undefined || invocation.output === '-';
  // Checked before anything is read: a typo in the directory is not worth the reads.
  if (!toStdout) {
    const directory = dirname(invocation.output!);
    if (isDirectory(invocation.output!)) throw new UsageError(`--output: ${invocation.output} is a directory: give a file name`, command);
    if (!isDirectory(directory)) throw new UsageError(`--output: the directory ${directory} does not exist`, command);
  }
  return withClient(invocation.common, io.env, async (client, demoCheckpoints, options) => {
    const given = invocation.checkpoints.length > 0;
    let checkpoints = invocation.checkpoints;
    // As projects-access finds candidates: the jobs' models and checkpoints, and the recent ones (not in the demo).
    const recentFile = given ? undefined : recentOf(options, io.env);
    const recent = recentFile?.load() ?? [];
    if (!given) {
      checkpoints = demoCheckpoints ?? (await candidateCheckpoints(client, recent));
      if (checkpoints.length === 0) {
        throw new UsageError(
          "no checkpoints to dump: name them (ckpt-perms dump CHECKPOINT …), or give an ordinary key (--api-key or OPENAI_API_KEY) to find the fine-tuning jobs' checkpoints",
          command,
        );
      }
    }
    const [directory, reads] = await Promise.all([
      readDirectory(client, { cache: directoryCacheOf(invocation.common, options, io.env) }),
      // Sets: the file lists each checkpoint's projects sorted.
      mapBounded(checkpoints, REQUESTS_AT_ONCE, (checkpoint) => client.permissions.readAll(checkpoint)),
    ]);
    const entries: DumpEntry[] = [];
    const notFound: string[] = [];
    for (const read of reads) {
      if (!read.ok) {
        // A checkpoint found on its own that no longer exists is skipped; one named on the command line is an error.
        if (!given && read.error instanceof ApiError && read.error.status === 404) {
          notFound.push(read.item);
          continue;
        }
        throw read.error;
      }
      entries.push({
        checkpoint: read.item,
        projects: read.value.map((p) => {
          const project = directory.get(p.project_id);
          return { id: p.project_id, name: project?.name ?? null, archived: project !== undefined && isArchived(project) };
        }),
      });
    }
    if (notFound.length > 0) {
      // As projects-access does: a recent checkpoint that answers 404 leaves the recent list.
      forgetRecent(recentFile, notFound);
      io.note(`skipped ${notFound.length} checkpoint(s) not found (deleted, or another organization's): ${notFound.join(', ')}`);
    }
    const json = !toStdout && isJsonFile(invocation.output!);
    const text = json ? dumpJson(entries) : dumpAccessFile(entries);
    // Found on its own without an ordinary key: only the recent checkpoints, not the jobs'.
    const complete = given || demoCheckpoints !== undefined || client.hasApiKey;
    const partial = () => {
      if (complete) return EXIT_OK;
      io.note(
        `partial dump: only ${plural(entries.length, 'checkpoint')} opened recently in the UI, not the fine-tuning jobs' models and checkpoints; listing the jobs needs an ordinary key (--api-key or OPENAI_API_KEY), or name the checkpoints (ckpt-perms dump CHECKPOINT …)`,
      );
      return invocation.strict ? EXIT_FAILED : EXIT_OK;
    };
    if (toStdout) {
      await io.stdout.write(text);
      return partial();
    }
    await writeOutput(invocation.output!, redactKeys(text, io.secrets));
    io.note(`wrote the access of ${plural(entries.length, 'checkpoint')} to ${invocation.output}`);
    return partial();
  });
}

/** The same file as JSON (which has no comments, so no names). */
function dumpJson(entries: DumpEntry[]): string {
  const checkpoints: Record<string, { exclusive: boolean; projects: string[] }> = {};
  for (const entry of [...entries].sort((a, b) => (a.checkpoint < b.checkpoint ? -1 : 1))) {
    checkpoints[entry.checkpoint] = { exclusive: false, projects: [...new Set(entry.projects.map((p) => p.id))].sort() };
  }
  return printed({ json: { checkpoints } }, 'json');
}

// ---- plan and apply ----

export async function runPlanOrApply(invocation: Extract<Invocation, { kind: 'plan' | 'apply' }>, io: OpsIO): Promise<number> {
  const name = invocation.file;
  const file = readAccessFile(name, io);
  if (file === undefined) return EXIT_BAD_FILE;
  return withClient(invocation.common, io.env, async (client, _demo, options) => {
    const planning = await planAccessFile(client, file, { cache: directoryCacheOf(invocation.common, options, io.env) });
    if (!planning.ok) {
      reportProblems(name, planning.problems, io);
      io.note(`${name}: ${plural(planning.problems.length, 'problem')}; nothing was changed`);
      return EXIT_BAD_FILE;
    }
    const { plans, directory } = planning;
    const text = invocation.format === 'text';
    const empty = plansAreEmpty(plans);
    if (invocation.kind === 'plan') {
      const result = { json: planDocument(name, plans, directory), text: () => planText(plans, directory, painter(io.colour ?? false)) };
      await io.stdout.write(printed(result, invocation.format));
      return !empty && invocation.exitCode ? EXIT_CHANGES : EXIT_OK;
    }
    // apply: the plan as text first; JSON is one document, printed once the outcomes are known (or none will be).
    if (text) await io.stdout.write(planText(plans, directory, painter(io.colour ?? false)));
    const finishJson = (outcomes?: ChangeOutcome[], interrupted?: string) =>
      io.stdout.write(
        printed({ json: { ...planDocument(name, plans, directory), ...outcomesDocument(directory, outcomes, interrupted) } }, 'json'),
      );
    const confirmed = await confirmApply(io, {
      yes: invocation.yes,
      text,
      stop: empty ? '' : undefined,
      howToApply: 'pass --yes to apply this plan',
      printJson: () => finishJson(),
    });
    if (!confirmed.apply) return confirmed.exitCode;
    return applyAndReport(client, plans, directory, io, text ? undefined : finishJson);
  });
}

async function applyAndReport(
  client: Client,
  plans: CheckpointPlan[],
  directory: Directory,
  io: OpsIO,
  finishJson: ((outcomes: ChangeOutcome[], interrupted?: string) => Promise<void>) | undefined,
): Promise<number> {
  return interruptible(io, async (interrupts) => {
    const { outcomes } = await runChange(client, 'apply', plans, { stop: interrupts.stop, abort: interrupts.abort });
    if (finishJson) await finishJson(outcomes, interrupts.received);
    else await io.stdout.write(outcomesText(outcomes, directory, painter(io.colour ?? false)));
    return exitAfterChanges(
      io,
      interrupts,
      outcomes,
      (notDone) =>
        `${notDone.length} of ${outcomes.length} changes failed (${finishJson ? 'see "outcomes"' : 'listed above'}); run apply again to retry them`,
    );
  });
}

/** The file, parsed; undefined (with its problems on stderr) when it cannot be read or is not a good access file. */
function readAccessFile(name: string, io: OpsIO): AccessFile | undefined {
  let text: string;
  try {
    text = readFileSync(name, 'utf8');
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a directory' : (err.code ?? 'unreadable');
    io.note(`cannot read the access file ${name}: ${why}`);
    return undefined;
  }
  const parsed = parseAccessFile(text, isJsonFile(name));
  if (parsed.ok) return parsed.file;
  reportProblems(name, parsed.problems, io);
  io.note(`${name}: ${plural(parsed.problems.length, 'problem')}; nothing was sent`);
  return undefined;
}

function reportProblems(name: string, problems: FileProblem[], io: OpsIO): void {
  for (const problem of problems) io.line(`${name}:${problem.position.line}:${problem.position.col}: ${problem.message}`);
}

/**
 * ft:…:JOmZHrYw (exclusive)
 *   + proj_abc (Billing Copilot)
 *   - proj_def (Old Project)  cp_…
 *   135 unchanged
 * 1 to add, 1 to remove, 147 unchanged
 */
export function planText(plans: CheckpointPlan[], directory: Directory, paint: Paint = plain): string {
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(`${sanitizeLine(plan.checkpoint)}${plan.exclusive ? ' (exclusive)' : ''}`);
    for (const id of plan.add) lines.push(paint('success', `  + ${label(id, directory)}`));
    for (const permission of plan.remove)
      lines.push(paint('error', `  - ${label(permission.project_id, directory)}  ${sanitizeLine(permission.id)}`));
    const kept = plan.kept.length > 0 ? ` · ${plan.kept.length} not in the file, kept (exclusive: true would remove them)` : '';
    lines.push(`  ${plan.unchanged.length} unchanged${kept}`);
  }
  const add = plans.reduce((n, p) => n + p.add.length, 0);
  const remove = plans.reduce((n, p) => n + p.remove.length, 0);
  const unchanged = plans.reduce((n, p) => n + p.unchanged.length, 0);
  lines.push(
    add + remove === 0
      ? `No changes: ${plural(plans.length, 'checkpoint')} already as the file says (${unchanged} unchanged)`
      : `Plan: ${add} to add, ${remove} to remove, ${unchanged} unchanged`,
  );
  return `${lines.join('\n')}\n`;
}

function outcomesText(outcomes: ChangeOutcome[], directory: Directory, paint: Paint = plain): string {
  const lines: string[] = [];
  let checkpoint: string | undefined;
  for (const outcome of [...outcomes].sort((a, b) => (a.checkpoint < b.checkpoint ? -1 : a.checkpoint > b.checkpoint ? 1 : 0))) {
    if (outcome.checkpoint !== checkpoint) {
      checkpoint = outcome.checkpoint;
      lines.push(sanitizeLine(checkpoint));
    }
    lines.push(`  ${outcomeLine(outcome, label(outcome.projectId, directory), paint)}`);
  }
  lines.push(doneLine(outcomes));
  return `${lines.join('\n')}\n`;
}

export function planDocument(file: string, plans: CheckpointPlan[], directory: Directory) {
  const nameOf = (id: string) => directory.get(id)?.name ?? null;
  return {
    file,
    changes: !plansAreEmpty(plans),
    checkpoints: plans.map((plan) => ({
      checkpoint: plan.checkpoint,
      exclusive: plan.exclusive,
      add: plan.add.map((id) => ({ project_id: id, project_name: nameOf(id) })),
      remove: plan.remove.map((p) => ({ project_id: p.project_id, project_name: nameOf(p.project_id), permission_id: p.id })),
      unchanged: plan.unchanged,
      kept: plan.kept,
    })),
  };
}

/** apply's part of the JSON document: whether it applied, and every change's outcome. */
function outcomesDocument(directory: Directory, outcomes: ChangeOutcome[] | undefined, interrupted: string | undefined) {
  if (outcomes === undefined) return { applied: false };
  return {
    applied: true,
    interrupted: interrupted ?? null,
    outcomes: outcomes.map((o) => ({
      checkpoint: o.checkpoint,
      project_id: o.projectId,
      project_name: directory.get(o.projectId)?.name ?? null,
      action: o.action,
      status: o.status,
      permission_id: o.permissionId ?? null,
      reason: o.reason ?? null,
    })),
  };
}
