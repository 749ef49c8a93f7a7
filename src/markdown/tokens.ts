// Stream items -> tokens: content fragments, relations (`=`, `:`, `is`, `\approx`, `≈`)
// and boundaries (`;`, `, `, `. `, ` and `, arrows, `\quad`, line ends). In math only
// top-level symbols count: nothing inside braces, brackets, `\left…\right` or an
// environment, except the rows of aligned environments (`aligned`, `split`, `array`…),
// whose `&` is a space and whose `\\` is a line end.
import type { Mapped, StreamItem } from './stream.js';

/** A piece of content between relations and boundaries. */
export interface Frag extends Mapped {
  kind: 'text' | 'math';
}

export type Token =
  | { t: 'frag'; frag: Frag }
  /** A relation; `inMath` when written inside math, where the label is the math before it. */
  | { t: 'rel'; offset: number; inMath: boolean }
  | { t: 'nl'; offset: number }
  | { t: 'end'; offset: number };

/**
 * Tokens of a stream, with line ends resolved: a line end inside a claim is dropped when
 * the line before ends with a relation or an operator, or the next line starts with one
 * (`Precision_A =` / `$$\frac{50}{61}$$` / `= 0.82`); otherwise it ends the claim.
 * Example: items of `x = 1; y = 2` -> frag `x `, rel, frag ` 1`, end, frag ` y`, rel, frag ` 2`.
 */
export function tokenize(items: StreamItem[]): Token[] {
  const tokens: Token[] = [];
  items.forEach((item, k) => {
    if (item.kind === 'text') lexText(item, valueFollows(items, k), tokens);
    else if (item.kind === 'math') lexMath(item, tokens);
    else tokens.push({ t: item.kind, offset: item.offset });
  });
  return resolveLineEnds(tokens);
}

// ------------------------------------------------------------------ text

const TEXT_ENDS = ['==>', '-->', '=>', '->', '<-', '<=', '>=', '!=', '→', '⇒', '⟹', '←', '⟶', '⟵', '⇐', '↦', '≤', '≥', '≠', '<', '>', ';', '?'];
const TEXT_RELATIONS = [':=', '==', '~=', '=', '≈', '≃', '≅'];
const BOUNDARY_WORD = /(?:and|but|while|whereas)(?![\p{L}\p{N}])/iuy;
const IS_WORD = /(?:is|equals)(?:\s+(?:approximately|approx\.?|about|around|roughly|equal\s+to|close\s+to))?(?![\p{L}\p{N}])/iuy;
/** What must follow `is` or `:` for it to be a relation: a number, a sign, or `.5`. */
const VALUE_START = /\s*(?:[+\-−±]\s*)?(?:\d|\.\d)/y;
const ONLY_SPACE = /\s*$/y;

/**
 * Whether a value follows text item k: math right after it (`is $0.83$`), or a number
 * opening the next line (`is` / `0.83`). Display math on the next line usually has its
 * own label (`… is` / `$$L = …$$`), so it does not count.
 */
function valueFollows(items: StreamItem[], k: number): boolean {
  if (items[k + 1]?.kind === 'math') return true;
  let j = k + 1;
  while (items[j]?.kind === 'nl') j += 1;
  const next = items[j];
  return next?.kind === 'text' && matchAt(VALUE_START, next.text, 0) > 0;
}

/** The length of a sticky pattern's match at `at`, or -1. */
function matchAt(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match ? match[0].length : -1;
}

function lexText(item: Mapped, valueNext: boolean, out: Token[]): void {
  const { text } = item;
  const depth = bracketDepths(text, '([{', ')]}');
  const frag = new FragBuilder('text', item, out);
  let i = 0;
  while (i < text.length) {
    if (depth[i] > 0) {
      frag.add(i++);
      continue;
    }
    const wordStart = i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1]);
    const relation = TEXT_RELATIONS.find((r) => text.startsWith(r, i));
    const ending = TEXT_ENDS.find((e) => text.startsWith(e, i));
    const isWord = wordStart ? matchAt(IS_WORD, text, i) : -1;
    const conditional = isWord > 0 ? isWord : text[i] === ':' ? 1 : -1;
    const boundaryWord = wordStart ? matchAt(BOUNDARY_WORD, text, i) : -1;
    if (text.startsWith('...', i)) {
      frag.add(i, i + 3);
      i += 3;
    } else if (ending) {
      frag.boundary({ t: 'end', offset: item.map[i] });
      i += ending.length;
    } else if (relation) {
      frag.boundary({ t: 'rel', offset: item.map[i], inMath: false });
      i += relation.length;
    } else if (conditional > 0 && followedByValue(text, i + conditional, valueNext)) {
      frag.boundary({ t: 'rel', offset: item.map[i], inMath: false });
      i += conditional;
    } else if (boundaryWord > 0) {
      frag.boundary({ t: 'end', offset: item.map[i] });
      i += boundaryWord;
    } else if (endsSentence(text, i)) {
      frag.boundary({ t: 'end', offset: item.map[i] });
      i += 1;
    } else {
      frag.add(i++);
    }
  }
  frag.flush();
}

