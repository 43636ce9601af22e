// Writing answers: JSON bodies, API errors and the deliberately broken answers of injected faults.
import type { ServerResponse } from 'node:http';
import { DemoApiError } from './errors';
import type { FaultDecision } from './faults';

export function sendJson(
  res: ServerResponse,
  status: number,
  requestId: string,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, requestId: string, error: DemoApiError, headers: Record<string, string> = {}): void {
  sendJson(res, error.status, requestId, error.body(), { ...error.headers, ...headers });
}

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

// A list cut off mid-object: valid JSON up to the break, like a proxy that dropped the rest.
const TRUNCATED_JSON = '{"object":"list","data":[{"object":"checkpoint.permission","id":"cp_';

const SERVER_ERRORS: Record<string, string> = {
  '500': 'The server had an error while processing your request. Sorry about that!',
  '502': 'Bad gateway.',
  '503': 'The server is overloaded or not ready yet.',
  '504': 'Gateway timeout.',
};

/**
 * Answers (or deliberately does not answer) a faulted request. Returns the status sent, or undefined
 * for `reset` and `hang` (and their `-after` kinds), which send nothing.
 */
export function answerFault(res: ServerResponse, requestId: string, fault: FaultDecision): number | undefined {
  const retry: Record<string, string> = {};
  const retryAfter = fault.retryAfter ?? (fault.kind === '429' ? '1' : undefined);
  if (retryAfter) retry['retry-after'] = retryAfter;
  if (fault.retryAfterMs) retry['retry-after-ms'] = fault.retryAfterMs;
  switch (fault.kind) {
    case '429': {
      const message =
        'Rate limit reached for requests in organization on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in 1s.';
      sendError(res, requestId, new DemoApiError(429, message, 'requests', null, 'rate_limit_exceeded'), retry);
      return 429;
    }
    case '500':
    case '502':
    case '503':
    case '504': {
      const status = Number(fault.kind);
      sendError(res, requestId, new DemoApiError(status, SERVER_ERRORS[fault.kind] ?? 'Server error.', 'server_error'), retry);
      return status;
    }
    case 'html':
      res.writeHead(502, {
        ...retry,
        'content-type': 'text/html',
        'content-length': Buffer.byteLength(NGINX_502),
        'x-request-id': requestId,
      });
      res.end(NGINX_502);
      return 502;
    case 'empty':
      res.writeHead(503, { ...retry, 'content-length': 0, 'x-request-id': requestId });
      res.end();
      return 503;
    case 'malformed':
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(TRUNCATED_JSON),
        'x-request-id': requestId,
      });
      res.end(TRUNCATED_JSON);
      return 200;
    case 'reset':
    case 'reset-after':
      res.socket?.resetAndDestroy();
      return undefined;
    case 'hang':
    case 'hang-after':
      return undefined; // the socket stays open until the client gives up or the server closes
  }
}
