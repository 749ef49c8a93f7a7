// latexToMathjs: one piece of student math (LaTeX or plain text) -> a mathjs string.
import { LIMIT_TABLE } from '../limits.js';
import type { LogReading, Refusal, RefusalCode } from '../types.js';
import { isExpansionOverrun, parseKatex, type KNode } from './katex.js';
import { refuseNotationWithoutValue } from './notation.js';
import { parseTokens } from './parser.js';
import { POINT_READING, type NumberReading } from './numbers.js';
import { CONSTANTS, DEFAULT_POLICY, type LatexPolicy } from './policy.js';
import { prepare } from './preprocess.js';
import { RefusalError, refuse, refuseAt } from './refusal.js';
import { withoutTrailingRemark, withoutTrailingUnit } from './remarks.js';
import { convertAtoms, type Context } from './tokens.js';
import { NodeBudget, freeSymbols, print, type Expr } from './tree.js';

export type Conversion =
  | {
      ok: true;
      expr: string;
      symbols: string[];
      percent: boolean;
      /** For a vector or matrix of plain numbers, the fewest decimals among them (what a slip check needs). */
      arrayDecimals?: number;
      /** When a `\log` has no base: the expression with it read in the other bases (diagnoses of slips). */
      logReadings?: LogReading[];
    }
  | { ok: false; refusal: Refusal };


/**
 * Converts one piece of student math to a readable mathjs expression string.
 * Example: `latexToMathjs("\\frac{50}{50+7+4}")` ->
 * `{ ok: true, expr: "50 / (50 + 7 + 4)", symbols: [], percent: false }`.
 * With `numbers: 'unsettled'` (the default) a piece whose numbers read differently with
 * a decimal point and with a decimal comma (`\\max(0,5)`, `1,234`) is refused as
 * `ambiguous-number`, naming both readings; a piece that reads as one value under only
 * one convention (`0,588`, `(0,9; 1,7)`) takes that reading. Never by the value.
 */
export function latexToMathjs(latex: string, policy: Partial<LatexPolicy> = {}): Conversion {
  const full: LatexPolicy = { ...DEFAULT_POLICY, ...policy };
  const thousands = full.dotThousands ? 'thousands' : null;
  if (full.numbers === 'decimal-point') return convertUnder(latex, full, POINT_READING);
  if (full.numbers === 'decimal-comma') return convertUnder(latex, full, { convention: 'decimal-comma', dots: thousands ?? 'ask' });
  const point = convertUnder(latex, full, POINT_READING);
  if (!CONVENTION_MATTERS.test(latex)) return point;
  // A document that writes both kinds of decimals (or a piece without a document): a
  // dot before three digits is a decimal point unless dots are thousands separators there.
  return eitherReading(latex, point, convertUnder(latex, full, { convention: 'decimal-comma', dots: thousands ?? 'decimal' }));
}

/**
 * What can read differently under the two conventions: a comma between digits (`0,5`,
 * `1{,}234`), a `;` (a separator only with decimal commas), a dot before a group of three
 * digits (`1.500`), siunitx's `\\num`.
 */
const CONVENTION_MATTERS = /\d\s*(?:,|\{,\})\s*\d|;|(?<![\d.])[1-9]\d{0,2}\.\d{3}(?!\d)|\\num/;
const LOOKS_DECIMAL_COMMA = /\d(?:,|\{,\})\d/;

/** The one reading of an unsettled piece, or a refusal naming both. */
function eitherReading(latex: string, point: Conversion, comma: Conversion): Conversion {
  if (point.ok && comma.ok) {
    if (point.expr === comma.expr) return point;
    const written = latex.trim().slice(0, 60);
    return refused('unreadable', `"${written}" is ${point.expr} with a decimal point but ${comma.expr} with a decimal comma, and the document does not settle which`, 'ambiguous-number');
  }
  if (point.ok && !comma.ok) return comma.refusal.code === 'ambiguous-number' ? comma : point;
  if (comma.ok && !point.ok) return point.refusal.code === 'ambiguous-number' ? point : comma;
  return LOOKS_DECIMAL_COMMA.test(latex) ? comma : point;
}

function refused(kind: Refusal['kind'], reason: string, code: RefusalCode): Conversion {
  return { ok: false, refusal: { kind, code, reason } };
}

function convertUnder(latex: string, policy: LatexPolicy, numbers: NumberReading): Conversion {
  try {
    const ctx: Context = {
      policy,
      budget: new NodeBudget(),
      depth: 0,
      parse: parseTokens,
    };
    const atoms = withoutTrailingUnit(withoutTrailingRemark(katexAtoms(prepare(latex, numbers))));
    refuseNotationWithoutValue(atoms);
    const expr = convertAtoms(atoms, ctx);
    const decimals = arrayDecimals(expr);
    const logReadings = ctx.bareLog ? otherLogReadings(atoms, policy) : [];
    return {
      ok: true,
      expr: print(expr),
      symbols: freeSymbols(expr, CONSTANTS),
      percent: isPercent(expr),
      ...(decimals === null ? {} : { arrayDecimals: decimals }),
      ...(logReadings.length > 0 ? { logReadings } : {}),
    };
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

/** The same atoms converted with `\log` in base 10 and 2 (the policy's own base left out); a reading that fails is left out. */
function otherLogReadings(atoms: KNode[], policy: LatexPolicy): LogReading[] {
  const readings: LogReading[] = [];
  for (const base of [10, 2] as const) {
    if (base === policy.logBase) continue;
    try {
      const ctx: Context = { policy: { ...policy, logBase: base }, budget: new NodeBudget(), depth: 0, parse: parseTokens };
      readings.push({ base, expr: print(convertAtoms(atoms, ctx)) });
    } catch (error) {
      if (!(error instanceof RefusalError)) throw error;
    }
  }
  return readings;
}

/** Fewest decimals written among the numbers of a vector or matrix of plain numbers (`[0.5, -0.25]` -> 1), else null. */
function arrayDecimals(e: Expr): number | null {
  if (e.k !== 'array' && !(e.k === 'neg' && e.a.k === 'array')) return null;
  let fewest = Infinity;
  const plain = (node: Expr): boolean => {
    if (node.k === 'neg') return plain(node.a);
    if (node.k === 'array') return node.items.every(plain);
    if (node.k !== 'num') return false;
    // A literal in e-notation does not bound the precision.
    fewest = Math.min(fewest, node.text.includes('e') ? 12 : (node.text.split('.')[1] ?? '').length);
    return true;
  };
  return plain(e) && fewest !== Infinity ? fewest : null;
}

function katexAtoms(source: string): KNode[] {
  try {
    return parseKatex(source);
  } catch (error) {
    if (error instanceof RangeError) refuseAt('recursion', 'math nested too deeply');
    if (isExpansionOverrun(error)) refuseAt('latexExpansions', `macros expand more than ${LIMIT_TABLE.latexExpansions.value} times`);
    const message = error instanceof Error ? error.message : String(error);
    return refuse('unreadable', shortKatexMessage(message));
  }
}

/** "KaTeX parse error: Expected '}', got 'EOF' at end of input: \frac{1" -> the first part. */
function shortKatexMessage(message: string): string {
  const text = message.replace(/^KaTeX parse error:\s*/, '').split(/ at (?:position|end of input)/)[0];
  return `LaTeX error: ${text.slice(0, 80)}`;
}

/** A value written as a percentage: `71\%`, `-3 %`. */
function isPercent(expr: Expr): boolean {
  return expr.k === 'percent' || (expr.k === 'neg' && expr.a.k === 'percent');
}
