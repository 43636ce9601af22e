// Waiting in tests: poll for what must become true, never a fixed sleep that hopes it has.

/**
 * How long a wait lasts before it fails, unless told otherwise: a ceiling, not a pace. A passing wait ends when its
 * condition holds, so only a failure waits this long; on a machine whose cores are busy elsewhere (CI runners, two
 * workers, other jobs) the condition can take many times its usual time.
 */
export const WAIT_MS = 20_000;

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

/**
 * Resolves as `promise` does once it settles, or fails naming `what` after `timeoutMs`: how a test says something ends
 * at once (a close, an abort) without timing it. The ceiling is wide; what it guards against waits far longer.
 */
export async function settles<T>(promise: Promise<T>, what: string, timeoutMs = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const ceiling = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, ceiling]);
  } finally {
    clearTimeout(timer);
  }
}
