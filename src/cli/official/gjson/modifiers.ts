// GJSON's built-in modifiers (`@name` or `@name:argument` in a path), as tidwall/gjson v1.19.0 (MIT) defines them.
import { DEFAULT_OPTIONS, prettyOptions, ugly } from './pretty';
import { exists, isArray, isObject, resultBool, resultInt, resultString, type Result } from './result';
import { forEach, jsonString, parse, squash, valid } from './scan';

/** Get, handed in by get.ts (which calls the modifiers): @dig follows a path. */
type Getter = (json: string, path: string) => Result;
type Modifier = (json: string, arg: string, get: Getter) => string;

const MODIFIERS = new Map<string, Modifier>([
  ['pretty', modPretty],
  ['ugly', (json) => ugly(json)],
  ['reverse', modReverse],
  ['this', (json) => json],
  ['flatten', modFlatten],
  ['join', modJoin],
  ['valid', (json) => (valid(json) ? json : '')],
  ['keys', modKeys],
  ['values', modValues],
  ['tostr', (json) => jsonString(json)],
  ['fromstr', (json) => (valid(json) ? resultString(parse(json)) : '')],
  ['group', modGroup],
  ['dig', modDig],
]);

export const isModifier = (name: string) => MODIFIERS.has(name);

/** A path starting with `@`: the modifier's output and the path after it, or undefined for an unknown name. */
export function execModifier(json: string, path: string, get: Getter): { pathOut: string; res: string } | undefined {
  let name = path.slice(1);
  let pathOut = '';
  let hasArgs = false;
  for (let i = 1; i < path.length; i++) {
    if (path[i] === ':') {
      pathOut = path.slice(i + 1);
      name = path.slice(1, i);
      hasArgs = pathOut.length > 0;
      break;
    }
    if (path[i] === '|' || path[i] === '.') {
      pathOut = path.slice(i);
      name = path.slice(1, i);
      break;
    }
  }
  const fn = MODIFIERS.get(name);
  if (!fn) return undefined;
  let args = '';
  if (hasArgs) {
    let parsed = false;
    if ('{["'.includes(pathOut[0]!) && exists(parse(pathOut))) {
      // A JSON argument runs to the end of its value.
      args = squash(pathOut);
      pathOut = pathOut.slice(args.length);
      parsed = true;
    }
    if (!parsed) {
      // A plain argument runs to the next `|`, brackets and quotes skipped.
      let i = 0;
      for (; i < pathOut.length; i++) {
        if (pathOut[i] === '|') break;
        if ('{["('.includes(pathOut[i]!)) i += squash(pathOut.slice(i)).length - 1;
      }
      args = pathOut.slice(0, i);
      pathOut = pathOut.slice(i);
    }
  }
  return { pathOut, res: fn(json, args, get) };
}

/** The members of a JSON argument such as {"sortKeys":true}. */
function options(arg: string, each: (key: string, value: Result) => void): void {
  forEach(parse(arg), (key, value) => {
    each(resultString(key), value);
    return true;
  });
}

/** Only the whitespace of a text (the indent and prefix options may hold nothing else). */
const whitespaceOf = (s: string) => [...s].filter((c) => ' \t\n\r'.includes(c)).join('');

function modPretty(json: string, arg: string): string {
  if (arg.length === 0) return prettyOptions(json);
  const opts = { ...DEFAULT_OPTIONS };
  options(arg, (key, value) => {
    if (key === 'sortKeys') opts.sortKeys = resultBool(value);
    else if (key === 'indent') opts.indent = whitespaceOf(resultString(value));
    else if (key === 'prefix') opts.prefix = whitespaceOf(resultString(value));
    else if (key === 'width') opts.width = resultInt(value);
  });
  return prettyOptions(json, opts);
}

function values(t: Result): Result[] {
  const out: Result[] = [];
  forEach(t, (_, value) => {
    out.push(value);
    return true;
  });
  return out;
}

