// Student math rendered for the HTML report, within deterministic bounds (SPEC §8).
//
// KaTeX renders MathML only: current browsers draw it natively, so the page needs no
// stylesheet, no font and no network, and each formula exists once on the page (the
// HTML+MathML output draws it twice when KaTeX's CSS is missing, and is ~7× larger).
//
// `maxExpand` bounds how many macros expand, not how much they produce: a 4 KB nested
// `\def` expands 1,000 times into 3 million tokens and took minutes. So every token the
// expander looks at is counted (KaTeX looks each one up in the `macros` table, which we
// hand it as a counting proxy), per formula and per page; over either budget, rendering
// stops at once. Output over its cap is dropped. Either way the formula is shown as its
// escaped source with a note naming the limit's code.
import katex from 'katex';
import { LIMIT_TABLE } from '../limits.js';
import { escapeHtml as h } from './text.js';

export const MATH_LIMITS = {
  /** Characters of LaTeX rendered in one formula (the grader reads no more either). */
  length: LIMIT_TABLE.latexLength.value,
  /** Tokens KaTeX's expander may look at for one formula (seen: 1–3 per character of source). */
  tokens: LIMIT_TABLE.renderTokens.value,
  /** Tokens for all formulas of one page together. */
  pageTokens: LIMIT_TABLE.pageRenderTokens.value,
  /** Characters of MathML one formula may produce (seen: 10–20 per character of source). */
  output: LIMIT_TABLE.renderOutput.value,
  /** Formulas rendered per page; later ones are shown as source. */
  pieces: LIMIT_TABLE.renderedFormulas.value,
} as const;

/** Why a formula is shown as source: the limit's code, stable, named on the page. */
export type MathLimitCode = 'latex-length' | 'math-expansion' | 'math-page-expansion' | 'math-output' | 'math-pieces' | 'math-error';

const LIMIT_TEXT: Record<MathLimitCode, string> = {
  'latex-length': `longer than ${MATH_LIMITS.length} characters`,
  'math-expansion': `expands to more than ${MATH_LIMITS.tokens} tokens`,
  'math-page-expansion': `the page's budget of ${MATH_LIMITS.pageTokens} expanded tokens is spent`,
  'math-output': `renders to more than ${MATH_LIMITS.output} characters`,
  'math-pieces': `the page renders at most ${MATH_LIMITS.pieces} formulas`,
  'math-error': 'KaTeX failed on it, e.g. nesting deeper than its stack',
};

// KaTeX's own `maxExpand` is set to our token budget: every expansion looks a token up in
// the counting table, so the counted budget, which names its code on the page, always
// stops an expansion flood first (a `\def` bomb is `math-expansion`, not red source).
const KATEX_OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxSize: 10, maxExpand: MATH_LIMITS.tokens, output: 'mathml' } as const;

/** What one page may still spend on math. */
export interface MathBudget {
  pieces: number;
  tokens: number;
}

export function pageMathBudget(): MathBudget {
  return { pieces: MATH_LIMITS.pieces, tokens: MATH_LIMITS.pageTokens };
}

export type RenderedMath = { html: string } | { code: MathLimitCode };

class TokenBudgetSpent extends Error {
  constructor(readonly code: 'math-expansion' | 'math-page-expansion') {
    super(code);
  }
}

/**
 * KaTeX's MathML for one formula, or the code of the limit it hit. Deterministic: the
 * same formula and budget always give the same answer.
 * @example renderMath('\\frac{1}{2}', false, pageMathBudget()) // { html: '<span class="katex"><math>…' }
 */
export function renderMath(tex: string, display: boolean, budget: MathBudget): RenderedMath {
  if (budget.pieces <= 0) return { code: 'math-pieces' };
  if (tex.length > MATH_LIMITS.length) return { code: 'latex-length' };
  budget.pieces -= 1;
  let used = 0;
  // KaTeX keeps \def'd macros in this table and asks it about every token it expands.
  const macros = new Proxy<Record<string, string>>(Object.create(null) as Record<string, string>, {
    getOwnPropertyDescriptor(target, key) {
      used += 1;
      budget.tokens -= 1;
      if (used > MATH_LIMITS.tokens) throw new TokenBudgetSpent('math-expansion');
      if (budget.tokens < 0) throw new TokenBudgetSpent('math-page-expansion');
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  let html: string;
  try {
    html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display, macros });
  } catch (error) {
    // Parse errors come back as red source (throwOnError: false); what lands here is a
    // spent budget or deep brace nesting overflowing KaTeX's recursive parser.
    return { code: error instanceof TokenBudgetSpent ? error.code : 'math-error' };
  }
  if (html.length > MATH_LIMITS.output) return { code: 'math-output' };
  return { html: compact(html) };
}

/** The MathML namespace is implied in HTML; dropping it keeps the page free of URLs. */
function compact(html: string): string {
  return html.replaceAll(' xmlns="http://www.w3.org/1998/Math/MathML"', '');
}

/**
 * A formula as its escaped source, with a note naming why it is not rendered.
 * @example mathAsSource('$x$', 'latex-length') // '<code class="tex">$x$</code> <small class="limit">not rendered (latex-length: …)</small>'
 */
export function mathAsSource(source: string, code: MathLimitCode | null): string {
  const note = code === null ? '' : ` <small class="limit">not rendered (${code}: ${h(LIMIT_TEXT[code])})</small>`;
  return `<code class="tex">${h(source)}</code>${note}`;
}
