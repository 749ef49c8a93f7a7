// Label normalisation (SPEC §5). Labels are text: `Precision for class A`, `precision_A`
// and `the precision of A` all become `precision a`; `\frac{\partial L}{\partial w_i}`
// becomes `dl/dw i`. Rubric labels and claim labels go through the same function.

/** Marks the slash of a derivative `dA/dB`, one of the few punctuation marks a label keeps. */
const SLASH = '\uE000';
/** Marks a decimal point between digits (`\sigma(0.5)` -> `sigma 0.5`). */
const POINT = '\uE001';
/** Marks a minus sign before a digit (`\sigma(-2)` -> `sigma -2`, not `sigma 2`). */
const MINUS = '\uE002';
const PARTIAL = '∂';

const STYLING = new Set([
  'mathbf', 'mathrm', 'mathit', 'mathsf', 'mathtt', 'mathcal', 'mathbb', 'mathfrak', 'mathscr',
  'boldsymbol', 'bm', 'pmb', 'text', 'textbf', 'textit', 'textrm', 'textsf', 'texttt', 'emph',
  'mbox', 'operatorname', 'displaystyle', 'textstyle', 'mathnormal',
]);
const ACCENTS: Record<string, string> = {
  hat: 'hat', widehat: 'hat', bar: 'bar', overline: 'bar', tilde: 'tilde', widetilde: 'tilde',
  dot: 'dot', ddot: 'ddot', vec: 'vec', check: 'check', breve: 'breve', acute: 'acute', grave: 'grave',
};
const FRACTIONS = new Set(['frac', 'dfrac', 'tfrac', 'cfrac']);
const DROPPED = new Set(['left', 'right', 'mid', 'vert', 'big', 'Big', 'bigg', 'Bigg', 'quad', 'qquad', 'limits', 'nolimits']);
/** Combining marks (after NFKD) that are accents students put on variable names. */
const COMBINING_ACCENTS: Record<string, string> = { '\u0302': 'hat', '\u0304': 'bar', '\u0303': 'tilde', '\u0307': 'dot', '\u0308': 'ddot' };
/** OCR look-alikes: Cyrillic (and Greek capitals) that print like Latin letters. */
export const LOOK_ALIKES: Record<string, string> = {
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T', Х: 'X', У: 'Y', І: 'I', Ѕ: 'S', Ј: 'J',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ѕ: 's', ј: 'j', ԁ: 'd',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
/** Greek letters typed as Unicode read like their LaTeX names (`θ_0` = `\theta_0`). */
const GREEK: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'epsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', τ: 'tau',
  φ: 'phi', ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega', Δ: 'delta', Σ: 'sigma', Θ: 'theta', Φ: 'phi', Ω: 'omega',
};
const FILLERS = new Set(['the', 'a', 'an', 'of', 'for', 'class', 'score', 'value', 'final', 'our', 'my']);

/**
 * Labels already normalised in this process: a class writes the same few labels in every
 * submission, and the rubric's are asked again for each one. Bounded in entries and in
 * label length (student text), so memory stays flat in class size.
 */
const normalised = new Map<string, string>();
const MEMO_LABELS = 10_000;
const MEMO_LABEL_CHARS = 200;

/**
 * The normalised form of a label (SPEC §5): LaTeX styling dropped, accents as suffixes,
 * OCR look-alikes made Latin, lower case, `_ - space` folded, brackets and commas as
 * spaces (`recall(A)` -> `recall a`), other punctuation dropped except a decimal point
 * and a minus sign before a digit, primes as the word `prime` (`L'(w)` -> `l prime w`),
 * filler words dropped, derivatives as `dA/dB`, `\nabla f` as `grad f`, `\ell` as `l`.
 * The filler `a` is kept when it is the last word: there it names a class (`precision_A`).
 * Example: `normaliseLabel("Precision for class A")` -> `"precision a"`;
 * `normaliseLabel("\\frac{\\partial L}{\\partial w_i}")` -> `"dl/dw i"`.
 */
export function normaliseLabel(text: string): string {
  const known = normalised.get(text);
  if (known !== undefined) return known;
  const label = normalise(text);
  if (text.length <= MEMO_LABEL_CHARS) {
    if (normalised.size >= MEMO_LABELS) normalised.clear();
    normalised.set(text, label);
  }
  return label;
}

function normalise(text: string): string {
  const plain = plainText(latexToText(text));
  const words = plain
    .replace(/(∂|(?<![\p{L}\p{N}])d)\s*([^\s/∂]+?)\s*\/\s*(∂|d)\s*/gu, (_, _d, of: string) => `${PARTIAL}${differentiated(of)}${SLASH}${PARTIAL}`)
    .replace(/∂\s+/g, PARTIAL)
    .replaceAll(PARTIAL, 'd')
    .toLowerCase()
    .replace(/(\d)\.(?=\d)/g, `$1${POINT}`)
    .replace(/(?<![\p{L}\p{N}])[-−](?=\d)/gu, MINUS)
    .replace(/[_\-–—\s()[\],]+/g, ' ')
    // `dL/d(w)`: the brackets were spaces; the derivative stays one word.
    .replace(new RegExp(`\\s+${SLASH}`, 'g'), SLASH)
    .replace(new RegExp(`${SLASH}d\\s+`, 'g'), `${SLASH}d`)
    .replace(new RegExp(`[^\\p{L}\\p{N} ${SLASH}${POINT}${MINUS}]`, 'gu'), '')
    .split(' ')
    .filter((word) => word !== '');
  return words
    .filter((word, i) => !FILLERS.has(word) || (word === 'a' && i === words.length - 1))
    .join(' ')
    .replaceAll(SLASH, '/')
    .replaceAll(POINT, '.')
    .replaceAll(MINUS, '-');
}

