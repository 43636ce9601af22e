// What an id must look like before it is put in a request. Each returns a reason, or undefined when fine.
import { looksLikeKey } from './keys';
import { hasControlCharacters } from './sanitize';

const MAX_ID_LENGTH = 512;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const PROJECT_ID = /^proj_[A-Za-z0-9_-]+$/;

function commonProblem(id: string, what: string): string | undefined {
  if (id.length === 0) return `the ${what} is empty`;
  if (id.trim() !== id) return `the ${what} starts or ends with spaces`;
  if (id.length > MAX_ID_LENGTH) return `the ${what} is ${id.length} characters long (at most ${MAX_ID_LENGTH})`;
  if (hasControlCharacters(id)) return `the ${what} contains control characters`;
  if (LONE_SURROGATE.test(id)) return `the ${what} is not valid Unicode text`;
  if (id === '.' || id === '..') return `"${id}" cannot be a ${what}`;
  // Not echoed: it is the key. In a request path it would be written to every access log on the way.
  if (looksLikeKey(id)) return `the ${what} looks like an API key: a key goes in OPENAI_ADMIN_KEY or --admin-api-key, never in an id`;
  return undefined;
}

// What real ids are made of (`ft:gpt-4o-mini-2024-07-18:my-org:custom_suffix:7q8mpxmy:ckpt-step-2000`; the API makes a
// suffix's spaces into dashes): anything else came from a typo or a hostile server, and a shell would act on `$(…)`.
const CHECKPOINT_ID = /^[A-Za-z0-9:._-]+$/;

/** `ft:gpt-4o-mini-2024-07-18:org:name:abc123` or `…:ckpt-step-2000`: letters, digits and `: . _ -` only. */
export function checkpointIdProblem(id: string): string | undefined {
  const problem = commonProblem(id, 'checkpoint id');
  if (problem || CHECKPOINT_ID.test(id)) return problem;
  const odd = [...id].find((char) => !CHECKPOINT_ID.test(char))!;
  const shown = odd === ' ' ? 'a space' : /^[\x21-\x7e]$/.test(odd) ? `"${odd}"` : 'a character outside ASCII';
  return `the checkpoint id contains ${shown}: checkpoint ids are made of letters, digits and : . _ -`;
}

export function permissionIdProblem(id: string): string | undefined {
  return commonProblem(id, 'permission id') ?? (/\s/.test(id) ? 'the permission id contains spaces' : undefined);
}

export function projectIdProblem(id: string): string | undefined {
  const problem = commonProblem(id, 'project id');
  if (problem) return problem;
  return PROJECT_ID.test(id) ? undefined : `"${id}" is not a project id (project ids look like proj_abc123…)`;
}
