// Query-string and body validation with the API's 400 messages; the state trusts what passes here.
import type { Order } from '../api/types';
import { badRequest } from './errors';

export type Query = Record<string, string>;

/** A query value, treating an empty one as absent (clients send `after=` for "no cursor"). */
export function optional(query: Query, name: string): string | undefined {
  const value = query[name];
  return value === undefined || value === '' ? undefined : value;
}

/** `limit`: an integer from 1 to 100 written in plain digits, else 400. */
export function parseLimit(query: Query, fallback: number): number {
  const raw = query.limit;
  if (raw === undefined) return fallback;
  const value = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= 100)) {
    throw badRequest(`Invalid 'limit': expected an integer between 1 and 100, but got '${raw}' instead.`, 'limit', 'invalid_value');
  }
  return value;
}

export function parseOrder(query: Query): Order {
  const raw = query.order;
  if (raw === undefined) return 'descending';
  if (raw === 'ascending' || raw === 'descending') return raw;
  throw badRequest(`Invalid 'order': expected one of 'ascending', 'descending', but got '${raw}' instead.`, 'order', 'invalid_value');
}

export function parseBoolean(query: Query, name: string, fallback: boolean): boolean {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badRequest(`Invalid '${name}': expected a boolean ('true' or 'false'), but got '${raw}' instead.`, name, 'invalid_value');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The create body must be exactly `{"project_ids": [non-empty strings, at least one]}`. */
export function parseCreateBody(text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
        'The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)',
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`Invalid request body: expected an object, but got ${describe(body)} instead.`, null, 'invalid_type');
  }
  const extra = Object.keys(body).find((key) => key !== 'project_ids');
  if (extra !== undefined) throw badRequest(`Unrecognized request argument supplied: ${extra}`, extra, 'unknown_parameter');
  const ids = (body as { project_ids?: unknown }).project_ids;
  if (ids === undefined) throw badRequest("Missing required parameter: 'project_ids'.", 'project_ids', 'missing_required_parameter');
  if (!Array.isArray(ids)) {
    throw badRequest(
      `Invalid type for 'project_ids': expected an array of strings, but got ${describe(ids)} instead.`,
      'project_ids',
      'invalid_type',
    );
  }
  if (ids.length === 0) {
    throw badRequest(
      "Invalid 'project_ids': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'project_ids',
      'empty_array',
    );
  }
  ids.forEach((id: unknown, i) => {
    if (typeof id !== 'string') {
      throw badRequest(
        `Invalid type for 'project_ids[${i}]': expected a string, but got ${describe(id)} instead.`,
        `project_ids[${i}]`,
        'invalid_type',
      );
    }
    if (id === '') {
      throw badRequest(
        `Invalid 'project_ids[${i}]': empty string. Expected a string with minimum length 1.`,
        `project_ids[${i}]`,
        'empty_string',
      );
    }
  });
  return ids as string[];
}
