// The one place that sends HTTP: headers, timeouts, retries, redirects, and turning answers into errors.
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import {
  AbortError,
  ApiError,
  CkptPermsError,
  ConnectionError,
  InvalidResponseError,
  TimeoutError,
} from './errors';
import { redactKeys } from './keys';
import { retryDelayMs, shouldRetryStatus, type HeaderLookup } from './retry';
import type { ApiErrorBody } from './types';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

export interface TransportOptions {
  /** Already validated, without a trailing slash. */
  baseURL: string;
  timeoutMs: number;
  maxRetries: number;
  organization?: string;
  project?: string;
  proxy?: ProxySettings;
  userAgent: string;
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Encoded with `path` from ./path, starting with '/'. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Bearer key for this request. */
  key: string;
  signal?: AbortSignal;
}

export interface Transport {
  send<T>(spec: RequestSpec): Promise<T>;
  close(): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
  const dispatcher = createDispatcher(options.proxy);
  const base = new URL(options.baseURL);

  async function send<T>(spec: RequestSpec): Promise<T> {
    const url = buildUrl(base, spec.path, spec.query);
    const headers: Record<string, string> = {
      authorization: `Bearer ${spec.key}`,
      accept: 'application/json',
      'user-agent': options.userAgent,
    };
    if (options.organization) headers['openai-organization'] = options.organization;
    if (options.project) headers['openai-project'] = options.project;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (body !== undefined) headers['content-type'] = 'application/json';

    try {
      for (let retriesDone = 0; ; retriesDone++) {
        const canRetry = retriesDone < options.maxRetries;
        let outcome: Outcome;
        try {
          outcome = await attempt(dispatcher, url, spec.method, headers, body, options.timeoutMs, spec.signal);
        } catch (error) {
          if (error instanceof AbortError || !canRetry) throw error;
          await sleep(retryDelayMs(retriesDone, undefined), spec.signal);
          continue;
        }
        if (outcome.status >= 200 && outcome.status < 300) return parseSuccess<T>(outcome);
        if (canRetry && shouldRetryStatus(outcome.status, outcome.header)) {
          await sleep(retryDelayMs(retriesDone, outcome.header), spec.signal);
          continue;
        }
        throw apiErrorFrom(outcome);
      }
    } catch (error) {
      throw scrub(error, spec.key);
    }
  }

  return { send, close: () => dispatcher.close() };
}

function createDispatcher(proxy: ProxySettings | undefined): Dispatcher {
  // Redirects are never followed (undici's default): the Authorization header must not travel to another origin.
  if (proxy && (proxy.httpProxy || proxy.httpsProxy)) {
    // '' rather than undefined: the settings given here are the whole truth, undici must not fall back to process.env.
    return new EnvHttpProxyAgent({ httpProxy: proxy.httpProxy ?? '', httpsProxy: proxy.httpsProxy ?? '', noProxy: proxy.noProxy ?? '' });
  }
  return new Agent({ keepAliveTimeout: 10_000 });
}

function buildUrl(base: URL, path: string, query: Record<string, QueryValue> | undefined): URL {
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/$/, '') + path;
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

interface Outcome {
  status: number;
  text: string;
  header: HeaderLookup;
  requestId: string | null;
}

async function attempt(
  dispatcher: Dispatcher,
  url: URL,
  method: RequestSpec['method'],
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  if (signal?.aborted) throw new AbortError('the request was cancelled');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await request(url, { dispatcher, method, headers, body, signal: controller.signal });
    const text = await response.body.text();
    const header: HeaderLookup = (name) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    return { status: response.statusCode, text, header, requestId: header('x-request-id') ?? null };
  } catch (error) {
    if (signal?.aborted) throw new AbortError('the request was cancelled');
    if (timedOut) throw new TimeoutError(`no answer from ${url.host} within ${timeoutMs} ms`);
    throw new ConnectionError(`${url.host}: ${networkReason(error)}`);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function networkReason(error: unknown): string {
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    UND_ERR_SOCKET: 'connection closed by the server',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host lookup failed (DNS)',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
    CERT_HAS_EXPIRED: 'TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate could not be verified',
  };
  if (code && known[code]) return known[code];
  return err.cause?.message ?? err.message ?? String(error);
}

function parseSuccess<T>(outcome: Outcome): T {
  try {
    return JSON.parse(outcome.text) as T;
  } catch {
    const what = outcome.text.trim() === '' ? 'an empty body' : 'a body that is not valid JSON';
    throw new InvalidResponseError(`the server answered ${outcome.status} with ${what}`, outcome.status, outcome.requestId);
  }
}

function apiErrorFrom(outcome: Outcome): ApiError {
  const { status, text, requestId } = outcome;
  let parsed: Partial<ApiErrorBody> | undefined;
  try {
    parsed = JSON.parse(text) as Partial<ApiErrorBody>;
  } catch {
    parsed = undefined;
  }
  const error = parsed && typeof parsed === 'object' ? parsed.error : undefined;
  if (error && typeof error === 'object' && typeof error.message === 'string') {
    return new ApiError({ status, apiMessage: error.message, type: error.type, code: error.code, param: error.param, requestId });
  }
  return new ApiError({ status, apiMessage: describeForeignBody(status, text, outcome.header), requestId });
}

/** Words for an error body that is not the API's JSON: an HTML page from a proxy, an empty body, a redirect. */
function describeForeignBody(status: number, text: string, header: HeaderLookup): string {
  if (status >= 300 && status < 400) {
    const location = header('location');
    return `unexpected redirect${location ? ` to ${location}` : ''} (not followed: the key is only sent to the base URL)`;
  }
  const trimmed = text.trim();
  if (trimmed === '') return `${reasonPhrase(status)} (empty response body)`;
  const title = /<title[^>]*>([^<]*)<\/title>|<h1[^>]*>([^<]*)<\/h1>/i.exec(trimmed);
  if (title || /^<(!doctype|html)/i.test(trimmed)) {
    const words = (title?.[1] ?? title?.[2] ?? '').trim();
    return `${words || reasonPhrase(status)} (an HTML page, likely from a proxy or gateway, not the API)`;
  }
  const snippet = trimmed.replace(/\s+/g, ' ').slice(0, 120);
  return `${reasonPhrase(status)} (response body is not the API's JSON: ${snippet})`;
}

function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout',
    409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
    503: 'Service Unavailable', 504: 'Gateway Timeout',
  };
  return phrases[status] ?? `HTTP ${status}`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError('the request was cancelled'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError('the request was cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whatever went wrong, the key does not leave in the error's words. */
function scrub(error: unknown, key: string): unknown {
  if (error instanceof CkptPermsError) {
    const clean = redactKeys(error.message, [key]);
    if (clean !== error.message) error.message = clean;
    if (error instanceof ApiError) {
      const api = redactKeys(error.apiMessage, [key]);
      if (api !== error.apiMessage) (error as { apiMessage: string }).apiMessage = api;
    }
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CkptPermsError(redactKeys(message, [key]));
}
