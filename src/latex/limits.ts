// Deterministic bounds on untrusted math (SPEC §8): every loop and allocation in the
// converter and the evaluator is bounded by one of these, never by a clock. The values
// and their codes live in the one table of limits, src/limits.ts.
import { limitValues } from '../limits.js';

export const LIMITS = limitValues([
  'latexLength',
  'nestingDepth',
  'recursion',
  'nodes',
  'matrixCells',
  'exprLength',
  'magnitude',
  'factorial',
  'matrixPower',
] as const);
