// Regenerates test/cli/gjson-cases.json, the GJSON conformance table, from tidwall/gjson's own test file (MIT):
//   node scripts/gjson-cases.mjs path/to/gjson_test.go [test/cli/gjson-cases.json]
// It reads every Get(json, path) / get(…) / GetBytes(…) call whose JSON and path are string literals (or variables
// holding them) and whose result is compared with a literal: `.String() != "x"`, `.Raw == "x"`, `.Exists()`, `.Num`,
// `.Int()`, directly or through a variable. Calls it cannot read are listed too, each with the reason.
// Cases written by hand (loops over tables of paths) come from test/cli/gjson-cases.hand.json.
import { readFileSync, writeFileSync } from 'node:fs';

const [source, target = 'test/cli/gjson-cases.json'] = process.argv.slice(2);
if (!source) {
  console.error('usage: node scripts/gjson-cases.mjs path/to/gjson_test.go [out.json]');
  process.exit(2);
}
const go = readFileSync(source, 'utf8').replace(/\r\n/g, '\n');

/** Go's string literal at `at` (interpreted or raw): [value, end] or undefined. */
function literal(text, at) {
  if (text[at] === '`') {
    const end = text.indexOf('`', at + 1);
    return [text.slice(at + 1, end).replace(/\r/g, ''), end + 1];
  }
  if (text[at] !== '"') return undefined;
  let out = '';
  let i = at + 1;
  const bytes = [];
  const flush = () => {
    if (bytes.length) out += Buffer.from(bytes.splice(0)).toString('utf8');
  };
  for (; i < text.length && text[i] !== '"'; i++) {
    if (text[i] !== '\\') {
      flush();
      out += text[i];
      continue;
    }
    const c = text[++i];
    const simple = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '\\': '\\', '"': '"', "'": "'" };
    if (c in simple) {
      flush();
      out += simple[c];
    } else if (c === 'x') {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === 'u' || c === 'U') {
      flush();
      const n = c === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(text.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else if (/[0-7]/.test(c)) {
      bytes.push(parseInt(text.slice(i, i + 3), 8));
      i += 2;
    } else return undefined;
  }
  flush();
  return [out, i + 1];
}

const skipSpace = (text, at) => {
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
};

/**
 * A string expression at `at`: literals and known variables joined by `+`, `[]byte(x)`, `string(x)`.
 * Returns [value, end] or undefined.
 */
function stringExpr(text, at, env) {
  let value = '';
  for (;;) {
    at = skipSpace(text, at);
    let part;
    const wrap = /^(\[\]byte|string)\(/.exec(text.slice(at));
    if (wrap) {
      const inner = stringExpr(text, at + wrap[0].length, env);
      if (!inner || text[skipSpace(text, inner[1])] !== ')') return undefined;
      part = [inner[0], skipSpace(text, inner[1]) + 1];
    } else if (text[at] === '"' || text[at] === '`') {
      part = literal(text, at);
    } else {
      const id = /^[A-Za-z_]\w*/.exec(text.slice(at));
      if (!id || !(env(id[0], at) !== undefined)) return undefined;
      if (/^\s*[.([]/.test(text.slice(at + id[0].length))) return undefined;
      part = [env(id[0], at), at + id[0].length];
    }
    if (!part) return undefined;
    value += part[0];
    at = part[1];
    const next = skipSpace(text, at);
    if (text[next] === '+' && text[next + 1] !== '+') {
      at = next + 1;
      continue;
    }
    return [value, at];
  }
}

/** The position after the `)` that closes the `(` before `at`. */
function closing(text, at) {
  let depth = 1;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === '`') {
      const lit = literal(text, i);
      if (!lit) return -1;
      i = lit[1] - 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

// Package-level strings (basicJSON, complicatedJSON…), then each test function's body.
const globals = new Map();
for (const m of go.matchAll(/^(?:var|const) (\w+) = /gm)) {
  const lit = stringExpr(go, m.index + m[0].length, () => undefined);
  if (lit) globals.set(m[1], lit[0]);
}

const functions = [...go.matchAll(/^func (\w+)\([^)]*\)[^{]*\{\n([\s\S]*?)^\}/gm)].map((m) => ({
  name: m[1],
  body: m[2],
  line: go.slice(0, m.index).split('\n').length + 1,
}));

const cases = [];
const addedModifiers = new Set([...go.matchAll(/AddModifier\("(\w+)"/g)].map((m) => m[1]));
const ACCESSORS = /^\s*\.(String\(\)|Raw|Str|Num|Int\(\)|Uint\(\)|Float\(\)|Bool\(\)|Exists\(\)|Type|IsArray\(\)|IsObject\(\))/;

for (const fn of functions) {
  if (!fn.name.startsWith('Test')) continue;
  const body = fn.body;
  const lineOf = (at) => fn.line + body.slice(0, at).split('\n').length - 1;
  // Local string variables: the latest assignment before a position wins.
  const assignments = [];
  for (const m of body.matchAll(/(?:^|[\s;])(?:var\s+)?(\w+)\s*(?::=|=)\s*/g)) {
    const value = stringExpr(body, m.index + m[0].length, (name, at) => lookup(name, at));
    if (value) assignments.push({ name: m[1], at: m.index, value: value[0] });
  }
  function lookup(name, at) {
    const local = assignments.filter((a) => a.name === name && a.at < at).at(-1);
    return local ? local.value : globals.get(name);
  }
  for (const call of body.matchAll(/(?<![\w.])(Get|get|GetBytes)\(/g)) {
    const line = lineOf(call.index);
    const start = call.index + call[0].length;
    // A call inside t.Fatalf(…) repeats the one just checked, for the failure message.
    if (/t\.Fatal\w*\((?:[^()]|\([^()]*\))*$/.test(body.slice(Math.max(0, call.index - 300), call.index))) continue;
    const end = closing(body, start);
    const source = body.slice(call.index, end).replace(/\s+/g, ' ');
    const entry = { test: fn.name, line, source };
    const json = stringExpr(body, start, lookup);
    const comma = json && skipSpace(body, json[1]);
    const path = json && body[comma] === ',' ? stringExpr(body, comma + 1, lookup) : undefined;
    if (!json || !path || skipSpace(body, path[1]) !== end - 1) {
      cases.push({ ...entry, skip: 'not read by the script: the JSON or the path is computed' });
      continue;
    }
    Object.assign(entry, { json: json[0], path: path[0] });
    // A call standing alone as a statement checks only that gjson survives the input.
    const bare = /\n\s*$/.test(body.slice(0, call.index)) && /^\s*\n/.test(body.slice(end));
    const found = bare ? { check: 'Runs', expected: true } : comparison(body, call.index, end, lookup, json[0], path[0]);
    const custom = [...addedModifiers].find((name) => path[0].includes(`@${name}`));
    if (custom) cases.push({ ...entry, skip: `Go-only: the modifier @${custom} is registered by the test with AddModifier` });
    else if (found.skip) cases.push({ ...entry, skip: found.skip });
    else cases.push({ ...entry, ...found });
  }
  // testEscapePath(t, json, path, expected): the String() of the path.
  for (const call of body.matchAll(/testEscapePath\(t,\s*/g)) {
    const json = stringExpr(body, call.index + call[0].length, lookup);
    const path = json && stringExpr(body, skipSpace(body, json[1]) + 1, lookup);
    const expected = path && stringExpr(body, skipSpace(body, path[1]) + 1, lookup);
    if (expected)
      cases.push({ test: fn.name, line: lineOf(call.index), json: json[0], path: path[0], check: 'String', expected: expected[0] });
  }
  // testvalid(t, json, ok): gjson's Valid, which the @valid modifier applies (its result exists only for valid JSON).
  for (const call of body.matchAll(/testvalid\(t,\s*/g)) {
    const json = stringExpr(body, call.index + call[0].length, lookup);
    const ok = json && /^\s*,\s*(true|false)\s*\)/.exec(body.slice(json[1]));
    const entry = { test: fn.name, line: lineOf(call.index) };
    if (ok)
      cases.push({
        ...entry,
        json: json[0],
        path: '@valid',
        check: 'Exists',
        expected: ok[1] === 'true',
        via: 'Valid(json), as @valid applies it',
      });
    else cases.push({ ...entry, skip: 'not read by the script: the JSON is computed' });
  }
  // Tables of paths and of the String() of each, looped over: `paths := []string{…}` beside `expected := []string{…}`.
  const lists = new Map();
  for (const m of body.matchAll(/(\w+)\s*:?=\s*\[\]string\{/g)) {
    const items = [];
    let at = m.index + m[0].length;
    for (;;) {
      at = skipSpace(body, at);
      if (body[at] === '}') break;
      const item = stringExpr(body, at, lookup);
      if (!item) break;
      items.push(item[0]);
      at = skipSpace(body, item[1]);
      if (body[at] === ',') at++;
    }
    if (body[skipSpace(body, at)] === '}') lists.set(m[1], { items, at: m.index });
  }
  const paths = lists.get('paths');
  const expected = lists.get('expected') ?? lists.get('ress');
  if (paths && expected && paths.items.length >= expected.items.length && /\b(?:Get(?:Many)?\(json,|testMany\(t, json,)/.test(body)) {
    const json = lookup('json', paths.at);
    const looped = cases.findIndex((c) => c.test === fn.name && /^Get\(json, path\)$/.test(c.source ?? ''));
    if (looped >= 0) cases.splice(looped, 1);
    expected.items.forEach((value, index) => {
      cases.push({ test: fn.name, line: lineOf(paths.at), json, path: paths.items[index], check: 'String', expected: value, table: true });
    });
  }
}

/** What the call's result is compared with: { check, expected } or { skip }. */
function comparison(body, callAt, end, lookup, json, path) {
  const after = body.slice(end);
  const before = body.slice(Math.max(0, callAt - 80), callAt);
  let accessor = ACCESSORS.exec(after);
  let at = end;
  let negated = /!\s*$/.test(before);
  if (!accessor) {
    // `x := Get(…)` then `x.String() != "…"` (or `if !x.Exists()`) further on.
    const assigned = /(\w+)\s*:?=\s*$/.exec(before);
    if (!assigned) return { skip: 'not read by the script: the result is not compared with a literal' };
    const name = assigned[1];
    const use = new RegExp(
      `(!?)\\b${name}(\\.(?:String\\(\\)|Raw|Str|Num|Int\\(\\)|Exists\\(\\)|IsArray\\(\\)|IsObject\\(\\)|Type))?\\s*(==|!=|\\)|\\s*\\{)`,
    ).exec(after);
    if (!use) return { skip: 'not read by the script: the result is not compared with a literal' };
    const reassigned = new RegExp(`\\b${name}\\s*:?=`).exec(after);
    if (reassigned && reassigned.index < use.index) return { skip: 'not read by the script: the result is not compared with a literal' };
    if (!use[2]) {
      // `x := Get(…).String()` handled below; a bare result compared as a whole is Go-only.
      return { skip: 'not read by the script: the result is not compared with a literal' };
    }
    accessor = [use[2], use[2].slice(1)];
    negated = use[1] === '!';
    at = end + use.index + use[0].length - use[3].length;
    return compareAt(body, at, accessor[1], negated, lookup, json, path);
  }
  at = end + accessor[0].length;
  const acc = accessor[1];
  // `x := Get(…).String()` then `if x != "…"`.
  const assigned = /(\w+)\s*:?=\s*$/.exec(before);
  const rest = skipSpace(body, at);
  if (assigned && !/^(==|!=)/.test(body.slice(rest))) {
    const name = assigned[1];
    const use = new RegExp(`\\b${name}\\s*(==|!=)`).exec(body.slice(at));
    if (!use) return { skip: 'not read by the script: the result is not compared with a literal' };
    return compareAt(body, at + use.index + use[0].length - use[1].length, acc, false, lookup, json, path);
  }
  return compareAt(body, at, acc, negated, lookup, json, path);
}

function compareAt(body, at, acc, negated, lookup, json, path) {
  const check = acc.replace('()', '');
  if (check === 'Exists' || check === 'IsArray' || check === 'IsObject') {
    const op = /^\s*(==|!=)\s*(true|false)/.exec(body.slice(at));
    // `if !x.Exists() { t.Fatal(…) }` expects it to exist; `assert(t, !x.Exists())` expects it not to.
    const inIf = /\bif\s*!?\s*$/.test(
      body
        .slice(Math.max(0, at - 200), at)
        .replace(/[\w.]*\([^()]*(?:\([^()]*\)[^()]*)*\)\s*\.\w+\(\)$/, '')
        .replace(/\w+\.\w+\(\)$/, ''),
    );
    let expected = inIf ? negated : !negated;
    if (op) expected = (op[2] === 'true') === (op[1] === '==') ? expected : !expected;
    return { check, expected };
  }
  const op = /^\s*(==|!=)\s*/.exec(body.slice(at));
  if (!op) return { skip: 'not read by the script: the result is not compared with a literal' };
  const valueAt = at + op[0].length;
  if (['Num', 'Int', 'Uint', 'Float'].includes(check)) {
    const number = /^-?[\d.]+(?:e[+-]?\d+)?(?![\w.(])/.exec(body.slice(valueAt));
    if (!number) return { skip: 'not read by the script: compared with a computed value' };
    const key = /(\w+)$/.exec(path ?? '')?.[1];
    const source = key && new RegExp(`"${key}"\\s*:\\s*(-?[\\d.]+)`).exec(json ?? '')?.[1];
    const unsafe = !Number.isSafeInteger(Number(number[0])) || (source !== undefined && !Number.isSafeInteger(Number(source)));
    if (check !== 'Num' && unsafe) {
      return { skip: `Go-only: Result.${check}() of an integer beyond 2^53, which a JavaScript number cannot hold` };
    }
    return { check, expected: Number(number[0]) };
  }
  if (check === 'Type') {
    const type = /^(Null|False|Number|String|True|JSON)\b/.exec(body.slice(valueAt));
    if (!type) return { skip: 'not read by the script: compared with a computed value' };
    return { check, expected: type[1] };
  }
  const value = stringExpr(body, valueAt, lookup);
  if (!value) return { skip: 'not read by the script: compared with a computed value' };
  // `if x != "…" { t.Fatal }` and `assert(t, x == "…")` both state the expected value.
  return { check, expected: value[0] };
}

const handFile = JSON.parse(readFileSync(new URL('../test/cli/gjson-cases.hand.json', import.meta.url), 'utf8'));
// A hand case may name its JSON as "Test:variable", read from that test's last assignment of it.
const hand = handFile.cases.map(({ jsonFrom, ...c }) => {
  if (!jsonFrom) return c;
  if (!jsonFrom.includes(':')) return { ...c, json: globals.get(jsonFrom) };
  const [test, name] = jsonFrom.split(':');
  const fn = functions.find((f) => f.name === test);
  const m = [...fn.body.matchAll(new RegExp(`(?:^|[\\s;])(?:var\\s+|const\\s+)?${name}\\s*(?::=|=)\\s*`, 'g'))].at(-1);
  const value = m && stringExpr(fn.body, m.index + m[0].length, (id) => globals.get(id));
  if (!value) throw new Error(`${jsonFrom}: not found`);
  return { ...c, json: value[0] };
});
// Test functions with no Get case test other parts of gjson's Go API: listed, with what they call.
const API =
  /(?<!rand\.)\b(Parse|ParseBytes|ForEach|Map|Array|Value|Valid|ValidBytes|Escape|Less|Paths?|Time|Int|Uint|Float|Bool|ForEachLine|AddModifier|ModifierExists|All|Keys|Values|parseQuery|splitPossiblePipe|revSquash|squash|unescape|stringLessInsensitive|AppendJSONString|validpayload|parseIndex|Type\.String)\(/g;
for (const fn of functions) {
  if (!fn.name.startsWith('Test') || cases.some((c) => c.test === fn.name) || hand.some((c) => c.test === fn.name)) continue;
  const called = [...new Set([...fn.body.matchAll(API)].map((m) => m[1]))];
  const what = called.length ? called.join(', ') : 'no gjson function with a fixed input';
  cases.push({ test: fn.name, line: fn.line - 1, skip: `no Get(json, path) case: it tests ${what}` });
}
// The calls the script could not read, given their reason by hand (an API only Go has, random input…).
for (const c of cases) {
  const reason = c.skip?.startsWith('not read') && (handFile.reasons[`${c.test}:${c.line}`] ?? handFile.reasons[c.test]);
  if (reason) c.skip = reason;
}
const table = {
  about:
    'GJSON conformance cases from gjson_test.go of tidwall/gjson v1.19.0 (MIT, Copyright (c) 2016 Josh Baker), ' +
    'extracted by scripts/gjson-cases.mjs; "skip" says why a case cannot apply or was not read; the hand entries come from test/cli/gjson-cases.hand.json.',
  cases: [...cases, ...hand.map((c) => ({ ...c, hand: true }))].filter(
    (c) => !handFile.readByHand?.includes(`${c.test}:${c.line}`) || c.hand,
  ),
};
// Written as prettier writes it, so that `prettier --check` (part of npm test) passes on a regenerated table.
const { format, resolveConfig } = await import('prettier');
writeFileSync(target, await format(JSON.stringify(table), { ...(await resolveConfig(target)), parser: 'json' }));
const skipped = table.cases.filter((c) => c.skip).length;
console.log(`${table.cases.length} cases (${skipped} skipped) written to ${target}`);
