// `markgrade eval`: the reference engine at the command line, with a rubric's context
// and classes, so a TA can try the expressions a rubric will use.
import { createEngine, evaluate, toPlainJson } from './engine/index.js';
import type { LoadedRubric } from './rubric/load.js';

/**
 * Evaluates an expression; with `json`, prints plain JSON and nothing else.
 * @example evaluateForCli('f1([[5,1],[2,7]], 2)', undefined, true) // "0.8235294117647058"
 */
export function evaluateForCli(expression: string, rubric: LoadedRubric | undefined, json: boolean): string {
  const engine = rubric?.engine ?? createEngine();
  const value = evaluate(engine, expression, { ...(rubric?.contextScope ?? {}) });
  if (json) return JSON.stringify(toPlainJson(value));
  return engine.math.format(value, { precision: 14 });
}
