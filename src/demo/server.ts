// The embedded demo API: a real HTTP server on loopback over seeded in-memory state, with latency and faults.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ADMIN_KEY_PREFIX, PROJECT_KEY_PREFIX, generateKey, identify, type AuthKind } from './auth';
import { DemoApiError } from './errors';
import {
  APPLIED_FAULTS,
  DEFAULT_FAULT_SEED,
  FaultPlan,
  type FaultKind,
  type FaultRates,
  type InjectFaultOptions,
  type RetryHeaders,
} from './faults';
import { answerFault, sendError, sendJson } from './respond';
import { decodeSegments, matchRoute } from './routes';
import { buildDemoSeed, DEFAULT_JOBS, DEFAULT_PERMISSIONS, REGULAR_PROJECT_COUNT } from './seed';
import { DemoState } from './state';

export type { FaultKind, FaultRates, InjectFaultOptions } from './faults';
export { parseFaultSpec, FAULT_KINDS } from './faults';
export { DemoState } from './state';
export { ADMIN_KEY_PREFIX, PROJECT_KEY_PREFIX, generateKey } from './auth';

export interface DemoServerOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0 = an ephemeral port. */
  port?: number;
  /** Permissions on the largest checkpoint: default 137, 0..100000. */
  permissions?: number;
  /** Projects of the organization: default 180, 30..100000 (more `permissions` than active projects adds more). */
  projects?: number;
  /** Fine-tuning jobs: default 4, up to 2000 (the others older, each with 1-3 checkpoints). */
  jobs?: number;
  /** Delay added before every response, in ms; default 0. */
  latencyMs?: number;
  /** Per-request fault probabilities, e.g. "429:0.2,500:0.1,reset:0.05,malformed:0.05". */
  faults?: string | FaultRates;
  /** Seed of the fault draws, so a run with faults repeats. */
  faultSeed?: number;
  /** Retry headers of the random faults, e.g. `{ retryAfter: '', retryAfterMs: '10' }` (default: a 429 says `retry-after: 1`). */
  faultRetry?: RetryHeaders;
  /** Admin key; default a random `sk-admin-demo-…`. */
  adminKey?: string;
  /** Project key; default a random `sk-proj-demo-…`. */
  apiKey?: string;
  /** False: answer as an organization that never turned audit logging on (src/demo/audit.ts says how). Default true. */
  auditLog?: boolean;
}

export interface DemoRequestRecord {
  method: string;
  /** Decoded pathname. */
  path: string;
  query: Record<string, string>;
  /** Which key was presented; never the key itself. */
  auth: AuthKind;
  /** Undefined while pending, and for `reset`/`hang`. */
  status?: number;
  fault?: FaultKind;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** For `reset-after` and `hang-after`: the status the lost answer would have had (the request was carried out). */
  applied?: number;
}

