// Tokens -> chains `label = step = step = final` -> Claims with evaluated Steps (SPEC §5).
//
// A label is the content between the first relation and the boundary before it (for a
// relation inside math, the math before it in that formula, when there is any). After
// it each relation starts a new step; a boundary ends the claim. In running text a step
// is the expression at the start of its content (`0.83` in `= 0.83 which is good`); what
// follows it is the label of the next claim.
import { evaluateStudent, latexToMathjs } from '../latex/index.js';
import type { Claim, Refusal, Step } from '../types.js';
import { normaliseLabel } from './labels.js';
import type { SourceText } from './source.js';
import type { Frag, Token } from './tokens.js';

/** A chain before evaluation: frags of the label and of each step. */
export interface Chain {
  label: Frag[];
  steps: Frag[][];
  /** Offset where the chain starts (its label, or its first relation). */
  start: number;
}

export interface StepOptions {
  logBase?: number;
}

/**
 * The chains in a token list.
 * Example: tokens of `Accuracy = \frac{190}{230} = 0.83` -> one chain, label `Accuracy`,
 * steps `\frac{190}{230}` and `0.83`.
 */
export function chainsOf(tokens: Token[]): Chain[] {
  const chains: Chain[] = [];
  let pending: Frag[] = [];
  let chain: Chain | null = null;
  const finish = (): void => {
    if (chain && chain.steps.length > 0) chains.push(chain);
    chain = null;
  };
  for (const token of tokens) {
    if (token.t === 'frag') {
      pending.push(token.frag);
      continue;
    }
    if (token.t === 'rel') {
      if (!chain) {
        const label = token.inMath ? mathLabel(pending) : pending;
        chain = { label, steps: [], start: firstOffset(label) ?? token.offset };
      } else {
        const { step, rest } = splitStep(pending);
        if (step.length > 0) chain.steps.push(step);
        if (!isBlank(rest)) {
          finish();
          const label = token.inMath ? mathLabel(rest) : rest;
          chain = { label, steps: [], start: firstOffset(label) ?? token.offset };
        }
      }
    } else if (chain) {
      const { step } = splitStep(pending);
      if (step.length > 0) chain.steps.push(step);
      finish();
    }
    pending = [];
  }
  if (chain) {
    const { step } = splitStep(pending);
    if (step.length > 0) (chain as Chain).steps.push(step);
    finish();
  }
  return chains;
}

/** Inside math the label is the math before the relation (`the layer $z_j = …$` -> `z_j`). */
function mathLabel(pending: Frag[]): Frag[] {
  let from = pending.length;
  while (from > 0 && pending[from - 1].kind === 'math') from -= 1;
  const math = pending.slice(from);
  return isBlank(math) ? pending : math;
}

function isBlank(frags: Frag[]): boolean {
  return frags.every((frag) => frag.text.trim() === '');
}

function firstOffset(frags: Frag[]): number | undefined {
  for (const frag of frags) {
    const i = frag.text.search(/\S/);
    if (i !== -1) return frag.map[i];
  }
  return undefined;
}

// ------------------------------------------------------------------ steps in running text

