// GJSON's Get (tidwall/gjson v1.19.0, MIT), ported: the path is read as the JSON text is scanned, and a result is the
// raw text of the value found (or text built for `#`, `#(…)#`, multipaths, literals and modifiers).
import { matchLimit } from './match';
import { execModifier } from './modifiers';
import {
  execStatic,
  isSimpleName,
  nameOfLast,
  parseArrayPath,
  parseObjectPath,
  parseSubSelectors,
  queryMatches,
  splitPossiblePipe,
  type ArrayPath,
} from './path';
import { empty, exists, parseFloat64, resultString, Type, type Result } from './result';
import { jsonString, parse, parseAny, parseLiteral, parseNumber, parseSquash, parseString, unescape, valid } from './scan';

interface Context {
  json: string;
  value: Result;
  pipe: string;
  piped: boolean;
}

/** The value `path` selects in `json`; nothing selected is a result that does not exist (see `exists`). */
export function get(json: string, path: string): Result {
  if (path.length > 1) {
    if (path[0] === '@' || path[0] === '!') {
      const found = path[0] === '@' ? execModifier(json, path, get) : execStatic(path);
      if (found) {
        const rest = found.pathOut;
        if (rest.length > 0 && (rest[0] === '|' || rest[0] === '.')) return get(found.res, rest.slice(1));
        return parse(found.res);
      }
    }
    if (path[0] === '[' || path[0] === '{') {
      const multi = multipath(json, path);
      if (typeof multi !== 'string') return multi;
      path = multi;
    }
  }
  const c: Context = { json, value: empty(), pipe: '', piped: false };
  if (path.length >= 2 && path[0] === '.' && path[1] === '.') {
    // JSON Lines: the lines are the items of an array.
    parseArray(c, 0, path.slice(2));
  } else {
    for (let i = 0; i < json.length; i++) {
      if (json[i] === '{') {
        parseObject(c, i + 1, path);
        break;
      }
      if (json[i] === '[') {
        parseArray(c, i + 1, path);
        break;
      }
    }
  }
  if (c.piped) return get(c.value.raw, c.pipe);
  return c.value;
}

/**
 * `{a,"b":c}` and `[a,b]`: each path's result (those that exist), in a new object or array. A bracket that does not
 * make a multipath leaves the path gjson goes on with (what follows it; nothing when it is not closed).
 */
function multipath(json: string, path: string): Result | string {
  const kind = path[0]!;
  const parsed = parseSubSelectors(path);
  if (!parsed) return '';
  const rest = parsed.out;
  if (!(rest.length === 0 || rest[0] === '|' || rest[0] === '.')) return rest;
  const parts: string[] = [];
  for (const sub of parsed.sels) {
    const res = get(json, sub.path);
    if (!exists(res)) continue;
    let name = '';
    if (kind === '{') {
      if (sub.name.length > 0) name = sub.name[0] === '"' && valid(sub.name) ? sub.name : jsonString(sub.name);
      else {
        const last = nameOfLast(sub.path);
        name = jsonString(isSimpleName(last) ? last : '_');
      }
      name += ':';
    }
    let raw = res.raw;
    if (raw.length === 0) raw = resultString(res) || 'null';
    parts.push(name + raw);
  }
  let res: Result = { ...empty(), type: Type.JSON, raw: `${kind}${parts.join(',')}${kind === '{' ? '}' : ']'}` };
  if (rest.length > 0) res = get(res.raw, rest.slice(1));
  return res;
}

function parseObject(c: Context, i: number, path: string): [number, boolean] {
  const rp = parseObjectPath(path);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  const json = c.json;
  let key = '';
  let kesc = false;
  let ok = false;
  while (i < json.length) {
    for (; i < json.length; i++) {
      if (json[i] === '"') {
        const [end, raw, escaped, closed] = parseString(json, i + 1);
        i = end;
        key = closed ? raw.slice(1, -1) : raw.slice(1);
        kesc = escaped;
        ok = closed;
        break;
      }
      if (json[i] === '}') return [i + 1, false];
    }
    if (!ok) return [i, false];
    const name = kesc ? unescape(key) : key;
    const pmatch = rp.wild ? matchLimit(name, rp.part) : rp.part === name;
    let hit = pmatch && !rp.more;
    for (; i < json.length; i++) {
      const ch = json[i]!;
      let num = false;
      if (ch === '"') {
        const [end, val, vesc, closed] = parseString(json, i + 1);
        i = end;
        if (!closed) return [i, false];
        if (hit) {
          c.value = { ...empty(), type: Type.String, raw: val, str: vesc ? unescape(val.slice(1, -1)) : val.slice(1, -1) };
          return [i, true];
        }
      } else if (ch === '{' || ch === '[') {
        if (pmatch && !hit) {
          [i, hit] = ch === '{' ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          if (hit) return [i, true];
        } else {
          const [end, val] = parseSquash(json, i);
          i = end;
          if (hit) {
            c.value = { ...empty(), type: Type.JSON, raw: val };
            return [i, true];
          }
        }
      } else if (ch === 'n' && i + 1 < json.length && json[i + 1] !== 'u') {
        num = true;
      } else if (ch === 't' || ch === 'f' || ch === 'n') {
        const [end, val] = parseLiteral(json, i);
        i = end;
        if (hit) {
          c.value = { ...empty(), type: ch === 't' ? Type.True : ch === 'f' ? Type.False : Type.Null, raw: val };
          return [i, true];
        }
      } else if ('+-0123456789iIN'.includes(ch)) {
        num = true;
      } else {
        continue;
      }
      if (num) {
        const [end, val] = parseNumber(json, i);
        i = end;
        if (hit) {
          c.value = { ...empty(), type: Type.Number, raw: val, num: parseFloat64(val) };
          return [i, true];
        }
      }
      break;
    }
  }
  return [i, false];
}

