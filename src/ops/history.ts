// A checkpoint's history from the organization's audit log: every grant and revoke, with who did it.
import type { AuditLogQuery, Client, TimeRange } from '../api/client';
import { readAll } from '../api/paginate';
import { AbortError, ApiError, CkptPermsError } from '../api/errors';
import { sanitizeLine } from '../api/sanitize';
import type { AuditLogActor, AuditLogEvent, Permission, Project } from '../api/types';
import { LOOKUPS, lookUpOneByOne, lookUpProjects, readDirectory, type DirectoryStore } from './directory';
import { inChunks, mapBounded, REQUESTS_AT_ONCE } from './pool';

export const PERMISSION_EVENTS = ['checkpoint.permission.created', 'checkpoint.permission.deleted'] as const;
const [CREATED, DELETED] = PERMISSION_EVENTS;

/** Permission ids asked for at once when revokes are joined to grants older than the events read. */
const LOOKUP_BATCH = 20;

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
  /** The directory cache file: the organization's projects are read in segments cut at its ids, and it is written. */
  cache?: DirectoryStore;
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

/** Who, for one line or cell: `alice@acme.com` (after `by`, the history command's), or that the grant is older than the log. */
export function actorText(entry: Pick<HistoryEntry, 'actor' | 'before_log'>, by = ''): string {
  return entry.before_log ? 'granted before the log begins' : `${by}${entry.actor?.label ?? 'unknown'}`;
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

/** The events of a query, all pages, as a set; an answer that means "no audit logging" becomes AuditLogUnavailableError. */
async function readLog(client: Client, query: AuditLogQuery, signal?: AbortSignal): Promise<AuditLogEvent[]> {
  try {
    // A set: the grants found, by permission id.
    return await readAll(client.auditLogs.pages({ ...query, limit: 100 }, { signal }));
  } catch (error) {
    if (meansNoAuditLog(error)) throw new AuditLogUnavailableError(error);
    throw error;
  }
}

/** Time windows read at once when the log is long: one request each. */
const WINDOWS_AT_ONCE = REQUESTS_AT_ONCE;
/** A window aims at about this many pages of the density seen so far. */
const PAGES_PER_WINDOW = 5;

/**
 * Every permission event (since `since`), exactly once. A log that fits one page costs one request. A longer one is
 * read as time windows, several at once, instead of one page after another: the log pages by a cursor, so a single
 * walk of 10,000 events is 100 round trips in a row. The windows are disjoint ranges of `effective_at` and the events
 * are kept by id, so nothing depends on the order the API lists them in (which is not documented): the first window
 * takes everything at or after the oldest event of the first page, the others go back from there, and when a round
 * of windows is done, one request asks whether anything older is left.
 */
export async function readPermissionEvents(
  client: Client,
  since: number | undefined,
  signal?: AbortSignal,
  onProgress?: (events: number) => void,
): Promise<AuditLogEvent[]> {
  const event_types = [...PERMISSION_EVENTS];
  const byId = new Map<string, AuditLogEvent>();
  const keep = (events: AuditLogEvent[]) => {
    for (const event of events) byId.set(event.id, event);
    onProgress?.(byId.size);
  };
  const first = await readPage(client, { event_types, effective_at: since === undefined ? undefined : { gte: since }, limit: 100 }, signal);
  keep(first.data);
  if (!first.has_more || first.data.length === 0) return [...byId.values()];

  // One failed window stops the others: the whole read fails as one.
  const stop = new AbortController();
  const stopped = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const walk = async (range: TimeRange): Promise<number> => {
    let count = 0;
    try {
      // A set: each window's events go into byId (a count of them widens or narrows the next windows).
      for await (const page of client.auditLogs.pages({ event_types, effective_at: range, limit: 100 }, { signal: stopped })) {
        count += page.data.length;
        keep(page.data);
      }
    } catch (error) {
      stop.abort();
      throw meansNoAuditLog(error) ? new AuditLogUnavailableError(error) : error;
    }
    return count;
  };

  // Nothing in the log is older than time 0 (or `since`), and the API takes whole seconds ≥ 0: the windows stop there.
  const floor = Math.max(0, Math.floor(since ?? 0));
  const times = first.data.map((e) => e.effective_at).filter((t) => Number.isFinite(t));
  if (times.length === 0) return [...byId.values()];
  const oldest = Math.max(floor, Math.floor(Math.min(...times)));
  // Seconds that held about one page on the first page, times the pages a window should hold.
  let width = Math.max(60, Math.floor((Math.max(...times) - oldest + 1) * PAGES_PER_WINDOW));
  let upper = oldest;
  let ranges: TimeRange[] = [{ gte: oldest }];
  for (;;) {
    while (ranges.length < WINDOWS_AT_ONCE && upper > floor) {
      const lower = Math.max(floor, upper - width);
      ranges.push({ gte: lower, lt: upper });
      upper = lower;
    }
    const done = upper <= floor;
    // Whether anything is older than this round's windows is asked alongside them.
    const [counts, older] = await Promise.all([
      Promise.all(ranges.map(walk)),
      done ? undefined : readPage(client, { event_types, effective_at: { lt: upper }, limit: 1 }, stopped),
    ]);
    if (!older || older.data.length === 0) break;
    // Sparse windows widen quickly (a quiet year costs a few requests); dense ones narrow.
    const perWindow = counts.reduce((a, b) => a + b, 0) / counts.length;
    width = perWindow < 100 ? width * 4 : perWindow > 100 * PAGES_PER_WINDOW * 2 ? Math.max(60, Math.floor(width / 2)) : width;
    ranges = [];
  }
  return [...byId.values()];
}

/** One page, with the answers that mean "no audit logging" turned into AuditLogUnavailableError. */
async function readPage(client: Client, query: AuditLogQuery, signal: AbortSignal | undefined) {
  try {
    return await client.auditLogs.list(query, { signal });
  } catch (error) {
    throw meansNoAuditLog(error) ? new AuditLogUnavailableError(error) : error;
  }
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
  const names = options.projects ? undefined : startDirectory(client, options.signal, options.cache);
  try {
    return await readHistory(client, checkpoint, options, names);
  } catch (error) {
    names?.stop();
    throw error;
  }
}

async function readHistory(
  client: Client,
  checkpoint: string,
  options: HistoryOptions,
  names: ReturnType<typeof startDirectory> | undefined,
): Promise<HistoryEntry[]> {
  const { since, signal } = options;
  // The oldest permission event read, once they all are: permissions newer than it have their grant in the log.
  let oldestEvent: number | undefined;
  const [events, permissions] = await Promise.all([
    readPermissionEvents(client, since, signal, options.onProgress).then((read) => {
      oldestEvent = read.reduce((oldest, e) => Math.min(oldest, e.effective_at), Infinity);
      return read;
    }),
    permissionsOlderThanTheLog(client, checkpoint, () => oldestEvent, signal),
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
  const found = await mapBounded(inChunks(unjoined, LOOKUP_BATCH), REQUESTS_AT_ONCE, (batch) =>
    readLog(client, { event_types: [CREATED], resource_ids: batch }, signal),
  );
  for (const result of found) {
    if (!result.ok) throw result.error;
    for (const event of result.value) {
      const id = permissionIdOf(event);
      if (id && !grants.has(id)) grants.set(id, event);
    }
  }

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
      project_name: null,
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
    entries.push(beforeLog(permission));
  }
  const kept = entries.filter((entry) => options.projectId === undefined || entry.project_id === options.projectId);
  const projects = options.projects ?? (await names!.forProjects(new Set(kept.map((entry) => entry.project_id))));
  for (const entry of kept) {
    const name = projects.get(entry.project_id)?.name;
    entry.project_name = name ? sanitizeLine(name).trim() || null : null;
  }
  const chosen = kept
    .sort((a, b) => a.at - b.at || Number(b.before_log) - Number(a.before_log) || a.order - b.order)
    .map(({ order: _order, ...entry }) => entry);
  const max = options.maxItems === undefined || options.maxItems < 0 ? chosen.length : options.maxItems;
  return chosen.slice(Math.max(0, chosen.length - max));
}

function beforeLog(permission: Permission): HistoryEntry & { order: number } {
  return {
    at: permission.created_at,
    action: 'granted',
    permission_id: permission.id,
    project_id: permission.project_id,
    project_name: null,
    actor: null,
    before_log: true,
    event_id: null,
    order: 0,
  };
}

/**
 * The checkpoint's permissions that may be older than the log: oldest first, until one is newer than the oldest
 * permission event (known once the events are read; until then the walk goes on). Those newer have their grant in the
 * log, so a checkpoint with thousands of permissions costs a page or two instead of a page per hundred.
 */
async function permissionsOlderThanTheLog(
  client: Client,
  checkpoint: string,
  oldestEvent: () => number | undefined,
  signal: AbortSignal | undefined,
): Promise<Permission[]> {
  const permissions: Permission[] = [];
  // Ordered: oldest first, stopping at the first page past the log's oldest event.
  for await (const page of client.permissions.pages(checkpoint, { limit: 100, order: 'ascending' }, { signal })) {
    permissions.push(...page.data);
    const oldest = oldestEvent();
    const last = page.data.at(-1);
    if (oldest !== undefined && last && last.created_at > oldest) break;
  }
  return permissions;
}

/**
 * The organization's project names, read from the start alongside the log. When the history is known and the list is
 * still coming (a large organization), the few names still missing are asked for one by one instead (four at a time)
 * and the list is dropped. Names are a nicety: a failure leaves ids alone.
 */
function startDirectory(client: Client, signal: AbortSignal | undefined, cache: DirectoryStore | undefined) {
  const names = new Map<string, Pick<Project, 'name'>>();
  const stop = new AbortController();
  let complete = false;
  // Never rejects: a failed or stopped list leaves the names it had.
  const reading = (async () => {
    try {
      const stopped = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
      await readDirectory(client, {
        signal: stopped,
        cache,
        // Kept page by page: a list stopped part-way keeps the names it had.
        onPage: (page) => page.data.forEach((project) => names.set(project.id, project)),
      });
      complete = true;
    } catch {
      // ids alone, or the names looked up one by one below
    }
  })();
  return {
    /** The history failed: the list is not wanted any more. */
    stop: () => stop.abort(),
    async forProjects(wanted: Set<string>): Promise<Map<string, Pick<Project, 'name'>>> {
      const missing = () => [...wanted].filter((id) => !names.has(id));
      if (!complete && lookUpOneByOne(missing().length)) stop.abort();
      await reading;
      if (signal?.aborted) throw new AbortError('the request was cancelled');
      const left = missing();
      if (!complete && lookUpOneByOne(left.length)) {
        const { found } = await lookUpProjects(client, left, { concurrency: LOOKUPS.concurrency, signal });
        if (signal?.aborted) throw new AbortError('the request was cancelled');
        for (const [id, project] of found) names.set(id, project);
      }
      return names;
    },
  };
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
