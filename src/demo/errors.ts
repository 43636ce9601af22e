// The API's error shape as a throwable, so state operations can reject a request from anywhere.
import type { ApiErrorBody } from '../api/types';

export class DemoApiError extends Error {
  /** Extra response headers, e.g. `allow` on a 405. */
  readonly headers: Record<string, string> = {};

  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly param: string | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'DemoApiError';
  }

  /** The JSON body the API answers with, keys in the API's order. */
  body(): ApiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** 400 invalid_request_error naming the offending parameter. */
export function badRequest(message: string, param: string | null = null, code: string | null = null): DemoApiError {
  return new DemoApiError(400, message, 'invalid_request_error', param, code);
}

/** 404 invalid_request_error. */
export function notFound(message: string, param: string | null = null, code: string | null = null): DemoApiError {
  return new DemoApiError(404, message, 'invalid_request_error', param, code);
}

/** The real API's answer for a checkpoint (model) it does not know. */
export function modelNotFound(model: string): DemoApiError {
  return notFound(`The model \`${model}\` does not exist or you do not have access to it.`, null, 'model_not_found');
}
