// What names and commands mean when student LaTeX becomes a mathjs expression.
// One table per question ("is this a function?", "is this calculus?"), so a policy
// change is one line here and never a special case in the parser.
import type { NumberConvention } from './numbers.js';

/** Options a rubric or the document may set for the conversion. */
export interface LatexPolicy {
  /** Base of a bare `\log` (rubric option `log_base`); students' answers assume ln. */
  logBase: number;
  /**
   * How the document writes decimals (convention.ts, or the rubric's `numbers`).
   * `unsettled`: the piece is read under both conventions, and a number whose value
   * depends on which is refused as `ambiguous-number`.
   */
  numbers: NumberConvention | 'unsettled';
  /** The document writes dots as thousands separators (`1.000,5`): `1.500` is 1500 there. */
  dotThousands: boolean;
}

export const DEFAULT_POLICY: LatexPolicy = { logBase: Math.E, numbers: 'unsettled', dotThousands: false };

/** A function students write, and the engine function it becomes. */
export interface FunctionSpec {
  /** mathjs / engine name. */
  fn: string;
  minArgs: number;
  maxArgs: number;
}

const unary = (fn: string): FunctionSpec => ({ fn, minArgs: 1, maxArgs: 1 });
const variadic = (fn: string): FunctionSpec => ({ fn, minArgs: 1, maxArgs: 64 });

/**
 * Function names written as words (`sigmoid(a)`, `\text{softmax}`, `\operatorname{relu}`,
 * `\mathrm{logistic}`) or as KaTeX operators (`\exp`, `\max`). `log`/`ln` are handled
 * apart because the base depends on the policy.
 */
export const FUNCTIONS: Record<string, FunctionSpec> = {
  sigmoid: unary('sigmoid'),
  logistic: unary('sigmoid'),
  softmax: unary('softmax'),
  relu: unary('relu'),
  ReLU: unary('relu'),
  softplus: unary('softplus'),
  tanh: unary('tanh'),
  sin: unary('sin'),
  cos: unary('cos'),
  tan: unary('tan'),
  sinh: unary('sinh'),
  cosh: unary('cosh'),
  arctan: unary('atan'),
  exp: unary('exp'),
  sqrt: unary('sqrt'),
  abs: unary('abs'),
  det: unary('det'),
  diag: unary('diag'),
  max: variadic('max'),
  min: variadic('min'),
  dot: { fn: 'dot', minArgs: 2, maxArgs: 2 },
};

/** Names of natural and policy logarithms. */
export const LOG_NAMES = new Set(['log', 'ln']);

/**
 * Words that are functions only when written as a run of plain letters directly before
 * their argument (`sigmoid(x)`); otherwise the letters multiply (`max` alone is m·a·x).
 * Longest first, so that `softmax` wins over `max`.
 */
export const LETTER_RUN_FUNCTIONS = [...Object.keys(FUNCTIONS), ...LOG_NAMES].sort(
  (a, b) => b.length - a.length,
);

/**
 * Relations written as a word inside math (Typst's `sqrt(15) approx 3.873`): not one of
 * SPEC §5's relations, so not read as one; the step is refused rather than read as a
 * product of letters. Longest first.
 */
export const RELATION_WORDS = ['approximately', 'approx', 'equals'];

/** KaTeX operators (`\lim`, `\sum` …) that mean calculus: never a number. */
export const CALCULUS_OPERATORS = new Set([
  '\\sum', '\\prod', '\\int', '\\iint', '\\iiint', '\\oint', '\\lim', '\\limsup', '\\liminf',
  '\\coprod', '\\bigcup', '\\bigcap',
]);

/** Symbols that mean calculus wherever they appear. */
export const CALCULUS_SYMBOLS = new Set(['\\partial', '∂', '\\nabla', '∇', '\\prime', '′', '″']);

/** Ellipsis atoms as KaTeX names them (`\dots`, `\cdots` …). */
export const ELLIPSIS_SYMBOLS = new Set([
  '\\ldots', '\\@cdots', '\\cdots', '\\dots', '\\vdots', '\\ddots', '\\dotsb', '\\dotsc',
  '\\dotsi', '\\dotsm', '\\dotso', '…', '⋯', '⋮', '⋱',
]);

