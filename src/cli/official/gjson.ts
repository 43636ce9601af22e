// --transform and --transform-error: the whole GJSON syntax (tidwall/gjson v1.19.0, which the official CLI applies with
// `res.Get(path)`), by the port in ./gjson/. A result is the raw text gjson returns, as a node for the output formats.
import { get } from './gjson/get';
import { exists, resultString, Type, type Result } from './gjson/result';
import { forEach } from './gjson/scan';
import { parseJson, type JsonNode } from './json';

export { get } from './gjson/get';
export { exists, resultInt, resultString, Type, type Result } from './gjson/result';

/** A path (or document) nested deeper than the JavaScript stack lets gjson's recursion follow. */
export class TransformError extends Error {
  override name = 'TransformError';
}

/** The result of `path` on `node` (gjson's Get on its raw text), or undefined when nothing matches. */
export function getPath(node: JsonNode, path: string): JsonNode | undefined {
  let result: Result;
  try {
    result = get(node.raw, path);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new TransformError(`the GJSON path ${JSON.stringify(path.slice(0, 60))} nests too deeply to follow`);
  }
  return exists(result) ? nodeOf(result) : undefined;
}

/** A gjson result as a node: its raw text kept as gjson gives it (the `raw` format prints that), a string's text as gjson read it (-r prints that). */
export function nodeOf(result: Result): JsonNode {
  switch (result.type) {
    case Type.String:
      return { kind: 'string', raw: result.raw, value: result.str };
    case Type.Number:
      return { kind: 'number', raw: result.raw || resultString(result) };
    case Type.True:
      return { kind: 'true', raw: result.raw || 'true' };
    case Type.False:
      return { kind: 'false', raw: result.raw || 'false' };
    case Type.JSON:
      try {
        return { ...parseJson(result.raw), raw: result.raw } as JsonNode;
      } catch {
        return lenient(result);
      }
    default:
      return { kind: 'null', raw: result.raw || 'null' };
  }
}

/** JSON that gjson reads though it is not strict JSON (it does not validate): its members as gjson sees them. */
function lenient(result: Result): JsonNode {
  if (result.raw.trimStart().startsWith('{')) {
    const entries: [string, JsonNode][] = [];
    forEach(result, (key, value) => {
      entries.push([key.str, nodeOf(value)]);
      return true;
    });
    return { kind: 'object', raw: result.raw, entries };
  }
  const items: JsonNode[] = [];
  forEach(result, (_, value) => {
    items.push(nodeOf(value));
    return true;
  });
  return { kind: 'array', raw: result.raw, items };
}
