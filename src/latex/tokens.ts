// KaTeX's parse tree -> a flat token list for our precedence parser.
// KaTeX gives flat atom lists: in `10^{-3}` the `^` binds to the atom `0`, digits are
// separate atoms and `\left( … \right)` is one node. This module joins digits into
// numbers, names with their sub- and superscripts into variables, letter runs into
// function words, and turns structures (fractions, roots, matrices) into finished
// operands by parsing their parts recursively.
import { atomsIn, list, type KNode } from './katex.js';
import { joinName, layerIndex, nameParts, starMark, supSubName } from './names.js';
import {
  BARS, BINARY_OPERATORS, CLOSE_BRACKETS, FUNCTIONS, GREEK, LETTER_RUN_FUNCTIONS, LOG_NAMES, RELATION_WORDS,
  OPEN_BRACKETS, TRANSPOSE_MARKS, type Bracket, type FunctionSpec, type LatexPolicy,
} from './policy.js';
import { LIMITS } from './limits.js';
import { refuse, refuseAt } from './refusal.js';
import { NodeBudget, type Expr } from './tree.js';

const GREEK_NAMES = new Set(Object.values(GREEK));

/** A function about to be applied; `extra` arguments follow the student's (a log base). */
export interface Callable extends FunctionSpec {
  extra: Expr[];
  /** The function as the student wrote it, for messages. */
  written: string;
  /** `\tanh^2 x` squares the value: the power applied to the call. */
  power?: Expr;
}

export type Postfix =
  | { kind: 'pow'; exponent: Expr }
  | { kind: 'transpose' }
  | { kind: 'factorial' }
  | { kind: 'percent' };

export type Token = (
  | { t: 'num'; text: string }
  | { t: 'operand'; expr: Expr }
  /** A bare Latin letter or Greek name: may be part of a function word or `\sigma(`. */
  | { t: 'letter'; name: string }
  | { t: 'func'; call: Callable }
  | { t: 'op'; op: '+' | '-' | '*' | '/' | '±' | '.*' }
  | { t: 'open'; bracket: Bracket }
  | { t: 'close'; bracket: Bracket }
  | { t: 'bar'; bracket: '|' | '‖' }
  | { t: 'comma' }
  | { t: 'post'; post: Postfix }
) & { spaced?: boolean };

/** What the tokenizer and the parser share while converting one piece. */
export interface Context {
  policy: LatexPolicy;
  budget: NodeBudget;
  depth: number;
  /** Parses a token list into one expression (the parser, injected to avoid an import cycle). */
  parse: (tokens: Token[], ctx: Context) => Expr;
  /** Set when a `\log` without a base was read: the expression depends on `policy.logBase`. */
  bareLog?: boolean;
}

/** Converts a KaTeX atom list to one expression. */
export function convertAtoms(atoms: KNode[], ctx: Context): Expr {
  return ctx.parse(tokenize(atoms, ctx), ctx);
}

/** KaTeX atoms -> tokens, digits joined, letter runs read as function words where they are. */
function tokenize(atoms: KNode[], ctx: Context): Token[] {
  ctx.depth += 1;
  if (ctx.depth > LIMITS.recursion) refuseAt('recursion', `math nested deeper than ${LIMITS.recursion}`);
  const out = new TokenWriter();
  for (const atom of atoms) readAtom(atom, out, ctx);
  ctx.depth -= 1;
  const tokens = resolveLetters(out.finish(), ctx);
  checkSlashDerivative(tokens);
  return tokens;
}

/** `d/dx`, `dL/dw`: Leibniz notation written with a slash. */
function checkSlashDerivative(tokens: Token[]): void {
  const isD = (token: Token | undefined): boolean =>
    token?.t === 'operand' && token.expr.k === 'sym' && token.expr.name === 'd';
  tokens.forEach((token, i) => {
    if (token.t !== 'op' || token.op !== '/') return;
    if ((isD(tokens[i - 1]) || isD(tokens[i - 2])) && isD(tokens[i + 1]) && tokens[i + 2]?.t === 'operand') {
      refuse('calculus', 'a derivative d/d…');
    }
  });
}

