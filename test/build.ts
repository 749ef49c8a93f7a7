// Builders for the plain data that stages pass on: steps and claims made from LaTeX
// with the real converter, so tests of later stages need no Markdown.
import { evaluateStudent, latexToMathjs } from '../src/latex/index.js';
import type { Claim, Step } from '../src/types.js';

export function step(source: string, line = 1, column = 1): Step {
  const converted = latexToMathjs(source);
  if (!converted.ok) {
    return { source, line, column, expr: null, symbols: [], value: null, percent: false, decimals: null, refusal: converted.refusal };
  }
  const evaluated = converted.symbols.length === 0 ? evaluateStudent(converted.expr) : null;
  const plain = /^\s*-?(\d*\.(\d+)|\d+)\s*(%|\\%)?\s*$/.exec(source);
  return {
    source,
    line,
    column,
    expr: converted.expr,
    symbols: converted.symbols,
    value: evaluated?.ok ? evaluated.value : null,
    percent: converted.percent,
    decimals: plain ? (plain[2] ?? '').length : (converted.arrayDecimals ?? null),
    refusal: evaluated && !evaluated.ok ? evaluated.refusal : null,
    ...(converted.logReadings ? { logReadings: converted.logReadings } : {}),
  };
}

/** A claim `label = steps…` on one line; each step's column follows the previous one. */
export function claim(label: string, sources: string[], options: Partial<Pick<Claim, 'section' | 'topic' | 'origin'>> & { line?: number } = {}): Claim {
  const line = options.line ?? 1;
  let column = label.length + 4;
  const steps = sources.map((source) => {
    const built = step(source, line, column);
    column += source.length + 3;
    return built;
  });
  const final = steps[steps.length - 1];
  return {
    label,
    labelText: label,
    section: options.section ?? '1',
    topic: options.topic ?? null,
    steps,
    line: final?.line ?? line,
    column: final?.column ?? 1,
    origin: options.origin ?? 'text',
  };
}
