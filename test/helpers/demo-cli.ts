// A demo API over loopback for a whole test file, and the environment that points the built binary at it.
import { afterAll, beforeAll } from 'vitest';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/demo/server';

export interface DemoCli {
  server: DemoServer;
  /** OPENAI_BASE_URL and OPENAI_ADMIN_KEY of the server, for runCli and spawnTerminal. */
  env: Record<string, string>;
}

/** The environment that points the binary at `server` with its admin key (and nothing else of OpenAI's). */
export function demoEnv(server: DemoServer): Record<string, string> {
  return { OPENAI_BASE_URL: server.baseUrl, OPENAI_ADMIN_KEY: server.adminKey };
}

/** Starts the server before the file's tests and closes it after them; read `server` and `env` inside the tests. */
export function useDemoCli(options: DemoServerOptions = {}): DemoCli {
  const demo = {} as DemoCli;
  beforeAll(async () => {
    demo.server = await startDemoServer(options);
    demo.env = demoEnv(demo.server);
  });
  afterAll(async () => {
    await demo.server?.close();
  });
  return demo;
}