/** Collects tokens, joining digits into numbers and remembering spacing. */
class TokenWriter {
  private tokens: Token[] = [];
  private digits = '';
  private spacedDigits = false;
  private spaced = false;

  digit(text: string): void {
    if (this.digits === '') {
      this.spacedDigits = this.spaced;
      this.spaced = false;
    }
    this.digits += text;
  }

  space(): void {
    this.flushDigits();
    this.spaced = true;
  }

  push(token: Token): void {
    this.flushDigits();
    this.tokens.push(this.spaced ? { ...token, spaced: true } : token);
    this.spaced = false;
  }

  finish(): Token[] {
    this.flushDigits();
    return this.tokens;
  }

  private flushDigits(): void {
    if (this.digits === '') return;
    const text = normaliseNumber(this.digits);
    this.digits = '';
    this.tokens.push(this.spacedDigits ? { t: 'num', text, spaced: true } : { t: 'num', text });
  }
}

function normaliseNumber(digits: string): string {
  if (!/^(\d+\.?\d*|\.\d+)$/.test(digits)) refuse('unreadable', `malformed number "${digits}"`);
  const text = digits.startsWith('.') ? `0${digits}` : digits.replace(/\.$/, '');
  if (Math.abs(Number(text)) > LIMITS.magnitude) refuseAt('magnitude', `number ${text} is too large`);
  return text;
}

const isDigit = (text: string | undefined): boolean => text !== undefined && /^[\d.]$/.test(text);

function readAtom(node: KNode, out: TokenWriter, ctx: Context): void {
  ctx.budget.take();
  switch (node.type) {
    case 'textord':
    case 'mathord':
      return readSymbol(node.text ?? '', out);
    case 'atom':
      return readAtomFamily(node, out);
    case 'spacing':
    case 'kern':
      return out.space();
    case 'supsub':
      return readSupSub(node, out, ctx);
    case 'ordgroup':
      return readGroup(list(node.body), out, ctx);
    case 'genfrac':
      return out.push({ t: 'operand', expr: fraction(node, ctx) });
    case 'sqrt':
      return out.push({ t: 'operand', expr: root(node, ctx) });
    case 'leftright':
      return readLeftRight(node, out, ctx);
    case 'array':
      return out.push({ t: 'operand', expr: matrixOf(node, '.', ctx) });
    case 'op':
      return out.push({ t: 'func', call: operatorFunction(node, null, ctx) });
    case 'operatorname':
    case 'text':
    case 'font':
    case 'mclass':
    case 'accent':
    case 'overline':
      return readStyled(node, out, ctx);
    case 'styling':
    case 'sizing':
    case 'color':
    case 'underline':
    case 'enclose':
    case 'lap':
    case 'smash':
    case 'hbox':
    case 'vcenter':
    case 'accentUnder':
      for (const child of list(node.body ?? node.base ?? undefined)) readAtom(child, out, ctx);
      return;
    case 'horizBrace':
      return readAtom(node.base as KNode, out, ctx);
    case 'phantom':
    case 'hphantom':
    case 'vphantom':
      return;
    case 'delimsizing':
      return readDelimiter(node.delim ?? '', node.mclass ?? '', out);
    case 'middle':
      return out.push({ t: 'bar', bracket: '|' });
    case 'htmlmathml':
      // KaTeX builds `\neq`, `\notin` and a few other symbols from parts.
      return refuse('unreadable', 'a relation such as "≠" inside one step');
    case 'xArrow':
      return refuse('unreadable', 'an arrow inside one step');
    case 'cr':
      return refuse('unreadable', 'a line break inside one step');
    default:
      return refuse('unreadable', `unsupported LaTeX (${node.type})`);
  }
}

