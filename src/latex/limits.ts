// Deterministic bounds on untrusted math (SPEC §8): every loop and allocation in the
// converter and the evaluator is bounded by one of these, never by a clock.

export const LIMITS = {
  /** Characters of LaTeX in one piece. */
  latexLength: 5_000,
  /** Nesting of braces, brackets and parentheses in the LaTeX source. */
  nestingDepth: 64,
  /** Recursion of the converter (groups inside groups, signs in a row). */
  recursion: 200,
  /** Nodes of the converted expression (and of a mathjs expression being evaluated). */
  nodes: 2_000,
  /** Cells of one matrix or array. */
  matrixCells: 10_000,
  /** Characters of a mathjs expression given to evaluateStudent. */
  exprLength: 20_000,
  /** Largest magnitude a number may have, written or computed. */
  magnitude: 1e300,
  /** Largest n for which n! is computed (171! overflows a double). */
  factorial: 170,
  /** Largest integer power of a matrix. */
  matrixPower: 64,
} as const;
