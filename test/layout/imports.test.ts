// The shape of src/: no module imports itself through others (type imports count: a circle of types is still a
// circle a reader must untangle), and the store stays in files small enough to read whole.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

// Every form that names another module: import/export … from, bare import, import(), import type, export type.
const SPECIFIERS = [
  /\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Each file of src/ with the files of src/ it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const text = withoutComments(readFileSync(file, 'utf8'));
    const targets = new Set<string>();
    for (const pattern of SPECIFIERS) {
      for (const match of text.matchAll(pattern)) {
        const target = resolveLocal(file, match[1]!);
        if (target?.startsWith(src)) targets.add(target);
      }
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every circle found by a depth-first walk, each as the files along it (first file repeated at the end). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('the imports of src/', () => {
  it('finds circles, type imports included (the check itself)', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
    const graph = importGraph();
    const store = join(src, 'store/app-store.ts');
    // The store's public face re-exports its types: `export type * from './types'` is an edge like any other.
    expect(graph.get(store)).toContain(join(src, 'store/types.ts'));
    expect(graph.get(join(src, 'ui/hooks/useAppStore.ts'))).toContain(store);
  });

  it('form no circle', () => {
    const cycles = findCycles(importGraph()).map((cycle) => cycle.map((file) => relative(src, file)).join(' → '));
    expect(cycles).toEqual([]);
  });
});

describe('names', () => {
  it("src/_vendor/string-width's function has one name wherever it is imported (textWidth: string-width is the library's)", () => {
    const names = new Set<string>();
    for (const file of sourceFiles(src)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/import\s+(\w+)[^'"]*from\s*['"]([^'"]+)['"]/g)) {
        if (resolveLocal(file, match[2]!) === join(src, '_vendor/string-width/index.ts')) names.add(match[1]!);
      }
    }
    expect([...names]).toEqual(['textWidth']);
  });
});

describe('the store', () => {
  it('is in files of about 300 lines at most', () => {
    const long = sourceFiles(join(src, 'store'))
      .map((file) => ({ file: relative(src, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 320);
    expect(long).toEqual([]);
  });

  it('keeps its types apart from its slices: types.ts and tasks.ts import no slice', () => {
    const graph = importGraph();
    for (const file of ['store/types.ts', 'store/tasks.ts']) {
      expect(graph.get(join(src, file))?.filter((target) => target.includes('/store/slices/'))).toEqual([]);
    }
  });
});