export interface DemoServer {
  /** 'http://127.0.0.1:PORT/v1' */
  baseUrl: string;
  port: number;
  adminKey: string;
  apiKey: string;
  /** Every seeded checkpoint: the one with `permissions` first, the others by count, the empty one last. */
  checkpoints: string[];
  emptyCheckpoint: string;
  state: DemoState;
  /** The newest requests (at most 100,000; the oldest half is dropped past that). */
  requests: DemoRequestRecord[];
  /** The next `count` (default 1) requests get this fault, before any random ones. */
  injectFault(kind: FaultKind, options?: InjectFaultOptions): void;
  setLatency(ms: number): void;
  setFaults(spec: string | FaultRates): void;
  /** Closes the server and destroys open (also hanging) connections. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;
const MAX_REQUEST_LOG = 100_000;

function newRequestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}

function checkLatency(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latencyMs must be a non-negative number, got ${ms}`);
  return ms;
}

/** Reads the whole body (capped) so a response never races an unread upload. */
function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }));
    req.on('error', () => resolve({ text: '', tooLarge: false }));
  });
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const adminKey = options.adminKey ?? generateKey(ADMIN_KEY_PREFIX);
  const apiKey = options.apiKey ?? generateKey(PROJECT_KEY_PREFIX);
  if (adminKey === apiKey) throw new Error('adminKey and apiKey must differ');
  if (!adminKey || !apiKey) throw new Error('adminKey and apiKey must be non-empty');
  let latencyMs = checkLatency(options.latencyMs ?? 0);
  const faults = new FaultPlan(options.faults ?? {}, options.faultSeed ?? DEFAULT_FAULT_SEED, options.faultRetry);
  const seed = buildDemoSeed(
    options.permissions ?? DEFAULT_PERMISSIONS,
    options.projects ?? REGULAR_PROJECT_COUNT,
    options.jobs ?? DEFAULT_JOBS,
  );
  const state = new DemoState(seed, { auditLog: options.auditLog });
  const requests: DemoRequestRecord[] = [];
  const sockets = new Set<Socket>();
  // Pending latency waits, released (unanswered) on close so nothing keeps the process alive.
  const waits = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closed = false;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (ms <= 0) return resolve();
      const entry = {
        timer: setTimeout(() => {
          waits.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      waits.add(entry);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
    const search = new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1));
    const query = Object.fromEntries(search);
    const credentials = identify(req.headers.authorization, adminKey, apiKey);
    let segments: string[] | null = null;
    let pathError: DemoApiError | null = null;
    try {
      segments = decodeSegments(rawPath);
    } catch (error) {
      pathError = error as DemoApiError;
    }
    const record: DemoRequestRecord = {
      method,
      path: segments ? `/${segments.join('/')}` : rawPath,
      query,
      auth: credentials.kind,
      at: Date.now(),
    };
    requests.push(record);
    forgetOldRequests();
    const body = await readBody(req);
    // Decided before processing: a faulted request never touches the state, except the faults
    // that carry it out and then lose the answer (`reset-after`, `hang-after`).
    const fault = faults.next(method, record.path.replace(/^\/v1(?=\/)/, ''));
    if (fault) record.fault = fault.kind;
    await wait(latencyMs);
    if (closed || res.destroyed) return;
    if (fault && !APPLIED_FAULTS.includes(fault.kind)) {
      record.status = answerFault(res, requestId, fault);
      return;
    }
    let status: number;
    let answer: () => void;
    try {
      if (pathError) throw pathError;
      if (body.tooLarge) throw new DemoApiError(413, `Request body too large: the limit is ${MAX_BODY_BYTES} bytes.`);
      const { handler, params } = matchRoute(method, segments ?? [], rawPath);
      const result = handler({ params, query, search, body: body.text, credentials, state, now: () => Date.now() / 1000 });
      status = 200;
      answer = () => sendJson(res, 200, requestId, result);
    } catch (error) {
      // Unexpected errors answer a generic 500: never the exception text, which could carry request data.
      const apiError =
        error instanceof DemoApiError
          ? error
          : new DemoApiError(500, 'The server had an error while processing your request.', 'server_error');
      status = apiError.status;
      answer = () => sendError(res, requestId, apiError);
    }
    if (fault) {
      record.applied = status;
      answerFault(res, requestId, fault);
      return;
    }
    answer();
    record.status = status;
  }

  // The log is for tests and the benchmark; a long-running demo keeps only the newest requests.
  const forgetOldRequests = () => {
    if (requests.length > MAX_REQUEST_LOG) requests.splice(0, requests.length - MAX_REQUEST_LOG / 2);
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost =
    address.address === '0.0.0.0' || address.address === '::'
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      closed = true;
      for (const entry of waits) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      waits.clear();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return {
    baseUrl: `http://${urlHost}:${address.port}/v1`,
    port: address.port,
    adminKey,
    apiKey,
    checkpoints: seed.checkpoints.map((c) => c.id),
    emptyCheckpoint: seed.emptyCheckpoint,
    state,
    requests,
    injectFault: (kind, injectOptions) => faults.inject(kind, injectOptions),
    setLatency: (ms) => {
      latencyMs = checkLatency(ms);
    },
    setFaults: (spec) => faults.setRates(spec),
    close,
  };
}
