// The demo organization's audit log: seeded history of checkpoint sharing (and a little else), plus an event for
// every create and delete made against the demo, with the calling key as its actor. HTTP-free, like state.ts.
import type { AuditLogActor, AuditLogEvent, FineTuningJob, ListEnvelope, Permission } from '../api/types';
import { envelope } from './envelope';
import { badRequest } from './errors';
import { base62, mulberry32, randInt, shuffle, uniqueIdMaker, type Rng } from './random';
import { REGULAR_PROJECT_COUNT, SEED_BASE_TIME, type DemoSeed } from './seed';

const DAY = 86_400;
const HOUR = 3_600;

/**
 * Audit logging was turned on here (2025-11-16T09:00Z, 50 days before the seed's "now"): events before it do
 * not exist, so some of the seeded permissions are older than the log and have no history.
 */
export const AUDIT_LOG_START = SEED_BASE_TIME - 50 * DAY;

/** AuditLogEventType of the spec (OpenAPI 2.3.0), in its order. */
export const AUDIT_LOG_EVENT_TYPES: readonly string[] = (
  'api_key.created api_key.updated api_key.deleted certificate.created certificate.updated certificate.deleted ' +
  'certificates.activated certificates.deactivated checkpoint.permission.created checkpoint.permission.deleted ' +
  'external_key.registered external_key.removed group.created group.updated group.deleted invite.sent invite.accepted invite.deleted ' +
  'ip_allowlist.created ip_allowlist.updated ip_allowlist.deleted ip_allowlist.config.activated ip_allowlist.config.deactivated ' +
  'login.succeeded login.failed logout.succeeded logout.failed organization.updated project.created project.updated project.archived ' +
  'project.deleted rate_limit.updated rate_limit.deleted resource.deleted tunnel.created tunnel.updated tunnel.deleted ' +
  'workload_identity_provider.created workload_identity_provider.updated workload_identity_provider.deleted ' +
  'workload_identity_provider_mapping.created workload_identity_provider_mapping.updated workload_identity_provider_mapping.deleted ' +
  'role.created role.updated role.deleted role.assignment.created role.assignment.deleted role.bound_to_resource ' +
  'role.unbound_from_resource scim.enabled scim.disabled service_account.created service_account.updated service_account.deleted ' +
  'user.added user.updated user.deleted tenant.metadata.updated tenant.microsoft_entra_mapping.upserted ' +
  'tenant.microsoft_entra_mapping.deleted tenant.workload_identity.provider.created tenant.workload_identity.provider.updated ' +
  'tenant.workload_identity.provider.archived tenant.workload_identity.mapping.created tenant.workload_identity.mapping.updated ' +
  'tenant.workload_identity.mapping.archived tenant.workload_identity.binding.created tenant.workload_identity.principal.provisioned ' +
  'tenant.workload_identity.access_token.issued tenant.admin_api_key.created tenant.admin_api_key.updated ' +
  'tenant.admin_api_key.deleted tenant.project_api_key.created tenant.chatgpt_access_token.revoked tenant.migration.completed ' +
  'tenant.sso.migrated tenant.domains.migrated tenant.sso_connection.created tenant.sso_connection.updated ' +
  'tenant.sso_connection.deleted tenant.sso_connection.setup.started tenant.policy.created tenant.policy.updated ' +
  'tenant.policy.deleted tenant.policy.attached tenant.policy.detached tenant.principal_authentication_policy.resolved ' +
  'tenant.scim.setup.started tenant.scim.deletion.requested tenant.scim.directory.created tenant.product_access_policy.updated ' +
  'tenant.resource_share_grant.created tenant.resource_share_grant.updated tenant.resource_share_grant.accepted ' +
  'tenant.resource_share_grant.declined tenant.resource_share_grant.revoked tenant.resource_share_grant.deleted ' +
  'tenant.service_account.updated tenant.service_account.deleted tenant.service_account.token.revoked ' +
  'tenant.billing.overage_limit.updated tenant.billing.alerts.updated tenant.billing.info.updated ' +
  'tenant.usage_limit.workspace.updated tenant.usage_limit.group.updated tenant.usage_limit.user.updated ' +
  'tenant.usage_limit.increase_request.updated tenant.usage_limit.increase_request.resolved tenant.group.created ' +
  'tenant.group.updated tenant.group.deleted tenant.group.member.added tenant.group.member.removed ' +
  'tenant.migration_rollout.status.updated tenant.migration_rollout.tier.updated tenant.role.metadata.updated ' +
  'tenant.custom_role.created tenant.custom_role.updated tenant.custom_role.deleted tenant.role_assignment.created ' +
  'tenant.role_assignment.deleted tenant.resource_role_assignment.created tenant.resource_role_assignment.deleted ' +
  'tenant.resource_access.updated tenant.resource_access.deleted tenant.ads_account.onboarding.redemption ' +
  'tenant.session_policy.created tenant.session_policy.updated tenant.session_policy.deleted tenant.session_revocation.started ' +
  'tenant.third_party_app_policy.updated tenant.user.added tenant.user.updated tenant.user.removed tenant.user.looked_up ' +
  'tenant.user.invited tenant.membership.revoked tenant.api_organization_invite.upserted tenant.api_organization_invite.deleted ' +
  'tenant.chatgpt_workspace_invite.upserted tenant.membership.accepted tenant.membership.declined ' +
  'tenant.workspace_invite_email_settings.updated '
).split(' ');
const EVENT_TYPES = new Set(AUDIT_LOG_EVENT_TYPES);