function readSymbol(text: string, out: TokenWriter): void {
  if (isDigit(text)) return out.digit(text);
  if (/^[A-Za-z]$/.test(text)) return out.push({ t: 'letter', name: text });
  if (GREEK[text] !== undefined) return out.push({ t: 'letter', name: GREEK[text] });
  if (text === '\\%' || text === '%') return out.push({ t: 'post', post: { kind: 'percent' } });
  if (text === '!') return out.push({ t: 'post', post: { kind: 'factorial' } });
  if (BARS[text] !== undefined) return out.push({ t: 'bar', bracket: BARS[text] as '|' | '‖' });
  if (BINARY_OPERATORS[text] !== undefined) return out.push({ t: 'op', op: BINARY_OPERATORS[text] });
  if (text === ',') return out.push({ t: 'comma' });
  return refuse('unreadable', `symbol "${text}"`);
}

function readAtomFamily(node: KNode, out: TokenWriter): void {
  const text = node.text ?? '';
  if (node.family === 'rel') {
    const what = text === '\\mid' ? 'a conditional bar "|"' : `the relation "${text}"`;
    return refuse('unreadable', `${what} inside one step`);
  }
  if (node.family === 'bin' && BINARY_OPERATORS[text] !== undefined) {
    return out.push({ t: 'op', op: BINARY_OPERATORS[text] });
  }
  if (OPEN_BRACKETS[text] !== undefined) return out.push({ t: 'open', bracket: OPEN_BRACKETS[text] });
  if (CLOSE_BRACKETS[text] !== undefined) return out.push({ t: 'close', bracket: CLOSE_BRACKETS[text] });
  if (text === ',') return out.push({ t: 'comma' });
  if (text === '!') return out.push({ t: 'post', post: { kind: 'factorial' } });
  if (BINARY_OPERATORS[text] !== undefined) return out.push({ t: 'op', op: BINARY_OPERATORS[text] });
  return refuse('unreadable', `symbol "${text}"`);
}

/** `\bigl(`, `\Big)`: sized brackets mean what the bracket means (`\Big` has no side). */
function readDelimiter(delim: string, mclass: string, out: TokenWriter): void {
  if (mclass === 'mopen' && BARS[delim] !== undefined) return out.push({ t: 'open', bracket: BARS[delim] });
  if (mclass === 'mclose' && BARS[delim] !== undefined) return out.push({ t: 'close', bracket: BARS[delim] });
  if (BARS[delim] !== undefined) return out.push({ t: 'bar', bracket: BARS[delim] as '|' | '‖' });
  if (OPEN_BRACKETS[delim] !== undefined) return out.push({ t: 'open', bracket: OPEN_BRACKETS[delim] });
  if (CLOSE_BRACKETS[delim] !== undefined) return out.push({ t: 'close', bracket: CLOSE_BRACKETS[delim] });
  return refuse('unreadable', `delimiter "${delim}"`);
}

/** A braced group `{…}` is one operand; an empty one is nothing. */
function readGroup(atoms: KNode[], out: TokenWriter, ctx: Context): void {
  if (atoms.length === 0) return;
  out.push({ t: 'operand', expr: convertAtoms(atoms, ctx) });
}

// ---------------------------------------------------------------- sub- and superscripts

const ORDINALS = new Set(['th', 'st', 'nd', 'rd']);

function isTranspose(sup: KNode): boolean {
  const atoms = atomsIn(sup);
  return atoms.length === 1 && TRANSPOSE_MARKS.has(atoms[0].text ?? '');
}

