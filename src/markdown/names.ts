// What a name looks like: the test that decides whether math or text before a relation
// labels a claim of its own (`is $\frac{\partial L}{\partial b} = …$` -> `dl/db`, a second
// `$R = 0.7$` after `$P = 0.9$`), rather than being an expression (`$\frac{50}{61} = 0.82$`).
import { normaliseLabel } from './labels.js';

/** Names longer than this are expressions, not labels (and the test stays cheap). */
const MAX_NAME_CHARS = 80;
/** Commands that open an expression, not a name (a fraction is a name only as a derivative). */
const EXPRESSION_COMMANDS = /^\\(?:frac|dfrac|tfrac|cfrac|sum|prod|int|oint|sqrt|log|ln|exp|max|min|sin|cos|tan|tanh|lim|left|begin|boxed|mathbb)(?![A-Za-z])/;
const OPERATOR_COMMANDS = /^\\(?:cdot|times|div|pm|mp)(?![A-Za-z])/;
/** The same in plain text: a root, log or exp applied (`sqrt(4 + 1)`, `log_2(x)`), a sum (`sum_i`, `Σ p`). */
const PLAIN_EXPRESSION = /^(?:(?:sqrt|log|ln|exp)(?:_\{?\w{1,3}\}?|[₀-₉]+)?\s*\(|(?:sum|prod)(?![A-Za-z])|[Σ∑∏])/u;

/**
 * Whether math or text names something: it opens with a letter or a command, has no
 * operator outside brackets, and is not a sum, root, log or fraction (derivatives
 * excepted). Example: `looksLikeName("\\frac{\\partial L}{\\partial b}")` -> true,
 * `looksLikeName("P_{cat}")` -> true, `looksLikeName("\\frac{50}{61}")` -> false.
 */
export function looksLikeName(written: string): boolean {
  const text = written.trim();
  if (text === '' || text.length > MAX_NAME_CHARS || !/^(?:\p{L}|\\[A-Za-z])/u.test(text)) return false;
  if (normaliseLabel(text).includes('/')) return true;
  return !EXPRESSION_COMMANDS.test(text) && !PLAIN_EXPRESSION.test(text) && !hasTopLevelOperator(text);
}

/**
 * A name of one word, as on the left of an update arrow (`w ← …`, `\theta \gets …`).
 * Example: `isShortName("w_1 ")` -> true, `isShortName("the new w")` -> false.
 */
export function isShortName(written: string): boolean {
  const text = written.trim();
  return looksLikeName(text) && !/\s/.test(text.replace(/\{[^{}]*\}/g, '{}'));
}

function hasTopLevelOperator(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      if (depth === 0 && OPERATOR_COMMANDS.test(text.slice(i, i + 8))) return true;
      i += 1;
    } else if ('{(['.includes(c)) depth += 1;
    else if ('})]'.includes(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && '+-−*/×·÷'.includes(c)) return true;
  }
  return false;
}
