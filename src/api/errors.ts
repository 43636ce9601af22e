// One error family for everything the API client can fail with, and one place that words them.
import { scrubKeys } from './keys';
import { sanitizeLine } from './sanitize';

/** Base class: every error ckpt-perms throws on purpose. */
export class CkptPermsError extends Error {
  override name = 'CkptPermsError';
}

/** The request could not be made as configured (missing key, unsafe base URL, bad id). Nothing was sent. */
export class ConfigError extends CkptPermsError {
  override name = 'ConfigError';
}

/** The API answered with a non-2xx status. */
export class ApiError extends CkptPermsError {
  override name = 'ApiError';
  readonly status: number;
  readonly type: string | null;
  readonly code: string | null;
  readonly param: string | null;
  readonly requestId: string | null;
  /** The API's own message (or a description of the body when it was not the API's JSON). */
  readonly apiMessage: string;

  constructor(init: {
    status: number;
    apiMessage: string;
    type?: string | null;
    code?: string | null;
    param?: string | null;
    requestId?: string | null;
  }) {
    super(`${init.status} ${init.apiMessage}`);
    this.status = init.status;
    this.apiMessage = init.apiMessage;
    this.type = init.type ?? null;
    this.code = init.code ?? null;
    this.param = init.param ?? null;
    this.requestId = init.requestId ?? null;
  }
}

/** The connection failed (refused, reset, DNS, TLS) before a complete answer arrived. */
export class ConnectionError extends CkptPermsError {
  override name = 'ConnectionError';
}

/** No complete answer within the per-request timeout. */
export class TimeoutError extends CkptPermsError {
  override name = 'TimeoutError';
}

/** The caller aborted the request (AbortSignal). */
export class AbortError extends CkptPermsError {
  override name = 'AbortError';
}

/** A 2xx answer whose body is not what the API promises (malformed JSON, wrong shape, repeated cursor). */
export class InvalidResponseError extends CkptPermsError {
  override name = 'InvalidResponseError';
  readonly status: number | null;
  readonly requestId: string | null;
  constructor(message: string, status: number | null = null, requestId: string | null = null) {
    super(message);
    this.status = status;
    this.requestId = requestId;
  }
}

/** A walk through pages that the server kept saying had more, stopped at its ceiling (`--max-pages`). */
export class MaxPagesError extends CkptPermsError {
  override name = 'MaxPagesError';
  constructor(readonly maxPages: number) {
    super(
      `stopped after ${maxPages} pages: the server still said there were more (has_more); give --max-pages N to read further, if the list is really that long`,
    );
  }
}

/**
 * A change whose outcome could not be learned: its answer was lost, and reading the server
 * afterwards failed too. (What an earlier re-read did find: `grantedBeforeFailure` in client.ts.)
 */
export class OutcomeUnknownError extends CkptPermsError {
  override name = 'OutcomeUnknownError';
}

/** A change stopped (a first Esc or Ctrl+C) before another attempt: known not to have been carried out. */
export class StoppedError extends CkptPermsError {
  override name = 'StoppedError';
  constructor() {
    super('stopped before it was carried out');
  }
}

/** One line for a human: what failed, the API's words, and the request id to quote to support; nothing key-shaped. */
export function describeError(error: unknown): string {
  return scrubKeys(sanitizeLine(wordsFor(error)));
}

function wordsFor(error: unknown): string {
  if (error instanceof ApiError) {
    const label = [error.status, error.code ?? error.type].filter(Boolean).join(' ');
    const id = error.requestId ? ` (request ${error.requestId})` : '';
    return `${label}: ${error.apiMessage}${id}`;
  }
  if (error instanceof InvalidResponseError) {
    const id = error.requestId ? ` (request ${error.requestId})` : '';
    return `invalid response: ${error.message}${id}`;
  }
  if (error instanceof TimeoutError) return `timeout: ${error.message}`;
  if (error instanceof ConnectionError) return `network error: ${error.message}`;
  if (error instanceof AbortError) return 'cancelled';
  if (error instanceof CkptPermsError) return error.message;
  if (error instanceof Error) return `unexpected error: ${error.message}`;
  return `unexpected error: ${String(error)}`;
}

/** What to check next, for the errors a user can do something about; undefined when there is nothing to add. */
export function hintFor(error: unknown): string | undefined {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    // A project key sent to an admin endpoint (it is sent when no admin key is given) gets "Missing scopes".
    if (/missing scopes/i.test(error.apiMessage)) {
      return 'the key is not an admin key: these calls need an organization admin key (sk-admin-…) in --admin-api-key or OPENAI_ADMIN_KEY (--api-key / OPENAI_API_KEY is sent only when no admin key is given)';
    }
    return 'these calls need an organization admin key (sk-admin-…) in --admin-api-key or OPENAI_ADMIN_KEY';
  }
  if (error instanceof ApiError && error.code === 'model_not_found') {
    return 'check the checkpoint id: the exact name of a fine-tuned model or checkpoint (ft:…)';
  }
  if (error instanceof ApiError && error.status === 429) {
    return 'rate limited by the API: wait a little, then try again';
  }
  if (error instanceof ConnectionError || error instanceof TimeoutError) {
    return 'check the base URL (--base-url, OPENAI_BASE_URL) and any proxy (HTTPS_PROXY, NO_PROXY)';
  }
  return undefined;
}

/** One line: what failed, then what to check. */
export function errorLine(error: unknown): string {
  const line = describeError(error);
  const hint = hintFor(error);
  return hint ? `${line}; ${hint}` : line;
}

/**
 * For a line a narrow terminal may cut: what to check first, then what failed in the server's words (which can be
 * long: `401 …: You have insufficient permissions for this operation. Missing scopes: …`).
 */
export function adviceFirstLine(error: unknown): string {
  const line = describeError(error);
  const hint = hintFor(error);
  return hint ? `${hint} · ${line}` : line;
}

/** A few words on what an error means for the user, for the UI's one-line flash. */
export function shortHintFor(error: unknown): string | undefined {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return 'needs an admin key';
  if (error instanceof ApiError && error.code === 'model_not_found') return 'unknown checkpoint';
  if (error instanceof ApiError && error.status === 429) return 'rate limited: r tries again';
  if (error instanceof ConnectionError || error instanceof TimeoutError) return 'check the base URL or proxy';
  return undefined;
}

/** The flash line: what it means first (a narrow terminal cuts the end), then the API's words and request id. */
export function flashLine(error: unknown): string {
  const hint = shortHintFor(error);
  const line = describeError(error);
  return hint ? `${hint[0]!.toUpperCase()}${hint.slice(1)} · ${line}` : line;
}

/** Whether an error means the key cannot do this (for the key prompt's check). */
export function isAuthError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}
