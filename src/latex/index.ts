// LaTeX -> mathjs for student work and rubric `expected_latex`, and safe evaluation.
export { latexToMathjs, type Conversion } from './convert.js';
export { evaluateStudent, type Evaluation } from './evaluate.js';
export { normaliseVariable } from './variables.js';
export { DEFAULT_POLICY, type LatexPolicy } from './policy.js';
export { LIMITS } from './limits.js';
export { decimalsOf, FUNCTION_WORDS, plainTokenLength, textAsLatex } from './plain-text.js';
export type { NumberConvention } from './numbers.js';
export { addEvidence, decideConvention, emptyEvidence, type ConventionEvidence, type DecidedConvention } from './convention.js';
export { unwrapPresentation } from './wrappers.js';
