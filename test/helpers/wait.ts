// Waiting in tests: poll for what must become true, never a fixed sleep that hopes it has.

/** How long a wait lasts before it fails, unless told otherwise. */
export const WAIT_MS = 5_000;

/** Polls until `check` holds (server state, store state…); fails naming `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what = 'condition', timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A fixed wait, only for time that must pass (a cache to age) or to see that nothing more happens meanwhile. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
