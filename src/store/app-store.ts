// The store's public face for the rest of the app: createAppStore and the types the screens read. The store itself
// is create-store.ts (composing slices/*), its types are types.ts.
export { createAppStore } from './create-store';
export { resolveProject } from './slices/catalog';
export { clampPageSize, DEFAULT_PAGE_SIZE } from './slices/table';
export { plural } from './text';
export type * from './types';
