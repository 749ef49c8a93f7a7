// Every deterministic bound markgrade puts on untrusted input, in one table (SPEC §8).
// Each is counted in bytes, characters, nodes or cells, never in time, so the same
// input always stops at the same place and reports stay byte-identical. Each has a
// stable `code`: a report that hits one names it (`errorCode` of a submission that could
// not be read, `limit` of an answer whose claim was refused), never a silent truncation.
// A wall-clock budget per submission (`--timeout`) exists only as the last resort.

export interface Limit {
  /** The bound itself: the largest count allowed. */
  value: number;
  /** Stable kebab-case id reports and tests use. */
  code: string;
  /** What is counted, and what hitting the bound does. */
  what: string;
}

export const LIMIT_TABLE = {
  // ---- a submission file, checked before remark sees it (markdown/input.ts): over one, the submission gets an error
  fileBytes: { value: 2 * 1024 * 1024, code: 'file-bytes', what: 'bytes of one submission file (checked from its size before it is read)' },
  lines: { value: 100_000, code: 'lines', what: 'lines in one file' },
  linesWithoutBreak: { value: 5_000, code: 'paragraph-lines', what: 'lines without a blank line between them (remark is quadratic in them)' },
  containerDepth: { value: 100, code: 'container-depth', what: 'list, quote and indentation levels on one line' },
  bracketDepth: { value: 100, code: 'bracket-depth', what: 'open brackets not yet closed within one paragraph' },
  emphasisMarks: { value: 4_000, code: 'emphasis-marks', what: '`*` and `_` in one paragraph' },
  linkBrackets: { value: 2_000, code: 'link-brackets', what: '`[` in one paragraph' },
  inlineMarks: { value: 20_000, code: 'inline-marks', what: 'inline marks in one file: math, emphasis, code (backtick runs), links, table pipes, escapes, web addresses' },
  blockStartLines: { value: 4_000_000, code: 'block-starts', what: 'sum of the line numbers where lists, quotes and underlined headings start' },
  headings: { value: 5_000, code: 'headings', what: 'Markdown headings in one file, and headings plus topic lines found in it' },
  tableCells: { value: 10_000, code: 'table-cells', what: 'cells of tab-separated and Markdown tables in one file' },
  relations: { value: 50_000, code: 'relations', what: 'relation signs `=` `≈` `≤` `≥` in one file, math included (each may start a step; remark and the reader spend 50-100 µs on each)' },
  claims: { value: 50_000, code: 'claims', what: 'labelled chains (claims) read from one file, table cells included' },
  // ---- one claim or step: over one, the claim's final step is refused, and an answer it is for is `unreadable`
  chainSteps: { value: 200, code: 'chain-steps', what: 'steps in one chain `a = b = c …`' },
  steps: { value: 20_000, code: 'steps', what: 'different steps converted in one file (steps written alike are converted once)' },
  mathChars: { value: 10_000, code: 'math-chars', what: 'characters of math in one step' },
  // ---- one piece of student math (latex/): over one, the step is refused with `limit`
  latexLength: { value: 5_000, code: 'latex-length', what: 'characters of LaTeX in one piece' },
  latexExpansions: { value: 100, code: 'latex-expansion', what: 'macro expansions (`\\def`, `\\newcommand`, built-in macros) KaTeX does for one piece of LaTeX' },
  nestingDepth: { value: 64, code: 'latex-nesting', what: 'nesting of braces, brackets and parentheses in LaTeX' },
  recursion: { value: 200, code: 'recursion', what: 'recursion of the LaTeX converter' },
  nodes: { value: 2_000, code: 'expression-nodes', what: 'nodes of a converted or evaluated expression' },
  matrixCells: { value: 10_000, code: 'matrix-cells', what: 'cells of one matrix a student wrote or computed' },
  exprLength: { value: 20_000, code: 'expression-length', what: 'characters of a mathjs expression evaluated for a student' },
  magnitude: { value: 1e300, code: 'magnitude', what: 'largest magnitude of a number, written or computed' },
  factorial: { value: 170, code: 'factorial', what: 'largest n for which n! is computed' },
  matrixPower: { value: 64, code: 'matrix-power', what: 'largest integer power of a matrix' },
  // ---- the reference engine (rubric `expected:` and `markgrade eval`): over it, an error instead of running out of memory
  engineCells: { value: 1_000_000, code: 'engine-cells', what: 'cells of a matrix or array that zeros, ones, range, resize, identity, matrix … may create' },
  // ---- math rendered in the HTML report (reporters/html-math.ts): over one, the formula is shown as its source with the code
  renderTokens: { value: 50_000, code: 'math-expansion', what: "tokens KaTeX's expander looks at for one formula (`maxExpand` counts expansions, not what they produce)" },
  pageRenderTokens: { value: 1_000_000, code: 'math-page-expansion', what: 'tokens KaTeX looks at for all formulas of one report page' },
  renderOutput: { value: 100_000, code: 'math-output', what: 'characters of MathML one formula may render to' },
  renderedFormulas: { value: 2_000, code: 'math-pieces', what: 'formulas rendered per report page' },
  // ---- reports: a cap, stated in the report ("and N more")
  slips: { value: 100, code: 'slips', what: 'arithmetic slips listed per submission; the rest are counted in `slipsOmitted`' },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMIT_TABLE;
export type LimitCode = (typeof LIMIT_TABLE)[LimitName]['code'];

/**
 * The value of one limit.
 * @example limit('chainSteps') // 200
 */
export function limit(name: LimitName): number {
  return LIMIT_TABLE[name].value;
}

/** The values of several limits by name, for modules that keep a short local table. */
export function limitValues<const N extends LimitName>(names: readonly N[]): { readonly [K in N]: number } {
  return Object.fromEntries(names.map((name) => [name, LIMIT_TABLE[name].value])) as { [K in N]: number };
}
