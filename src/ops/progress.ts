// How far a multi-step operation has come, drawn the same in the UI and on the command line.

/** `[#####-----] 5/10`: `cells` wide; with nothing to do (a total of 0) it is done, so the bar is full. */
export function progressBar(done: number, total: number, cells = 10): string {
  const filled = total <= 0 ? cells : Math.round((Math.max(0, Math.min(done, total)) / total) * cells);
  return `[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}] ${done}/${total}`;
}