/** `is` / `:` followed by a value here, or at the end of the text with a value next. */
function followedByValue(text: string, at: number, valueNext: boolean): boolean {
  return matchAt(VALUE_START, text, at) > 0 || (valueNext && matchAt(ONLY_SPACE, text, at) >= 0);
}

/** `. ` and `, ` (not `0.82`, `1,000`), `!` after a word; at the end of the text too. */
function endsSentence(text: string, i: number): boolean {
  const c = text[i];
  const next = text[i + 1];
  const spaceAfter = next === undefined || /\s/.test(next);
  if (c === '.' || c === ',') return spaceAfter;
  if (c === '!') return spaceAfter && /\p{L}/u.test(text[i - 1] ?? '');
  return false;
}

// ------------------------------------------------------------------ math

interface LatexToken {
  kind: 'cmd' | 'char' | 'space' | 'newline';
  text: string;
  at: number;
}

const REL_COMMANDS = new Set(['\\approx', '\\simeq', '\\coloneqq', '\\eqqcolon', '\\doteq', '\\thickapprox']);
const END_COMMANDS = new Set([
  '\\quad', '\\qquad', '\\Rightarrow', '\\rightarrow', '\\to', '\\leftarrow', '\\Leftarrow', '\\gets',
  '\\implies', '\\impliedby', '\\iff', '\\Leftrightarrow', '\\leftrightarrow', '\\longrightarrow',
  '\\Longrightarrow', '\\longleftarrow', '\\Longleftarrow', '\\Longleftrightarrow', '\\mapsto',
  '\\therefore', '\\because', '\\xrightarrow', '\\xleftarrow', '\\neq', '\\ne', '\\leq', '\\le', '\\geq',
  '\\ge', '\\lt', '\\gt', '\\ll', '\\gg', '\\in', '\\notin', '\\subset', '\\subseteq', '\\propto',
  '\\sim', '\\leqslant', '\\geqslant', '\\forall',
]);
const END_CHARS = new Set([',', ';', '<', '>', '→', '⇒', '←', '≤', '≥', '≠']);
const REL_CHARS = new Set(['=', '≈']);
/** Commands that only number or label an equation: dropped with their argument. */
const LABEL_COMMANDS = new Set(['\\tag', '\\tag*', '\\label', '\\nonumber', '\\notag']);
const TEXT_COMMANDS = new Set(['\\text', '\\textrm', '\\mbox', '\\textit', '\\textbf', '\\mathrm']);
/** Environments that lay out several equations: read row by row. */
const LAYOUT_ENVIRONMENTS = new Set([
  'aligned', 'align', 'align*', 'alignat', 'alignat*', 'alignedat', 'split', 'eqnarray', 'eqnarray*',
  'gather', 'gather*', 'gathered', 'multline', 'multline*', 'flalign', 'flalign*', 'array', 'equation', 'equation*',
]);
/** A `\text{…}` opening with one of these words joins two claims (`\text{where } p_j = …`). */
const CONNECTIVE_TEXT = /^(?:and|where|if|for|with|since|so|then|hence|thus|otherwise|when|or|let|i\.?e\.?,?|e\.?g\.?,?|s\.?t\.?|such that|given)$/i;

function lexMath(item: Mapped & { display: boolean }, out: Token[]): void {
  const trimmed = item.display ? withoutEquationNumber(item) : item;
  const tokens = latexTokens(trimmed.text);
  const { depth, drop } = structure(tokens);
  const frag = new FragBuilder('math', trimmed, out);
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    const end = token.at + token.text.length;
    if (drop[k]) continue;
    if (LABEL_COMMANDS.has(token.text)) {
      if (token.text.startsWith('\\tag') || token.text === '\\label') dropWithGroup(tokens, k, drop);
      continue;
    }
    if (depth[k] > 0) {
      frag.add(token.at, end);
      continue;
    }
    const offset = trimmed.map[token.at];
    const next = nextSolid(tokens, k);
    if (token.kind === 'newline') frag.boundary({ t: 'nl', offset });
    else if (token.text === '&') frag.space(token.at);
    else if (REL_CHARS.has(token.text) || REL_COMMANDS.has(token.text)) frag.boundary({ t: 'rel', offset, inMath: true });
    else if (token.text === ':' && (next?.token.text === '=' || matchAt(VALUE_START, trimmed.text, end) > 0)) {
      frag.boundary({ t: 'rel', offset, inMath: true });
      if (next?.token.text === '=') drop[next.k] = true;
    } else if (END_CHARS.has(token.text) || END_COMMANDS.has(token.text)) frag.boundary({ t: 'end', offset });
    else if (TEXT_COMMANDS.has(token.text) && CONNECTIVE_TEXT.test(groupAfter(tokens, k).body.trim())) {
      frag.boundary({ t: 'end', offset });
      dropWithGroup(tokens, k, drop);
    } else frag.add(token.at, end);
  }
  frag.flush();
}

