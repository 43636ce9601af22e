// The API client: the operations ckpt-perms needs, each with the key it requires.
import packageJson from '../../package.json';
import { AbortError, ApiError, ConfigError, OutcomeUnknownError, describeError } from './errors';
import {
  createTransport,
  type ClientCertificate,
  type ExchangeObserver,
  type ProxySettings,
  type RetryNotice,
  type Transport,
} from './http';
import { isLoopbackHost } from './keys';
import { followFromBothEnds, otherOrder } from './both-ends';
import { byLastId, followItems, readAll, type FetchPage, type FollowOptions, type NextCursor, type ReadAllOptions } from './paginate';
import { path } from './path';
import { byLastItemSent, isFineTuningJob, isJobCheckpoint, keepWellFormed, type CheckedPage } from './well-formed';
import type { AuditLogEvent, DeletedPermission, FineTuningJob, JobCheckpoint, ListEnvelope, Order, Permission, Project } from './types';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** Up to this many projects, a lost create's re-read asks for each project alone. */
const RECHECK_ONE_BY_ONE = 8;

export interface ClientOptions {
  /** For permission and project calls. */
  adminApiKey?: string;
  /** An ordinary project key, for browsing fine-tuning jobs. */
  apiKey?: string;
  /** A promise for the embedded demo, whose address is known only once it listens. */
  baseURL?: string | Promise<string>;
  organization?: string;
  project?: string;
  timeoutMs?: number;
  maxRetries?: number;
  proxy?: ProxySettings;
  /** Sees every request and answer (`--debug`; the official CLI's raw output and error line). */
  observer?: ExchangeObserver;
  /** Mutual TLS: a client certificate and key (PEM), checked by the caller. */
  tls?: ClientCertificate;
  /**
   * Send a key with spaces inside as given (the official CLI does: its generated examples pass `--api-key 'My API
   * Key'`). Ours refuse one, as a paste gone wrong.
   */
  keysWithSpaces?: boolean;
  /** Plain http:// to a host other than this machine (an internal gateway): the caller warns. */
  allowInsecureHttp?: boolean;
  /** More request headers (the official CLI's OPENAI_CUSTOM_HEADERS), after the standard ones. */
  extraHeaders?: Readonly<Record<string, string>>;
  /** The most pages any walk reads (`--max-pages`); default DEFAULT_MAX_PAGES. */
  maxPages?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Changes only: once aborted, no retry is sent (what is in flight finishes; see RequestSpec.stop). */
  stop?: AbortSignal;
  /** Keep the answer's text as received, for `bodyOf` (the official CLI's output). */
  keepBody?: boolean;
}

export interface PermissionQuery {
  after?: string;
  limit?: number;
  order?: Order;
  project_id?: string;
}

export interface ProjectQuery {
  after?: string;
  limit?: number;
  include_archived?: boolean;
}

/** `effective_at` bounds, in Unix seconds. */
export type TimeRange = { gt?: number; gte?: number; lt?: number; lte?: number };

/** The audit log's filters, named as the official SDK names them; arrays go as `name[]`, the range as `effective_at[gte]`. */
export interface AuditLogQuery {
  event_types?: readonly string[];
  effective_at?: TimeRange;
  project_ids?: readonly string[];
  resource_ids?: readonly string[];
  actor_ids?: readonly string[];
  actor_emails?: readonly string[];
  /** 1–100, the API's default 20. */
  limit?: number;
  after?: string;
  before?: string;
}

export interface CursorQuery {
  after?: string;
  limit?: number;
}

export type Client = ReturnType<typeof createClient>;

const grantedDespite = new WeakMap<Error, Permission[]>();

/** The permissions a failed create is known to have made after all (found when its lost answers were re-read). */
export function grantedBeforeFailure(error: unknown): Permission[] {
  return (error instanceof Error && grantedDespite.get(error)) || [];
}

const ADMIN_KEY_HELP =
  'no admin API key: pass --admin-api-key or set OPENAI_ADMIN_KEY (or, as the official CLI takes it, --api-key / OPENAI_API_KEY when no admin key is given; an organization owner creates admin keys, which start with sk-admin-, under Organization settings → Admin keys)';
const API_KEY_HELP = 'no API key for browsing fine-tuning jobs: pass --api-key or set OPENAI_API_KEY (an ordinary project key)';

