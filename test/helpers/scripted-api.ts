// For a whole test file: a scripted loopback server (reliability/support.ts) and an API client on it, no retries.
import { afterAll, beforeAll } from 'vitest';
import { createClient, type Client, type ClientOptions } from '../../src/api/client';
import { scriptedServer, type Script, type ScriptedServer } from '../reliability/support';

export interface ScriptedApi {
  /** Its `requests` are every request heard, in order. */
  server: ScriptedServer;
  api: Client;
}

/** Starts both before the file's tests and closes them after; `script` answers each request (read what it reads late). */
export function useScriptedApi(script: Script, options: Omit<ClientOptions, 'baseURL'>): ScriptedApi {
  const scripted = {} as ScriptedApi;
  beforeAll(async () => {
    scripted.server = await scriptedServer(script);
    scripted.api = createClient({ baseURL: scripted.server.baseUrl, maxRetries: 0, ...options });
  });
  afterAll(async () => {
    await scripted.api?.close();
    await scripted.server?.close();
  });
  return scripted;
}