/** Binary operators: KaTeX atom text -> our operator. */
export const BINARY_OPERATORS: Record<string, '+' | '-' | '*' | '/' | '±' | '.*'> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '–': '-',
  '*': '*',
  '∗': '*',
  '\\ast': '*',
  '\\cdot': '*',
  '·': '*',
  '⋅': '*',
  '\\times': '*',
  '×': '*',
  '/': '/',
  '\\div': '/',
  '÷': '/',
  // The element-wise (Hadamard) product.
  '\\odot': '.*',
  '⊙': '.*',
  '\\pm': '±',
  '±': '±',
  '\\mp': '±',
};

/** Opening and closing brackets, by KaTeX atom text. */
export const OPEN_BRACKETS: Record<string, Bracket> = {
  '(': '(', '[': '[', '\\lbrack': '[', '\\{': '{', '\\lbrace': '{', '\\langle': '<', '⟨': '<',
  '\\lvert': '|', '\\lVert': '‖',
};
export const CLOSE_BRACKETS: Record<string, Bracket> = {
  ')': '(', ']': '[', '\\rbrack': '[', '\\}': '{', '\\rbrace': '{', '\\rangle': '<', '⟩': '<',
  '\\rvert': '|', '\\rVert': '‖',
};
/** Bars that open or close by position: `|x|`, `\|x\|`. */
export const BARS: Record<string, Bracket> = {
  '|': '|', '\\vert': '|', '\\|': '‖', '\\Vert': '‖', '‖': '‖',
};
/** `(` round, `[` square, `{` brace, `<` angle, `|` absolute value, `‖` norm. */
export type Bracket = '(' | '[' | '{' | '<' | '|' | '‖';

/** Accents that become a suffix of the variable's name (`\hat{y}` -> `yhat`); `\vec` is dropped. */
export const ACCENT_SUFFIXES: Record<string, string> = {
  '\\hat': 'hat',
  '\\widehat': 'hat',
  '\\bar': 'bar',
  '\\overline': 'bar',
  '\\tilde': 'tilde',
  '\\widetilde': 'tilde',
  '\\check': 'check',
  '\\vec': '',
  '\\overrightarrow': '',
};

/** Superscripts that mean "transposed". */
export const TRANSPOSE_MARKS = new Set(['T', '\\top', '\\intercal', '⊤', 'ᵀ']);

/** Greek letters (commands and Unicode) -> variable names. */
export const GREEK: Record<string, string> = (() => {
  const names = [
    'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa',
    'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi',
    'psi', 'omega',
  ];
  const lower = 'αβγδεζηθικλμνξοπρστυφχψω';
  const upper = 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ';
  const table: Record<string, string> = {};
  names.forEach((name, i) => {
    const capital = name[0].toUpperCase() + name.slice(1);
    table[`\\${name}`] = name;
    table[`\\${capital}`] = capital;
    table[lower[i]] = name;
    table[upper[i]] = capital;
  });
  Object.assign(table, {
    '\\varepsilon': 'epsilon', 'ϵ': 'epsilon', '\\varphi': 'phi', 'ϕ': 'phi', '\\vartheta': 'theta',
    'ϑ': 'theta', '\\varsigma': 'sigma', 'ς': 'sigma', '\\varrho': 'rho', '\\varpi': 'pi',
    '\\ell': 'l', 'ℓ': 'l', '\\imath': 'i', '\\jmath': 'j',
  });
  return table;
})();

/** Names that are constants, not variables: `e` is Euler's number, `\pi` is π (SPEC §4). */
export const CONSTANTS = new Set(['e', 'pi']);

/** Words mathjs reads as operators or literals; a variable may not be called that. */
export const MATHJS_RESERVED = new Set([
  'to', 'in', 'mod', 'and', 'or', 'not', 'xor', 'true', 'false', 'null', 'undefined',
  'Infinity', 'NaN', 'end',
]);
