// ↑ and ↓ scroll a dialog whose lines do not all fit.
import { useState } from 'react';

export function useScroll(lineCount: number) {
  const [scroll, setScroll] = useState(0);
  return {
    scroll,
    up: () => setScroll((s) => Math.max(0, s - 1)),
    down: () => setScroll((s) => Math.min(Math.max(0, lineCount - 1), s + 1)),
  };
}
