// GJSON's wildcard match (tidwall/match v1.1.1's MatchLimit, MIT): `*` any run of characters, `?` one character, `\` escapes the next;
// the work is capped so a hostile pattern cannot stall a listing.

const MATCH = 1;
const NO_MATCH = 0;
const STOP = 2;

/** True when `text` matches `pattern`; false too when the match would take more than 10,000 steps per character. */
export function matchLimit(text: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const counter = { n: 0 };
  // The cap is per byte of UTF-8, as Go counts a string's length.
  return match(Array.from(text), Array.from(pattern), Buffer.byteLength(text, 'utf8'), counter, 10000) === MATCH;
}

function match(str: string[], pat: string[], slen: number, counter: { n: number }, maxcomp: number): number {
  if (counter.n > slen * maxcomp) return STOP;
  counter.n++;
  while (pat.length > 0) {
    let wild = false;
    let pc = pat[0]!;
    let ps = 1;
    const sc = str[0];
    const ss = str.length > 0 ? 1 : 0;
    if (pc === '?') {
      if (ss === 0) return NO_MATCH;
    } else if (pc === '*') {
      // Repeated stars are one star; a star at the end matches the rest.
      while (pat.length > 1 && pat[1] === '*') pat = pat.slice(1);
      if (pat.length === 1) return MATCH;
      const trimmed = trimSuffix(str, pat);
      if (!trimmed.ok) return NO_MATCH;
      str = trimmed.str;
      pat = trimmed.pat;
      if (pat.length === 1) return MATCH;
      const r = match(str, pat.slice(1), slen, counter, maxcomp);
      if (r !== NO_MATCH) return r;
      if (str.length === 0) return NO_MATCH;
      wild = true;
    } else {
      if (ss === 0) return NO_MATCH;
      if (pc === '\\') {
        pat = pat.slice(ps);
        if (pat.length === 0) return NO_MATCH;
        pc = pat[0]!;
        ps = 1;
      }
      if (sc !== pc) return NO_MATCH;
    }
    str = str.slice(ss);
    if (!wild) pat = pat.slice(ps);
  }
  return str.length === 0 ? MATCH : NO_MATCH;
}

/** Matches and trims the characters after the last star, from the end of both. */
function trimSuffix(str: string[], pat: string[]): { str: string[]; pat: string[]; ok: boolean } {
  let ok = true;
  while (str.length > 0 && pat.length > 1) {
    const pc = pat[pat.length - 1]!;
    let ps = 1;
    let esc = false;
    for (let i = 0; ; i++) {
      if (pat[pat.length - ps - i - 1] !== '\\') {
        if ((i & 1) === 1) {
          esc = true;
          ps++;
        }
        break;
      }
    }
    if (pc === '*' && !esc) {
      ok = true;
      break;
    }
    const sc = str[str.length - 1];
    if (!((pc === '?' && !esc) || pc === sc)) {
      ok = false;
      break;
    }
    str = str.slice(0, -1);
    pat = pat.slice(0, pat.length - ps);
  }
  return { str, pat, ok };
}