/** A trailing equation number `(12)` or sentence `.`/`,` at the end of display math. */
function withoutEquationNumber(item: Mapped): Mapped {
  let text = item.text.trimEnd();
  // Only the tail is searched, so a long run of spaces costs nothing.
  const tail = text.length - Math.min(text.length, 40);
  const number = /(?:\s|\\q?quad)\s*\(\d{1,3}\)$/.exec(text.slice(tail));
  if (number && !/(?:[=+\-*/(,]|\\cdot|\\times)$/.test(text.slice(0, tail + number.index).trimEnd())) {
    text = text.slice(0, tail + number.index).trimEnd();
  }
  if (text.endsWith('.') || text.endsWith(',')) text = text.slice(0, -1);
  return { text, map: item.map.slice(0, text.length) };
}

function latexTokens(text: string): LatexToken[] {
  const tokens: LatexToken[] = [];
  const pattern = /\\\\|\\[A-Za-z]+\*?|\\[^A-Za-z]|\s+|[\s\S]/gy;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const s = match[0];
    const kind = s === '\\\\' ? 'newline' : s.startsWith('\\') && s.length > 1 ? 'cmd' : /^\s/.test(s) ? 'space' : 'char';
    tokens.push({ kind, text: s, at: match.index });
  }
  return tokens;
}

type GroupKind = 'brace' | 'paren' | 'left' | 'env' | 'angle' | 'set';

const OPENERS: Record<string, GroupKind> = { '{': 'brace', '(': 'paren', '[': 'paren', '\\left': 'left', '\\begin': 'env', '\\langle': 'angle', '\\{': 'set', '\\lbrace': 'set' };
const CLOSERS: Record<string, GroupKind> = { '}': 'brace', ')': 'paren', ']': 'paren', '\\right': 'left', '\\end': 'env', '\\rangle': 'angle', '\\}': 'set', '\\rbrace': 'set' };
/** How far below the top of the stack a closer looks for its opener. */
const MATCH_REACH = 8;

/**
 * For each token: how many matched groups enclose it (layout environments at the top
 * level do not count), and whether it is dropped from the content (the `\begin{aligned}`
 * and `\end{aligned}` of a layout environment, an `array`'s column spec). Unmatched
 * brackets count for nothing, so one stray `(` cannot hide every relation after it.
 */
function structure(tokens: LatexToken[]): { depth: number[]; drop: boolean[] } {
  const inert = tokens.map(() => false);
  const opensAt = new Map<number, number>();
  const closesAt = new Set<number>();
  const envName = new Map<number, { name: string; to: number }>();
  const stack: Array<{ kind: GroupKind; k: number }> = [];
  for (let k = 0; k < tokens.length; k++) {
    if (inert[k]) continue;
    const opener = OPENERS[tokens[k].text];
    const closer = CLOSERS[tokens[k].text];
    if (opener === 'left' || closer === 'left') markDelimiter(tokens, k, inert);
    if (opener === 'env' || closer === 'env') {
      const group = groupAfter(tokens, k);
      for (let j = group.from; j < group.to; j++) inert[j] = true;
      envName.set(k, { name: group.body, to: group.to });
    }
    if (opener) stack.push({ kind: opener, k });
    else if (closer) {
      for (let s = stack.length - 1; s >= Math.max(0, stack.length - MATCH_REACH); s--) {
        if (stack[s].kind !== closer) continue;
        opensAt.set(stack[s].k, k);
        closesAt.add(k);
        stack.length = s;
        break;
      }
    }
  }
  const drop = tokens.map(() => false);
  const depth: number[] = [];
  const layoutCloses = new Set<number>();
  let level = 0;
  for (let k = 0; k < tokens.length; k++) {
    const close = opensAt.get(k);
    const env = envName.get(k);
    if (close !== undefined && env && level === 0 && LAYOUT_ENVIRONMENTS.has(env.name)) {
      layoutCloses.add(close);
      dropRange(drop, k, env.to);
      dropRange(drop, close, envName.get(close)?.to ?? close + 1);
      if (env.name === 'array' || env.name.startsWith('alignat')) {
        const spec = groupAfter(tokens, env.to - 1);
        dropRange(drop, spec.from, spec.to);
      }
    }
    if (closesAt.has(k) && !layoutCloses.has(k)) level -= 1;
    depth.push(level);
    if (close !== undefined && !layoutCloses.has(close)) level += 1;
  }
  return { depth, drop };
}

