// Which names a rubric expression may use (SPEC §4): context names, ids of answers
// above it, mathjs's and the engine's functions and constants, and class names as
// string literals. Anything else is an error when the rubric loads, not at grade time;
// a misspelt name must not silently become a mathjs unit (`m` is metres).
import { closestName } from '../closest-name.js';
import {
  isAssignmentNode,
  isBlockNode,
  isConstantNode,
  isFunctionAssignmentNode,
  isFunctionNode,
  isSymbolNode,
  type MathNode,
} from 'mathjs';

export interface KnownNames {
  /** Names defined here as values (context, earlier answers); null: every free name is a variable. */
  values: ReadonlySet<string> | null;
  /** The engine's mathjs instance: its own properties are its functions and constants. */
  math: object;
  classes: readonly string[];
  /** Names that exist but may not be used here, with why (a later answer's id). */
  unavailable: ReadonlyMap<string, string>;
  /** Functions that exist but may not be called (mathjs's security list). */
  disabled: ReadonlySet<string>;
}

export interface NameProblem {
  message: string;
  /** The text to point at in the expression (a name, or a quoted class name); absent: its start. */
  needle?: string;
}

/** Engine functions whose second argument is a class (SPEC §6): a name there must be in `classes`. */
const CLASS_ARGUMENT_FUNCTIONS = new Set(['precision', 'recall', 'f1', 'fbeta', 'support', 'specificity']);

/**
 * Problems with the names in a parsed expression, and the free names it uses as values.
 * @example checkNames(math.parse('precison(cm, "A")'), known).problems[0].message
 * // 'unknown function "precison" (did you mean "precision"?)'
 */
export function checkNames(node: MathNode, known: KnownNames): { problems: NameProblem[]; used: Set<string> } {
  const problems: NameProblem[] = [];
  const used = new Set<string>();
  const visit = (current: MathNode, bound: ReadonlySet<string>): void => {
    if (isAssignmentNode(current) || isBlockNode(current)) {
      problems.push({ message: 'must be one expression, not an assignment or several statements' });
      return;
    }
    if (isFunctionAssignmentNode(current)) {
      visit(current.expr, new Set([...bound, ...current.params]));
      return;
    }
    if (isFunctionNode(current) && isSymbolNode(current.fn)) {
      problems.push(...checkFunction(current.fn.name, current.args, bound, known));
      current.args.forEach((arg) => visit(arg, bound));
      return;
    }
    if (isSymbolNode(current)) {
      const problem = checkValue(current.name, bound, known, used);
      if (problem) problems.push(problem);
      return;
    }
    current.forEach((child) => visit(child, bound));
  };
  visit(node, new Set());
  return { problems, used };
}

function checkValue(name: string, bound: ReadonlySet<string>, known: KnownNames, used: Set<string>): NameProblem | null {
  if (bound.has(name)) return null;
  if (known.values === null || known.values.has(name)) {
    used.add(name);
    return null;
  }
  const why = known.unavailable.get(name);
  if (why !== undefined) return { message: why, needle: name };
  if (Object.hasOwn(known.math, name)) return null;
  const candidates = [...known.values, ...Object.keys(known.math)];
  return { message: `undefined name "${name}"${suggestion(name, candidates)}`, needle: name };
}

function checkFunction(name: string, args: MathNode[], bound: ReadonlySet<string>, known: KnownNames): NameProblem[] {
  const problems: NameProblem[] = [];
  const math = known.math as Record<string, unknown>;
  if (known.disabled.has(name)) {
    problems.push({ message: `function "${name}" is disabled in markgrade expressions`, needle: name });
  } else if (!(bound.has(name) || known.values?.has(name) || (Object.hasOwn(math, name) && typeof math[name] === 'function'))) {
    const functions = Object.keys(math).filter((key) => typeof math[key] === 'function');
    const why = known.unavailable.get(name) ?? `unknown function "${name}"${suggestion(name, functions)}`;
    problems.push({ message: why, needle: name });
  }
  const classArgument = CLASS_ARGUMENT_FUNCTIONS.has(name) ? args[1] : undefined;
  if (isConstantNode(classArgument) && typeof classArgument.value === 'string' && !known.classes.includes(classArgument.value)) {
    const listed = known.classes.length === 0 ? 'the rubric has no classes' : `classes: ${known.classes.join(', ')}`;
    problems.push({ message: `unknown class "${classArgument.value}" (${listed})`, needle: `"${classArgument.value}"` });
  }
  return problems;
}

/** ` (did you mean "x"?)` for the closest candidate, else "". */
export function suggestion(name: string, candidates: string[]): string {
  const closest = closestName(name, candidates);
  return closest === null ? '' : ` (did you mean "${closest}"?)`;
}

export { closestName };
