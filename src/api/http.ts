// The one place that sends HTTP: headers, timeouts, retries, redirects, and turning answers into errors.
import { STATUS_CODES } from 'node:http';
import type { Dispatcher } from 'undici';
import {
  AbortError,
  ApiError,
  CkptPermsError,
  ConfigError,
  ConnectionError,
  InvalidResponseError,
  OutcomeUnknownError,
  StoppedError,
  TimeoutError,
} from './errors';
import { isLoopbackHost, redactKeys } from './keys';
import { retryDelayMs, shouldRetryStatus, type HeaderLookup } from './retry';
import type { ApiErrorBody } from './types';

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

export interface TransportOptions {
  /** Already validated, without a trailing slash; or one still to come (the embedded demo starting up). */
  baseURL: string | Promise<string>;
  timeoutMs: number;
  maxRetries: number;
  organization?: string;
  project?: string;
  proxy?: ProxySettings;
  userAgent: string;
  /** More request headers, sent after the standard ones (and so able to replace them). */
  extraHeaders?: Readonly<Record<string, string>>;
  /** Told before each wait for a retry, so a screen can say `retrying in 3 s`. */
  onRetry?: (info: RetryNotice) => void;
  /** Told of every attempt sent and every answer heard (`--debug`, the official CLI's raw output and error line). */
  observer?: ExchangeObserver;
  /** A client certificate and its private key (PEM) for servers that require mutual TLS. */
  tls?: ClientCertificate;
}

export interface ClientCertificate {
  cert: string;
  key: string;
}

/** One request as sent: the headers carry the key, so whoever prints them must redact. */
export interface SentRequest {
  method: RequestSpec['method'];
  url: URL;
  headers: Readonly<Record<string, string>>;
}

/** One answer as heard, body and all. */
export interface HeardResponse {
  request: SentRequest;
  status: number;
  statusText: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  text: string;
}

export interface ExchangeObserver {
  request?(request: SentRequest): void;
  response?(response: HeardResponse): void;
}

/** A retry about to happen: why, and how long until it is sent. */
export interface RetryNotice {
  method: RequestSpec['method'];
  /** The HTTP status that is being retried, or undefined for a network failure. */
  status?: number;
  /** One line: `429 Too Many Requests`, `connection reset`. */
  reason: string;
  delayMs: number;
  /** 1 for the first retry. */
  retry: number;
}

/**
 * A query parameter. Arrays and objects are sent as the official SDKs send them (brackets):
 * `event_types[]=a&event_types[]=b`, `effective_at[gte]=1`.
 */
export type QueryValue = string | number | boolean | undefined | readonly string[] | Readonly<Record<string, number | undefined>>;

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Encoded with `path` from ./path, starting with '/'. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Bearer key for this request. */
  key: string;
  signal?: AbortSignal;
  /**
   * Once aborted, no new attempt starts: a retry's wait ends, and the request settles with what is known (a change
   * whose last answer was lost is read back first). An attempt already sent is never cut short by it.
   */
  stop?: AbortSignal;
  /** What a 2xx body must be: a list envelope, or any JSON object. */
  expect: 'list' | 'object';
  /** For a request that changes something: how to go on when an attempt's outcome is unknown. */
  unknownOutcome?: UnknownOutcome;
  /** Keep the answer's text as received, for `bodyOf` (the official CLI prints it byte for byte). */
  keepBody?: boolean;
}

// Answers with their text as received, only when asked: every other caller lets the text go with the request.
const bodies = new WeakMap<object, string>();

/** The text a value was parsed from, when its request asked to keep it (undefined for an answer made up locally). */
export function bodyOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? bodies.get(value) : undefined;
}

/**
 * An attempt's outcome is unknown when it got no answer (reset, timeout), a 5xx, 408 or 409, or an
 * unreadable 2xx: the server may have carried it out. Sending a create again blindly could grant a
 * project twice, and a delete sent again gets a 404 for the permission it removed.
 */
export interface UnknownOutcome {
  /**
   * Before sending again: read what the server did. Returns the whole answer when nothing is left
   * to do, else the body still to send. Also asked once more when the retries are used up.
   */
  recheck?: (signal?: AbortSignal) => Promise<{ done: unknown } | { body: unknown }>;
  /** Delete: the answer when what the request removes turns out to be gone after an unknown outcome. */
  gone?: () => unknown;
  /** Delete: whether a 404 says in its own words that what the request removes is not there (no read needed). */
  saysGone?: (notFound: ApiError) => boolean;
  /**
   * Delete: whether it is gone after all, read from the server; asked when a retry gets a 404 and when the retries
   * are used up after an unknown outcome. Throws when the checkpoint itself is not there.
   */
  isGone?: (signal?: AbortSignal) => Promise<boolean>;
}

