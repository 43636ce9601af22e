// The app under test without a screen: a real demo API over loopback, a real client, and the store. The screen tests
// (test/ui/render.tsx) draw the App on top of the same harness.
import { createClient, type Client } from '../../src/api/client';
import type { Permission } from '../../src/api/types';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/demo/server';
import { createAppStore, type AppState, type AppStore, type Dialog } from '../../src/store/app-store';
import { memoryRecent, type RecentCheckpoints } from '../../src/store/recent';
import { waitFor } from './wait';

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
  /** Stops the store, the client and the demo server (once; closeAll() closes whatever a test left open). */
  close(): Promise<void>;
}

export interface HarnessOptions {
  demo?: DemoServerOptions;
  /** Rows per page (default 10). */
  pageSize?: number;
  /** Retries of the client (default none). */
  maxRetries?: number;
  /** The client's timeout per request (default 5 s). */
  timeoutMs?: number;
  concurrency?: number;
  pageCacheMs?: number;
  now?: () => number;
  /** Leave out the ordinary project key (jobs cannot be browsed). */
  withoutApiKey?: boolean;
  /** Recently opened checkpoints (default: an empty list in memory). */
  recent?: (demo: DemoServer) => RecentCheckpoints;
  /** Where exports are written (a temporary directory in tests). */
  exportDir?: string;
  /**
   * The store reads ahead (the next page, the rows' project names) as it does for a user. Off by default here: the
   * tests of paging, faults and batches count and aim at the requests the user asked for; test/store/read-ahead.test.ts
   * and the pseudo-terminal tests run with it.
   */
  readAhead?: boolean;
  /** Reach the demo at this base URL instead of its own (a proxy in front of it, test/helpers/proxy.ts). */
  via?: (demo: DemoServer) => Promise<string>;
}

const open = new Set<Harness>();

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const demo = await startDemoServer(options.demo);
  const client = createClient({
    baseURL: options.via ? await options.via(demo) : demo.baseUrl,
    adminApiKey: demo.adminKey,
    apiKey: options.withoutApiKey ? undefined : demo.apiKey,
    maxRetries: options.maxRetries ?? 0,
    timeoutMs: options.timeoutMs ?? 5_000,
  });
  const recent = options.recent?.(demo) ?? memoryRecent();
  const store = createAppStore({
    client,
    recent,
    pageSize: options.pageSize ?? 10,
    concurrency: options.concurrency,
    pageCacheMs: options.pageCacheMs,
    now: options.now,
    exportDir: options.exportDir,
    readAhead: options.readAhead ?? false,
  });
  const cp = demo.checkpoints[0]!;
  const permissionsPath = (checkpoint = cp) => `/v1/fine_tuning/checkpoints/${checkpoint}/permissions`;
  let closed = false;
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
      if (closed) return;
      closed = true;
      open.delete(h);
      try {
        store.getState().dispose();
      } finally {
        await client.close();
        await demo.close();
      }
    },
  };
  open.add(h);
  return h;
}

/** Closes every harness a test left open. */
export async function closeAll(): Promise<void> {
  await Promise.all([...open].map((h) => h.close()));
}

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

/** The project ids with access to `checkpoint`, as the server has them. */
export const projectsOn = (h: Harness, checkpoint: string) => new Set(h.demo.state.permissionsOf(checkpoint).map((p) => p.project_id));

/** Nothing under way: no batch, no page load. */
export const idle = (h: Harness) => h.state().busy === null && !h.state().loading;

/** The open dialog, which must be of `kind`. */
export function dialogOf<K extends Dialog['kind']>(h: Harness, kind: K): Extract<Dialog, { kind: K }> {
  const dialog = h.state().dialog;
  if (dialog?.kind !== kind) throw new Error(`expected a ${kind} dialog, got ${dialog?.kind ?? 'none'}`);
  return dialog as Extract<Dialog, { kind: K }>;
}
