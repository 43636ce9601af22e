// Types of scripts/vendor.mjs for vitest.config.ts and the tests.
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';

export interface Part {
  kind: 'replace' | 'mirror' | 'deep';
  package: string;
  version: string;
  file: string;
  sha256: string;
  specifier?: string;
  importers?: 'package' | 'all';
  replacement?: string;
  by?: string;
  bundleOnly?: boolean;
}
export const PARTS: Part[];
export const UNUSED_PART: string;
export function checkParts(root: string, parts?: Part[]): string[];
export function replacementFor(
  root: string,
  specifier: string,
  importer: string | undefined,
  parts?: Part[],
): { part: Part; replacement: string } | undefined;
export function vendorPlugin(root: string, options?: { everyPartUsed?: boolean; parts?: Part[] }): EsbuildPlugin;
export function vitestVendorPlugin(root: string, parts?: Part[]): VitePlugin;
export const testDependencies: RegExp[];