/** An event before it has its id. */
type DraftEvent = Pick<AuditLogEvent, 'type' | 'effective_at' | 'project' | 'actor'> & Record<string, unknown>;

const CREATED = 'checkpoint.permission.created';
const DELETED = 'checkpoint.permission.deleted';

// Who shares checkpoints in the demo organization.
export const DEMO_USERS = [
  { id: 'user-Alc3Vq8rN2mXp7Tz', email: 'alice@acme.com' },
  { id: 'user-Bb9Lw4KdQ1sYf6Hn', email: 'bob.nguyen@acme.com' },
  { id: 'user-Cr2Pz8JtE5vWm3Ga', email: 'carol@acme.com' },
  { id: 'user-Dv7Hs1XcR9kLb4Qe', email: 'dmitri.petrov@acme.com' },
] as const;
export const DEMO_SERVICE_ACCOUNT_ID = 'svc_acct_Ml0psRx4Tb7YwC2n';
const SERVICE_ACCOUNT_KEY_ID = 'key_Sv5Hq2WnJ8dLz0Rc';
/** An admin key that automation used (its owner left no email in the log: it shows by its id). */
export const DEMO_AUTOMATION_KEY_ID = 'key_Au9Tm3Pf6Kx1Vb8e';
/** The tracking id of the demo server's own admin key: the actor of every change made against the demo. */
export const DEMO_ADMIN_KEY_ID = 'key_Dm0Ad7Nk4Ey2Qs9w';
export const DEMO_ADMIN_KEY_OWNER = { id: 'user-Ow5Nr8Ee3Rk6Yd1m', email: 'demo.admin@acme.com' } as const;
/** Admin-key actions are tied to the organization's default project (see the spec's AuditLog.project). */
export const DEFAULT_PROJECT = { id: 'proj_DefaultQk4Wn7Zp2Lx9Rt5', name: 'Default project' } as const;

const sessionActor = (user: { id: string; email: string }, ip: string): AuditLogActor => ({
  type: 'session',
  session: { user: { id: user.id, email: user.email }, ip_address: ip },
});

/** The actor of a change made with the demo server's admin key. */
export const DEMO_KEY_ACTOR: AuditLogActor = {
  type: 'api_key',
  api_key: { id: DEMO_ADMIN_KEY_ID, type: 'user', user: { ...DEMO_ADMIN_KEY_OWNER } },
};