export interface Transport {
  send<T>(spec: RequestSpec): Promise<T>;
  close(): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
  const locate = (raw: string) => {
    const base = new URL(raw);
    return { base, proxy: proxyFor(base, options.proxy) };
  };
  // A base URL known now is checked now (a bad proxy setting fails before anything is drawn).
  const target = typeof options.baseURL === 'string' ? Promise.resolve(locate(options.baseURL)) : options.baseURL.then(locate);
  // Requests see a base URL that never came; an idle client must not crash the process with it.
  target.catch(() => undefined);
  // undici (and its WebAssembly HTTP parser) loads with the first request, not at start-up:
  // a screen can be drawn before anything is sent.
  let dispatcher: Dispatcher | undefined;
  // One pool for every request: the first requests, sent together, share its promise.
  let connecting: Promise<{ http: Undici; dispatcher: Dispatcher }> | undefined;
  // Until when a 429's wait holds every request back.
  let calmUntil = 0;
  const connected = () =>
    (connecting ??= (async () => {
      const http = await loadUndici();
      dispatcher = await createDispatcher(http, (await target).proxy, options.tls);
      return { http, dispatcher };
    })());

  async function send<T>(spec: RequestSpec): Promise<T> {
    // undici loads while the base URL is still to come (the demo API starting): the two do not wait for each other.
    loadUndici().catch(() => undefined);
    const { base, proxy } = await target;
    const url = buildUrl(base, spec.path, spec.query);
    const headers: Record<string, string> = {
      authorization: `Bearer ${spec.key}`,
      accept: 'application/json',
      'user-agent': options.userAgent,
    };
    if (options.organization) headers['openai-organization'] = options.organization;
    if (options.project) headers['openai-project'] = options.project;
    let body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(options.extraHeaders ?? {})) headers[name.toLowerCase()] = value;
    const host = proxy ? `${url.host} (through the proxy ${proxy.host})` : url.host;
    const reconcile = spec.unknownOutcome;
    // Whether an earlier attempt may have been carried out without our hearing of it.
    let unknown = false;
    const giveUp = async (error: unknown): Promise<T> => {
      if (unknown && reconcile?.recheck) {
        const found = await reconcile.recheck(spec.signal);
        if ('done' in found) return found.done as T;
      }
      if (unknown && reconcile?.gone && reconcile.isGone && (await reconcile.isGone(spec.signal))) return reconcile.gone() as T;
      throw error;
    };
    // Waits before the next attempt; true when a stop came first (or had come), so no attempt follows.
    const stoppedDuring = async (ms: number): Promise<boolean> => {
      const { stop } = spec;
      if (!stop) {
        await sleep(ms, spec.signal);
        return false;
      }
      if (stop.aborted) return true;
      const ended = new AbortController();
      const onStop = () => ended.abort();
      stop.addEventListener('abort', onStop, { once: true });
      try {
        await sleep(ms, spec.signal ? AbortSignal.any([spec.signal, ended.signal]) : ended.signal);
        return false;
      } catch (error) {
        if (spec.signal?.aborted || !stop.aborted) throw error;
        return true;
      } finally {
        stop.removeEventListener('abort', onStop);
      }
    };
    // Stopped between attempts: done after all when a lost answer's read-back says so, else known not carried out.
    const giveUpStopped = async (): Promise<T> => {
      if (unknown && reconcile?.recheck) {
        const found = await reconcile.recheck(spec.signal);
        if ('done' in found) return found.done as T;
      } else if (unknown && reconcile?.gone && reconcile.isGone) {
        if (await reconcile.isGone(spec.signal)) return reconcile.gone() as T;
      } else if (unknown) {
        throw new OutcomeUnknownError('stopped before a retry, after an answer was lost: it may or may not have been carried out');
      }
      throw new StoppedError();
    };

