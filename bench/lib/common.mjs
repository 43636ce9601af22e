// What the figures share: the terminal's size, a person's pace, clocks, alternating pairs, and what a screen shows.
export const COLS = 100;
export const ROWS = 30;
/** Idle time before a key in the in-process UI: more than Ink's 30 fps render throttle, as between a person's key presses. */
export const PACE_MS = 60;

export const progress = (text) => process.stderr.write(`bench: ${text}\n`);
export const ms = (ns) => Number(ns) / 1e6;
export const now = () => process.hrtime.bigint();
export const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));
export const tick = () => new Promise((resolve) => setImmediate(resolve));

/** n pairs of (a, b), alternately, after one warm-up pair that is not counted. */
export async function alternate(n, a, b, { warmup = true } = {}) {
  if (warmup) {
    await a(-1);
    await b(-1);
  }
  const as = [];
  const bs = [];
  for (let i = 0; i < n; i++) {
    as.push(await a(i));
    bs.push(await b(i));
  }
  return { as, bs };
}

export const hasLine = (lines, text) => lines.some((line) => line.includes(text));
export const tableShown = (page) => (lines) =>
  lines.some((line) => line.includes(`Page ${page} ·`) && !line.includes('loading…')) && lines.some((line) => line.includes('cp_'));
