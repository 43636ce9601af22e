// Shared store-test helpers: a real demo API over loopback, a real client, and the store under test.
import { createClient, type Client } from '../../src/api/client';
import type { Permission } from '../../src/api/types';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { createAppStore, type AppState, type AppStore } from '../../src/store/app-store';
import { memoryRecent, type RecentCheckpoints } from '../../src/store/recent';

export interface Harness {
  demo: DemoServer;
  client: Client;
  store: AppStore;
  recent: RecentCheckpoints;
  /** The checkpoint under test (the demo's largest unless chosen). */
  cp: string;
  state(): AppState;
  /** The server's truth, newest first (the store's default order). */
  newestFirst(checkpoint?: string): Permission[];
  /** Requests the server has seen since `mark`, optionally only for one method and path. */
  since(mark: number, method?: string, path?: string): number;
  permissionsPath(checkpoint?: string): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  permissions?: number;
  /** Projects of the demo organization (default 180). */
  projects?: number;
  /** The demo API's delay before every answer. */
  latencyMs?: number;
  pageSize?: number;
  maxRetries?: number;
  timeoutMs?: number;
  concurrency?: number;
  pageCacheMs?: number;
  now?: () => number;
  /** Leave out the ordinary project key (jobs cannot be browsed). */
  withoutApiKey?: boolean;
  recent?: RecentCheckpoints;
  /** Where exports are written (a temporary directory in tests). */
  exportDir?: string;
  /** Seed of the demo's random faults. */
  faultSeed?: number;
}

const open: Harness[] = [];

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const demo = await startDemoServer({
    permissions: options.permissions,
    projects: options.projects,
    latencyMs: options.latencyMs,
    faultSeed: options.faultSeed,
  });
  const client = createClient({
    baseURL: demo.baseUrl,
    adminApiKey: demo.adminKey,
    apiKey: options.withoutApiKey ? undefined : demo.apiKey,
    maxRetries: options.maxRetries ?? 0,
    timeoutMs: options.timeoutMs ?? 5_000,
  });
  const recent = options.recent ?? memoryRecent();
  const store = createAppStore({
    client,
    recent,
    pageSize: options.pageSize ?? 10,
    concurrency: options.concurrency,
    pageCacheMs: options.pageCacheMs,
    now: options.now,
    exportDir: options.exportDir,
  });
  const cp = demo.checkpoints[0]!;
  const permissionsPath = (checkpoint = cp) => `/v1/fine_tuning/checkpoints/${checkpoint}/permissions`;
  const h: Harness = {
    demo,
    client,
    store,
    recent,
    cp,
    state: () => store.getState(),
    newestFirst: (checkpoint = cp) => demo.state.permissionsOf(checkpoint).reverse(),
    since: (mark, method, path) =>
      demo.requests.slice(mark).filter((r) => (method === undefined || r.method === method) && (path === undefined || r.path === path))
        .length,
    permissionsPath,
    async close() {
      store.getState().dispose();
      await client.close();
      await demo.close();
    },
  };
  open.push(h);
  return h;
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((h) => h.close()));
}

/** Polls until `condition` holds; fails with `what` (and the last state, if given) after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what = 'condition', timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

/** Opens the harness's checkpoint and waits for page 1 and the project directory, with no request left in flight. */
export async function openAndSettle(h: Harness, checkpoint = h.cp): Promise<void> {
  h.state().openCheckpoint(checkpoint);
  await waitFor(() => h.state().page !== null && !h.state().loading, 'the first page');
  await waitFor(() => h.state().directory.status === 'ready', 'the project directory');
}

/** Waits until no page load is in flight and the page shown is `pageNumber`. */
export async function settledOn(h: Harness, pageNumber: number): Promise<void> {
  await waitFor(() => !h.state().loading && h.state().page?.pageNumber === pageNumber, `page ${pageNumber}`);
}
