// latexToMathjs: one piece of student math (LaTeX or plain text) -> a mathjs string.
import type { Refusal } from '../types.js';
import { parseKatex, type KNode } from './katex.js';
import { refuseNotationWithoutValue } from './notation.js';
import { parseTokens } from './parser.js';
import { CONSTANTS, DEFAULT_POLICY, type LatexPolicy } from './policy.js';
import { prepare } from './preprocess.js';
import { RefusalError, refuse } from './refusal.js';
import { withoutTrailingRemark } from './remarks.js';
import { convertAtoms, type Context } from './tokens.js';
import { NodeBudget, freeSymbols, print, type Expr } from './tree.js';

export type Conversion =
  | { ok: true; expr: string; symbols: string[]; percent: boolean }
  | { ok: false; refusal: Refusal };

/**
 * Converts one piece of student math to a readable mathjs expression string.
 * Example: `latexToMathjs("\\frac{50}{50+7+4}")` ->
 * `{ ok: true, expr: "50 / (50 + 7 + 4)", symbols: [], percent: false }`.
 */
export function latexToMathjs(latex: string, policy: Partial<LatexPolicy> = {}): Conversion {
  try {
    const ctx: Context = {
      policy: { ...DEFAULT_POLICY, ...policy },
      budget: new NodeBudget(),
      depth: 0,
      parse: parseTokens,
    };
    const atoms = withoutTrailingRemark(katexAtoms(prepare(latex)));
    refuseNotationWithoutValue(atoms);
    const expr = convertAtoms(atoms, ctx);
    return { ok: true, expr: print(expr), symbols: freeSymbols(expr, CONSTANTS), percent: isPercent(expr) };
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

function katexAtoms(source: string): KNode[] {
  try {
    return parseKatex(source);
  } catch (error) {
    if (error instanceof RangeError) refuse('limit', 'math nested too deeply');
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