function readSupSub(node: KNode, out: TokenWriter, ctx: Context): void {
  const base = node.base as KNode | null;
  if (base?.type === 'op') return out.push({ t: 'func', call: operatorFunction(base, node, ctx) });
  if (base?.type === 'horizBrace') return readAtom(base, out, ctx);
  // `\left. f(x) \right|_{x=2}` is f(2): not read (the bar alone, `\left. 3 \right|`, is presentation).
  if (base?.type === 'leftright' && isEvaluationBar(base)) refuse('unreadable', 'a value at a point ("\\right|_{…}")');
  const name = base ? supSubName(node) : null;
  if (name !== null) {
    out.push({ t: 'operand', expr: { k: 'sym', name: joinName(name) } });
    if (node.sup && layerIndex(node.sup) === null) readPlainSup(node.sup, out, ctx, true);
    return;
  }
  if (node.sub) refuse('unreadable', 'a subscript on something that is not a variable');
  if (base) readAtom(base, out, ctx);
  if (node.sup) readPlainSup(node.sup, out, ctx, false);
}

/** A superscript after an operand: a transpose or a power (stars were read into names). */
function readPlainSup(sup: KNode, out: TokenWriter, ctx: Context, onName: boolean): void {
  const star = starMark(sup);
  if (onName && star.star) {
    if (star.transpose) out.push({ t: 'post', post: { kind: 'transpose' } });
    return;
  }
  if (isTranspose(sup)) return out.push({ t: 'post', post: { kind: 'transpose' } });
  const atoms = atomsIn(sup);
  if (ORDINALS.has(atoms.map((a) => a.text ?? '').join(''))) refuse('unreadable', 'an ordinal (like "2^{nd}")');
  out.push({ t: 'post', post: { kind: 'pow', exponent: convertAtoms(atoms, ctx) } });
}

// ---------------------------------------------------------------- functions

function logCall(base: Expr | null, policy: LatexPolicy, written: string): Callable {
  const spec = { minArgs: 1, maxArgs: 1, written };
  const b = base === null ? policy.logBase : base.k === 'num' ? Number(base.text) : NaN;
  if (base !== null && base.k === 'sym' && base.name === 'e') return { ...spec, fn: 'log', extra: [] };
  if (b === Math.E) return { ...spec, fn: 'log', extra: [] };
  if (b === 10) return { ...spec, fn: 'log10', extra: [] };
  if (b === 2) return { ...spec, fn: 'log2', extra: [] };
  const extra: Expr = base ?? { k: 'num', text: String(b) };
  return { ...spec, fn: 'log', extra: [extra] };
}

/** The call a KaTeX operator (`\log`, `\exp`, `\max`) or a function word stands for. */
function functionNamed(word: string, base: Expr | null, ctx: Context): Callable | null {
  if (word === 'ln') return logCall({ k: 'sym', name: 'e' }, ctx.policy, word);
  if (word === 'log') {
    if (base === null) ctx.bareLog = true;
    return logCall(base, ctx.policy, word);
  }
  const spec = FUNCTIONS[word];
  if (spec === undefined || base !== null) return null;
  return { ...spec, extra: [], written: word };
}

function operatorFunction(op: KNode, scripts: KNode | null, ctx: Context): Callable {
  const name = (op.name ?? '').replace(/^\\/, '');
  const base = scripts?.sub ? convertAtoms(list(scripts.sub), ctx) : null;
  if (base !== null && !LOG_NAMES.has(name)) refuse('unreadable', `"${op.name}" with a subscript`);
  const call = functionNamed(name, base, ctx) ?? refuse('unreadable', `the operator "${op.name}"`);
  if (!scripts?.sup) return call;
  const power = convertAtoms(list(scripts.sup), ctx);
  // `\sin^{-1}` is the inverse function, not a reciprocal: not guessed.
  if (power.k !== 'num') refuse('unreadable', `"${op.name}" with a superscript`);
  return { ...call, power };
}

