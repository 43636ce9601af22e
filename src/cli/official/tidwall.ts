// tidwall/pretty v1.2.1 (the official CLI's JSON printer), ported byte for byte: Pretty's layout (two-space indents,
// an array on one line when it fits in Width minus the column it starts at, nested arrays too) and Color with its
// TerminalStyle (brackets, `:` and `,` bold). Widths are counted in bytes, as Go counts them.

const WIDTH = 80;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

/** isNaNOrInf of pretty.go: Inf, inf, +Inf, NaN, nan. */
function isNaNOrInf(src: Uint8Array, i: number): boolean {
  const c = src[i];
  return c === 0x69 || c === 0x49 || c === 0x2b || c === 0x4e || (c === 0x6e && i + 1 < src.length && src[i + 1] !== 0x75);
}

type Step = [buf: number[], i: number, nl: number, ok: boolean];

function appendAny(buf: number[], json: Uint8Array, i: number, pretty: boolean, tabs: number, nl: number, max: number): Step {
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c <= 0x20) continue;
    if (c === QUOTE) return appendString(buf, json, i, nl);
    if (isDigit(c) || c === 0x2d || isNaNOrInf(json, i)) return appendNumber(buf, json, i, nl);
    if (c === 0x7b || c === 0x5b) return appendObject(buf, json, i, c, c === 0x7b ? 0x7d : 0x5d, pretty, tabs, nl, max);
    for (const word of ['true', 'false', 'null']) {
      if (c === word.charCodeAt(0)) {
        buf.push(...Buffer.from(word));
        return [buf, i + word.length, nl, true];
      }
    }
  }
  return [buf, i, nl, true];
}

function appendObject(
  buf: number[],
  json: Uint8Array,
  i: number,
  open: number,
  close: number,
  pretty: boolean,
  tabs: number,
  nl: number,
  max: number,
): Step {
  let ok: boolean;
  if (pretty && open === 0x5b && max === -1) {
    // An array on one line when it fits in what is left of the line.
    const room = WIDTH - (buf.length - nl);
    if (room > 3) {
      const s1 = buf.length;
      const s2 = i;
      [buf, i, , ok] = appendObject(buf, json, i, 0x5b, 0x5d, false, 0, 0, room);
      if (ok && buf.length - s1 <= room) return [buf, i, nl, true];
      buf.length = s1;
      i = s2;
    }
  } else if (max !== -1 && open === 0x7b) {
    return [buf, i, nl, false];
  }
  buf.push(open);
  i++;
  let n = 0;
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c <= 0x20) continue;
    if (c === close) {
      if (pretty) {
        if (n > 0) {
          nl = buf.length;
          if (buf[nl - 1] === 0x20) buf[nl - 1] = 0x0a;
          else buf.push(0x0a);
        }
        if (buf[buf.length - 1] !== open) appendTabs(buf, tabs);
      }
      buf.push(close);
      return [buf, i + 1, nl, open !== 0x7b];
    }
    if (open === 0x5b || c === QUOTE) {
      if (n > 0) {
        buf.push(0x2c);
        if (open === 0x5b) buf.push(0x20);
      }
      if (pretty) {
        nl = buf.length;
        if (buf[nl - 1] === 0x20) buf[nl - 1] = 0x0a;
        else buf.push(0x0a);
        appendTabs(buf, tabs + 1);
      }
      if (open === 0x7b) {
        [buf, i, nl] = appendString(buf, json, i, nl);
        buf.push(0x3a);
        if (pretty) buf.push(0x20);
      }
      [buf, i, nl, ok] = appendAny(buf, json, i, pretty, tabs + 1, nl, max);
      if (max !== -1 && !ok) return [buf, i, nl, false];
      i--;
      n++;
    }
  }
  return [buf, i, nl, open !== 0x7b];
}

function appendString(buf: number[], json: Uint8Array, i: number, nl: number): Step {
  const s = i;
  i++;
  for (; i < json.length; i++) {
    if (json[i] === QUOTE) {
      let escapes = 0;
      for (let j = i - 1; j > s && json[j] === BACKSLASH; j--) escapes++;
      if (escapes % 2 === 1) continue;
      i++;
      break;
    }
  }
  for (let k = s; k < i; k++) buf.push(json[k]!);
  return [buf, i, nl, true];
}

