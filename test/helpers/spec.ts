// Where the official OpenAPI subset lives: it is not ours to redistribute, so it is found, not committed.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BESIDE_PROJECT = fileURLToPath(new URL('../../../shared/api/openai-checkpoint-permissions.openapi.yml', import.meta.url));

/** The spec's path from OPENAPI_SPEC or ../shared/api/, or undefined when neither exists. */
export function findOpenApiSpec(): string | undefined {
  const candidates = [process.env.OPENAPI_SPEC, BESIDE_PROJECT].filter((p): p is string => Boolean(p));
  return candidates.find((candidate) => existsSync(candidate));
}

export const SPEC_MISSING_MESSAGE =
  'contract tests skipped: the OpenAPI spec was not found (set OPENAPI_SPEC, or put it at ../shared/api/openai-checkpoint-permissions.openapi.yml)';