const SEEDED_ACTORS: { weight: number; actor: AuditLogActor | null }[] = [
  { weight: 32, actor: sessionActor(DEMO_USERS[0], '203.0.113.24') },
  { weight: 20, actor: sessionActor(DEMO_USERS[1], '198.51.100.7') },
  { weight: 16, actor: sessionActor(DEMO_USERS[2], '203.0.113.90') },
  { weight: 10, actor: sessionActor(DEMO_USERS[3], '192.0.2.146') },
  {
    weight: 12,
    actor: {
      type: 'api_key',
      api_key: { id: SERVICE_ACCOUNT_KEY_ID, type: 'service_account', service_account: { id: DEMO_SERVICE_ACCOUNT_ID } },
    },
  },
  { weight: 7, actor: { type: 'api_key', api_key: { id: DEMO_AUTOMATION_KEY_ID, type: 'user' } } },
  // The log sometimes cannot say who: the spec allows `actor: null`.
  { weight: 3, actor: null },
];
const TOTAL_WEIGHT = SEEDED_ACTORS.reduce((sum, a) => sum + a.weight, 0);

function pickActor(rng: Rng): AuditLogActor | null {
  let draw = rng() * TOTAL_WEIGHT;
  for (const { weight, actor } of SEEDED_ACTORS) {
    draw -= weight;
    if (draw < 0) return actor;
  }
  return null;
}

/** Filters of GET /organization/audit_logs, read and checked by routes.ts. */
export interface AuditLogFilter {
  eventTypes?: Set<string>;
  effectiveAt?: { gt?: number; gte?: number; lt?: number; lte?: number };
  projectIds?: Set<string>;
  actorIds?: Set<string>;
  actorEmails?: Set<string>;
  resourceIds?: Set<string>;
  limit: number;
  after?: string;
  before?: string;
}

const yyyymmdd = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10).replace(/-/g, '');

export class DemoAuditLog {
  /** Ascending by `effective_at` (then by arrival). The seeded part is built on first use: most demo runs never read it. */
  private events: AuditLogEvent[] | null = null;
  private readonly recorded: AuditLogEvent[] = [];
  private readonly indexById = new Map<string, number>();
  private readonly newRuntimeId: () => string;
  private readonly takenIds = new Set<string>();

  constructor(
    private readonly seed: DemoSeed,
    /** False: an organization whose owner never turned audit logging on (see `list`). */
    readonly enabled = true,
  ) {
    this.newRuntimeId = uniqueIdMaker(mulberry32(0xa0d17106), '', 12, this.takenIds);
  }

  private all(): AuditLogEvent[] {
    if (!this.events) {
      this.events = seedAuditLog(this.seed, this.takenIds);
      const seededUntil = this.events.at(-1)?.effective_at ?? 0;
      for (const event of this.recorded) this.events.push({ ...event, effective_at: Math.max(event.effective_at, seededUntil) });
      this.recorded.length = 0;
      this.events.forEach((event, i) => this.indexById.set(event.id, i));
    }
    return this.events;
  }

  /** Adds an event now (tests use it for events the seed lacks, such as hostile actor emails). */
  record(event: DraftEvent & { id?: string }): AuditLogEvent {
    const list = this.events ?? this.recorded;
    const last = list.at(-1)?.effective_at ?? 0;
    // The log stays in time order even if the clock is behind the seeded events.
    const effectiveAt = Math.max(Math.floor(event.effective_at), last);
    const id = event.id ?? `audit_log-${this.newRuntimeId()}_${yyyymmdd(effectiveAt)}`;
    const full = { ...event, id, effective_at: effectiveAt } as AuditLogEvent;
    list.push(full);
    if (this.events) this.indexById.set(id, this.events.length - 1);
    return structuredClone(full);
  }

  /** The events of a create made with `actor` (nothing without audit logging). */
  recordCreated(checkpoint: string, permissions: Permission[], actor: AuditLogActor, nowSec: number): void {
    if (!this.enabled) return;
    for (const permission of permissions) {
      this.record({
        type: CREATED,
        effective_at: nowSec,
        ...scopeOf(actor),
        actor,
        [CREATED]: { id: permission.id, data: { project_id: permission.project_id, fine_tuned_model_checkpoint: checkpoint } },
      });
    }
  }

  recordDeleted(permissionId: string, actor: AuditLogActor, nowSec: number): void {
    if (!this.enabled) return;
    this.record({ type: DELETED, effective_at: nowSec, ...scopeOf(actor), actor, [DELETED]: { id: permissionId } });
  }

  /** Every event, oldest first (for tests). */
  snapshot(): AuditLogEvent[] {
    return this.enabled ? this.all().map((e) => structuredClone(e)) : [];
  }