    try {
      for (let retriesDone = 0; ; retriesDone++) {
        const canRetry = retriesDone < options.maxRetries;
        if (unknown && reconcile?.recheck) {
          const found = await reconcile.recheck(spec.signal);
          if ('done' in found) return found.done as T;
          body = JSON.stringify(found.body);
          unknown = false;
        }
        // A 429 slows every request of this client down, not just the one that got it.
        if (calmUntil > Date.now() && (await stoppedDuring(calmUntil - Date.now()))) return await giveUpStopped();
        let outcome: Outcome;
        try {
          const { http, dispatcher: current } = await connected();
          outcome = await attempt(http, current, url, host, spec.method, headers, body, options.timeoutMs, spec.signal, options.observer);
        } catch (error) {
          if (error instanceof StuckRequestError) {
            // undici can spin on a connection that a proxy dropped mid-handshake: start a fresh pool.
            void dispatcher?.destroy().catch(() => undefined);
            dispatcher = undefined;
            connecting = undefined;
            error = error.reported;
          }
          if (error instanceof AbortError || error instanceof InvalidResponseError) throw error;
          unknown = true;
          if (!canRetry) return await giveUp(error);
          const delayMs = retryDelayMs(retriesDone, undefined);
          options.onRetry?.({ method: spec.method, reason: (error as Error).message, delayMs, retry: retriesDone + 1 });
          if (await stoppedDuring(delayMs)) return await giveUpStopped();
          continue;
        }
        if (outcome.status >= 200 && outcome.status < 300) {
          try {
            const value = parseSuccess<T>(outcome, spec.expect);
            if (spec.keepBody) bodies.set(value as object, outcome.text);
            return value;
          } catch (error) {
            // A change the server answered in words we cannot read: find out, as after a lost answer.
            if (!reconcile) throw error;
            unknown = true;
            if (!canRetry) return await giveUp(error);
            continue;
          }
        }
        if (outcome.status === 404 && unknown && reconcile?.gone) {
          // A 404 after a lost answer is "gone" only when it names what was removed, or a read finds the checkpoint
          // without it: a 404 for the checkpoint itself (model_not_found) means there was nothing to revoke.
          const notFound = apiErrorFrom(outcome);
          if (notFound.code === 'model_not_found') throw notFound;
          if (reconcile.saysGone?.(notFound) || (reconcile.isGone && (await reconcile.isGone(spec.signal)))) return reconcile.gone() as T;
          throw notFound;
        }
        if (shouldRetryStatus(outcome.status, outcome.header)) {
          if (outcome.status !== 429) unknown = true;
          if (canRetry) {
            const delayMs = retryDelayMs(retriesDone, outcome.header);
            if (outcome.status === 429) calmUntil = Math.max(calmUntil, Date.now() + delayMs);
            const reason = `${outcome.status} ${reasonPhrase(outcome.status)}`;
            options.onRetry?.({ method: spec.method, status: outcome.status, reason, delayMs, retry: retriesDone + 1 });
            if (await stoppedDuring(delayMs)) return await giveUpStopped();
            continue;
          }
        }
        return await giveUp(apiErrorFrom(outcome));
      }
    } catch (error) {
      throw scrub(error, spec.key);
    }
  }

  return { send, close: async () => dispatcher?.close() };
}

/**
 * The proxy for the base URL, from HTTPS_PROXY (else HTTP_PROXY, as undici does) and NO_PROXY.
 * Never for loopback: plain http is only allowed there, and a proxy would see the key.
 */
export function proxyFor(base: URL, settings: ProxySettings | undefined): URL | undefined {
  if (!settings || isLoopbackHost(base.hostname)) return undefined;
  const raw = base.protocol === 'https:' ? settings.httpsProxy || settings.httpProxy : settings.httpProxy;
  if (!raw || bypassesProxy(base, settings.noProxy ?? '')) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw new ConfigError('the proxy URL (HTTPS_PROXY / HTTP_PROXY) is not a valid URL');
  }
}

/** NO_PROXY: `*`, or host names matched exactly or as a domain suffix (`.example.com`, `example.com`), with an optional port. */
function bypassesProxy(base: URL, noProxy: string): boolean {
  const host = base.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = base.port || (base.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [, name = '', entryPort] = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(entry.toLowerCase()) ?? [];
      if (entryPort && entryPort !== port) return false;
      const domain = name.replace(/^\*?\./, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
}

type Undici = typeof import('../_vendor/undici');
let undici: Promise<Undici> | undefined;
const loadUndici = (): Promise<Undici> => (undici ??= import('../_vendor/undici'));

async function createDispatcher(http: Undici, proxy: URL | undefined, tls: ClientCertificate | undefined): Promise<Dispatcher> {
  // Redirects are never followed (undici's default): the Authorization header must not travel to another origin.
  if (proxy) return new (await http.loadProxyAgent())({ uri: proxy.href, ...(tls ? { requestTls: { ...tls } } : {}) });
  return new http.Agent({ keepAliveTimeout: 10_000, ...(tls ? { connect: { ...tls } } : {}) });
}

function buildUrl(base: URL, path: string, query: Record<string, QueryValue> | undefined): URL {
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/$/, '') + path;
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) url.searchParams.append(`${name}[]`, item);
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) url.searchParams.append(`${name}[${key}]`, String(item));
      }
    } else {
      url.searchParams.set(name, String(value));
    }
  }
  return url;
}

