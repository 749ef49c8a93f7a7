// Presentation wrappers around math: `\boxed{F_\beta = \dfrac{…}{…}}`, `\fbox{…}`,
// `\colorbox{yellow}{…}`, `{\displaystyle …}`. They change how an answer looks, never what
// it says, so the claim reader takes them off before it looks for relations: a boxed
// equation is a claim like any other (the converter itself also reads `\boxed{0.4}`).

/** Wrappers and how many arguments they take before the wrapped one (`[…]` options are skipped). */
const WRAPPERS: Record<string, number> = {
  '\\boxed': 0,
  '\\fbox': 0,
  '\\framebox': 0,
  '\\bbox': 0,
  '\\colorbox': 1,
  '\\fcolorbox': 2,
  '\\textcolor': 1,
};
/** Style switches that make their brace group a wrapper: `{\displaystyle x = 1}`. */
const STYLE_SWITCH = /^\{\s*\\(?:displaystyle|textstyle|scriptstyle)(?![A-Za-z])/;
const ANY_WRAPPER = /\\(?:boxed|fbox|framebox|bbox|colorbox|fcolorbox|textcolor|displaystyle|textstyle|scriptstyle)(?![A-Za-z])/;

/**
 * The math with presentation wrappers taken off, and for each character left the index
 * it had (so places stay those of the source).
 * Example: `unwrapPresentation("\\boxed{x = 1}")` -> `{ text: "x = 1", kept: [7, 8, 9, 10, 11] }`.
 */
export function unwrapPresentation(text: string): { text: string; kept: number[] } | null {
  if (!ANY_WRAPPER.test(text)) return null;
  const drop = new Uint8Array(text.length);
  const braces: boolean[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      const command = /^\\(?:[A-Za-z]+|.)/s.exec(text.slice(i, i + 40))?.[0] ?? '\\';
      const extra = WRAPPERS[command];
      if (extra !== undefined) {
        const open = wrappedGroup(text, i + command.length, extra);
        if (open >= 0 && holdsRelation(text, open)) {
          drop.fill(1, i, open + 1);
          braces.push(true);
          i = open + 1;
          continue;
        }
      }
      i += command.length;
    } else if (c === '{') {
      const found = STYLE_SWITCH.exec(text.slice(i, i + 40));
      const style = found !== null && holdsRelation(text, i) ? found : null;
      braces.push(style !== null);
      if (style) drop.fill(1, i, i + style[0].length);
      i += style ? style[0].length : 1;
    } else {
      if (c === '}' && braces.pop() === true) drop[i] = 1;
      i += 1;
    }
  }
  const kept: number[] = [];
  let out = '';
  for (let k = 0; k < text.length; k++) {
    if (drop[k] === 1) continue;
    kept.push(k);
    out += text[k];
  }
  return { text: out, kept };
}

const RELATION = /=|≈|\\approx|\\simeq/;

/**
 * Whether the brace group opening at `open` holds a relation: only then does the wrapper
 * hide a claim (`\boxed{0.4}` stays as written, and its place with it).
 */
function holdsRelation(text: string, open: number): boolean {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && --depth === 0) return RELATION.test(text.slice(open, i));
  }
  return false;
}

/** The offset of the `{` opening the wrapped argument, after `[…]` options and `extra` arguments; -1 if none. */
function wrappedGroup(text: string, from: number, extra: number): number {
  let i = skipSpaces(text, from);
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    if (close < 0) return -1;
    i = skipSpaces(text, close + 1);
  }
  for (let n = 0; n < extra; n++) {
    if (text[i] !== '{') return -1;
    const close = text.indexOf('}', i);
    if (close < 0) return -1;
    i = skipSpaces(text, close + 1);
  }
  return text[i] === '{' ? i : -1;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i += 1;
  return i;
}