/** Function names written in running text (`log 0.1`, `sigmoid(0.5)`), lower case as in math. */
const FUNCTION_WORDS = new Set([
  'log', 'ln', 'exp', 'sqrt', 'sin', 'cos', 'tan', 'tanh', 'sigma', 'sigmoid', 'softmax', 'relu',
  'max', 'min', 'sum', 'mean', 'abs', 'logistic', 'dot', 'det', 'diag', 'norm',
]);
const EXPRESSION_TOKEN = /\s+|(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|\\[A-Za-z]+|_\{[^{}\n]*\}|_[\p{L}\p{N}]+|[+\-−*/^×·÷%!{}|']|\p{L}+/uy;

/**
 * Splits content after a relation into the step (math, and the expression that opens
 * running text) and the rest (prose that may label the next claim). When running text
 * holds no expression at all (`= small random values`), the whole text is the step, so
 * the claim is found and reported unreadable rather than missing.
 */
function splitStep(frags: Frag[]): { step: Frag[]; rest: Frag[] } {
  const step: Frag[] = [];
  for (let k = 0; k < frags.length; k++) {
    const frag = frags[k];
    if (frag.kind === 'math') {
      step.push(frag);
      continue;
    }
    const length = expressionLength(frag.text);
    if (length === frag.text.length || frag.text.slice(length).trim() === '') {
      step.push(frag);
      continue;
    }
    if (isBlank(step) && frag.text.slice(0, length).trim() === '') return { step: [...step, frag, ...frags.slice(k + 1)], rest: [] };
    step.push(cut(frag, 0, length));
    return { step: trimBlank(step), rest: [cut(frag, length, frag.text.length), ...frags.slice(k + 1)] };
  }
  return { step: trimBlank(step), rest: [] };
}

/** The step that opens some content (see splitStep): what a table cell shows. */
export function leadingStep(frags: Frag[]): Frag[] {
  return splitStep(frags).step;
}

function trimBlank(frags: Frag[]): Frag[] {
  return isBlank(frags) ? [] : frags;
}

/** Length of the expression that opens running text: numbers, operators, brackets, names. */
function expressionLength(text: string): number {
  let i = 0;
  let good = 0;
  const open: number[] = [];
  while (i < text.length) {
    const c = text[i];
    if ('(['.includes(c)) {
      open.push(i);
      i += 1;
      continue;
    }
    if (')]'.includes(c)) {
      if (open.length === 0) break;
      open.pop();
      i += 1;
      if (open.length === 0) good = i;
      continue;
    }
    if (c === ',' && open.length > 0) {
      i += 1;
      continue;
    }
    EXPRESSION_TOKEN.lastIndex = i;
    const match = EXPRESSION_TOKEN.exec(text);
    if (!match || !isExpressionWord(match[0], text, i + match[0].length)) break;
    i += match[0].length;
    if (open.length === 0 && match[0].trim() !== '') good = i;
  }
  return open.length > 0 ? Math.min(good, open[0]) : good;
}

/**
 * A word in an expression: a function name applied to something (`log 0.1`, `exp(2)`),
 * a short name in capitals (`TP`, `FP`, `PR`), or one letter not followed by another word
 * (`x_i (…)`, not `a good result`).
 */
function isExpressionWord(token: string, text: string, end: number): boolean {
  if (!/^\p{L}/u.test(token)) return true;
  const after = text.slice(end, end + 4);
  if (FUNCTION_WORDS.has(token)) return /^\s*[(\[\d.\\]/.test(after);
  if (/^[A-Z]{2,3}$/.test(token)) return true;
  return token.length === 1 && !/^\s+\p{L}{2}/u.test(after);
}

function cut(frag: Frag, from: number, to: number): Frag {
  return { kind: frag.kind, text: frag.text.slice(from, to), map: frag.map.slice(from, to) };
}

// ------------------------------------------------------------------ claims

/** Leading words that join a label to the sentence before it; not part of the label. */
const LEADING_CONNECTIVES = /^(?:(?:since|so|hence|thus|therefore|then|where|because|with|when|if|i\.\s?e\.?|ie|e\.\s?g\.?|we\s+get|we\s+have|let|and|also|now|finally|but|while|whereas|given|which\s+gives|this\s+gives|it\s+follows\s+that)(?![\p{L}\p{N}])[\s,:]*)+/iu;

/** What a claim needs from the rest of the reader. */
export interface ClaimContext {
  source: SourceText;
  at(offset: number): { section: string; topic: string | null };
  options: StepOptions;
  /** Steps still to be converted in this submission (see MAX_STEPS). */
  budget: { steps: number };
  /** Conversions already made in this submission, by LaTeX source. */
  memo: Map<string, Pick<Step, 'expr' | 'symbols' | 'value' | 'percent' | 'refusal'>>;
}

/**
 * Different steps converted per submission at most; later ones are refused with `limit`.
 * A 2 MB file holds up to 250,000 steps: this keeps one file's time bounded by a count.
 * Steps written the same way are converted once (the memo).
 */
export const MAX_STEPS = 20_000;

/**
 * A claim from a chain: label normalised, steps converted and evaluated. Table cells give
 * `label` (from their headers) and may pass steps already read for another label.
 * Example: the chain of `since the training accuracy is 56%` -> label `training accuracy`,
 * one step with value 0.56 and `percent: true`.
 */
export function claimOf(chain: Chain, ctx: ClaimContext, label?: { text: string; normalised: string }, steps = stepsOf(chain, ctx)): Claim {
  const final = steps[steps.length - 1];
  const labelText = label?.text ?? labelTextOf(chain.label);
  const place = ctx.at(chain.start);
  return {
    label: label?.normalised ?? normaliseLabel(labelText),
    labelText,
    section: place.section,
    topic: place.topic,
    steps,
    line: final.line,
    column: final.column,
    origin: label ? 'table' : 'text',
  };
}

/** The chain's steps, converted and evaluated. */
export function stepsOf(chain: Chain, ctx: ClaimContext): Step[] {
  return chain.steps.map((frags) => stepOf(frags, ctx));
}

function labelTextOf(frags: Frag[]): string {
  const text = frags.map((frag) => frag.text).join('').replace(/\s+/g, ' ').trim();
  return text.replace(LEADING_CONNECTIVES, '').trim();
}

/** Characters of one step we hand to the converter at most (it refuses longer math). */
const MAX_STEP_CHARS = 10_000;

function stepOf(frags: Frag[], ctx: ClaimContext): Step {
  const source = frags.map((frag) => frag.text).join('').trim();
  const { line, column } = ctx.source.place(firstOffset(frags) ?? frags[0]?.map[0] ?? 0);
  const base = { source, line, column, decimals: decimalsOf(source) };
  const refused = (refusal: Refusal): Step => ({ ...base, expr: null, symbols: [], value: null, percent: false, refusal });
  if (source.length > MAX_STEP_CHARS) return refused({ kind: 'limit', reason: `math longer than ${MAX_STEP_CHARS} characters` });
  if (frags.every((frag) => frag.kind === 'text') && expressionLength(source) === 0) {
    return refused({ kind: 'unreadable', reason: `words, not math: "${source.slice(0, 40)}"` });
  }
  const latex = frags.map((frag) => (frag.kind === 'text' ? textAsLatex(frag.text) : frag.text)).join('').trim();
  const known = ctx.memo.get(latex);
  if (known) return { ...base, ...known, symbols: [...known.symbols] };
  if (ctx.budget.steps <= 0) return refused({ kind: 'limit', reason: `more than ${MAX_STEPS} different steps in one submission` });
  ctx.budget.steps -= 1;
  const read = convert(latex, ctx.options);
  ctx.memo.set(latex, read);
  return { ...base, ...read, symbols: [...read.symbols] };
}

/** One step's LaTeX -> mathjs expression, free symbols, and value when it has none. */
function convert(latex: string, options: StepOptions): Pick<Step, 'expr' | 'symbols' | 'value' | 'percent' | 'refusal'> {
  const converted = latexToMathjs(latex, options.logBase === undefined ? {} : { logBase: options.logBase });
  if (!converted.ok) return { expr: null, symbols: [], value: null, percent: false, refusal: converted.refusal };
  const { expr, symbols, percent } = converted;
  if (symbols.length > 0) return { expr, symbols, value: null, percent, refusal: null };
  const evaluated = evaluateStudent(expr);
  return evaluated.ok ? { expr, symbols, value: evaluated.value, percent, refusal: null } : { expr, symbols, value: null, percent, refusal: evaluated.refusal };
}

/**
 * Running text as LaTeX: Unicode operators, thousands separators (`1,000`), and function
 * names KaTeX would read as letters (`sigma(z)`).
 */
function textAsLatex(text: string): string {
  return text
    .replace(/×/g, '\\times ')
    .replace(/[·⋅]/g, '\\cdot ')
    .replace(/÷/g, '\\div ')
    .replace(/−/g, '-')
    .replace(/(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d,])/g, (number) => number.replaceAll(',', ''))
    .replace(/(?<![\\\p{L}])(sigma|log|ln|exp|tanh|sin|cos|tan|max|min)(?=\s*\(|\s+\d)/gu, '\\$1');
}

const PLAIN_NUMBER = /^[+\-−]?(\d*)(?:\.(\d+))?\s*(?:[eE]([+-]?\d+)|\\times\s*10\s*\^\s*\{?\s*([+\-−]?\d+)\s*\}?)?\s*(?:\\?%)?$/;

/**
 * Digits written after the decimal point when the step is a plain number: `0.82` -> 2,
 * `.69` -> 2, `58%` -> 0, `1.5e-3` -> 4 (the last written digit is in the 10^-4 place).
 */
export function decimalsOf(source: string): number | null {
  const text = source.replace(/^\$+|\$+$/g, '').trim();
  const match = PLAIN_NUMBER.exec(text);
  if (!match || (match[1] === '' && match[2] === undefined)) return null;
  const written = match[2]?.length ?? 0;
  const exponent = Number((match[3] ?? match[4] ?? '0').replace('−', '-'));
  return Math.max(0, written - exponent);
}
