// A checkpoint's history from the organization's audit log: every grant and revoke, with who did it.
import type { Client } from '../api/client';
import { AbortError, ApiError, CkptPermsError } from '../api/errors';
import { sanitizeLine } from '../api/sanitize';
import type { AuditLogActor, AuditLogEvent, Permission, Project } from '../api/types';
import { mapBounded } from './pool';
import { allPermissions } from './sync';

export const PERMISSION_EVENTS = ['checkpoint.permission.created', 'checkpoint.permission.deleted'] as const;
const [CREATED, DELETED] = PERMISSION_EVENTS;

/** Permission ids asked for at once when revokes are joined to grants older than the events read. */
const LOOKUP_BATCH = 20;
/** Lookups in flight at once, as for bulk revokes. */
const LOOKUP_CONCURRENCY = 4;

/**
 * The one sentence for an organization whose audit log cannot be read or is empty. What the API answers before an
 * owner turns audit logging on is not documented (an empty list or an error): both end here, never in retries.
 */
export const NO_AUDIT_LOG =
  "this organization's audit log is empty or unavailable: an organization owner may not have turned audit logging on (Organization settings), so there is no history to show";

export class AuditLogUnavailableError extends CkptPermsError {
  override name = 'AuditLogUnavailableError';
  constructor(cause?: unknown) {
    super(NO_AUDIT_LOG, { cause });
  }
}

/** Who did it, for one line of a terminal: every part is data from the network, so `label` is sanitized. */
export interface HistoryActor {
  /** A person in a dashboard session, an API key (a person's), a service account's key, or nobody the log names. */
  type: 'user' | 'api_key' | 'service_account' | 'unknown';
  email: string | null;
  /** The user's or the service account's id. */
  id: string | null;
  /** The API key's tracking id. */
  api_key_id: string | null;
  label: string;
}

export interface HistoryEntry {
  /** Unix seconds: the event's, or for a permission older than the log, when the permission was created. */
  at: number;
  action: 'granted' | 'revoked';
  permission_id: string;
  project_id: string;
  project_name: string | null;
  /** Null when the permission was granted before the log begins (no event names anyone). */
  actor: HistoryActor | null;
  before_log: boolean;
  event_id: string | null;
}

export interface HistoryOptions {
  /** Only events since (Unix seconds, inclusive). */
  since?: number;
  projectId?: string;
  /** At most this many entries, the most recent ones; undefined or -1 for all. */
  maxItems?: number;
  /** Project names by id; without it the organization's projects are read. */
  projects?: Map<string, Pick<Project, 'name'>>;
  signal?: AbortSignal;
  /** Told after each page of the organization's permission events: how many have been read so far. */
  onProgress?: (eventsRead: number) => void;
}

/** `alice@acme.com`, `bob@acme.com (API key key_…)`, `service account svc_…`, `API key key_…`, or `unknown`. */
export function actorOf(actor: AuditLogActor | null | undefined): HistoryActor {
  const clean = (text: string | undefined) => (text ? sanitizeLine(text).trim() || null : null);
  const key = actor?.type === 'api_key' ? actor.api_key : undefined;
  if (actor?.type === 'session' && actor.session?.user) {
    const email = clean(actor.session.user.email);
    const id = clean(actor.session.user.id);
    if (email || id) return { type: 'user', email, id, api_key_id: null, label: email ?? `user ${id}` };
  }
  if (key?.type === 'service_account' || key?.service_account) {
    const id = clean(key.service_account?.id);
    const keyId = clean(key.id);
    if (id || keyId) return { type: 'service_account', email: null, id, api_key_id: keyId, label: `service account ${id ?? keyId}` };
  }
  if (key) {
    const email = clean(key.user?.email);
    const id = clean(key.user?.id);
    const keyId = clean(key.id);
    const owner = email ?? (id ? `user ${id}` : null);
    if (owner || keyId) {
      const label = owner && keyId ? `${owner} (API key ${keyId})` : owner ? `${owner} (API key)` : `API key ${keyId}`;
      return { type: 'api_key', email, id, api_key_id: keyId, label };
    }
  }
  return { type: 'unknown', email: null, id: null, api_key_id: null, label: 'unknown' };
}

/** The permission a created or deleted event is about. */
function permissionIdOf(event: AuditLogEvent): string | undefined {
  const details = event.type === CREATED ? event[CREATED] : event.type === DELETED ? event[DELETED] : undefined;
  return typeof details?.id === 'string' ? details.id : undefined;
}

/**
 * Whether an audit-log error means the log is off rather than something to report as is. Undocumented, so read
 * narrowly: a 403 or 404, or a refusal that talks about the audit log. A 401 stays the admin-key error it is.
 */
function meansNoAuditLog(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 403 || error.status === 404) return true;
  return error.status >= 400 && error.status < 500 && ![401, 408, 409, 429].includes(error.status) && /audit/i.test(error.apiMessage);
}

/** The events of a query, all pages; an answer that means "no audit logging" becomes AuditLogUnavailableError. */
async function readLog(
  client: Client,
  query: Parameters<Client['auditLogs']['all']>[0],
  signal?: AbortSignal,
  onPage?: (events: number) => void,
): Promise<AuditLogEvent[]> {
  const events: AuditLogEvent[] = [];
  try {
    for await (const page of client.auditLogs.pages({ ...query, limit: 100 }, { signal })) {
      events.push(...page.data);
      onPage?.(events.length);
    }
  } catch (error) {
    if (meansNoAuditLog(error)) throw new AuditLogUnavailableError(error);
    throw error;
  }
  return events;
}