function modReverse(json: string): string {
  const res = parse(json);
  if (isArray(res))
    return `[${values(res)
      .reverse()
      .map((value) => value.raw)
      .join(',')}]`;
  if (isObject(res)) {
    const members: string[] = [];
    forEach(res, (key, value) => {
      members.push(`${key.raw}:${value.raw}`);
      return true;
    });
    return `{${members.reverse().join(',')}}`;
  }
  return json;
}

/** A modifier's boolean option (`{"deep":true}`), false when not given. */
function boolOption(arg: string, name: string): boolean {
  let on = false;
  options(arg, (key, value) => {
    if (key === name) on = resultBool(value);
  });
  return on;
}

/** Removes the brackets around an array's or object's text. */
function unwrap(json: string): string {
  // As gjson trims: every byte up to the space, at both ends.
  let start = 0;
  let end = json.length;
  while (start < end && json.charCodeAt(start) <= 32) start++;
  while (end > start && json.charCodeAt(end - 1) <= 32) end--;
  json = json.slice(start, end);
  if (json.length >= 2 && (json[0] === '[' || json[0] === '{')) json = json.slice(1, -1);
  return json;
}

function modFlatten(json: string, arg: string): string {
  const res = parse(json);
  if (!isArray(res)) return json;
  const deep = boolOption(arg, 'deep');
  const out: string[] = [];
  for (const value of values(res)) {
    let raw = isArray(value) ? unwrap(deep ? modFlatten(value.raw, arg) : value.raw) : value.raw;
    raw = raw.trim();
    if (raw.length > 0) out.push(raw);
  }
  return `[${out.join(',')}]`;
}

function modKeys(json: string): string {
  const v = parse(json);
  if (!exists(v)) return '[]';
  const obj = isObject(v);
  const out: string[] = [];
  forEach(v, (key) => {
    out.push(obj ? key.raw : 'null');
    return true;
  });
  return `[${out.join(',')}]`;
}

function modValues(json: string): string {
  const v = parse(json);
  if (!exists(v)) return '[]';
  if (isArray(v)) return json;
  return `[${values(v)
    .map((value) => value.raw)
    .join(',')}]`;
}

function modJoin(json: string, arg: string): string {
  const res = parse(json);
  if (!isArray(res)) return json;
  const preserve = boolOption(arg, 'preserve');
  const objects = values(res).filter(isObject);
  if (preserve) return `{${objects.map((value) => unwrap(value.raw)).join(',')}}`;
  // Duplicate keys: the last value, at the place of the first.
  const keys: Result[] = [];
  const latest = new Map<string, string>();
  for (const object of objects) {
    forEach(object, (key, value) => {
      const name = resultString(key);
      if (!latest.has(name)) keys.push(key);
      latest.set(name, value.raw);
      return true;
    });
  }
  return `{${keys.map((key) => `${key.raw}:${latest.get(resultString(key))}`).join(',')}}`;
}

function modGroup(json: string): string {
  const res = parse(json);
  if (!isObject(res)) return '';
  const all: string[][] = [];
  forEach(res, (key, value) => {
    if (!isArray(value)) return true;
    values(value).forEach((item, index) => {
      (all[index] ??= []).push(`${key.raw}:${item.raw}`);
    });
    return true;
  });
  return `[${all.map((members) => `{${members.join(',')}}`).join(',')}]`;
}

/** @dig:path: every value, at any depth, that the path selects. */
function modDig(json: string, arg: string, get: Getter): string {
  const all: string[] = [];
  const descend = (parent: Result) => {
    const res = get(parent.raw, arg);
    if (exists(res)) all.push(res.raw);
    if (isArray(parent) || isObject(parent)) {
      forEach(parent, (_, value) => {
        descend(value);
        return true;
      });
    }
  };
  descend(parse(json));
  return `[${all.join(',')}]`;
}
