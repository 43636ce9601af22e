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

/**
 * The spec's component schemas, ready for a JSON Schema 2020-12 validator. Its only 3.0-isms are
 * boolean `exclusiveMinimum`/`exclusiveMaximum` beside `minimum`/`maximum`; they become 3.1's numbers.
 */
export function specForValidation(spec: unknown): { paths: Record<string, any>; components: Record<string, any> } {
  const fix = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fix);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = fix(value);
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof out[flag] === 'boolean') {
        if (out[flag] === true && typeof out[bound] === 'number') {
          out[flag] = out[bound];
          delete out[bound];
        } else {
          delete out[flag];
        }
      }
    }
    return out;
  };
  return fix(spec) as { paths: Record<string, any>; components: Record<string, any> };
}
