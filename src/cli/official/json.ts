// JSON as the official CLI handles it: values that keep their source text (key order, number spelling, string
// escapes), and the printers of its output formats (tidwall/pretty's layout and terminal colours).

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
  const value = (): JsonNode => {
    space();
    const start = at;
    const c = text[at];
    if (c === '{') {
      at++;
      const entries: [string, JsonNode][] = [];
      space();
      if (text[at] === '}') {
        at++;
        return { kind: 'object', raw: text.slice(start, at), entries };
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail('expected a key');
        const key = (string() as { value: string }).value;
        space();
        if (text[at] !== ':') fail('expected ":"');
        at++;
        entries.push([key, value()]);
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') {
          at++;
          return { kind: 'object', raw: text.slice(start, at), entries };
        }
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      at++;
      const items: JsonNode[] = [];
      space();
      if (text[at] === ']') {
        at++;
        return { kind: 'array', raw: text.slice(start, at), items };
      }
      for (;;) {
        items.push(value());
        space();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') {
          at++;
          return { kind: 'array', raw: text.slice(start, at), items };
        }
        fail('expected "," or "]"');
      }
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

/** Colours of tidwall/pretty's TerminalStyle, which the official CLI uses on a terminal. */
const STYLE = {
  key: ['\u001b[1m\u001b[94m', '\u001b[0m'],
  string: ['\u001b[32m', '\u001b[0m'],
  number: ['\u001b[33m', '\u001b[0m'],
  true: ['\u001b[36m', '\u001b[0m'],
  false: ['\u001b[36m', '\u001b[0m'],
  null: ['\u001b[2m', '\u001b[0m'],
} as const;

/** An array of scalars goes on one line when that line is at most this wide (tidwall/pretty's Width). */
const ONE_LINE_WIDTH = 80;

/**
 * JSON with two-space indents, keys in their order, strings and numbers as received, and short arrays of scalars on
 * one line (`["a", "b"]`), as tidwall/pretty lays it out; coloured with its terminal style when asked.
 */
export function pretty(node: JsonNode, colour = false): string {
  return `${layout(node, colour, false)}\n`;
}

/** One line of JSON without spaces (the jsonl line), coloured like `pretty` when asked. */
export function compactLine(node: JsonNode, colour = false): string {
  return layout(node, colour, true);
}

function layout(node: JsonNode, colour: boolean, compact: boolean): string {
  const paint = (kind: keyof typeof STYLE, text: string) => (colour ? `${STYLE[kind][0]}${text}${STYLE[kind][1]}` : text);
  const scalar = (child: JsonNode) => paint(child.kind as Exclude<JsonNode['kind'], 'object' | 'array'>, child.raw);
  const write = (child: JsonNode, indent: string): string => {
    if (compact && child.kind === 'object') {
      return `{${child.entries.map(([key, value]) => `${paint('key', JSON.stringify(key))}:${write(value, '')}`).join(',')}}`;
    }
    if (compact && child.kind === 'array') return `[${child.items.map((item) => write(item, '')).join(',')}]`;
    if (child.kind === 'object') {
      if (child.entries.length === 0) return '{}';
      const inner = `${indent}  `;
      const lines = child.entries.map(([key, value]) => `${inner}${paint('key', JSON.stringify(key))}: ${write(value, inner)}`);
      return `{\n${lines.join(',\n')}\n${indent}}`;
    }
    if (child.kind === 'array') {
      if (child.items.length === 0) return '[]';
      if (child.items.every(isScalar)) {
        const plain = `[${child.items.map((item) => item.raw).join(', ')}]`;
        if (plain.length <= ONE_LINE_WIDTH) return `[${child.items.map(scalar).join(', ')}]`;
      }
      const inner = `${indent}  `;
      return `[\n${child.items.map((item) => `${inner}${write(item, inner)}`).join(',\n')}\n${indent}]`;
    }
    return scalar(child);
  };
  return write(node, '');
}