function dropRange(drop: boolean[], from: number, to: number): void {
  for (let j = from; j < to; j++) drop[j] = true;
}

/** `\left(` / `\right.`: the delimiter belongs to the command, it opens nothing itself. */
function markDelimiter(tokens: LatexToken[], k: number, inert: boolean[]): void {
  let j = k + 1;
  while (tokens[j]?.kind === 'space') j += 1;
  if (tokens[j]) inert[j] = true;
}

/** The `{…}` group after token k: its token range and its text. */
function groupAfter(tokens: LatexToken[], k: number): { from: number; to: number; body: string } {
  let j = k + 1;
  while (tokens[j]?.kind === 'space') j += 1;
  if (tokens[j]?.text !== '{') return { from: j, to: j, body: '' };
  let level = 0;
  let body = '';
  for (let from = j; j < tokens.length; j++) {
    const text = tokens[j].text;
    if (text === '{') level += 1;
    else if (text === '}' && --level === 0) return { from, to: j + 1, body };
    if (level > 1 || (level === 1 && text !== '{')) body += text;
  }
  return { from: j, to: j, body };
}

/** Drops token k and the `{…}` group after it from the content. */
function dropWithGroup(tokens: LatexToken[], k: number, drop: boolean[]): void {
  drop[k] = true;
  const group = groupAfter(tokens, k);
  dropRange(drop, group.from, group.to);
}

/** The next token after k that is not a space, with its index. */
function nextSolid(tokens: LatexToken[], k: number): { token: LatexToken; k: number } | undefined {
  for (let j = k + 1; j < tokens.length; j++) if (tokens[j].kind !== 'space') return { token: tokens[j], k: j };
  return undefined;
}

// ------------------------------------------------------------------ shared

/** Depth of each character inside matched bracket pairs (unmatched ones count for nothing). */
function bracketDepths(text: string, opens: string, closes: string): number[] {
  const delta = new Array<number>(text.length + 1).fill(0);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (opens.includes(text[i])) stack.push(i);
    else if (closes.includes(text[i]) && stack.length > 0) {
      const open = stack.pop()!;
      delta[open + 1] += 1;
      delta[i] -= 1;
    }
  }
  const depth: number[] = [];
  let level = 0;
  for (let i = 0; i < text.length; i++) {
    level += delta[i];
    depth.push(level);
  }
  return depth;
}

/** Collects content characters into a fragment until a boundary token is pushed. */
class FragBuilder {
  private text = '';
  private map: number[] = [];

  constructor(
    private readonly kind: Frag['kind'],
    private readonly source: Mapped,
    private readonly out: Token[],
  ) {}

  add(from: number, to = from + 1): void {
    this.text += this.source.text.slice(from, to);
    for (let i = from; i < to; i++) this.map.push(this.source.map[i]);
  }

  space(at: number): void {
    this.text += ' ';
    this.map.push(this.source.map[at]);
  }

  boundary(token: Token): void {
    this.flush();
    this.out.push(token);
  }

  flush(): void {
    if (this.text !== '') this.out.push({ t: 'frag', frag: { kind: this.kind, text: this.text, map: this.map } });
    this.text = '';
    this.map = [];
  }
}

// ------------------------------------------------------------------ line ends

const ENDS_WITH_OPERATOR = /(?:[+\-*/×·÷−]|\\cdot|\\times|\\div)\s*$/;
const STARTS_WITH_OPERATOR = /^\s*(?:[+*/×·÷]|\\cdot|\\times|\\div)/;

function resolveLineEnds(tokens: Token[]): Token[] {
  const out: Token[] = [];
  tokens.forEach((token, k) => {
    if (token.t !== 'nl') {
      out.push(token);
      return;
    }
    const before = significant(tokens, k, -1);
    const after = significant(tokens, k, 1);
    const joins =
      before?.t === 'rel' ||
      after?.t === 'rel' ||
      (before?.t === 'frag' && ENDS_WITH_OPERATOR.test(before.frag.text)) ||
      (after?.t === 'frag' && STARTS_WITH_OPERATOR.test(after.frag.text));
    if (!joins) out.push({ t: 'end', offset: token.offset });
  });
  return out;
}

/** The nearest token in a direction that is not a line end or blank content. */
function significant(tokens: Token[], k: number, step: 1 | -1): Token | undefined {
  for (let j = k + step; j >= 0 && j < tokens.length; j += step) {
    const token = tokens[j];
    if (token.t === 'nl' || (token.t === 'frag' && token.frag.text.trim() === '')) continue;
    return token;
  }
  return undefined;
}
