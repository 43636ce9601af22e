// The API client: the seven operations ckpt-perms needs, each with the key it requires.
import packageJson from '../../package.json';
import { ConfigError } from './errors';
import { createTransport, type ProxySettings, type RetryNotice, type Transport } from './http';
import { isLoopbackHost } from './keys';
import { byLastId, byLastItemId, followItems, followPages, type FollowOptions } from './paginate';
import { path } from './path';
import type {
  DeletedPermission,
  FineTuningJob,
  JobCheckpoint,
  ListEnvelope,
  Order,
  Permission,
  Project,
} from './types';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;

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
}

export interface RequestOptions {
  signal?: AbortSignal;
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

export interface CursorQuery {
  after?: string;
  limit?: number;
}

export type Client = ReturnType<typeof createClient>;

const ADMIN_KEY_HELP =
  'no admin API key: pass --admin-api-key or set OPENAI_ADMIN_KEY (an organization owner creates admin keys, which start with sk-admin-, under Organization settings → Admin keys)';
const API_KEY_HELP =
  'no API key for browsing fine-tuning jobs: pass --api-key or set OPENAI_API_KEY (an ordinary project key)';

export function createClient(options: ClientOptions) {
  const given = options.baseURL ?? DEFAULT_BASE_URL;
  const baseURL = typeof given === 'string' ? checkBaseURL(given) : given.then(checkBaseURL);
  const adminKey = headerValue(options.adminApiKey, 'admin API key', 'be part of a key');
  const projectKey = headerValue(options.apiKey, 'API key', 'be part of a key');
  const retryListeners = new Set<(notice: RetryNotice) => void>();
  const transport: Transport = createTransport({
    baseURL,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    organization: headerValue(options.organization, 'organization id (--organization, OPENAI_ORG_ID)', 'be sent'),
    project: headerValue(options.project, 'project id (OPENAI_PROJECT_ID)', 'be sent'),
    proxy: options.proxy,
    userAgent: `ckpt-perms/${packageJson.version}`,
    onRetry: (notice) => {
      for (const listener of retryListeners) listener(notice);
    },
  });

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
      return transport.send<ListEnvelope<Permission>>({
        method: 'GET',
        path: path`/fine_tuning/checkpoints/${checkpoint}/permissions`,
        query: { ...query },
        key: admin(),
        expect: 'list',
        signal: opts.signal,
      });
    },
    /** Pages following `last_id`, from `query.after` on, within `maxItems`. */
    pages(checkpoint: string, query: PermissionQuery = {}, follow: FollowOptions = {}) {
      const { after, limit, ...rest } = query;
      return followPages<Permission>(
        (cursor, pageLimit) => permissions.list(checkpoint, { ...rest, after: cursor, limit: pageLimit }, follow),
        byLastId,
        { after, limit },
        follow,
      );
    },
    all(checkpoint: string, query: PermissionQuery = {}, follow: FollowOptions = {}) {
      return followItems(permissions.pages(checkpoint, query, follow));
    },
    async create(checkpoint: string, projectIds: string[], opts: RequestOptions = {}) {
      return transport.send<ListEnvelope<Permission>>({
        method: 'POST',
        path: path`/fine_tuning/checkpoints/${checkpoint}/permissions`,
        body: { project_ids: projectIds },
        key: admin(),
        expect: 'list',
        signal: opts.signal,
      });
    },
    async delete(checkpoint: string, permissionId: string, opts: RequestOptions = {}) {
      return transport.send<DeletedPermission>({
        method: 'DELETE',
        path: path`/fine_tuning/checkpoints/${checkpoint}/permissions/${permissionId}`,
        key: admin(),
        expect: 'object',
        signal: opts.signal,
      });
    },
  };

  const projects = {
    async list(query: ProjectQuery = {}, opts: RequestOptions = {}) {
      return transport.send<ListEnvelope<Project>>({
        method: 'GET',
        path: '/organization/projects',
        query: { ...query },
        key: admin(),
        expect: 'list',
        signal: opts.signal,
      });
    },
    pages(query: ProjectQuery = {}, follow: FollowOptions = {}) {
      const { after, limit, ...rest } = query;
      return followPages<Project>(
        (cursor, pageLimit) => projects.list({ ...rest, after: cursor, limit: pageLimit }, follow),
        byLastId,
        { after, limit },
        follow,
      );
    },
    all(query: ProjectQuery = {}, follow: FollowOptions = {}) {
      return followItems(projects.pages(query, follow));
    },
    async retrieve(projectId: string, opts: RequestOptions = {}) {
      return transport.send<Project>({
        method: 'GET',
        path: path`/organization/projects/${projectId}`,
        key: admin(),
        expect: 'object',
        signal: opts.signal,
      });
    },
  };

  const jobs = {
    async list(query: CursorQuery = {}, opts: RequestOptions = {}) {
      return transport.send<ListEnvelope<FineTuningJob>>({
        method: 'GET',
        path: '/fine_tuning/jobs',
        query: { ...query },
        key: ordinary(),
        expect: 'list',
        signal: opts.signal,
      });
    },
    pages(query: CursorQuery = {}, follow: FollowOptions = {}) {
      return followPages<FineTuningJob>(
        (cursor, pageLimit) => jobs.list({ after: cursor, limit: pageLimit }, follow),
        byLastItemId,
        query,
        follow,
      );
    },
    all(query: CursorQuery = {}, follow: FollowOptions = {}) {
      return followItems(jobs.pages(query, follow));
    },
    async retrieve(jobId: string, opts: RequestOptions = {}) {
      return transport.send<FineTuningJob>({
        method: 'GET',
        path: path`/fine_tuning/jobs/${jobId}`,
        key: ordinary(),
        expect: 'object',
        signal: opts.signal,
      });
    },
    async checkpoints(jobId: string, query: CursorQuery = {}, opts: RequestOptions = {}) {
      return transport.send<ListEnvelope<JobCheckpoint>>({
        method: 'GET',
        path: path`/fine_tuning/jobs/${jobId}/checkpoints`,
        query: { ...query },
        key: ordinary(),
        expect: 'list',
        signal: opts.signal,
      });
    },
    checkpointPages(jobId: string, query: CursorQuery = {}, follow: FollowOptions = {}) {
      return followPages<JobCheckpoint>(
        (cursor, pageLimit) => jobs.checkpoints(jobId, { after: cursor, limit: pageLimit }, follow),
        byLastItemId,
        query,
        follow,
      );
    },
    allCheckpoints(jobId: string, query: CursorQuery = {}, follow: FollowOptions = {}) {
      return followItems(jobs.checkpointPages(jobId, query, follow));
    },
  };

  return {
    baseURL,
    hasAdminKey: adminKey !== undefined,
    hasApiKey: projectKey !== undefined,
    permissions,
    projects,
    jobs,
    /** Hears about every retry before its wait; returns the way to stop listening. */
    onRetry(listener: (notice: RetryNotice) => void): () => void {
      retryListeners.add(listener);
      return () => retryListeners.delete(listener);
    },
    close: () => transport.close(),
  };
}

/** A base URL we are willing to send a key to: https anywhere, plain http only to this machine. */
export function checkBaseURL(raw: string): string {
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
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `refusing to send an API key over plain http to ${url.host}: use https://, or http:// only for 127.0.0.1, ::1 or localhost`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Keys and organization/project ids travel as headers: surrounding whitespace (a pasted newline)
 * is dropped, empty means absent, and anything but printable ASCII is refused before any request.
 */
function headerValue(raw: string | undefined, what: string, purpose: string): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new ConfigError(`the ${what} contains spaces or characters that cannot ${purpose}`);
  }
  return value;
}