function appendNumber(buf: number[], json: Uint8Array, i: number, nl: number): Step {
  const s = i;
  i++;
  for (; i < json.length; i++) {
    const c = json[i]!;
    if (c <= 0x20 || c === 0x2c || c === 0x3a || c === 0x5d || c === 0x7d) break;
  }
  for (let k = s; k < i; k++) buf.push(json[k]!);
  return [buf, i, nl, true];
}

function appendTabs(buf: number[], tabs: number): void {
  for (let t = 0; t < tabs; t++) buf.push(0x20, 0x20);
}

/** pretty.Pretty: the JSON text laid out, ending with a line break (nothing for empty input). */
export function prettyJson(text: string): string {
  const json = Buffer.from(text);
  const [buf] = appendAny([], json, 0, true, 0, 0, -1);
  if (buf.length > 0) buf.push(0x0a);
  return Buffer.from(buf).toString('utf8');
}

const STYLE = {
  key: ['\u001b[1m\u001b[94m', '\u001b[0m'],
  string: ['\u001b[32m', '\u001b[0m'],
  number: ['\u001b[33m', '\u001b[0m'],
  true: ['\u001b[36m', '\u001b[0m'],
  false: ['\u001b[36m', '\u001b[0m'],
  null: ['\u001b[2m', '\u001b[0m'],
  escape: ['\u001b[35m', '\u001b[0m'],
  brackets: ['\u001b[1m', '\u001b[0m'],
} as const;

/** pretty.Color with pretty.TerminalStyle. */
export function colourJson(text: string): string {
  const src = Buffer.from(text);
  const out: number[] = [];
  const put = (s: string) => out.push(...Buffer.from(s));
  const append = (c: number) => {
    if (c < 0x20 && c !== 0x0d && c !== 0x0a && c !== 0x09 && c !== 0x0b) put(`\\u00${c.toString(16).padStart(2, '0')}`);
    else out.push(c);
  };
  const stack: { kind: number; key: boolean }[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === QUOTE) {
      const key = stack.length > 0 && stack[stack.length - 1]!.key;
      const style = key ? STYLE.key : STYLE.string;
      put(style[0]);
      append(QUOTE);
      let esc = false;
      let uesc = 0;
      for (i = i + 1; i < src.length; i++) {
        if (src[i] === BACKSLASH) {
          put(style[1]);
          put(STYLE.escape[0]);
          append(src[i]!);
          esc = true;
          uesc = src[i + 1] === 0x75 ? 5 : 1;
        } else if (esc) {
          append(src[i]!);
          if (uesc === 1) {
            esc = false;
            put(STYLE.escape[1]);
            put(style[0]);
          } else uesc--;
        } else append(src[i]!);
        if (src[i] === QUOTE) {
          let j = i - 1;
          while (src[j] === BACKSLASH) j--;
          if ((j - i) % 2 !== 0) break;
        }
      }
      put(esc ? STYLE.escape[1] : style[1]);
    } else if (c === 0x7b || c === 0x5b) {
      stack.push({ kind: c, key: c === 0x7b });
      put(STYLE.brackets[0]);
      append(c);
      put(STYLE.brackets[1]);
    } else if ((c === 0x7d || c === 0x5d) && stack.length > 0) {
      stack.pop();
      put(STYLE.brackets[0]);
      append(c);
      put(STYLE.brackets[1]);
    } else if ((c === 0x3a || c === 0x2c) && stack.length > 0 && stack[stack.length - 1]!.kind === 0x7b) {
      stack[stack.length - 1]!.key = !stack[stack.length - 1]!.key;
      put(STYLE.brackets[0]);
      append(c);
      put(STYLE.brackets[1]);
    } else {
      const kind =
        isDigit(c) || c === 0x2d || isNaNOrInf(src, i)
          ? 'number'
          : c === 0x74
            ? 'true'
            : c === 0x66
              ? 'false'
              : c === 0x6e
                ? 'null'
                : undefined;
      if (kind === undefined) {
        append(c);
        continue;
      }
      put(STYLE[kind][0]);
      for (; i < src.length; i++) {
        const d = src[i]!;
        if (d <= 0x20 || d === 0x2c || d === 0x3a || d === 0x5d || d === 0x7d) {
          i--;
          break;
        }
        append(d);
      }
      put(STYLE[kind][1]);
    }
  }
  return Buffer.from(out).toString('utf8');
}
