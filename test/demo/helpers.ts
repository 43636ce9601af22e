// Shared test helpers: real HTTP over loopback against a started demo server.
import type { DemoServer } from '../../src/demo/server';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  text: string;
  json: T;
}

export interface CallOptions {
  method?: string;
  /** 'admin' | 'project' | 'none' | any other string = that literal key. */
  key?: string;
  body?: unknown;
  rawBody?: string;
}

/** Calls `path` (relative to the server's /v1 base, or absolute from the origin when it starts with '//'). */
export async function call<T = any>(server: DemoServer, path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const key = options.key ?? 'admin';
  const headers: Record<string, string> = {};
  if (key === 'admin') headers.authorization = `Bearer ${server.adminKey}`;
  else if (key === 'project') headers.authorization = `Bearer ${server.apiKey}`;
  else if (key !== 'none') headers.authorization = `Bearer ${key}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const origin = server.baseUrl.slice(0, -'/v1'.length);
  const url = path.startsWith('//') ? origin + path.slice(1) : server.baseUrl + path;
  const res = await fetch(url, { method: options.method ?? 'GET', headers, body });
  const text = await res.text();
  let json: any = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const REQUEST_ID = /^req_[0-9a-f]{32}$/;

/** Percent-encodes like the official SDK: colons stay literal. */
export function encodeCheckpoint(id: string): string {
  return encodeURIComponent(id).replace(/%3A/gi, ':');
}

export function permissionsPath(checkpoint: string, suffix = ''): string {
  return `/fine_tuning/checkpoints/${encodeCheckpoint(checkpoint)}/permissions${suffix}`;
}
