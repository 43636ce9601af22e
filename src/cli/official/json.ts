// JSON as the official CLI handles it: values that keep their source text (key order, number spelling, string
// escapes), and the printers of its output formats (tidwall/pretty's layout and terminal colours).
import { prettyOptions } from './gjson/pretty';
import { colourJson } from './colour';

export type JsonNode =
  | { kind: 'object'; raw: string; entries: [string, JsonNode][] }
  | { kind: 'array'; raw: string; items: JsonNode[] }
  | { kind: 'string'; raw: string; value: string }
  | { kind: 'number'; raw: string }
  | { kind: 'true' | 'false' | 'null'; raw: string };

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/** Parses JSON text into nodes that remember their own text. */
export function parseJson(text: string): JsonNode {
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`invalid JSON at character ${at}: ${what}`);
  };
  /** An object's or an array's members, each read by `member`, from its opening bracket to `close`. */
  const members = (close: '}' | ']', member: () => void) => {
    at++;
    space();
    if (text[at] !== close) {
      for (;;) {
        member();
        space();
        if (text[at] !== ',') break;
        at++;
      }
      if (text[at] !== close) fail(`expected "," or "${close}"`);
    }
    at++;
  };
  const value = (): JsonNode => {
    space();
    const start = at;
    const c = text[at];
    if (c === '{') {
      const entries: [string, JsonNode][] = [];
      members('}', () => {
        space();
        if (text[at] !== '"') fail('expected a key');
        const key = (string() as { value: string }).value;
        space();
        if (text[at] !== ':') fail('expected ":"');
        at++;
        entries.push([key, value()]);
      });
      return { kind: 'object', raw: text.slice(start, at), entries };
    }
    if (c === '[') {
      const items: JsonNode[] = [];
      members(']', () => items.push(value()));
      return { kind: 'array', raw: text.slice(start, at), items };
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null'] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return { kind: word, raw: word };
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (number) {
      at += number[0].length;
      return { kind: 'number', raw: number[0] };
    }
    return fail(c === undefined ? 'unexpected end' : `unexpected ${JSON.stringify(c)}`);
  };
  const string = (): JsonNode => {
    const start = at;
    at++;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    if (at >= text.length) fail('unterminated string');
    at++;
    const raw = text.slice(start, at);
    try {
      return { kind: 'string', raw, value: JSON.parse(raw) as string };
    } catch {
      return fail('bad string');
    }
  };
  const node = value();
  space();
  if (at < text.length) fail('text after the value');
  return node;
}

/** A node for a JavaScript value (keys in insertion order). */
export function toNode(value: unknown): JsonNode {
  return parseJson(JSON.stringify(value) ?? 'null');
}

/** The plain JavaScript value of a node. */
export function toValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of node.entries) out[key] = toValue(child);
      return out;
    }
    case 'array':
      return node.items.map(toValue);
    case 'string':
      return node.value;
    case 'number':
      return Number(node.raw);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
  }
}

export const isScalar = (node: JsonNode) => node.kind !== 'object' && node.kind !== 'array';

/** Compact JSON text (gjson's @ugly, the jsonl line). */
export function ugly(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return `{${node.entries.map(([key, child]) => `${JSON.stringify(key)}:${ugly(child)}`).join(',')}}`;
    case 'array':
      return `[${node.items.map(ugly).join(',')}]`;
    default:
      return node.raw;
  }
}

/**
 * JSON as tidwall/pretty lays it out (two-space indents, keys in their order, strings and numbers as received, arrays on
 * one line when they fit), coloured with its terminal style when asked.
 */
export function pretty(node: JsonNode, colour = false): string {
  const text = prettyOptions(node.raw);
  return colour ? colourJson(text) : text;
}

/** One line of JSON without spaces (gjson's @ugly: the jsonl line), coloured like `pretty` when asked. */
export function compactLine(node: JsonNode, colour = false): string {
  const text = ugly(node);
  return colour ? colourJson(text) : text;
}