  /**
   * GET /organization/audit_logs: newest first, as the API lists it. `after` pages to older events, `before` to the
   * newer ones just above a cursor.
   *
   * Without audit logging the answer is a 200 with an empty list. The API documents no other answer for this
   * operation (only 200 ListAuditLogsResponse and 429 in the spec; an error is not described anywhere), and an
   * organization that never turned logging on has, by the API's own account, no events: so an empty list is the
   * one answer we can show to be the API's. Clients must therefore read an empty log as "probably not turned on".
   */
  list(filter: AuditLogFilter): ListEnvelope<AuditLogEvent> {
    if (!this.enabled) return envelope([], false);
    const events = this.all();
    const cursorIndex = (id: string, which: 'after' | 'before') => {
      const index = this.indexById.get(id);
      if (index === undefined) throw badRequest(`No audit log found with id '${id}' to page ${which}.`, which, 'invalid_value');
      return index;
    };
    const matches = (event: AuditLogEvent) => eventMatches(event, filter);
    const data: AuditLogEvent[] = [];
    let hasMore = false;
    if (filter.before !== undefined) {
      // The `limit` matching events just newer than the cursor, still listed newest first.
      let i = cursorIndex(filter.before, 'before') + 1;
      for (; i < events.length && data.length < filter.limit; i++) if (matches(events[i]!)) data.push(events[i]!);
      for (; i < events.length && !hasMore; i++) hasMore = matches(events[i]!);
      data.reverse();
    } else {
      let i = (filter.after === undefined ? events.length : cursorIndex(filter.after, 'after')) - 1;
      for (; i >= 0 && data.length < filter.limit; i--) if (matches(events[i]!)) data.push(events[i]!);
      for (; i >= 0 && !hasMore; i--) hasMore = matches(events[i]!);
    }
    return envelope(
      data.map((e) => structuredClone(e)),
      hasMore,
    );
  }
}

/** Admin-key actions carry the default project; a dashboard session's sharing is not scoped to one. */
function scopeOf(actor: AuditLogActor | null): { project?: { id: string; name: string } } {
  return actor?.type === 'api_key' ? { project: { ...DEFAULT_PROJECT } } : {};
}

function actorIdsOf(actor: AuditLogActor | null | undefined): string[] {
  if (!actor) return [];
  const key = actor.api_key;
  return [actor.session?.user?.id, key?.id, key?.user?.id, key?.service_account?.id].filter((id): id is string => !!id);
}

function eventMatches(event: AuditLogEvent, filter: AuditLogFilter): boolean {
  if (filter.eventTypes && !filter.eventTypes.has(event.type)) return false;
  const range = filter.effectiveAt;
  if (range) {
    const t = event.effective_at;
    if ((range.gt !== undefined && !(t > range.gt)) || (range.gte !== undefined && !(t >= range.gte))) return false;
    if ((range.lt !== undefined && !(t < range.lt)) || (range.lte !== undefined && !(t <= range.lte))) return false;
  }
  if (filter.projectIds && !filter.projectIds.has(event.project?.id ?? '')) return false;
  if (filter.actorIds && !actorIdsOf(event.actor).some((id) => filter.actorIds!.has(id))) return false;
  if (filter.actorEmails) {
    const email = event.actor?.session?.user?.email ?? event.actor?.api_key?.user?.email;
    if (!email || !filter.actorEmails.has(email)) return false;
  }
  if (filter.resourceIds) {
    const details = event[event.type] as { id?: unknown } | undefined;
    if (typeof details?.id !== 'string' || !filter.resourceIds.has(details.id)) return false;
  }
  return true;
}

/** When each checkpoint came to be: a fine-tuned model when its job finished, an intermediate one at its step. */
function checkpointTimes(seed: DemoSeed): Map<string, number> {
  const times = new Map<string, number>();
  for (const job of seed.jobs as FineTuningJob[]) {
    if (job.fine_tuned_model && job.finished_at) times.set(job.fine_tuned_model, job.finished_at);
    for (const ckpt of seed.jobCheckpoints.get(job.id) ?? []) times.set(ckpt.fine_tuned_model_checkpoint, ckpt.created_at);
  }
  return times;
}

