// Ink 6 keeps every text it has measured or wrapped in module-level caches that are never emptied
// (vadimdemedes/ink#986): paging through a checkpoint's permissions adds every row ever shown, some 11 KB a page.
// The bundle (and the tests) give Ink measure-text.ts and wrap-text.ts beside this file instead (src/_vendor/README.md):
// the same functions, with caches that start over once they hold MAX_ENTRIES texts.

export const MAX_ENTRIES = 500;

export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    // A frame needs a few dozen entries (a hundred rows at most): starting over costs one frame's measuring.
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, value);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