/** Whether the organization's log has anything at all: one request, asked only when a history comes back empty. */
export async function auditLogIsEmpty(client: Client, signal?: AbortSignal): Promise<boolean> {
  try {
    return (await client.auditLogs.list({ limit: 1 }, { signal })).data.length === 0;
  } catch (error) {
    if (meansNoAuditLog(error)) return true;
    throw error;
  }
}

/**
 * Every grant and revoke of `checkpoint`, oldest first. The log can be filtered by event type and time but not by
 * checkpoint (a created event names it in its data; a deleted event carries only the permission id), so the
 * organization's permission events are read in full and joined here. A revoke whose grant is older than the events
 * read is joined by asking for that grant by id; one whose grant predates the log cannot be tied to any checkpoint
 * and is left out. Permissions that exist without a created event were granted before the log begins. The log's
 * order is not documented: entries are sorted by time.
 */
export async function checkpointHistory(client: Client, checkpoint: string, options: HistoryOptions = {}): Promise<HistoryEntry[]> {
  const { since, signal } = options;
  const [events, permissions, projects] = await Promise.all([
    readLog(
      client,
      { event_types: [...PERMISSION_EVENTS], effective_at: since === undefined ? undefined : { gte: since } },
      signal,
      options.onProgress,
    ),
    allPermissions(client, checkpoint, signal),
    options.projects ?? projectNames(client, signal),
  ]);
  if (events.length === 0 && (await auditLogIsEmpty(client, signal))) throw new AuditLogUnavailableError();

  const grants = new Map<string, AuditLogEvent>();
  for (const event of events) {
    const id = permissionIdOf(event);
    if (event.type === CREATED && id) grants.set(id, event);
  }
  const unjoined = [...new Set(events.filter((e) => e.type === DELETED).map((e) => permissionIdOf(e) ?? '')).values()].filter(
    (id) => id && !grants.has(id),
  );
  const batches: string[][] = [];
  for (let i = 0; i < unjoined.length; i += LOOKUP_BATCH) batches.push(unjoined.slice(i, i + LOOKUP_BATCH));
  const found = await mapBounded(batches, LOOKUP_CONCURRENCY, (batch) =>
    readLog(client, { event_types: [CREATED], resource_ids: batch }, signal),
  );
  for (const result of found) {
    if (!result.ok) throw result.error;
    for (const event of result.value) {
      const id = permissionIdOf(event);
      if (id && !grants.has(id)) grants.set(id, event);
    }
  }

  const nameOf = (projectId: string) => {
    const name = projects?.get(projectId)?.name;
    return name ? sanitizeLine(name).trim() || null : null;
  };
  const grantedHere = (event: AuditLogEvent | undefined) => event?.[CREATED]?.data?.fine_tuned_model_checkpoint === checkpoint;
  const entries: (HistoryEntry & { order: number })[] = [];
  events.forEach((event, order) => {
    const permissionId = permissionIdOf(event);
    if (!permissionId) return;
    const grant = event.type === CREATED ? event : grants.get(permissionId);
    if (!grantedHere(grant)) return;
    const projectId = grant?.[CREATED]?.data?.project_id ?? '';
    entries.push({
      at: event.effective_at,
      action: event.type === CREATED ? 'granted' : 'revoked',
      permission_id: permissionId,
      project_id: projectId,
      project_name: nameOf(projectId),
      actor: actorOf(event.actor),
      before_log: false,
      event_id: event.id,
      // The API lists newest first (undocumented): ties keep its order, reversed.
      order: -order,
    });
  });
  for (const permission of permissions) {
    if (grants.has(permission.id) && grantedHere(grants.get(permission.id))) continue;
    if (since !== undefined && permission.created_at < since) continue;
    entries.push(beforeLog(permission, nameOf(permission.project_id)));
  }
  const chosen = entries
    .filter((entry) => options.projectId === undefined || entry.project_id === options.projectId)
    .sort((a, b) => a.at - b.at || Number(b.before_log) - Number(a.before_log) || a.order - b.order)
    .map(({ order: _order, ...entry }) => entry);
  const max = options.maxItems === undefined || options.maxItems < 0 ? chosen.length : options.maxItems;
  return chosen.slice(Math.max(0, chosen.length - max));
}

function beforeLog(permission: Permission, projectName: string | null): HistoryEntry & { order: number } {
  return {
    at: permission.created_at,
    action: 'granted',
    permission_id: permission.id,
    project_id: permission.project_id,
    project_name: projectName,
    actor: null,
    before_log: true,
    event_id: null,
    order: 0,
  };
}

/** Project names, or none when they cannot be read: ids alone still make a history. */
async function projectNames(client: Client, signal?: AbortSignal): Promise<Map<string, Pick<Project, 'name'>> | undefined> {
  const names = new Map<string, Pick<Project, 'name'>>();
  try {
    for await (const project of client.projects.all({ limit: 100, include_archived: true }, { signal })) names.set(project.id, project);
    return names;
  } catch (error) {
    if (error instanceof AbortError) throw error;
    return undefined;
  }
}

/**
 * Who granted a permission and when, for the revoke dialog: one request by id. Undefined when the log does not
 * know (a grant older than the log, or an organization without audit logging, whose log is empty).
 */
export async function grantOf(
  client: Client,
  permissionId: string,
  signal?: AbortSignal,
): Promise<{ at: number; actor: HistoryActor } | undefined> {
  const page = await client.auditLogs.list({ event_types: [CREATED], resource_ids: [permissionId], limit: 1 }, { signal });
  const event = page.data.find((e) => permissionIdOf(e) === permissionId && e.type === CREATED);
  return event ? { at: event.effective_at, actor: actorOf(event.actor) } : undefined;
}