/**
 * The seeded log, oldest first. Every seeded permission granted since the log began has its created event; on top
 * come grants that were revoked since (some re-granted later, one granted before the log began), logins, the
 * projects created since, and the service account's key. Its own PRNG: the rest of the seed is unchanged by it.
 */
function seedAuditLog(seed: DemoSeed, takenIds: Set<string>): AuditLogEvent[] {
  const rng = mulberry32(0xa0d17);
  const newId = uniqueIdMaker(rng, '', 12, takenIds);
  const issued = new Set<string>(seed.checkpoints.flatMap((c) => c.permissions.map((p) => p.id)));
  const newPermissionId = uniqueIdMaker(rng, 'cp_', 24, issued);
  const events: (DraftEvent & { order: number })[] = [];
  const add = (event: DraftEvent) => events.push({ ...event, order: events.length });
  const created = (at: number, checkpoint: string, permissionId: string, projectId: string, actor = pickActor(rng)) =>
    add({
      type: CREATED,
      effective_at: at,
      ...scopeOf(actor),
      actor,
      [CREATED]: { id: permissionId, data: { project_id: projectId, fine_tuned_model_checkpoint: checkpoint } },
    });
  const deleted = (at: number, permissionId: string, actor = pickActor(rng)) =>
    add({ type: DELETED, effective_at: at, ...scopeOf(actor), actor, [DELETED]: { id: permissionId } });

  const latest = SEED_BASE_TIME - 600;
  const times = checkpointTimes(seed);
  // The first 180 projects only: the history stays the same whatever --projects or --permissions add.
  const regular = seed.projects.slice(0, REGULAR_PROJECT_COUNT);
  const active = regular.filter((p) => p.status === 'active');
  seed.checkpoints.forEach((checkpoint, rank) => {
    const holders = new Set(checkpoint.permissions.map((p) => p.project_id));
    for (const permission of checkpoint.permissions) {
      if (permission.created_at >= AUDIT_LOG_START) created(permission.created_at, checkpoint.id, permission.id, permission.project_id);
    }
    const born = Math.max(AUDIT_LOG_START, times.get(checkpoint.id) ?? AUDIT_LOG_START);
    if (born >= latest - DAY) return;
    // Granted and later revoked: the primary checkpoint has the busiest history.
    const revokedCount = rank === 0 ? 9 : Math.min(3, Math.floor(checkpoint.permissions.length / 3));
    const others = shuffle(
      rng,
      active.filter((p) => !holders.has(p.id)),
    );
    for (const project of others.slice(0, revokedCount)) {
      const grantedAt = randInt(rng, born, latest - 2 * DAY);
      const permissionId = newPermissionId();
      created(grantedAt, checkpoint.id, permissionId, project.id);
      deleted(randInt(rng, grantedAt + HOUR, latest), permissionId);
    }
    if (rank !== 0) return;
    // Revoked, then granted again: the permission that exists today is the second one.
    const regranted = checkpoint.permissions.filter((p) => p.created_at - 2 * DAY > born);
    for (const permission of shuffle(rng, [...regranted]).slice(0, 3)) {
      const grantedAt = randInt(rng, born, permission.created_at - 2 * DAY);
      const permissionId = newPermissionId();
      created(grantedAt, checkpoint.id, permissionId, permission.project_id);
      deleted(randInt(rng, grantedAt + HOUR, permission.created_at - HOUR), permissionId);
    }
    // Granted before the log began, revoked since: the log has the revoke only.
    deleted(randInt(rng, AUDIT_LOG_START + DAY, latest), newPermissionId());
  });

  // The rest of an organization's log, so that filters by type have something to leave out.
  for (const user of DEMO_USERS) {
    for (let day = AUDIT_LOG_START + randInt(rng, 0, 3 * DAY); day < latest; day += randInt(rng, 4 * DAY, 9 * DAY)) {
      add({ type: 'login.succeeded', effective_at: day, actor: sessionActor(user, '203.0.113.24'), 'login.succeeded': {} });
    }
  }
  for (const project of regular) {
    if (project.created_at < AUDIT_LOG_START) continue;
    const actor = sessionActor(DEMO_USERS[randInt(rng, 0, DEMO_USERS.length - 1)]!, '203.0.113.24');
    add({
      type: 'project.created',
      effective_at: project.created_at,
      actor,
      'project.created': { id: project.id, data: { name: project.name ?? '', title: project.name ?? '' } },
    });
  }
  add({
    type: 'api_key.created',
    effective_at: AUDIT_LOG_START + 2 * HOUR,
    actor: sessionActor(DEMO_USERS[0], '203.0.113.24'),
    'api_key.created': { id: SERVICE_ACCOUNT_KEY_ID, data: { scopes: ['api.management.read', 'api.management.write'] } },
  });

  events.sort((a, b) => a.effective_at - b.effective_at || a.order - b.order);
  return events.map(
    ({ order: _order, ...event }) => ({ id: `audit_log-${newId()}_${yyyymmdd(event.effective_at)}`, ...event }) as AuditLogEvent,
  );
}

