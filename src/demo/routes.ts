// The operations as a route table: path pattern + method → handler returning the JSON body.
import { DEMO_KEY_ACTOR, parseAuditLogQuery } from './audit';
import { authorize, type Credentials, type KeyScope } from './auth';
import { DemoApiError, modelNotFound } from './errors';
import { optional, parseBoolean, parseCreateBody, parseLimit, parseOrder, type Query } from './params';
import type { DemoState } from './state';

export interface RouteContext {
  params: Record<string, string>;
  query: Query;
  /** The query with every value of a repeated parameter (`event_types[]=a&event_types[]=b`). */
  search: URLSearchParams;
  body: string;
  credentials: Credentials;
  state: DemoState;
  /** Unix seconds, read at request time. */
  now: () => number;
}

type Handler = (ctx: RouteContext) => unknown;

interface Route {
  /** Decoded path segments after `/`; `:name` captures one segment. */
  pattern: string[];
  methods: Record<string, Handler>;
}

// Each handler checks the key first, then that the checkpoint exists, then its input: the API's order.
function guard(ctx: RouteContext, needs: KeyScope, write = false): void {
  authorize(ctx.credentials, needs, write);
}

function checkpointOf(ctx: RouteContext): string {
  const checkpoint = ctx.params.checkpoint ?? '';
  if (!ctx.state.hasCheckpoint(checkpoint)) throw modelNotFound(checkpoint);
  return checkpoint;
}

const ROUTES: Route[] = [
  {
    pattern: ['v1', 'fine_tuning', 'checkpoints', ':checkpoint', 'permissions'],
    methods: {
      GET: (ctx) => {
        guard(ctx, 'admin');
        const checkpoint = checkpointOf(ctx);
        const limit = parseLimit(ctx.query, 10);
        const order = parseOrder(ctx.query);
        return ctx.state.listPermissions(checkpoint, {
          after: optional(ctx.query, 'after'),
          limit,
          order,
          projectId: optional(ctx.query, 'project_id'),
        });
      },
      POST: (ctx) => {
        guard(ctx, 'admin', true);
        const checkpoint = checkpointOf(ctx);
        const created = ctx.state.createPermissions(checkpoint, parseCreateBody(ctx.body), ctx.now());
        // Only the admin key gets this far: the demo's one admin key is the actor.
        ctx.state.audit.recordCreated(checkpoint, created.data, DEMO_KEY_ACTOR, ctx.now());
        return created;
      },
    },
  },
  {
    pattern: ['v1', 'fine_tuning', 'checkpoints', ':checkpoint', 'permissions', ':permission'],
    methods: {
      DELETE: (ctx) => {
        guard(ctx, 'admin', true);
        const deleted = ctx.state.deletePermission(checkpointOf(ctx), ctx.params.permission ?? '');
        ctx.state.audit.recordDeleted(deleted.id, DEMO_KEY_ACTOR, ctx.now());
        return deleted;
      },
    },
  },
  {
    pattern: ['v1', 'organization', 'projects'],
    methods: {
      GET: (ctx) => {
        guard(ctx, 'admin');
        const limit = parseLimit(ctx.query, 20);
        const includeArchived = parseBoolean(ctx.query, 'include_archived', false);
        return ctx.state.listProjects({ after: optional(ctx.query, 'after'), limit, includeArchived });
      },
    },
  },
  {
    pattern: ['v1', 'organization', 'projects', ':project'],
    methods: {
      GET: (ctx) => {
        guard(ctx, 'admin');
        return ctx.state.getProject(ctx.params.project ?? '');
      },
    },
  },
  {
    pattern: ['v1', 'organization', 'audit_logs'],
    methods: {
      GET: (ctx) => {
        guard(ctx, 'admin');
        return ctx.state.audit.list(parseAuditLogQuery(ctx.search, parseLimit(ctx.query, 20)));
      },
    },
  },
  {
    pattern: ['v1', 'fine_tuning', 'jobs'],
    methods: {
      GET: (ctx) => {
        guard(ctx, 'project');
        return ctx.state.listJobs({ after: optional(ctx.query, 'after'), limit: parseLimit(ctx.query, 20) });
      },
    },
  },
  {
    pattern: ['v1', 'fine_tuning', 'jobs', ':job'],
    methods: {
      GET: (ctx) => {
        guard(ctx, 'project');
        return ctx.state.getJob(ctx.params.job ?? '');
      },
    },
  },
  {
    pattern: ['v1', 'fine_tuning', 'jobs', ':job', 'checkpoints'],
    methods: {
      GET: (ctx) => {
        guard(ctx, 'project');
        const limit = parseLimit(ctx.query, 10);
        return ctx.state.listJobCheckpoints(ctx.params.job ?? '', { after: optional(ctx.query, 'after'), limit });
      },
    },
  },
];

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i] as string;
    const got = segments[i] as string;
    if (want.startsWith(':')) {
      if (got === '') return null; // an empty id is not a route
      params[want.slice(1)] = got;
    } else if (want !== got) {
      return null;
    }
  }
  return params;
}

export type RouteMatch = { handler: Handler; params: Record<string, string> };

/**
 * Finds the handler for decoded path segments (those after the leading `/`).
 * Throws 404 "Invalid URL" for unknown paths and 405 for a known path with another method.
 */
export function matchRoute(method: string, segments: string[], rawPath: string): RouteMatch {
  for (const route of ROUTES) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    const handler = route.methods[method];
    if (!handler) {
      const allowed = Object.keys(route.methods).join(', ');
      const error = new DemoApiError(405, `Method not allowed (${method} ${rawPath}). Allowed: ${allowed}.`);
      error.headers.allow = allowed;
      throw error;
    }
    return { handler, params };
  }
  throw new DemoApiError(404, `Invalid URL (${method} ${rawPath})`);
}

/** Decodes each `/`-separated segment on its own, so an encoded `%2F` stays inside its segment. */
export function decodeSegments(rawPath: string): string[] {
  if (!rawPath.startsWith('/')) return [rawPath]; // absolute-form or `*` targets match no route
  const segments = rawPath.split('/').slice(1);
  return segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw new DemoApiError(400, `Invalid URL: the path segment '${segment}' is not valid percent-encoding.`);
    }
  });
}
