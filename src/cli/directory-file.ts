// The directory cache file a command reads its project list's cut ids from and writes back after a whole walk: the UI's
// own file (per base URL and organization, src/store/scope.ts), so a run of either leaves the other warm.
import type { ClientOptions } from '../api/client';
import { directoryCacheFile, fileDirectoryCache, type DirectoryCache } from '../ops/directory-cache';
import { scopeOf } from '../store/scope';
import type { CommonOptions } from './table/parse';

/** The file of this connection (withClient's options), or none: the demo's projects are its own, and --no-cache. */
export function directoryCacheOf(
  common: Pick<CommonOptions, 'noCache'>,
  options: ClientOptions | undefined,
  env: Record<string, string | undefined>,
): DirectoryCache | undefined {
  const scope = common.noCache || options === undefined ? undefined : scopeOf(options);
  return scope === undefined ? undefined : fileDirectoryCache(directoryCacheFile(env, scope), scope);
}