/** `\text{…}`, `\mathrm{…}`, `\operatorname{…}`, `\mathbf{…}`, accents: a name, a function or a number. */
function readStyled(node: KNode, out: TokenWriter, ctx: Context): void {
  const word = styledWord(node);
  if (word !== null) {
    const call = functionNamed(word, null, ctx);
    if (call !== null) return out.push({ t: 'func', call });
  }
  const parts = nameParts(node);
  if (parts !== null) {
    const name = joinName(parts);
    // A letter stays a letter when styled: `\boldsymbol{\sigma}(z)` is the sigmoid like `\sigma(z)`.
    const letter = name.length === 1 || GREEK_NAMES.has(name);
    return out.push(letter ? { t: 'letter', name } : { t: 'operand', expr: { k: 'sym', name } });
  }
  if (node.type === 'accent' || node.type === 'overline') {
    return refuse('unreadable', `an accent on something that is not a variable`);
  }
  const body = list(node.body);
  if (node.type === 'text') return readText(body, out);
  for (const child of body) readAtom(child, out, ctx);
}

function styledWord(node: KNode): string | null {
  if (!['text', 'operatorname', 'font', 'mclass'].includes(node.type)) return null;
  const body = list(node.body).flatMap((c) => (c.type === 'ordgroup' ? list(c.body) : [c]));
  const word = body.map((c) => c.text ?? '').join('');
  return /^[A-Za-z]{2,}$/.test(word) ? word : null;
}

/** `\text{0.5}` is a number; other text that is not a name cannot be read. */
function readText(body: KNode[], out: TokenWriter): void {
  const text = body.map((c) => (c.type === 'spacing' ? ' ' : c.text ?? '')).join('').trim();
  if (text === '') return;
  if (/^(\d+\.?\d*|\.\d+)$/.test(text)) {
    for (const char of text) out.digit(char);
    return;
  }
  return refuse('unreadable', `the text "${text.slice(0, 40)}"`);
}

// ---------------------------------------------------------------- structures

function fraction(node: KNode, ctx: Context): Expr {
  if (!node.hasBarLine) refuse('unreadable', 'a binomial coefficient');
  const a = convertAtoms(atomsIn(node.numer as KNode), ctx);
  const b = convertAtoms(atomsIn(node.denom as KNode), ctx);
  return { k: 'bin', op: '/', a, b };
}

function root(node: KNode, ctx: Context): Expr {
  const body = convertAtoms(atomsIn(node.body as KNode), ctx);
  if (!node.index) return { k: 'call', fn: 'sqrt', args: [body] };
  const index = convertAtoms(atomsIn(node.index), ctx);
  return { k: 'call', fn: 'nthRoot', args: [body, index] };
}

/** `\left( … \right)`: brackets around a body, or a matrix environment. */
function readLeftRight(node: KNode, out: TokenWriter, ctx: Context): void {
  const body = list(node.body);
  const left = node.left ?? '.';
  const right = node.right ?? '.';
  if (body.length === 1 && body[0].type === 'array') {
    if (left === '\\{' || left === '\\lbrace') refuse('unreadable', 'cases (a piecewise definition)');
    return out.push({ t: 'operand', expr: matrixOf(body[0], left, ctx) });
  }
  if (isEvaluationBar(node)) {
    out.push({ t: 'open', bracket: '(' });
    for (const atom of body) readAtom(atom, out, ctx);
    return out.push({ t: 'close', bracket: '(' });
  }
  if (left === '.' || right === '.') refuse('unreadable', 'an unmatched \\left or \\right');
  const open = BARS[left] ?? OPEN_BRACKETS[left];
  const close = BARS[right] ?? CLOSE_BRACKETS[right];
  if (open === undefined || open !== close) refuse('unreadable', `brackets "${left} … ${right}"`);
  out.push({ t: 'open', bracket: open });
  for (const atom of body) readAtom(atom, out, ctx);
  out.push({ t: 'close', bracket: open });
}

/** `\left. … \right|`: an evaluation bar, a presentation of what it encloses. */
function isEvaluationBar(node: KNode): boolean {
  return node.left === '.' && (node.right === '|' || node.right === '\\vert');
}

