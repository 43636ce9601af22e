// The part of GJSON's path syntax (github.com/tidwall/gjson) that the official CLI's --transform is used with:
// keys (with * and ? wildcards, \. for a dot in a key), array indexes, # (count, or every element), #(…) and #(…)#
// queries (== != < <= > >= % !%), | to go on from a result, and the modifiers @this @ugly @pretty @keys @values
// @reverse. Anything else (multipaths, modifier arguments, nested queries, JSON lines) is refused by name.
import { isScalar, parseJson, pretty, ugly, type JsonNode } from './json';

export class TransformError extends Error {
  override name = 'TransformError';
}

const SUPPORTED =
  'supported: keys (with * and ? wildcards, \\. for a dot), indexes, #, #(key==value), #(key%"pat*")#, |, @this @ugly @pretty @keys @values @reverse';

type Segment =
  | { kind: 'key'; text: string; wild: boolean }
  | { kind: 'count' }
  | { kind: 'query'; all: boolean; path: string; op: string; value?: JsonNode }
  | { kind: 'modifier'; name: string };

/** The path cut into groups at `|`, each group its segments at `.`. */
function parsePath(path: string): Segment[][] {
  const refuse = (what: string): never => {
    throw new TransformError(`the path ${JSON.stringify(path)} uses ${what}, which ckpt-perms does not support (${SUPPORTED})`);
  };
  if (path === '') refuse('nothing');
  if (/^[[{]/.test(path)) refuse('a multipath ([…] or {…})');
  if (path.startsWith('..')) refuse('JSON lines (..)');
  if (path.startsWith('!')) refuse('a literal (!…)');
  const groups: Segment[][] = [[]];
  let i = 0;
  while (i < path.length) {
    const group = groups.at(-1)!;
    if (path[i] === '#' && path[i + 1] === '(') {
      let depth = 0;
      let j = i + 1;
      let inString = false;
      for (; j < path.length; j++) {
        const c = path[j]!;
        if (inString) {
          if (c === '\\') j++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      if (j >= path.length) refuse('an unclosed #(');
      const body = path.slice(i + 2, j);
      const all = path[j + 1] === '#';
      group.push(parseQuery(body, all, refuse));
      i = j + 1 + (all ? 1 : 0);
    } else if (path[i] === '@') {
      const name = /^@[A-Za-z_]+/.exec(path.slice(i))?.[0] ?? '@';
      if (path[i + name.length] === ':') refuse(`an argument to ${name}`);
      if (!['@this', '@ugly', '@pretty', '@keys', '@values', '@reverse'].includes(name)) refuse(`the modifier ${name}`);
      group.push({ kind: 'modifier', name });
      i += name.length;
    } else {
      let text = '';
      let escaped = false;
      let wild = false;
      for (; i < path.length && path[i] !== '.' && path[i] !== '|'; i++) {
        if (path[i] === '\\' && i + 1 < path.length) {
          text += path[++i];
          escaped = true;
          continue;
        }
        if (path[i] === '*' || path[i] === '?') wild = true;
        text += path[i];
      }
      if (text === '#' && !escaped) group.push({ kind: 'count' });
      else if (text === '') refuse('an empty key');
      else group.push({ kind: 'key', text, wild });
    }
    if (i < path.length) {
      const sep = path[i];
      if (sep === '|') groups.push([]);
      else if (sep !== '.') refuse(`"${sep}" after a query`);
      i++;
      if (i === path.length) refuse('a path that ends with a separator');
    }
  }
  return groups;
}

const OPERATORS = ['==', '!=', '<=', '>=', '!%', '<', '>', '%', '='];

function parseQuery(body: string, all: boolean, refuse: (what: string) => never): Segment {
  if (body.includes('#(')) refuse('a nested query');
  let inString = false;
  for (let k = 0; k < body.length; k++) {
    const c = body[k]!;
    if (inString) {
      if (c === '\\') k++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    const op = OPERATORS.find((candidate) => body.startsWith(candidate, k));
    if (!op) continue;
    if (body.startsWith('=~', k)) refuse('the regular-expression operator =~');
    const rawValue = body.slice(k + op.length).trim();
    let value: JsonNode;
    try {
      value = parseJson(rawValue);
    } catch {
      return refuse(`the query value ${rawValue} (give a JSON value: "text", a number, true, false or null)`);
    }
    if (!isScalar(value)) refuse('a query value that is not a string, number, true, false or null');
    if ((op === '%' || op === '!%') && value.kind !== 'string') refuse(`${op} with a value that is not a "string"`);
    return { kind: 'query', all, path: body.slice(0, k).trim(), op: op === '=' ? '==' : op, value };
  }
  return { kind: 'query', all, path: body.trim(), op: 'exists' };
}

/** GJSON's wildcard match: * any run of characters, ? one character. */
function matches(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[\\s\\S]*')
      .replace(/\?/g, '[\\s\\S]')}$`,
    'u',
  );
  return re.test(text);
}

function arrayNode(items: JsonNode[]): JsonNode {
  return { kind: 'array', items, raw: `[${items.map((item) => item.raw).join(',')}]` };
}

function compare(node: JsonNode, op: string, value: JsonNode): boolean {
  if (op === '%' || op === '!%') {
    const hit = node.kind === 'string' && matches((value as { value: string }).value, node.value);
    return op === '%' ? hit : !hit;
  }
  let left: string | number | boolean | null;
  let right: string | number | boolean | null;
  if (value.kind === 'string' && node.kind === 'string') [left, right] = [node.value, value.value];
  else if (value.kind === 'number' && node.kind === 'number') [left, right] = [Number(node.raw), Number(value.raw)];
  else if (isScalar(value) && value.kind === node.kind) [left, right] = [node.raw, value.raw];
  else return op === '!=';
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left! < right!;
    case '<=':
      return left! <= right!;
    case '>':
      return left! > right!;
    case '>=':
      return left! >= right!;
  }
  return false;
}

function applyModifier(node: JsonNode, name: string): JsonNode | undefined {
  switch (name) {
    case '@this':
      return node;
    case '@ugly':
      return { ...node, raw: ugly(node) } as JsonNode;
    case '@pretty':
      return { ...node, raw: pretty(node).trimEnd() } as JsonNode;
    case '@keys':
      if (node.kind !== 'object') return arrayNode([]);
      return arrayNode(node.entries.map(([key]) => ({ kind: 'string', value: key, raw: JSON.stringify(key) })));
    case '@values':
      if (node.kind !== 'object') return arrayNode([]);
      return arrayNode(node.entries.map(([, child]) => child));
    case '@reverse':
      if (node.kind === 'array') return arrayNode([...node.items].reverse());
      if (node.kind === 'object') {
        const entries = [...node.entries].reverse();
        return { kind: 'object', entries, raw: `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${child.raw}`).join(',')}}` };
      }
      return node;
  }
  return undefined;
}

function evaluate(node: JsonNode, segments: Segment[]): JsonNode | undefined {
  let current: JsonNode | undefined = node;
  for (let s = 0; s < segments.length && current; s++) {
    const segment = segments[s]!;
    const rest = segments.slice(s + 1);
    switch (segment.kind) {
      case 'modifier':
        current = applyModifier(current, segment.name);
        break;
      case 'count': {
        if (current.kind !== 'array') return undefined;
        if (rest.length === 0) return { kind: 'number', raw: String(current.items.length) };
        const mapped = current.items.map((item) => evaluate(item, rest)).filter((item): item is JsonNode => item !== undefined);
        return arrayNode(mapped);
      }
      case 'query': {
        if (current.kind !== 'array') return undefined;
        const hit = (item: JsonNode) => {
          const target = segment.path === '' ? item : evaluate(item, parsePath(segment.path).flat());
          if (segment.op === 'exists') return target !== undefined && target.kind !== 'false' && target.kind !== 'null';
          return target !== undefined && compare(target, segment.op, segment.value!);
        };
        if (!segment.all) {
          current = current.items.find(hit);
          break;
        }
        const found = current.items.filter(hit);
        if (rest.length === 0) return arrayNode(found);
        return arrayNode(found.map((item) => evaluate(item, rest)).filter((item): item is JsonNode => item !== undefined));
      }
      case 'key': {
        if (current.kind === 'array') {
          current = !segment.wild && /^\d+$/.test(segment.text) ? current.items[Number(segment.text)] : undefined;
        } else if (current.kind === 'object') {
          const { text, wild } = segment;
          current = current.entries.find(([key]) => (wild ? matches(text, key) : key === text))?.[1];
        } else {
          current = undefined;
        }
        break;
      }
    }
  }
  return current;
}

/** Checks a path before anything is sent: an unsupported one is refused then, not after the request. */
export function checkPath(path: string): void {
  parsePath(path);
}

/** The result of `path` on `node`, or undefined when nothing matches. */
export function getPath(node: JsonNode, path: string): JsonNode | undefined {
  let current: JsonNode | undefined = node;
  for (const group of parsePath(path)) {
    if (!current) return undefined;
    current = evaluate(current, group);
  }
  return current;
}