/** Unicode clean-up: accents as suffixes, look-alikes and Greek letters as Latin names. */
function plainText(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKD')) {
    const accent = COMBINING_ACCENTS[char];
    if (accent) out += accent;
    else if (/\p{M}/u.test(char)) continue;
    else if (char === '∇') out += 'grad ';
    else if (char === 'ℓ') out += 'l';
    else if (char === '′') out += ' prime ';
    else out += LOOK_ALIKES[char] ?? GREEK[char] ?? char;
  }
  return out;
}

/** `\name` or `\x` starting exactly at `at` (sticky: no copy of the rest of the text per command). */
const COMMAND = /\\([A-Za-z]+|.)/y;

function commandAt(latex: string, at: number): RegExpExecArray | null {
  COMMAND.lastIndex = at;
  return COMMAND.exec(latex);
}

/** LaTeX -> plain words: styling dropped, accents as suffixes, fractions of ∂ as derivatives. */
function latexToText(latex: string): string {
  let out = '';
  let i = 0;
  while (i < latex.length) {
    const c = latex[i];
    if (c === '\\') {
      const name = commandAt(latex, i)?.[1] ?? '';
      i += 1 + name.length;
      const converted = command(name, latex, i);
      out += converted.text;
      i = converted.next;
    } else if (c === '{' || c === '}' || c === '^') {
      i += 1;
    } else if (c === '&' || c === '~') {
      out += ' ';
      i += 1;
    } else if (c === "'" && isPrime(latex, i)) {
      out += ' prime ';
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

function command(name: string, latex: string, at: number): { text: string; next: number } {
  if (STYLING.has(name)) {
    const arg = argument(latex, at);
    return { text: latexToText(arg.body), next: arg.next };
  }
  if (name in ACCENTS) {
    const arg = argument(latex, at);
    return { text: latexToText(arg.body) + ACCENTS[name], next: arg.next };
  }
  if (FRACTIONS.has(name)) {
    const top = argument(latex, at);
    const bottom = argument(latex, top.next);
    return { text: fraction(top.body, bottom.body), next: bottom.next };
  }
  if (name === 'partial') return { text: PARTIAL, next: at };
  if (name === 'nabla') return { text: 'grad ', next: at };
  if (name === 'ell') return { text: 'l', next: at };
  if (name === 'prime') return { text: ' prime ', next: at };
  if (DROPPED.has(name) || !/^[A-Za-z]/.test(name)) return { text: ' ', next: at };
  const glue = /^[A-Za-z\\]/.test(latex.slice(at, at + 1)) ? ' ' : '';
  return { text: name + glue, next: at };
}

/** `'` after a name and not before a letter is a prime (`L'(w)`, `f''`), not an apostrophe (`model's`). */
function isPrime(latex: string, i: number): boolean {
  return /[\p{L}\p{N}})']/u.test(latex[i - 1] ?? '') && !/\p{L}/u.test(latex[i + 1] ?? '');
}

/** `\frac{\partial L}{\partial w}` and `\frac{dL}{dw}` -> `∂L/∂w`; other fractions -> `a b`. */
function fraction(top: string, bottom: string): string {
  const numerator = latexToText(top).trim();
  const denominator = latexToText(bottom).trim();
  if (/^(?:∂|d)/.test(numerator) && /^(?:∂|d)/.test(denominator)) {
    const of = differentiated(numerator.replace(/^(∂|d)\s*/, ''));
    const by = differentiated(denominator.replace(/^(∂|d)\s*/, ''));
    return `${PARTIAL}${of}${SLASH}${PARTIAL}${by}`;
  }
  return `${numerator} ${denominator}`;
}

/**
 * What a derivative is of or by, without brackets: around it (`\partial (WX^T)` -> `WX^T`)
 * or after a function's name (`\partial L(w)` -> `L`: `dL(w)/dw` is `dl/dw`).
 */
function differentiated(name: string): string {
  const trimmed = name.trim();
  const inside = /^\((.*)\)$/.exec(trimmed);
  if (inside) return inside[1];
  return trimmed.replace(/(?<=[^\s(])\([^()]*\)$/, '');
}

/** The next argument: a `{...}` group (balanced), a command, or one character. */
function argument(latex: string, at: number): { body: string; next: number } {
  let i = at;
  while (latex[i] === ' ') i += 1;
  if (latex[i] === '{') {
    let depth = 0;
    for (let j = i; j < latex.length; j++) {
      if (latex[j] === '\\') j += 1;
      else if (latex[j] === '{') depth += 1;
      else if (latex[j] === '}' && --depth === 0) return { body: latex.slice(i + 1, j), next: j + 1 };
    }
    return { body: latex.slice(i + 1), next: latex.length };
  }
  const commandName = commandAt(latex, i);
  if (commandName) return { body: commandName[0], next: i + commandName[0].length };
  return { body: latex.slice(i, i + 1), next: Math.min(latex.length, i + 1) };
}