interface Outcome {
  status: number;
  text: string;
  header: HeaderLookup;
  requestId: string | null;
}

/** How long an aborted request may take to settle before its dispatcher is given up on. */
const STUCK_GRACE_MS = 1_000;

/** A request that did not settle when its timeout or abort fired: the dispatcher may be wedged. */
class StuckRequestError extends Error {
  constructor(readonly reported: Error) {
    super(reported.message);
  }
}

async function attempt(
  http: Undici,
  dispatcher: Dispatcher,
  url: URL,
  where: string,
  method: RequestSpec['method'],
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  observer: ExchangeObserver | undefined,
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
  // The request is raced against its own abort: should undici fail to settle, the caller still gets an answer.
  let stuck = false;
  let grace: NodeJS.Timeout | undefined;
  const abandoned = new Promise<never>((_, reject) => {
    const giveUp = () => {
      stuck = true;
      reject(new Error('the request did not settle after it was aborted'));
    };
    controller.signal.addEventListener('abort', () => (grace = setTimeout(giveUp, STUCK_GRACE_MS)), { once: true });
  });
  const failure = (error: unknown): Error => {
    if (signal?.aborted) return new AbortError('the request was cancelled');
    if (timedOut) return new TimeoutError(`no answer from ${where} within ${timeoutMs} ms`);
    return new ConnectionError(`${where}: ${networkReason(error)}`);
  };
  const sent: SentRequest = { method, url, headers };
  observer?.request?.(sent);
  try {
    const response = await Promise.race([http.request(url, { dispatcher, method, headers, body, signal: controller.signal }), abandoned]);
    const text = await Promise.race([readCapped(response.body, response.statusCode), abandoned]);
    const header: HeaderLookup = (name) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    observer?.response?.({
      request: sent,
      status: response.statusCode,
      statusText: reasonPhrase(response.statusCode),
      headers: response.headers,
      text,
    });
    return { status: response.statusCode, text, header, requestId: header('x-request-id') ?? null };
  } catch (error) {
    if (error instanceof InvalidResponseError) throw error;
    throw stuck ? new StuckRequestError(failure(error)) : failure(error);
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** No answer of this API comes near it (a page of 100 permissions is about 10 KB); a server that sends more is broken. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The body as text, refused (and the connection dropped) once it passes MAX_RESPONSE_BYTES. */
async function readCapped(body: Dispatcher.ResponseData['body'], status: number): Promise<string> {
  const tooLarge = () => {
    body.destroy();
    return new InvalidResponseError(
      `the server answered ${status} with more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, far more than any answer of this API`,
      status,
    );
  };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
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

function parseSuccess<T>(outcome: Outcome, expect: RequestSpec['expect']): T {
  const fail = (what: string) =>
    new InvalidResponseError(`the server answered ${outcome.status} with ${what}`, outcome.status, outcome.requestId);
  let value: unknown;
  try {
    value = JSON.parse(outcome.text);
  } catch {
    throw fail(outcome.text.trim() === '' ? 'an empty body' : 'a body that is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw fail('JSON that is not an object');
  if (expect === 'list' && !Array.isArray((value as { data?: unknown }).data)) throw fail('a list without a data array');
  return value as T;
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
    // A gateway's title usually repeats the status ("502 Bad Gateway"): say it once.
    const words = (title?.[1] ?? title?.[2] ?? '').trim().replace(new RegExp(`^${status}\\s*`), '');
    return `${words || reasonPhrase(status)} (an HTML page, likely from a proxy or gateway, not the API)`;
  }
  const snippet = trimmed.replace(/\s+/g, ' ').slice(0, 120);
  return `${reasonPhrase(status)} (response body is not the API's JSON: ${snippet})`;
}

/** `Not Found` for 404: Node's phrases (undici loads node:http anyway), `HTTP 599` for a status without one. */
function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? `HTTP ${status}`;
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
