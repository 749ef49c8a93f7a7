// Variable names: styling dropped, accents as suffixes, subscripts joined by `_`.
import { parseKatex } from './katex.js';
import { nameOfAtoms } from './names.js';

/**
 * The normalised name of a variable written in LaTeX (SPEC §5), or the input trimmed
 * when it is not a variable.
 * Example: `normaliseVariable("\\hat{y}_k")` -> `"yhat_k"`; `"w_{ij}"` -> `"w_ij"`.
 */
export function normaliseVariable(latexName: string): string {
  try {
    const name = nameOfAtoms(parseKatex(latexName));
    return name ?? latexName.trim();
  } catch {
    // Not LaTeX KaTeX can read (or not a name we can build): keep what was written.
    return latexName.trim();
  }
}