/** bmatrix/pmatrix/array -> nested arrays as written (a column is n×1); vmatrix -> det. */
function matrixOf(node: KNode, left: string, ctx: Context): Expr {
  if (node.colSeparationType === 'align' || node.addJot) {
    refuse('unreadable', 'an aligned block inside one step');
  }
  const rows = (node.body as KNode[][]).filter((row) => !(row.length === 1 && isEmptyCell(row[0])));
  const cells = rows.reduce((n, row) => n + row.length, 0);
  if (cells > LIMITS.matrixCells) refuseAt('matrixCells', `a matrix of more than ${LIMITS.matrixCells} cells`);
  if (rows.length === 0) refuse('unreadable', 'an empty matrix');
  const width = rows[0].length;
  if (rows.some((row) => row.length !== width)) refuse('unreadable', 'matrix rows of different lengths');
  const matrix: Expr = {
    k: 'array',
    items: rows.map((row) => ({ k: 'array', items: row.map((cell) => matrixCell(cell, ctx)) })),
  };
  if (left === '|' || left === '\\vert') return { k: 'call', fn: 'det', args: [matrix] };
  if (left === '\\|' || left === '\\Vert') return { k: 'call', fn: 'norm', args: [matrix] };
  return matrix;
}

function isEmptyCell(cell: KNode): boolean {
  const inner = list(cell.body);
  return inner.every((c) => c.type === 'ordgroup' && list(c.body).length === 0);
}

function matrixCell(cell: KNode, ctx: Context): Expr {
  const atoms = list(cell.body).flatMap((c) => (c.type === 'ordgroup' ? list(c.body) : [c]));
  if (atoms.length === 0) refuse('unreadable', 'an empty matrix cell');
  const expr = convertAtoms(atoms, ctx);
  if (expr.k === 'array') refuse('unreadable', 'a matrix inside a matrix cell');
  return expr;
}

// ---------------------------------------------------------------- letter runs

/**
 * Runs of bare letters: a known function word directly before its argument is a call
 * (`sigmoid(a)`, `logistic(0.09)`); other letters are single-letter variables that
 * multiply (`ab` = a·b). `\sigma` directly before `(` is the sigmoid.
 */
function resolveLetters(tokens: Token[], ctx: Context): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token.t !== 'letter') {
      out.push(token);
      i += 1;
      continue;
    }
    // KaTeX keeps no spaces between letters, so `x approx 3` is the run `xapprox3`.
    const relation = RELATION_WORDS.find((w) => spells(tokens, i, w));
    if (relation !== undefined) {
      refuse('unreadable', `"${relation}" written as a word is not a relation (≈ or \\approx is)`);
    }
    const word = functionWordAt(tokens, i);
    if (word !== null) {
      const call = functionNamed(word, null, ctx) as Callable;
      out.push({ t: 'func', call, spaced: token.spaced });
      i += word.length;
      continue;
    }
    const next = tokens[i + 1];
    if (token.name === 'sigma' && next?.t === 'open' && next.bracket === '(') {
      out.push({ t: 'func', call: { ...FUNCTIONS.sigmoid, extra: [], written: '\\sigma' }, spaced: token.spaced });
    } else {
      out.push({ t: 'operand', expr: { k: 'sym', name: token.name }, spaced: token.spaced });
    }
    i += 1;
  }
  return out;
}

function functionWordAt(tokens: Token[], start: number): string | null {
  for (const word of LETTER_RUN_FUNCTIONS) {
    if (spells(tokens, start, word) && startsOperand(tokens[start + word.length])) return word;
  }
  return null;
}

/** Whether the letters from `start` spell `word`, none written apart. */
function spells(tokens: Token[], start: number, word: string): boolean {
  if (start + word.length > tokens.length) return false;
  for (let j = 0; j < word.length; j += 1) {
    const token = tokens[start + j];
    if (token.t !== 'letter' || token.name !== word[j] || (j > 0 && token.spaced)) return false;
  }
  return true;
}

function startsOperand(token: Token | undefined): boolean {
  if (token === undefined) return false;
  return token.t === 'num' || token.t === 'operand' || token.t === 'letter' || token.t === 'open';
}
