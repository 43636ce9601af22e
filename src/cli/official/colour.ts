// tidwall/pretty v1.2.1's Color with its TerminalStyle, as the official CLI colours JSON on a terminal (keys bold
// bright blue, strings green, numbers yellow, true/false cyan, null dim, escapes magenta; brackets, `:` and `,` bold).
// Its layout (pretty.Pretty) is the GJSON port's (gjson/pretty.ts), which @pretty uses too.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;

/** isNaNOrInf of pretty.go: Inf, inf, +Inf, NaN, nan. */
function isNaNOrInf(src: Uint8Array, i: number): boolean {
  const c = src[i];
  return c === 0x69 || c === 0x49 || c === 0x2b || c === 0x4e || (c === 0x6e && i + 1 < src.length && src[i + 1] !== 0x75);
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
