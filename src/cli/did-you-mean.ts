// "Did you mean": the known words closest to a mistyped one by edit distance (as git and npm suggest), never acted on.

/** Letters to insert, delete, replace or swap (two neighbours) to turn `a` into `b`, letter case ignored. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[s.length]![t.length]!;
}

/**
 * The words nearest `typed`, at most `most` of them (the closest first, ties in the order given): only those within a
 * third of its length (at least 1), so a wild guess is not offered.
 */
export function closest(typed: string, words: Iterable<string>, most = 3): string[] {
  const limit = Math.max(1, Math.floor(typed.length / 3));
  return [...new Set(words)]
    .map((word, order) => ({ word, order, distance: editDistance(typed, word) }))
    .filter((candidate) => candidate.distance <= limit && candidate.word !== typed)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, most)
    .map((candidate) => candidate.word);
}

/** `did you mean list?`, `did you mean --format or --from?`, or '' when nothing is near. */
export function didYouMean(typed: string, words: Iterable<string>, quote = (word: string) => word): string {
  const near = closest(typed, words).map(quote);
  if (near.length === 0) return '';
  const list = near.length === 1 ? near[0]! : `${near.slice(0, -1).join(', ')} or ${near.at(-1)}`;
  return `did you mean ${list}?`;
}