const RANGE_KEYS = ['gt', 'gte', 'lt', 'lte'] as const;
const ARRAY_PARAMS: Record<string, keyof AuditLogFilter> = {
  'event_types[]': 'eventTypes',
  'project_ids[]': 'projectIds',
  'actor_ids[]': 'actorIds',
  'actor_emails[]': 'actorEmails',
  'resource_ids[]': 'resourceIds',
};

/**
 * The query of GET /organization/audit_logs, checked as the spec describes it: arrays as `name[]` (repeated),
 * the time range as `effective_at[gt|gte|lt|lte]` of whole Unix seconds, `limit` 1–100 (default 20), event types
 * from the spec's enum (tenant-scoped ones only with `tenant_only=true`, and then nothing else). Parameters the
 * operation does not have are ignored, as everywhere in the demo.
 */
export function parseAuditLogQuery(search: URLSearchParams, limit: number): AuditLogFilter {
  const filter: AuditLogFilter = { limit };
  for (const [param, field] of Object.entries(ARRAY_PARAMS)) {
    const values = search.getAll(param);
    if (values.length > 0) (filter as unknown as Record<string, Set<string>>)[field] = new Set(values);
  }
  const tenantOnly = search.get('tenant_only');
  if (tenantOnly !== null && tenantOnly !== 'true' && tenantOnly !== 'false') {
    throw badRequest(
      `Invalid 'tenant_only': expected a boolean ('true' or 'false'), but got '${tenantOnly}' instead.`,
      'tenant_only',
      'invalid_value',
    );
  }
  search.getAll('event_types[]').forEach((type, i) => {
    if (!EVENT_TYPES.has(type)) {
      throw badRequest(`Invalid 'event_types[${i}]': '${type}' is not an audit log event type.`, `event_types[${i}]`, 'invalid_value');
    }
    if (type.startsWith('tenant.') !== (tenantOnly === 'true')) {
      const why =
        tenantOnly === 'true'
          ? 'with tenant_only=true every event type must be tenant-scoped'
          : 'tenant-scoped event types need tenant_only=true';
      throw badRequest(`Invalid 'event_types[${i}]': ${why}.`, `event_types[${i}]`, 'invalid_value');
    }
  });
  if (search.has('effective_at')) {
    throw badRequest(
      "Invalid 'effective_at': expected an object with any of gt, gte, lt, lte (sent as effective_at[gte]=…), but got a string instead.",
      'effective_at',
      'invalid_type',
    );
  }
  for (const key of RANGE_KEYS) {
    const raw = search.get(`effective_at[${key}]`);
    if (raw === null) continue;
    if (!/^-?\d{1,12}$/.test(raw)) {
      throw badRequest(
        `Invalid 'effective_at[${key}]': expected an integer (Unix seconds), but got '${raw}' instead.`,
        `effective_at[${key}]`,
        'invalid_type',
      );
    }
    filter.effectiveAt = { ...filter.effectiveAt, [key]: Number(raw) };
  }
  const after = search.get('after') || undefined;
  const before = search.get('before') || undefined;
  if (after !== undefined && before !== undefined) {
    throw badRequest("Only one of 'after' and 'before' may be given.", 'before', 'invalid_value');
  }
  return { ...filter, after, before };
}
