// Small deterministic PRNG helpers: the demo's seed data and fault draws must repeat exactly run after run.

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A function returning floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for demo data (not for secrets). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max] inclusive. */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** `length` base62 characters drawn from `rng`. */
export function base62(rng: Rng, length: number): string {
  // Char codes + one fromCharCode: string concatenation made 100,000-permission seeding GC-bound.
  const codes = new Array<number>(length);
  for (let i = 0; i < length; i++) codes[i] = BASE62.charCodeAt(Math.floor(rng() * 62));
  return String.fromCharCode(...codes);
}

/** Fisher-Yates shuffle in place; returns the same array for chaining. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/** Draws ids `prefix + base62(length)` that never repeat within one generator. */
export function uniqueIdMaker(rng: Rng, prefix: string, length: number, taken: Set<string> = new Set()): () => string {
  return () => {
    for (;;) {
      const id = prefix + base62(rng, length);
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  };
}
