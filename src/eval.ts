// `markgrade eval`: the reference engine at the command line, with a rubric's context
// and classes, so a TA can try the expressions a rubric will use. `help(f1)` prints the
// engine's reference entry (docs/engine.md), `help()` lists the engine's functions.
import { createEngine, evaluate, toPlainJson } from './engine/index.js';
import { ENGINE_REFERENCE, type EngineDoc } from './engine/reference.js';
import type { LoadedRubric } from './rubric/load.js';
import { closestName } from './rubric/names.js';

/**
 * Evaluates an expression; with `json`, prints plain JSON and nothing else.
 * @example evaluateForCli('f1([[5,1],[2,7]], 2)', undefined, true) // "0.8235294117647058"
 */
export function evaluateForCli(expression: string, rubric: LoadedRubric | undefined, json: boolean): string {
  const help = engineHelp(expression);
  if (help !== null) return json ? JSON.stringify(help) : formatHelp(help);
  const engine = rubric?.engine ?? createEngine();
  const value = evaluate(engine, expression, { ...(rubric?.contextScope ?? {}) });
  if (json) return JSON.stringify(toPlainJson(value));
  return engine.math.format(value, { precision: 14 });
}

/** `help(name)` of an engine function, or `help()`: its entry, or all; null for anything else. */
function engineHelp(expression: string): EngineDoc | EngineDoc[] | null {
  const call = /^\s*help\(\s*(?:(["']?)([A-Za-z_]\w*)\1)?\s*\)\s*$/.exec(expression);
  if (call === null) return null;
  if (call[2] === undefined) return [...ENGINE_REFERENCE];
  const doc = ENGINE_REFERENCE.find((entry) => entry.name === call[2]);
  if (doc !== undefined) return doc;
  const closest = closestName(call[2], ENGINE_REFERENCE.map((entry) => entry.name));
  throw new Error(
    `"${call[2]}" is not an engine function${closest ? ` (did you mean "${closest}"?)` : ''}; ` +
      "help() lists them; mathjs's own are at https://mathjs.org/docs/reference/functions.html",
  );
}

function formatHelp(help: EngineDoc | EngineDoc[]): string {
  if (Array.isArray(help)) return help.map((doc) => `${doc.signature.padEnd(32)} ${doc.summary}`).join('\n');
  return [help.signature, '', help.summary, '', `Example: ${help.example}`, '', `Conventions: ${help.conventions}`].join('\n');
}
