// Tokens -> chains `label = step = step = final` -> Claims with evaluated Steps (SPEC §5).
//
// A label is the content between the first relation and the boundary before it (for a
// relation inside math, the math before it in that formula, when there is any). After
// it each relation starts a new step; a boundary ends the claim. In running text a step
// is the expression at the start of its content (`0.83` in `= 0.83 which is good`); what
// follows it is the label of the next claim. A bracketed note, a name before the next
// relation and `or` with a second value end a step too (see step-ends.ts).
import { decimalsOf, evaluateStudent, FUNCTION_WORDS, latexToMathjs, plainTokenLength, textAsLatex, type LatexPolicy } from '../latex/index.js';
import { limit } from '../limits.js';
import type { Claim, Refusal, Step } from '../types.js';
import { normaliseLabel } from './labels.js';
import type { CodeSpans } from './markup.js';
import type { SourceText } from './source.js';
import { alternativeValue, endsWithOperator, endsWithValue, isNote, nameAfterNumber, sameNumber, slashAlternative, withoutEither } from './step-ends.js';
import { EXCERPT_CHARS, MAX_MATH_CHARS } from './stream.js';
import type { Frag, Token } from './tokens.js';

/** A chain before evaluation: frags of the label and of each step. */
export interface Chain {
  label: Frag[];
  steps: Frag[][];
  /** Offset where the chain starts (its label, or its first relation). */
  start: number;
  /** A step offered with another value (`0.763 or 0.9`): it is read as unreadable. */
  hedge?: { step: number; reason: string };
}

export interface StepOptions {
  logBase?: number;
  /** The document's number convention (decided over the whole document, convention.ts). */
  numbers?: LatexPolicy['numbers'];
  dotThousands?: boolean;
}

/**
 * The chains in a token list; `codeSpans` are the document's inline code spans (a step
 * that opens in one ends where it closes).
 * Example: tokens of `Accuracy = \frac{190}{230} = 0.83` -> one chain, label `Accuracy`,
 * steps `\frac{190}{230}` and `0.83`.
 */
export function chainsOf(tokens: Token[], codeSpans: CodeSpans = []): Chain[] {
  const reader = new ChainReader(codeSpans);
  for (const token of tokens) reader.read(token);
  reader.read({ t: 'end', offset: 0 });
  return reader.chains;
}

/** Reads tokens into chains, one token at a time. */
class ChainReader {
  readonly chains: Chain[] = [];
  private pending: Frag[] = [];
  private chain: Chain | null = null;
  /** A marker came last, with only blank content since: a bare value there answers (`(b) 0.25`). */
  private afterMarker = false;

  constructor(private readonly codeSpans: CodeSpans) {}

  read(token: Token): void {
    if (token.t === 'frag') {
      this.pending.push(token.frag);
      return;
    }
    if (token.t === 'formula') {
      // `$P = 0.9$ $R = 0.7$`: math with a name of its own after a complete step opens a new claim.
      if (!this.chain || isBlank(this.pending) || endsWithOperator(this.pending)) return;
      this.closeStep(false);
      this.finish();
    } else if (token.t === 'rel') {
      if (!this.chain) this.open(token.inMath ? mathLabel(this.pending) : this.pending, token.offset);
      else {
        const rest = this.closeStep(true);
        if (!isBlank(rest)) {
          this.finish();
          this.open(token.inMath ? mathLabel(rest) : rest, token.offset);
        }
      }
      this.afterMarker = false;
    } else if (token.t === 'end') {
      if (this.chain) {
        this.closeStep(false);
        this.finish();
      } else if (this.afterMarker && !token.soft) {
        const lone = loneValue(this.pending, this.codeSpans);
        if (lone) this.chains.push(lone);
      }
      if (token.marker) this.afterMarker = true;
      else if (!isBlank(this.pending)) this.afterMarker = false;
    }
    this.pending = [];
  }

  private open(label: Frag[], offset: number): void {
    this.chain = { label, steps: [], start: firstOffset(label) ?? offset };
  }

  /** Ends the open chain's step at the pending content; returns the content after the step. */
  private closeStep(beforeRelation: boolean): Frag[] {
    const either = withoutEither(this.pending);
    const { step, rest } = splitStep(either ?? this.pending, beforeRelation, this.codeSpans);
    if (step.length > 0 && this.chain) {
      this.chain.steps.push(step);
      noteHedge(this.chain, rest, either !== null);
    }
    return rest;
  }

