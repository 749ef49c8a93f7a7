// Stream items -> tokens: content fragments, relations (`=`, `:`, `is`, `\approx`, `≈`)
// and boundaries (`;`, `, `, `. `, ` and `, arrows, `\quad`, line ends). In math only
// top-level symbols count: nothing inside braces, brackets, `\left…\right` or an
// environment, except the rows of aligned environments (`aligned`, `split`, `array`…),
// whose `&` is a space and whose `\\` is a line end.
import { unwrapPresentation } from '../latex/index.js';
import { isShortName, looksLikeName } from './names.js';
import { OFFER_AFTER_COMMA, OR_WORDS } from './step-ends.js';
import type { Mapped, StreamItem } from './stream.js';

/** A piece of content between relations and boundaries. */
export interface Frag extends Mapped {
  kind: 'text' | 'math';
  /** Characters of an over-long span left out after `text` (see MAX_MATH_CHARS): its step is refused. */
  omitted?: number;
}

export type Token =
  | { t: 'frag'; frag: Frag }
  /** A relation; `inMath` when written inside math, where the label is the math before it. */
  | { t: 'rel'; offset: number; inMath: boolean }
  /** A line end; `row` for `\\` inside math (the next row of an alignment). */
  | { t: 'nl'; offset: number; row?: boolean }
  /** A boundary: `marker` right after a section marker, `soft` at an `is` or `:` that relates nothing. */
  | { t: 'end'; offset: number; marker?: boolean; soft?: boolean }
  /** Math whose first relation has a name of its own before it (`$R = 0.7$`): it may open a new claim. */
  | { t: 'formula'; offset: number };

/**
 * Tokens of a stream, with line ends resolved: a line end inside a claim is dropped when
 * the line before ends with a relation or an operator, or the next line starts with one
 * (`Precision_A =` / `$$\frac{50}{61}$$` / `= 0.82`); otherwise it ends the claim.
 * Example: items of `x = 1; y = 2` -> frag `x `, rel, frag ` 1`, end, frag ` y`, rel, frag ` 2`.
 */
export function tokenize(items: StreamItem[]): Token[] {
  const math = items.map((item) => (item.kind === 'math' ? lexMathItem(item) : null));
  const tokens: Token[] = [];
  items.forEach((item, k) => {
    const lexed = math[k] ?? [];
    if (item.kind === 'text') lexText(item, whatFollows(items, math, k), tokens);
    else if (item.kind === 'math') {
      if (mathShape(lexed) === 'named') tokens.push({ t: 'formula', offset: item.map[0] ?? 0 });
      for (const token of lexed) tokens.push(token);
    } else tokens.push(item.kind === 'end' ? { t: 'end', offset: item.offset, marker: item.marker } : { t: 'nl', offset: item.offset });
  });
  return resolveLineEnds(tokens);
}

function lexMathItem(item: Extract<StreamItem, { kind: 'math' }>): Token[] {
  const out: Token[] = [];
  if (item.omitted !== undefined) lexLongMath(item, item.omitted, out);
  else lexMath(unwrapped(item), out);
  return out;
}

/** `\boxed{F = …}`: the wrapper off, so the relation inside is seen (src/latex/wrappers.ts). */
function unwrapped<T extends Mapped>(item: T): T {
  const plain = unwrapPresentation(item.text);
  return plain === null ? item : { ...item, text: plain.text, map: plain.kept.map((k) => item.map[k]) };
}

/**
 * How lexed math relates: its first relation has a name before it (`named`: `R = 0.7`,
 * `\frac{\partial L}{\partial b} = …`), it has a relation after an expression
 * (`relation`: `\frac{50}{61} = 0.82`), or none (`value`).
 */
function mathShape(tokens: Token[]): 'named' | 'relation' | 'value' {
  let label = '';
  for (const token of tokens) {
    if (token.t === 'frag') label += label.length > 100 ? '' : token.frag.text;
    else if (token.t === 'rel') return looksLikeName(label) ? 'named' : 'relation';
    else label = '';
  }
  return 'value';
}

// ------------------------------------------------------------------ text

const TEXT_ENDS = ['==>', '-->', '=>', '->', '<-', '<=', '>=', '!=', '→', '⇒', '⟹', '←', '⟶', '⟵', '⇐', '↦', '≤', '≥', '≠', '<', '>', ';', '?'];
const TEXT_RELATIONS = [':=', '==', '~=', '=', '≈', '≃', '≅'];
/** First characters of the relations and endings: most characters start neither, and are not searched for them. */
const RELATION_OR_END_STARTS = new Set([...TEXT_RELATIONS, ...TEXT_ENDS].map((written) => written[0]));
const BOUNDARY_WORD = /(?:and|but|while|whereas)(?![\p{L}\p{N}])/iuy;
/**
 * `is`, `are`, `equals` relate (before a value, see VALUE_START). `is close to 1`, `is near 0`
 * compare the result with a landmark: no relation. Other verbs (`comes out to`, `gives`) are
 * prose: SPEC §5 names the relations, and a value after them answers nothing.
 */
