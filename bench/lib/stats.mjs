// The bench's statistics: medians, nearest-rank percentiles, and how steady a ratio is pair by pair.
const sorted = (xs) => [...xs].sort((a, b) => a - b);

export function median(xs) {
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs, p) {
  const s = sorted(xs);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

export const round = (x, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** How steady a ratio is: the ratio within each pair (A_i ÷ B_i), its median and range, and the raw times. */
export function pairs(as, bs) {
  const ratios = as.map((a, i) => a / bs[i]);
  return {
    pair_ratio: { median: round(median(ratios)), min: round(Math.min(...ratios)), max: round(Math.max(...ratios)) },
    samples_ms: { a: as.map((x) => round(x, 2)), b: bs.map((x) => round(x, 2)) },
  };
}