  private finish(): void {
    if (this.chain && this.chain.steps.length > 0) this.chains.push(this.chain);
    this.chain = null;
  }
}

/**
 * A value standing alone right after a marker (`Ans 2.a> 0.5`, `1. $3$`, `(b) **0.25**`,
 * `b) $\begin{bmatrix}…\end{bmatrix}$`): a claim without a label, or null.
 */
function loneValue(pending: Frag[], codeSpans: CodeSpans): Chain | null {
  const { step, rest } = splitStep(pending, false, codeSpans);
  if (step.length === 0 || !looksLikeValue(step)) return null;
  const chain: Chain = { label: [], steps: [step], start: firstOffset(step) ?? step[0].map[0] };
  if (isBlank(rest)) return chain;
  noteHedge(chain, rest);
  return chain.hedge ? chain : null;
}

/**
 * A cell or bare answer worth a claim: it opens with math, or with text that opens with a
 * number, sign, bracket or `.5`. A sentence with math later in it (`(b) Differentiating
 * gives $2\lambda w_j$ for every weight`) is prose, not a value.
 */
export function looksLikeValue(frags: Frag[]): boolean {
  const first = frags.find((frag) => frag.text.trim() !== '');
  if (first?.kind === 'math') return true;
  return /^(?:[+\-−([]|\.?\d)/.test(frags.map((frag) => frag.text).join('').trim());
}

/**
 * `P = 0.763 or 0.9`, `≈ 3.87 (or 15 if …)`, `0.35, maybe 0.36`, `either 0.3 or 0.4`,
 * `either 0.3/0.4`: the last step of the chain is offered with another value. The same
 * number written twice (`0.82 (or 82%)`) is one value.
 */
function noteHedge(chain: Chain, rest: Frag[], either = false): void {
  const step = chain.steps.length - 1;
  const written = chain.steps[step].map((frag) => frag.text).join('').trim();
  const other = alternativeValue(rest);
  if (other !== null && !sameNumber(written, other)) {
    chain.hedge = { step, reason: `two values given: ${written} or ${other}` };
    return;
  }
  const pair = slashAlternative(chain.steps[step], rest, either);
  if (pair) chain.hedge = { step, reason: `two values given: ${pair[0]} or ${pair[1]}` };
}

/** Inside math the label is the math before the relation (`the layer $z_j = …$` -> `z_j`). */
function mathLabel(pending: Frag[]): Frag[] {
  let from = pending.length;
  while (from > 0 && pending[from - 1].kind === 'math') from -= 1;
  const math = pending.slice(from);
  // OCR splits a subscript off its word (`Recall $_A = …$`): the word is part of the label.
  if (/^\s*[_^]/.test(math.map((frag) => frag.text).join(''))) return pending;
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

/**
 * Splits content after a relation into the step (math, and the expression that opens
 * running text) and the rest (prose that may label the next claim). When running text
 * holds no expression at all (`= small random values`), the whole text is the step, so
 * the claim is found and reported unreadable rather than missing.
 */
function splitStep(frags: Frag[], beforeRelation = false, codeSpans: CodeSpans = []): { step: Frag[]; rest: Frag[] } {
  const inCode = closedByCodeSpan(frags, codeSpans);
  if (inCode) {
    const split = splitAtExpressionEnd(inCode.step, false);
    return { step: split.step, rest: [...split.rest, ...inCode.rest] };
  }
  const split = splitAtExpressionEnd(frags, beforeRelation);
  // `dh = W2 @ dz2 = [0.9, -0.08]`, `H = -sum_i p_i log p_i = …`, `= softmax(scores) = …`:
  // what follows an unread operator, a step that ends with one, or a bracket right after
  // a word is no label of a new claim but the rest of a middle step; the chain goes on
  // and its final step decides.
  const rest = split.rest.map((frag) => frag.text).join('');
  const written = split.step.map((frag) => frag.text).join('');
  const names = IMPLICIT_PRODUCT.test(written) && IMPLICIT_PRODUCT.test(rest);
  const applied = /[\p{L}\p{N}_]$/u.test(written) && /^[([]/.test(rest);
  const times = TIMES_WORD.test(rest) && EXPRESSION_BEFORE_TIMES.test(written.trim());
  if (beforeRelation && split.rest.length > 0 && (CONTINUES_STEP.test(rest) || names || applied || times || endsWithOperator(split.step))) {
    return { step: trimBlank(frags), rest: [] };
  }
  return split;
}

/** Two short names written apart (`W2 dz2`): a product of variables, not a value and a new label. */
const IMPLICIT_PRODUCT = /^\s*\p{L}{1,3}\d*\s*$/u;
/**
 * A lone `x` written apart before a word: the times sign as typed on a phone (`w - 0.5 x
 * grad w = …`), after an expression that already holds an operator and ends with a value;
 * after a bare value (`P = 0.9 x hat = …`) the words may still label a claim of their own.
 */
const TIMES_WORD = /^\s+x\s+\p{L}/u;
const EXPRESSION_BEFORE_TIMES = /^.+[+\-−*/^×·].*[\d)\]]$/u;
/** Content that goes on with an expression: an operator or a script after what was read. */
const CONTINUES_STEP = /^\s*(?:[@⊙∘·⋅×*/^+\-−√²³ᵀ⁻₀-₉]|\\(?:cdot|times|odot|circ)(?![A-Za-z]))/u;

/**
 * A step that opens inside an inline code span ends where the span closes: the backtick
 * is the student's own end of the value, so `` `m1 = [0.4, 0.8]` (0.1 * g) `` gives
 * `[0.4, 0.8]` and the note after it is no factor. Not when what follows goes on with an
 * operator (`` `0.5` * 2 ``) or is blank. Returns the step and the rest, or null.
 */
function closedByCodeSpan(frags: Frag[], spans: CodeSpans): { step: Frag[]; rest: Frag[] } | null {
  const first = spans.length === 0 ? undefined : firstOffset(frags);
  const span = first === undefined ? undefined : spanAt(spans, first);
  if (!span) return null;
  for (let k = 0; k < frags.length; k++) {
    const j = frags[k].map.findIndex((offset) => offset >= span[1]);
    if (j < 0) continue;
    const rest = [cut(frags[k], j, frags[k].text.length), ...frags.slice(k + 1)];
    const after = rest.map((frag) => frag.text).join('');
    if (after.trim() === '' || CONTINUES_STEP.test(after)) return null;
    return { step: [...frags.slice(0, k), cut(frags[k], 0, j)], rest };
  }
  return null;
}

/** The span holding an offset (binary search over spans in document order). */
function spanAt(spans: CodeSpans, offset: number): [number, number] | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = spans[mid];
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return spans[mid];
  }
  return undefined;
}

function splitAtExpressionEnd(frags: Frag[], beforeRelation: boolean): { step: Frag[]; rest: Frag[] } {
  const step: Frag[] = [];
  for (let k = 0; k < frags.length; k++) {
    const frag = frags[k];
    if (frag.kind === 'math') {
      step.push(frag);
      continue;
    }
    const bracket = /^\s+[([]/.exec(frag.text);
    if (bracket && endsWithValue(step) && isNote(frag.text, bracket[0].length - 1)) return { step, rest: frags.slice(k) };
    const length = expressionLength(frag.text);
    if (length === frag.text.length || frag.text.slice(length).trim() === '') {
      step.push(frag);
      continue;
    }
    if (isBlank(step) && frag.text.slice(0, length).trim() === '') return { step: [...step, frag, ...frags.slice(k + 1)], rest: [] };
    step.push(cut(frag, 0, length));
    return { step: trimBlank(step), rest: [cut(frag, length, frag.text.length), ...frags.slice(k + 1)] };
  }
  return (beforeRelation && nameBeforeRelation(step)) || { step: trimBlank(step), rest: [] };
}

/**
 * `P_cat = 0.9 R_cat = 0.763`: a name written apart after a complete value, right before
 * a relation, labels the next claim; the step ends at the value. Null when there is none.
 */
function nameBeforeRelation(step: Frag[]): { step: Frag[]; rest: Frag[] } | null {
  const last = step[step.length - 1];
  if (last?.kind !== 'text') return null;
  const at = nameAfterNumber(last.text, FUNCTION_WORDS);
  if (at < 0) return null;
  const head = [...step.slice(0, -1), cut(last, 0, at)];
  return endsWithValue(head) ? { step: head, rest: [cut(last, at, last.text.length)] } : null;
}

/** The step that opens some content (see splitStep): what a table cell shows. */
export function leadingStep(frags: Frag[]): Frag[] {
  return splitStep(frags).step;
}

/**
 * A table cell without a relation as a chain of one step, with its hedge (`0.35 or 0.36`,
 * `either 0.3 or 0.4`); null when it opens with no value. Prose after the value is a note.
 */
export function cellValueChain(frags: Frag[], start: number): Chain | null {
  const either = withoutEither(frags);
  const { step, rest } = splitStep(either ?? frags);
  if (step.length === 0 || !looksLikeValue(step)) return null;
  const chain: Chain = { label: [], steps: [step], start };
  noteHedge(chain, rest, either !== null);
  return chain;
}

function trimBlank(frags: Frag[]): Frag[] {
  return isBlank(frags) ? [] : frags;
}

/** A one-letter `or` written apart before a number (see step-ends.ts OR_WORDS). */
const LETTER_OR = /^\s+[oó]\s+[+\-−]?\.?\d/;

/** Length of the expression that opens running text: numbers, operators, brackets, names. */
function expressionLength(text: string): number {
  let i = 0;
  let good = 0;
  /** The last token at the top level was a complete value (a number, `%`, a closed bracket). */
  let afterValue = false;
  const open: number[] = [];
  while (i < text.length) {
    const c = text[i];
    // `0,5 o 0,6` (Italian, Spanish): a one-letter `or` between values offers a second one, no product.
    if (open.length === 0 && afterValue && LETTER_OR.test(text.slice(i, i + 8))) break;
    if ('(['.includes(c)) {
      // `0.763 (45/59)`, `0.76 (3)`: a bracketed note after a value is not a factor.
      if (open.length === 0 && afterValue && /\s/.test(text[i - 1] ?? '') && isNote(text, i)) break;
      open.push(i);
      i += 1;
      continue;
    }
    if (')]'.includes(c)) {
      if (open.length === 0) break;
      open.pop();
      i += 1;
      if (open.length === 0) [good, afterValue] = [i, true];
      continue;
    }
    if ((c === ',' || c === ';') && open.length > 0) {
      i += 1;
      continue;
    }
    const length = plainTokenLength(text, i);
    if (length === 0) break;
    const token = text.slice(i, i + length);
    i += length;
    if (open.length === 0 && token.trim() !== '') [good, afterValue] = [i, /^[\d.%]/.test(token)];
  }
  return open.length > 0 ? Math.min(good, open[0]) : good;
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
  memo: Map<string, Conversion>;
}

/**
 * Different steps converted per submission at most; later ones are refused with `limit`.
 * A 2 MB file holds up to 250,000 steps: this keeps one file's time bounded by a count.
 * Steps written the same way are converted once (the memo).
 */
export const MAX_STEPS = limit('steps');

/** Steps in one chain at most; a longer chain is one refused step (see tooManySteps). */
export const MAX_CHAIN_STEPS = limit('chainSteps');

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
  if (chain.steps.length > MAX_CHAIN_STEPS) return [tooManySteps(chain, ctx)];
  return chain.steps.map((frags, i) => (i === chain.hedge?.step ? hedged(stepOf(frags, ctx), chain.hedge.reason) : stepOf(frags, ctx)));
}

/**
 * A chain over MAX_CHAIN_STEPS (`x = 1+1=3=` repeated by the thousand) is kept as one
 * refused step at the place of its final one: an answer it is for is unreadable, and no
 * earlier claim with the same label can answer instead.
 */
function tooManySteps(chain: Chain, ctx: ClaimContext): Step {
  const final = chain.steps[chain.steps.length - 1];
  const { line, column } = ctx.source.place(firstOffset(final) ?? final[0]?.map[0] ?? chain.start);
  const written = final.map((frag) => frag.text).join('').trim();
  const reason = `a chain of ${chain.steps.length} steps; the limit is ${MAX_CHAIN_STEPS}`;
  return { source: written.slice(0, EXCERPT_CHARS), line, column, decimals: null, expr: null, symbols: [], value: null, percent: false, refusal: { kind: 'limit', code: 'limit', reason, limit: 'chain-steps' } };
}

/** A step offered with another value: found, but not read (never one of the two silently). */
function hedged(step: Step, reason: string): Step {
  return { ...step, expr: null, symbols: [], value: null, percent: false, refusal: { kind: 'unreadable', code: 'two-values', reason } };
}

function labelTextOf(frags: Frag[]): string {
  const text = frags.map((frag) => frag.text).join('').replace(/\s+/g, ' ').trim();
  return text.replace(LEADING_CONNECTIVES, '').trim();
}

function stepOf(frags: Frag[], ctx: ClaimContext): Step {
  const written = frags.map((frag) => frag.text).join('').trim();
  const { line, column } = ctx.source.place(firstOffset(frags) ?? frags[0]?.map[0] ?? 0);
  const length = frags.reduce((sum, frag) => sum + (frag.omitted ?? 0), written.length);
  if (length > MAX_MATH_CHARS) return overLong(written, length, line, column);
  const base = { source: written, line, column, decimals: decimalsOf(written, ctx.options.numbers) };
  const refused = (refusal: Refusal): Step => ({ ...base, expr: null, symbols: [], value: null, percent: false, refusal });
  if (frags.every((frag) => frag.kind === 'text') && expressionLength(written) === 0) {
    return refused({ kind: 'unreadable', code: 'unreadable-value', reason: `words, not math: "${written.slice(0, 40)}"` });
  }
  const latex = frags.map((frag) => (frag.kind === 'text' ? textAsLatex(frag.text) : frag.text)).join('').trim();
  let read = ctx.memo.get(latex);
  if (!read) {
    if (ctx.budget.steps <= 0) return refused({ kind: 'limit', code: 'limit', reason: `more than ${MAX_STEPS} different steps in one submission`, limit: 'steps' });
    ctx.budget.steps -= 1;
    read = convert(latex, ctx.options);
    ctx.memo.set(latex, read);
  }
  // Written out field by field, in the order of the spreads this replaces (JSON key order):
  // object rest and spreads were most of this function's own time, once per step.
  const step: Step = { source: written, line, column, decimals: base.decimals ?? read.arrayDecimals ?? null, expr: read.expr, symbols: [...read.symbols], value: read.value, percent: read.percent, refusal: read.refusal };
  if (read.logReadings !== undefined) step.logReadings = read.logReadings;
  return step;
}

/** A step over MAX_MATH_CHARS, refused unread; its source keeps only the start. */
function overLong(written: string, length: number, line: number, column: number): Step {
  return {
    source: `${written.slice(0, EXCERPT_CHARS)}…`,
    line,
    column,
    decimals: null,
    expr: null,
    symbols: [],
    value: null,
    percent: false,
    refusal: { kind: 'limit', code: 'limit', reason: `math longer than ${MAX_MATH_CHARS} characters (${length})`, limit: 'math-chars' },
  };
}

/** What a step's conversion gives, once per LaTeX source (see ClaimContext.memo). */
type Conversion = Pick<Step, 'expr' | 'symbols' | 'value' | 'percent' | 'refusal' | 'logReadings'> & { arrayDecimals?: number };

/** One step's LaTeX -> mathjs expression, free symbols, and value when it has none. */
function convert(latex: string, options: StepOptions): Conversion {
  const { logBase, numbers, dotThousands } = options;
  const converted = latexToMathjs(latex, { ...(logBase === undefined ? {} : { logBase }), ...(numbers === undefined ? {} : { numbers }), ...(dotThousands === undefined ? {} : { dotThousands }) });
  if (!converted.ok) return { expr: null, symbols: [], value: null, percent: false, refusal: converted.refusal };
  const { expr, symbols, percent, arrayDecimals, logReadings } = converted;
  if (symbols.length > 0) return { expr, symbols, value: null, percent, refusal: null };
  const evaluated = evaluateStudent(expr);
  // What slips need of the conversion: the precision of a written vector, the other \log bases.
  const forSlips = { ...(arrayDecimals === undefined ? {} : { arrayDecimals }), ...(logReadings ? { logReadings } : {}) };
  return evaluated.ok ? { expr, symbols, value: evaluated.value, percent, refusal: null, ...forSlips } : { expr, symbols, value: null, percent, refusal: evaluated.refusal };
}
