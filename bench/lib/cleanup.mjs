// Everything the bench starts is stopped here, whatever happens (a failed figure, Ctrl+C).
const cleanups = new Set();

/** Registers `fn` to run at the end (or on Ctrl+C); returns a function that runs it now, once. */
export function onCleanup(fn) {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    await fn();
  };
  cleanups.add(once);
  return once;
}

/** Runs every registered clean-up, the latest first. */
export async function cleanupAll() {
  const all = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of all) {
    try {
      await fn();
    } catch {
      // Best effort: the rest must still run.
    }
  }
}