export function createClient(options: ClientOptions) {
  const given = options.baseURL ?? DEFAULT_BASE_URL;
  const check = (raw: string) => checkBaseURL(raw, options.allowInsecureHttp);
  const baseURL = typeof given === 'string' ? check(given) : given.then(check);
  const adminKey = headerValue(options.adminApiKey, 'admin API key', 'be part of a key', options.keysWithSpaces);
  const projectKey = headerValue(options.apiKey, 'API key', 'be part of a key', options.keysWithSpaces);
  const retryListeners = new Set<(notice: RetryNotice) => void>();
  const transport: Transport = createTransport({
    baseURL,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    organization: headerValue(options.organization, 'organization id (--organization, OPENAI_ORG_ID)', 'be sent'),
    project: headerValue(options.project, 'project id (OPENAI_PROJECT_ID)', 'be sent'),
    proxy: options.proxy,
    observer: options.observer,
    tls: options.tls,
    userAgent: `ckpt-perms/${packageJson.version}`,
    extraHeaders: options.extraHeaders,
    onRetry: (notice) => {
      for (const listener of retryListeners) listener(notice);
    },
  });

  // Every walk gets the client's ceiling unless its caller gives one.
  const ceiled = (follow: FollowOptions): FollowOptions => ({ ...follow, maxPages: follow.maxPages ?? options.maxPages });

  /** One GET with the caller's signal: a page of a list (its query sent as given) or one object. */
  const get = <T>(at: string, key: string, expect: 'list' | 'object', opts: RequestOptions, query?: object) =>
    transport.send<T>({
      method: 'GET',
      path: at,
      query: query && { ...query },
      key,
      expect,
      signal: opts.signal,
      keepBody: opts.keepBody,
    });
  /**
   * A list's walks, given how to read one page: its pages in order from `query.after` on, within `maxItems` (`cursorOf`
   * finds the next page's cursor; the query's other fields go with every page), and its items.
   */
  const walks = <T extends { id: string }, Q extends CursorQuery>(
    list: (query: Q, follow: FollowOptions) => Promise<ListEnvelope<T>>,
    cursorOf: NextCursor<T>,
    farEnd?: (query: Q) => Q,
  ) => {
    const pages = (query: Q = {} as Q, follow: FollowOptions = {}) => {
      const { after, limit, ...rest } = query;
      const reader =
        (asked: Q): FetchPage<T> =>
        (cursor, pageLimit) =>
          list({ ...asked, after: cursor, limit: pageLimit }, follow);
      const front = reader(rest as Q);
      // Only a list that can be read in the other order (farEnd) is, with `bothEnds`, read from both ends at once.
      const back = farEnd ? reader(farEnd(rest as Q)) : front;
      const walk = { ...ceiled(follow), bothEnds: farEnd !== undefined && follow.bothEnds };
      return followFromBothEnds<T>(front, back, cursorOf, { after, limit }, walk);
    };
    return { pages, all: (query: Q = {} as Q, follow: FollowOptions = {}) => followItems(pages(query, follow)) };
  };

  // Keys live only in this closure: not on the returned object, so logging the client shows none.
  const admin = () => {
    if (!adminKey) throw new ConfigError(ADMIN_KEY_HELP);
    return adminKey;
  };
  const ordinary = () => {
    if (!projectKey) throw new ConfigError(API_KEY_HELP);
    return projectKey;
  };

  const permissions = {
    /** One page, exactly as the API sends it. */
    async list(checkpoint: string, query: PermissionQuery = {}, opts: RequestOptions = {}) {
      return get<ListEnvelope<Permission>>(path`/fine_tuning/checkpoints/${checkpoint}/permissions`, admin(), 'list', opts, query);
    },
    /** Pages following `last_id`, from `query.after` on, within `maxItems`; with `bothEnds`, a full walk from both ends. */
    pages(checkpoint: string, query: PermissionQuery = {}, follow: FollowOptions = {}) {
      const farEnd = (q: PermissionQuery) => ({ ...q, order: otherOrder(q.order) });
      return walks((q: PermissionQuery, f) => permissions.list(checkpoint, q, f), byLastId, farEnd).pages(query, follow);
    },
    all(checkpoint: string, query: PermissionQuery = {}, follow: FollowOptions = {}) {
      return followItems(permissions.pages(checkpoint, query, follow));
    },
    /**
     * Every permission of the checkpoint (with `project_id`, of that project) once, in pages of 100, from both ends
     * unless given a budget; order not promised.
     */
    readAll<R = Permission>(
      checkpoint: string,
      query: Omit<PermissionQuery, 'after' | 'limit'> = {},
      follow: FollowOptions & ReadAllOptions<Permission, R> = {},
    ) {
      return readAll(permissions.pages(checkpoint, { ...query, limit: 100 }, { ...follow, bothEnds: true }), follow);
    },
    /**
     * This project's permission on this checkpoint, or undefined when it has none: one request with the `project_id`
     * filter. An answer about another project does not count (a server that ignores the filter).
     */
    async find(checkpoint: string, projectId: string, opts: RequestOptions = {}): Promise<Permission | undefined> {
      const page = await permissions.list(checkpoint, { project_id: projectId, limit: 1 }, opts);
      return page.data.find((p) => p.project_id === projectId);
    },
    /**
     * Gives projects access. The answer lists the permissions created; when an attempt's answer
     * was lost, the permissions are read again before anything is sent again, and projects found
     * with access are in the answer too (never granted twice).
     */
    async create(checkpoint: string, projectIds: string[], opts: RequestOptions = {}) {
      const found = new Map<string, Permission>();
      let remaining = [...new Set(projectIds)];
      const recheck = async (signal?: AbortSignal) => {
        let present: Permission[];
        try {
          present = await permissionsOf(checkpoint, remaining, signal);
        } catch (error) {
          if (error instanceof AbortError) throw error;
          throw new OutcomeUnknownError(
            `the answer to sharing ${checkpoint} was lost and reading its permissions again failed (${describeError(error)}): list them to see which projects have access`,
          );
        }
        for (const permission of present) found.set(permission.project_id, permission);
        remaining = remaining.filter((id) => !found.has(id));
        return remaining.length === 0 ? { done: { object: 'list', data: [], has_more: false } } : { body: { project_ids: remaining } };
      };
      let answer: ListEnvelope<Permission>;
      try {
        answer = await transport.send<ListEnvelope<Permission>>({
          method: 'POST',
          path: path`/fine_tuning/checkpoints/${checkpoint}/permissions`,
          body: { project_ids: projectIds },
          key: admin(),
          expect: 'list',
          signal: opts.signal,
          stop: opts.stop,
          keepBody: opts.keepBody,
          unknownOutcome: { recheck },
        });
      } catch (error) {
        if (found.size > 0 && error instanceof Error) grantedDespite.set(error, [...found.values()]);
        throw error;
      }
      if (found.size === 0) return answer;
      const data = [...found.values(), ...answer.data.filter((p) => !found.has(p.project_id))];
      return { ...answer, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
    },
    /**
     * Revokes one permission. After a lost answer, a retry's 404 that names the permission says it went; another 404
     * (not the checkpoint's), or retries that run out, read the permissions to learn whether it went: the project's
     * (given `projectId`), else the checkpoint's whole list. A checkpoint that does not exist is never reported revoked.
     */
    async delete(checkpoint: string, permissionId: string, opts: RequestOptions & { projectId?: string } = {}) {
      const { projectId } = opts;
      const isGone = async (signal?: AbortSignal) => {
        try {
          if (projectId !== undefined) {
            const page = await permissions.list(checkpoint, { project_id: projectId, limit: 100 }, { signal });
            return !page.data.some((p) => p.id === permissionId) && !page.has_more;
          }
          for await (const permission of permissions.all(checkpoint, { limit: 100 }, { signal })) {
            if (permission.id === permissionId) return false;
          }
          return true;
        } catch (error) {
          // The checkpoint is not there: a failure in its own words, not an outcome to guess at.
          if (error instanceof AbortError || (error instanceof ApiError && error.code === 'model_not_found')) throw error;
          throw new OutcomeUnknownError(
            `the answer to revoking ${permissionId} was lost and reading the permissions again failed (${describeError(error)}): list them to see whether it is gone`,
          );
        }
      };
      return transport.send<DeletedPermission>({
        method: 'DELETE',
        path: path`/fine_tuning/checkpoints/${checkpoint}/permissions/${permissionId}`,
        key: admin(),
        expect: 'object',
        signal: opts.signal,
        stop: opts.stop,
        keepBody: opts.keepBody,
        unknownOutcome: {
          gone: (): DeletedPermission => ({ object: 'checkpoint.permission', id: permissionId, deleted: true }),
          saysGone: (notFound) => notFound.apiMessage.includes(permissionId),
          isGone,
        },
      });
    },
  };

  /**
   * The permissions these projects hold on a checkpoint: one filtered read per project for a few,
   * the whole list in pages of 100 for many.
   */
  async function permissionsOf(checkpoint: string, projectIds: string[], signal?: AbortSignal): Promise<Permission[]> {
    if (projectIds.length <= RECHECK_ONE_BY_ONE) {
      const found = await Promise.all(projectIds.map((projectId) => permissions.find(checkpoint, projectId, { signal })));
      return found.filter((p) => p !== undefined);
    }
    // A set: which projects hold one, not in what order.
    const wanted = new Set(projectIds);
    return (await permissions.readAll(checkpoint, {}, { signal })).filter((p) => wanted.has(p.project_id));
  }

  const listProjects = (query: ProjectQuery = {}, opts: RequestOptions = {}) =>
    get<ListEnvelope<Project>>('/organization/projects', admin(), 'list', opts, query);
  const projects = {
    list: listProjects,
    ...walks<Project, ProjectQuery>(listProjects, byLastId),
    async retrieve(projectId: string, opts: RequestOptions = {}) {
      return get<Project>(path`/organization/projects/${projectId}`, admin(), 'object', opts);
    },
  };

  /** One page; a job with a field of the wrong type is left out and counted in `skipped`. */
  const listJobs = async (query: CursorQuery = {}, opts: RequestOptions = {}): Promise<CheckedPage<FineTuningJob>> =>
    keepWellFormed(await get<ListEnvelope<unknown>>('/fine_tuning/jobs', ordinary(), 'list', opts, query), isFineTuningJob);
  const jobs = {
    list: listJobs,
    ...walks(listJobs, byLastItemSent),
    async retrieve(jobId: string, opts: RequestOptions = {}) {
      return get<FineTuningJob>(path`/fine_tuning/jobs/${jobId}`, ordinary(), 'object', opts);
    },
    /** One page of a job's checkpoints; one with a field of the wrong type is left out and counted in `skipped`. */
    async checkpoints(jobId: string, query: CursorQuery = {}, opts: RequestOptions = {}): Promise<CheckedPage<JobCheckpoint>> {
      const page = await get<ListEnvelope<unknown>>(path`/fine_tuning/jobs/${jobId}/checkpoints`, ordinary(), 'list', opts, query);
      return keepWellFormed(page, isJobCheckpoint);
    },
    checkpointPages(jobId: string, query: CursorQuery = {}, follow: FollowOptions = {}) {
      return walks((q: CursorQuery, f) => jobs.checkpoints(jobId, q, f), byLastItemSent).pages(query, follow);
    },
    allCheckpoints(jobId: string, query: CursorQuery = {}, follow: FollowOptions = {}) {
      return followItems(jobs.checkpointPages(jobId, query, follow));
    },
  };

  /** One page of the organization's audit log, exactly as the API sends it (its order is not documented). */
  const listAuditLogs = (query: AuditLogQuery = {}, opts: RequestOptions = {}) =>
    get<ListEnvelope<AuditLogEvent>>('/organization/audit_logs', admin(), 'list', opts, query);
  const auditLogs = { list: listAuditLogs, ...walks<AuditLogEvent, AuditLogQuery>(listAuditLogs, byLastId) };

  return {
    baseURL,
    hasAdminKey: adminKey !== undefined,
    hasApiKey: projectKey !== undefined,
    permissions,
    projects,
    jobs,
    auditLogs,
    /** Hears about every retry before its wait; returns the way to stop listening. */
    onRetry(listener: (notice: RetryNotice) => void): () => void {
      retryListeners.add(listener);
      return () => retryListeners.delete(listener);
    },
    close: () => transport.close(),
  };
}

/** What --allow-insecure-http says on stderr, for both command families. */
export const INSECURE_HTTP_WARNING =
  'Warning: --allow-insecure-http: the key is sent unencrypted over plain http:// to a host that is not this machine';

/** A base URL we are willing to send a key to: https anywhere, plain http only to this machine. */
export function checkBaseURL(raw: string, allowInsecureHttp = false): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    const shown = raw.length > 80 ? `${raw.slice(0, 77)}…` : raw;
    throw new ConfigError(`the base URL "${shown}" is not a valid URL (expected something like ${DEFAULT_BASE_URL})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`the base URL must start with https:// (got ${url.protocol}//)`);
  }
  if (url.username || url.password) {
    throw new ConfigError('the base URL must not contain a user name or password');
  }
  if (url.search || url.hash) {
    throw new ConfigError('the base URL must not contain a query (?…) or fragment (#…)');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError(
      `refusing to send an API key over plain http to ${url.host}: use https://, or http:// only for 127.0.0.1, ::1 or localhost (--allow-insecure-http for an internal gateway)`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Keys and organization/project ids travel as headers: surrounding whitespace (a pasted newline)
 * is dropped, empty means absent, and anything but printable ASCII is refused before any request.
 */
function headerValue(raw: string | undefined, what: string, purpose: string, spacesInside = false): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (!(spacesInside ? /^[\x20-\x7e]+$/ : /^[\x21-\x7e]+$/).test(value)) {
    throw new ConfigError(`the ${what} contains spaces or characters that cannot ${purpose}`);
  }
  return value;
}