const IS_WORD = /(?:(?:is|are)(?:\s+(?:approximately|approx\.?|about|around|roughly|equal\s+to))?|equals)(?![\p{L}\p{N}])/iuy;
/** `~` reads like `\approx` when a value follows it (`F1 ~ 0.72`). */
const TILDES = ['~', '∼'];
/** Arrows that assign when a one-word name stands before them (`w ← [0.3, -0.1]`). */
const UPDATE_ARROWS = ['←', '<-'];
/** What must follow `is`, `:` or `~` for it to be a relation: a number, a sign, `.5`, or a bracket of numbers (`is (4.5, 3.5)`), also after `either` (`is either 0.5 or 0.6`: a hedge). */
const VALUE_START = /\s*(?:either\s+)?(?:[+\-−±]\s*)?(?:\d|\.\d|√|(?:sqrt|log|ln|exp)\s*\(\s*[\d.]|[([]\s*[+\-−]?\s*\.?\d)/y;
const ONLY_SPACE = /\s*$/y;

/** What follows a text item: a value, several values (`$a$, $b$`), math with a name of its own, or neither. */
type Next = 'value' | 'list' | 'named' | 'none';
/** Values listed after `are` (`are 0.105, 0.223 and 0.511`): no single value answers. */
const LISTED_VALUES = /\s*[+\-−]?\s*(?:\d+(?:\.\d+)?|\.\d+)\s*%?\s*(?:,|and(?![\p{L}\p{N}]))\s*[+\-−]?\.?\d/iuy;
const LIST_GOES_ON = /^\s*(?:,|and(?![\p{L}\p{N}]))\s*(?:[+\-−]?\.?\d|$)/iu;

/**
 * What follows text item k: math right after it (`is $0.83$`; `named` when it opens with
 * its own `name =`), a number opening the next line (`is` / `0.83`), or math without a
 * relation on the next line (`Jacobian:` / `$$\begin{bmatrix}…$$`). Display math with a
 * relation on the next line has its own label (`… is` / `$$L = …$$`): it does not count.
 */
function whatFollows(items: StreamItem[], math: Array<Token[] | null>, k: number): Next {
  const right = math[k + 1];
  if (right) return mathShape(right) === 'named' || namedInText(items, k + 1) ? 'named' : listGoesOn(items, k + 2) ? 'list' : 'value';
  let j = k + 1;
  while (items[j]?.kind === 'nl') j += 1;
  const next = items[j];
  if (next?.kind === 'text') return matchAt(VALUE_START, next.text, 0) > 0 ? 'value' : 'none';
  const below = math[j];
  return below && mathShape(below) === 'value' && !namedInText(items, j) ? 'value' : 'none';
}

/** A relation opening text (`= [0.795, -0.650]`). */
const RELATION_START = /\s*(?::=|==|~=|=|≈|≃|≅)/y;

/**
 * Whether math item j is a name that text right after it relates (`$w_{new}$ = …` in
 * `Final answer: $w_{new}$ = …`, or on the line after `… $\eta = 0.5$:`): the math labels
 * a claim of its own, like math whose first relation has a name before it.
 */
function namedInText(items: StreamItem[], j: number): boolean {
  const name = items[j];
  const after = items[j + 1];
  return name?.kind === 'math' && after?.kind === 'text' && looksLikeName(name.text) && matchAt(RELATION_START, after.text, 0) > 0;
}

/** Whether item j goes on listing values after math (`, $0.223$`, `and 0.5`). */
function listGoesOn(items: StreamItem[], j: number): boolean {
  const after = items[j];
  const match = after?.kind === 'text' ? LIST_GOES_ON.exec(after.text) : null;
  return match !== null && (/\d$/.test(match[0]) || items[j + 1]?.kind === 'math');
}

/** The length of a sticky pattern's match at `at`, or -1. */
function matchAt(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match ? match[0].length : -1;
}

function lexText(item: Mapped, next: Next, out: Token[]): void {
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
    const mayRelateOrEnd = RELATION_OR_END_STARTS.has(text[i]);
    const relation = mayRelateOrEnd ? TEXT_RELATIONS.find((r) => text.startsWith(r, i)) : undefined;
    const ending = mayRelateOrEnd ? TEXT_ENDS.find((e) => text.startsWith(e, i)) : undefined;
    const isWord = wordStart ? matchAt(IS_WORD, text, i) : -1;
    const conditional = isWord > 0 ? isWord : text[i] === ':' || TILDES.includes(text[i]) ? 1 : -1;
    const plural = isWord > 0 && /^are/i.test(text.slice(i, i + 3));
    const boundaryWord = wordStart ? matchAt(BOUNDARY_WORD, text, i) : -1;
    if (text.startsWith('...', i)) {
      frag.add(i, i + 3);
      i += 3;
    } else if (ending && UPDATE_ARROWS.includes(ending) && isShortName(frag.current())) {
      frag.boundary({ t: 'rel', offset: item.map[i], inMath: false });
      i += ending.length;
    } else if (ending) {
      frag.boundary({ t: 'end', offset: item.map[i] });
      i += ending.length;
    } else if (relation) {
      frag.boundary({ t: 'rel', offset: item.map[i], inMath: false });
      i += relation.length;
    } else if (conditional > 0 && conditionalRelates(text, i + conditional, next, plural)) {
      frag.boundary({ t: 'rel', offset: item.map[i], inMath: false });
      i += conditional;
    } else if (isWord > 0 || (text[i] === ':' && /^(?:\s|$)/.test(text.slice(i + 1, i + 2)))) {
      // `Final answer: P = 0.5`, `the gradient is $\frac{∂L}{∂b} = …$`: what follows has a
      // label of its own. Soft: `0.5 is the rate` is no bare value after a marker.
      frag.boundary({ t: 'end', offset: item.map[i], soft: true });
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

/** Whether `is`, `are`, `:` or `~` ending at `at` relates: a value follows; after `are`, one value, not a list. */
function conditionalRelates(text: string, at: number, next: Next, plural: boolean): boolean {
  if (plural && matchAt(LISTED_VALUES, text, at) > 0) return false;
  return followedByValue(text, at, next === 'value' || (next === 'list' && !plural));
}

/** `is` / `:` followed by a value here, or at the end of the text with a value next. */
function followedByValue(text: string, at: number, valueNext: boolean): boolean {
  return matchAt(VALUE_START, text, at) > 0 || (valueNext && matchAt(ONLY_SPACE, text, at) >= 0);
}

/**
 * `. ` and `, ` (not `0.82`, `1,000`), `!` after a word; at the end of the text too. A
 * comma that offers a second value (`0.35, maybe 0.36`) ends nothing: the claim reader
 * sees the hedge.
 */
function endsSentence(text: string, i: number): boolean {
  const c = text[i];
  const next = text[i + 1];
  const spaceAfter = next === undefined || /\s/.test(next);
  if (c === ',' && OFFER_AFTER_COMMA.test(text.slice(i, i + 60))) return false;
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
/** Wide spaces: they end a claim only between complete pieces (`a = 1, \quad b = 2`). */
const WIDE_SPACES = new Set(['\\quad', '\\qquad']);
/** Arrows that assign when a one-word name stands before them (`w \leftarrow w - \eta g`). */
const MATH_UPDATE_ARROWS = new Set(['\\leftarrow', '\\gets', '←']);
/** Tokens that continue an expression after a wide space (`\sigma(z) - y \quad + 1`). */
const CONTINUES = new Set(['+', '-', '−', '*', '/', '\\cdot', '\\times', '\\div', '\\pm', '=', '\\\\']);
const END_COMMANDS = new Set([
  '\\Rightarrow', '\\rightarrow', '\\to', '\\leftarrow', '\\Leftarrow', '\\gets',
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

/** `\text{ or }` (`\text{ oder }`, `\text{ lub }` …) between two values: a hedge, not a connective between two claims. */
const HEDGE_TEXT = new RegExp(String.raw`^(?:${OR_WORDS})$`, 'iu');

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
    if (token.kind === 'newline') frag.boundary({ t: 'nl', offset, row: true });
    else if (token.text === '&') frag.space(token.at);
    else if (WIDE_SPACES.has(token.text)) {
      if (separatesPieces(frag.current(), tokens, k)) frag.boundary({ t: 'end', offset });
      else frag.space(token.at);
    } else if (MATH_UPDATE_ARROWS.has(token.text) && isShortName(frag.current())) frag.boundary({ t: 'rel', offset, inMath: true });
    else if (REL_CHARS.has(token.text) || REL_COMMANDS.has(token.text)) frag.boundary({ t: 'rel', offset, inMath: true });
    else if (token.text === ':' && (next?.token.text === '=' || matchAt(VALUE_START, trimmed.text, end) > 0)) {
      frag.boundary({ t: 'rel', offset, inMath: true });
      if (next?.token.text === '=') drop[next.k] = true;
    } else if (token.text === ',' && /\d$/.test(frag.current()) && /^\d/.test(trimmed.text.slice(end, end + 1))) {
      // `0,82`: a decimal comma or a thousands group; the converter reads it under the document's convention.
      frag.add(token.at, end);
    } else if (END_CHARS.has(token.text) || END_COMMANDS.has(token.text)) frag.boundary({ t: 'end', offset });
    else if (TEXT_COMMANDS.has(token.text) && HEDGE_TEXT.test(groupAfter(tokens, k).body.trim())) {
      // `0.379 \text{ or } 0.165`: two values offered in one formula; the claim reader marks the hedge.
      const group = groupAfter(tokens, k);
      frag.flush();
      out.push({ t: 'frag', frag: { kind: 'text', text: ' or ', map: [offset, offset, offset, offset] } });
      dropRange(drop, group.from, group.to);
    } else if (TEXT_COMMANDS.has(token.text) && CONNECTIVE_TEXT.test(groupAfter(tokens, k).body.trim())) {
      frag.boundary({ t: 'end', offset });
      dropWithGroup(tokens, k, drop);
    } else frag.add(token.at, end);
  }
  frag.flush();
}

/**
 * Whether a wide space at token k stands between two complete pieces: something before
 * it since the last boundary that does not end with an operator, and after it (past
 * spaces and `&`) something that is not an operator or a relation.
 */
function separatesPieces(before: string, tokens: LatexToken[], k: number): boolean {
  if (before.trim() === '' || ENDS_WITH_OPERATOR.test(before)) return false;
  let j = k + 1;
  while (j < tokens.length && (tokens[j].kind === 'space' || tokens[j].text === '&' || WIDE_SPACES.has(tokens[j].text))) j += 1;
  if (j < tokens.length && TEXT_COMMANDS.has(tokens[j].text) && HEDGE_TEXT.test(groupAfter(tokens, j).body.trim())) return false;
  return j < tokens.length && !CONTINUES.has(tokens[j].text);
}

/**
 * An over-long span (see MAX_MATH_CHARS) is not lexed; its excerpt may still open with a
 * label and `=` (`W = \begin{bmatrix}…`), read as usual. The rest is one fragment that
 * carries the omitted length, so its step is refused without being read.
 */
function lexLongMath(item: Mapped & { display: boolean }, omitted: number, out: Token[]): void {
  const split = labelEnd(item.text);
  if (split > 0) lexMath({ display: item.display, ...cutMapped(item, 0, split) }, out);
  out.push({ t: 'frag', frag: { kind: 'math', ...cutMapped(item, split, item.text.length), omitted } });
}

/**
 * Offset just past a first `=` outside brackets and before any environment, when math
 * follows it; else 0. Example: `labelEnd("W = \\begin{bmatrix} 1")` -> 3.
 */
function labelEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') depth += 1;
    else if (c === '}' || c === ')' || c === ']') depth -= 1;
    else if (text.startsWith('\\begin', i)) return 0;
    else if (c === '=' && depth === 0) return text.slice(i + 1).trim() === '' ? 0 : i + 1;
  }
  return 0;
}

function cutMapped(item: Mapped, from: number, to: number): Mapped {
  return { text: item.text.slice(from, to), map: item.map.slice(from, to) };
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

  /** The content collected since the last boundary. */
  current(): string {
    return this.text;
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
/**
 * A row of aligned math may also start with a minus (`\\ &- 1`). Not a line or a new
 * `$$…$$`: in text that may be a list item, and a display of its own that opens with a
 * minus is as often a new step whose `=` was left out.
 */
const STARTS_WITH_MINUS = /^\s*(?:[-−]|\\pm)/;

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
      (after?.t === 'frag' && STARTS_WITH_OPERATOR.test(after.frag.text)) ||
      (token.row === true && after?.t === 'frag' && STARTS_WITH_MINUS.test(after.frag.text));
    if (!joins) out.push({ t: 'end', offset: token.offset });
  });
  return out;
}

/** The nearest token in a direction that is not a line end or blank content. */
function significant(tokens: Token[], k: number, step: 1 | -1): Token | undefined {
  for (let j = k + step; j >= 0 && j < tokens.length; j += step) {
    const token = tokens[j];
    if (token.t === 'nl' || token.t === 'formula' || (token.t === 'frag' && token.frag.text.trim() === '')) continue;
    return token;
  }
  return undefined;
}
