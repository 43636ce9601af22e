// The non-interactive commands: one request (or one cursor walk), the API's JSON out.
import type { Client, ClientOptions, PermissionQuery } from '../api/client';
import { createClient, INSECURE_HTTP_WARNING } from '../api/client';
import { CkptPermsError } from '../api/errors';
import { clientOptionsFrom } from '../api/config';
import { debugLogger } from './debug';
import type { ListEnvelope, Permission } from '../api/types';
import { UsageError, type CommandName, type CommonOptions, type Invocation } from './args';
import { EXIT_OK } from './guard';
import { print, printed, response, type Output } from './output';
import { painter } from './colour';
import { sanitizeLine } from '../api/sanitize';
import { resolveProject } from './project-names';
import { directoryCacheOf } from './directory-file';

export interface CommandIO {
  stdout: Output;
  env: Record<string, string | undefined>;
  /** stdout is a terminal: list prints a table unless --format says otherwise. */
  terminal?: boolean;
  colour?: boolean;
  columns?: number;
  note?(message: string): void;
}

type ApiInvocation = Extract<Invocation, { kind: 'list' | 'retrieve' | 'delete' }>;

export async function runApiCommand(invocation: ApiInvocation, io: CommandIO): Promise<number> {
  await withClient(invocation.common, io.env, async (client, demoCheckpoints, options) => {
    const checkpoint = requireCheckpoint(invocation.checkpoint, invocation.kind, demoCheckpoints);
    const { format } = invocation.common;
    const command = invocation.kind;
    const cache = directoryCacheOf(invocation.common, options, io.env);
    const projectId = invocation.project && (await resolveProject(client, invocation.project, { command, cache }));
    if (invocation.kind === 'list' && (format === 'table' || (io.terminal && !invocation.common.formatGiven))) {
      return listTable(client, checkpoint, { ...invocation.query, project_id: projectId }, invocation, io, options);
    }
    if (invocation.kind === 'delete') {
      const permissionId = invocation.permissionId ?? (await permissionOf(client, checkpoint, projectId!));
      return io.stdout.write(printed(response(await client.permissions.delete(checkpoint, permissionId, { projectId })), format));
    }
    const query = { ...invocation.query, project_id: projectId };
    if (invocation.kind === 'list' && invocation.maxItems !== undefined) {
      return listFollowingCursors(client, checkpoint, query, invocation, io.stdout);
    }
    return io.stdout.write(printed(response(await client.permissions.list(checkpoint, query)), format));
  });
  return EXIT_OK;
}

/** `delete --project-id`: that project's permission, found with the API's project_id filter. */
async function permissionOf(client: Client, checkpoint: string, projectId: string): Promise<string> {
  const permission = await client.permissions.find(checkpoint, projectId);
  if (!permission) throw new CkptPermsError(`${projectId} has no access to ${checkpoint}: nothing to revoke`);
  return permission.id;
}

/** list for people: the page (or with --max-items the pages) as a table, and how to see more when there is more. */
async function listTable(
  client: Client,
  checkpoint: string,
  query: PermissionQuery,
  invocation: Extract<Invocation, { kind: 'list' }>,
  io: CommandIO,
  options: ClientOptions | undefined,
): Promise<void> {
  const { cachedProjects, permissionRows } = await import('./permission-table');
  const data: Permission[] = [];
  let hasMore = false;
  if (invocation.maxItems === undefined) {
    const page = await client.permissions.list(checkpoint, query);
    data.push(...page.data);
    hasMore = page.has_more;
  } else {
    for await (const page of client.permissions.pages(checkpoint, query, { maxItems: invocation.maxItems, bothEnds: true })) {
      data.push(...page.data);
      hasMore = page.has_more;
    }
  }
  const last = data.at(-1)?.id;
  const more = hasMore && last ? `more: ckpt-perms list ${checkpoint} --after ${last} (or --max-items -1 for all)` : undefined;
  const table = {
    columns: io.terminal ? io.columns : undefined,
    paint: painter(io.colour ?? false),
    nowMs: Date.now(),
    cached: invocation.common.demo ? [] : cachedProjects(io.env, options, invocation.common),
    note: io.note ?? (() => undefined),
  };
  await print(io.stdout, { json: data, table: () => permissionRows(client, data, table, more && sanitizeLine(more)) }, 'table');
}

/**
 * `list --max-items`: JSON waits for the last page, so a failure never prints a partial list;
 * JSONL streams each page as it comes (a failure still ends with exit 1).
 */
async function listFollowingCursors(
  client: Client,
  checkpoint: string,
  query: PermissionQuery,
  invocation: Extract<Invocation, { kind: 'list' }>,
  stdout: Output,
): Promise<void> {
  // Ordered: printed in the API's order (and --order), cut at --max-items; all of them (-1) read from both ends at once,
  // the far half held and printed last.
  const pages = client.permissions.pages(checkpoint, query, { maxItems: invocation.maxItems, bothEnds: true });
  if (invocation.common.format === 'jsonl') {
    for await (const page of pages) await stdout.write(printed(response(page), 'jsonl'));
    return;
  }
  const data: Permission[] = [];
  let hasMore = false;
  for await (const page of pages) {
    for (const item of page.data) data.push(item);
    hasMore = page.has_more;
  }
  const envelope: ListEnvelope<Permission> = {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: hasMore,
  };
  await stdout.write(printed(response(envelope), 'json'));
}

/**
 * A client for the flags and environment, or for a fresh in-process demo server with --demo; closed after `use`. With
 * --debug it logs each exchange on the process's stderr. `use` is also given the connection's options, read once here
 * (undefined for the demo), for what is kept per organization (recent checkpoints).
 */
export async function withClient<T>(
  common: CommonOptions,
  env: Record<string, string | undefined>,
  use: (client: Client, demoCheckpoints?: string[], options?: ClientOptions) => Promise<T>,
): Promise<T> {
  if (!common.demo) {
    const options = clientOptionsFrom(common.connection, env);
    if (options.allowInsecureHttp) process.stderr.write(`${INSECURE_HTTP_WARNING}\n`);
    const observer = common.debug ? debugLogger(process.stderr, [options.adminApiKey, options.apiKey]) : undefined;
    const client = createClient({ ...options, observer });
    try {
      return await use(client, undefined, options);
    } finally {
      await client.close();
    }
  }
  const { startDemoServer } = await import('../demo/server');
  const demo = await startDemoServer({ auditLog: common.demoAuditLog });
  const client = createClient({
    baseURL: demo.baseUrl,
    adminApiKey: demo.adminKey,
    apiKey: demo.apiKey,
    timeoutMs: common.connection.timeoutMs,
    maxRetries: common.connection.maxRetries,
    observer: common.debug ? debugLogger(process.stderr, [demo.adminKey, demo.apiKey]) : undefined,
  });
  try {
    return await use(client, demo.checkpoints);
  } finally {
    await client.close();
    await demo.close();
  }
}

export function requireCheckpoint(checkpoint: string | undefined, command: CommandName, demoCheckpoints?: string[]): string {
  if (checkpoint !== undefined) return checkpoint;
  const hint = demoCheckpoints?.[0]
    ? ` (the demo's largest is ${demoCheckpoints[0]}; ckpt-perms demo-server lists all ${demoCheckpoints.length})`
    : '';
  throw new UsageError(`${command} needs a checkpoint: --fine-tuned-model-checkpoint ID, or the first argument${hint}`, command);
}