function parseArray(c: Context, i: number, path: string): [number, boolean] {
  const json = c.json;
  const rp = parseArrayPath(path);
  let partidx = -1;
  if (!rp.arrch && /^[0-9]+$/.test(rp.part)) partidx = Number(rp.part);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  let multires: string[] | undefined;
  const alog: number[] = [];
  let pmatch = false;
  let hit = false;
  let h = 0;

  // One item against the query; true when the search is over (a #(…) found its first match).
  const procQuery = (qval: Result): boolean => {
    if (rp.query.all && !multires) multires = [];
    let res: Result;
    if (qval.type === Type.JSON) res = get(qval.raw, rp.query.path);
    else {
      if (rp.query.path !== '') return false;
      res = qval;
    }
    if (!queryMatches(rp.query, res)) return false;
    if (rp.more) {
      const split = splitPossiblePipe(rp.path);
      if (split) {
        rp.path = split.left;
        c.pipe = split.right;
        c.piped = true;
      }
      res = get(qval.raw, rp.path);
    } else {
      res = qval;
    }
    if (!rp.query.all) {
      c.value = res;
      return true;
    }
    const raw = res.raw.length > 0 ? res.raw : resultString(res);
    if (raw !== '') multires!.push(raw);
    return false;
  };

  while (i < json.length + 1) {
    if (!rp.arrch) {
      pmatch = partidx === h;
      hit = pmatch && !rp.more;
    }
    h++;
    if (rp.alogok) alog.push(i);
    for (; ; i++) {
      if (i > json.length) break;
      const ch = i === json.length ? ']' : json[i]!;
      let num = false;
      if (ch === '"') {
        const [end, val, vesc, ok] = parseString(json, i + 1);
        i = end;
        if (!ok) return [i, false];
        const str = vesc ? unescape(val.slice(1, -1)) : val.slice(1, -1);
        if (rp.query.on) {
          if (procQuery({ ...empty(), type: Type.String, raw: val, str })) return [i, true];
        } else if (hit && !rp.alogok) {
          c.value = { ...empty(), type: Type.String, raw: val, str };
          return [i, true];
        }
      } else if (ch === '{' || ch === '[') {
        if (pmatch && !hit) {
          [i, hit] = ch === '{' ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          if (hit && !rp.alogok) return [i, true];
        } else {
          const [end, val] = parseSquash(json, i);
          i = end;
          if (rp.query.on) {
            if (procQuery({ ...empty(), type: Type.JSON, raw: val })) return [i, true];
          } else if (hit && !rp.alogok) {
            c.value = { ...empty(), type: Type.JSON, raw: val };
            return [i, true];
          }
        }
      } else if (ch === 'n' && i + 1 < json.length && json[i + 1] !== 'u') {
        num = true;
      } else if (ch === 't' || ch === 'f' || ch === 'n') {
        const [end, val] = parseLiteral(json, i);
        i = end;
        const lit = { ...empty(), type: ch === 't' ? Type.True : ch === 'f' ? Type.False : Type.Null, raw: val };
        if (rp.query.on) {
          if (procQuery(lit)) return [i, true];
        } else if (hit && !rp.alogok) {
          c.value = lit;
          return [i, true];
        }
      } else if ('+-0123456789iIN'.includes(ch)) {
        num = true;
      } else if (ch === ']') {
        if (rp.arrch && rp.part === '#') {
          if (rp.alogok) {
            collectAlog(c, rp, alog);
            return [i + 1, true];
          }
          c.value = { ...empty(), type: Type.Number, num: h - 1, raw: String(h - 1) };
          return [i + 1, true];
        }
        if (!exists(c.value)) {
          if (multires && multires.length > 0) c.value = { ...empty(), type: Type.JSON, raw: `[${multires.join(',')}]` };
          else if (rp.query.all) c.value = { ...empty(), type: Type.JSON, raw: '[]' };
        }
        return [i + 1, false];
      } else {
        continue;
      }
      if (num) {
        const [end, val] = parseNumber(json, i);
        i = end;
        const number = { ...empty(), type: Type.Number, raw: val, num: parseFloat64(val) };
        if (rp.query.on) {
          if (procQuery(number)) return [i, true];
        } else if (hit && !rp.alogok) {
          c.value = number;
          return [i, true];
        }
      }
      break;
    }
  }
  return [i, false];
}

/** `#.path`: the path's result on each item, as an array. */
function collectAlog(c: Context, rp: ArrayPath, alog: number[]): void {
  const json = c.json;
  const split = splitPossiblePipe(rp.alogkey);
  if (split) {
    rp.alogkey = split.left;
    c.pipe = split.right;
    c.piped = true;
  }
  const items: string[] = [];
  for (let idx of alog) {
    while (idx < json.length && ' \t\r\n'.includes(json[idx]!)) idx++;
    if (idx >= json.length || json[idx] === ']') continue;
    const [, item, ok] = parseAny(json, idx);
    if (!ok) continue;
    const res = get(item.raw, rp.alogkey);
    if (!exists(res)) continue;
    items.push(res.raw.length > 0 ? res.raw : resultString(res));
  }
  c.value = { ...empty(), type: Type.JSON, raw: `[${items.join(',')}]` };
}
