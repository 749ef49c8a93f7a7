// evaluateStudent: the value of a converted student expression. Only whitelisted node
// types and functions are evaluated, by our own walk over mathjs's parse tree (never
// mathjs's compile/evaluate, which would resolve `i` as √−1 and reach any function),
// with size and magnitude checks before each step that could blow up.
import type { MathNode } from 'mathjs';
import { parse, sharedEngine } from '../engine/index.js';
import type { NumericValue, Refusal } from '../types.js';
import { LIMITS } from './limits.js';
import { RefusalError, refuse, refuseAt } from './refusal.js';
import { shapeProblem } from './shapes.js';

export type Evaluation = { ok: true; value: NumericValue } | { ok: false; refusal: Refusal };

/** Functions a student expression may call (names from the converter's policy table). */
const ALLOWED_FUNCTIONS = new Set([
  'sqrt', 'nthRoot', 'log', 'log10', 'log2', 'exp', 'abs', 'norm', 'det', 'transpose', 'inv',
  'sigmoid', 'logistic', 'softmax', 'relu', 'softplus', 'tanh', 'sin', 'cos', 'tan', 'sinh',
  'cosh', 'atan', 'max', 'min', 'dot', 'diag',
]);

/** OperatorNode functions we evaluate. */
const ALLOWED_OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', 'factorial',
  'transpose', 'ctranspose', 'dotMultiply', 'dotDivide', 'dotPow',
]);

/**
 * Functions of a whole vector that the engine applies row by row to a matrix: a student's
 * column vector (n×1) is one vector, not n rows of one element.
 */
const COLUMN_WISE = new Set(['softmax', 'log_softmax']);

function isColumn(value: Value): boolean {
  return Array.isArray(value) && value.length > 1 && value.every((row) => Array.isArray(row) && row.length === 1);
}

const CONSTANT_VALUES: Record<string, number> = { e: Math.E, pi: Math.PI };

/** Values while evaluating: numbers and (nested) arrays of numbers. */
type Value = number | Value[];

/**
 * Evaluates a mathjs expression written by the converter, with `scope` for its variables.
 * Example: `evaluateStudent("50 / (50 + 7 + 4)")` -> `{ ok: true, value: 0.819672… }`;
 * `evaluateStudent("x + 1")` -> `{ ok: false, refusal: { kind: "unreadable", reason: "free variable x" } }`.
 */
export function evaluateStudent(expr: string, scope: Record<string, NumericValue> = {}): Evaluation {
  try {
    const root = parseBounded(expr);
    return { ok: true, value: toNumericValue(new Evaluator(scope).value(root)) };
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

function parseBounded(expr: string): MathNode {
  if (expr.length > LIMITS.exprLength) refuseAt('exprLength', `expression longer than ${LIMITS.exprLength} characters`);
  let depth = 0;
  for (const char of expr) {
    if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    if (depth > LIMITS.nestingDepth * 2) refuseAt('nestingDepth', 'brackets nested too deeply');
  }
  const shared = sharedEngine();
  let root: MathNode;
  try {
    root = parse(shared, expr);
  } catch (error) {
    return refuse('unreadable', `not an expression: ${(error as Error).message.slice(0, 80)}`);
  }
  let count = 0;
  root.traverse(() => {
    count += 1;
  });
  if (count > LIMITS.nodes) refuseAt('nodes', `more than ${LIMITS.nodes} expression nodes`);
  return root;
}

class Evaluator {
  constructor(private readonly scope: Record<string, NumericValue>) {}

  value(node: MathNode): Value {
    switch (node.type) {
      case 'ConstantNode':
        return this.constant(node as unknown as { value: unknown });
      case 'SymbolNode':
        return this.symbol((node as unknown as { name: string }).name);
      case 'ParenthesisNode':
        return this.value((node as unknown as { content: MathNode }).content);
      case 'ArrayNode':
        return this.array((node as unknown as { items: MathNode[] }).items);
      case 'OperatorNode': {
        const op = node as unknown as { fn: string; args: MathNode[] };
        if (!ALLOWED_OPERATORS.has(op.fn)) refuse('unreadable', `the operator ${op.fn} is not allowed`);
        return this.apply(op.fn, op.args.map((arg) => this.value(arg)));
      }
      case 'FunctionNode': {
        const call = node as unknown as { fn: { name?: string }; args: MathNode[] };
        const name = call.fn.name ?? '';
        if (!ALLOWED_FUNCTIONS.has(name)) refuse('unreadable', `the function ${name || '(expression)'} is not allowed`);
        return this.apply(name, call.args.map((arg) => this.value(arg)));
      }
      default:
        return refuse('unreadable', `${node.type} is not allowed in an answer`);
    }
  }

  private constant(node: { value: unknown }): Value {
    if (typeof node.value !== 'number') refuse('unreadable', `the constant ${String(node.value)}`);
    return checked(node.value);
  }

  private symbol(name: string): Value {
    if (Object.hasOwn(this.scope, name)) return this.scope[name] as Value;
    if (CONSTANT_VALUES[name] !== undefined) return CONSTANT_VALUES[name];
    return refuse('unreadable', `free variable ${name}`, 'free-variable');
  }

  private array(items: MathNode[]): Value {
    if (items.length > LIMITS.matrixCells) refuseAt('matrixCells', `more than ${LIMITS.matrixCells} cells`);
    return items.map((item) => this.value(item));
  }

  private apply(fn: string, args: Value[]): Value {
    guardStep(fn, args);
    const misfit = shapeProblem(fn, args);
    if (misfit !== null) refuse('unreadable', `${fn}: ${misfit}`, 'shape-mismatch');
    const f = (sharedEngine().math as unknown as Record<string, unknown>)[fn];
    if (typeof f !== 'function') return refuse('unreadable', `the function ${fn} is not available`);
    const column = COLUMN_WISE.has(fn) && args.length === 1 && isColumn(args[0]);
    // ‖A‖ of a matrix (a column vector included) is the Frobenius norm, as for vectors.
    const callArgs: unknown[] = column
      ? [(args[0] as Value[][]).map((row) => row[0])]
      : fn === 'norm' && args.length === 1 && Array.isArray(args[0]) && Array.isArray(args[0][0])
        ? [args[0], 'fro']
        : args;
    let result: unknown;
    try {
      result = (f as (...a: unknown[]) => unknown)(...callArgs);
    } catch (error) {
      return refuse('unreadable', `${fn}: ${(error as Error).message.slice(0, 80)}`);
    }
    const value = checkedResult(fn, result);
    return column && Array.isArray(value) ? value.map((item) => [item]) : value;
  }
}

/** Checks made before a step that could take long or make something huge. */
function guardStep(fn: string, args: Value[]): void {
  const [a, b] = args;
  if (fn === 'factorial' && typeof a === 'number' && a > LIMITS.factorial) refuseAt('factorial', `factorial of ${a}`);
  if (fn === 'factorial' && typeof a !== 'number') refuse('unreadable', 'factorial of an array');
  if ((fn === 'pow' || fn === 'dotPow') && typeof b === 'number') {
    if (typeof a === 'number') {
      if (b * Math.log10(Math.abs(a)) > Math.log10(LIMITS.magnitude)) refuseAt('magnitude', 'a power too large');
    } else if (fn === 'pow' && (!Number.isInteger(b) || Math.abs(b) > LIMITS.matrixPower)) {
      refuseAt('matrixPower', `a matrix power of ${b}`);
    }
  }
  if (fn === 'exp' && typeof a === 'number' && a > Math.log(LIMITS.magnitude)) refuseAt('magnitude', 'exp of a number too large');
  if (fn === 'multiply' && Array.isArray(a) && Array.isArray(b) && cells(a) * cells(b) > LIMITS.matrixCells * 100) {
    refuseAt('matrixCells', 'a matrix product too large');
  }
}

function cells(value: Value): number {
  return Array.isArray(value) ? value.reduce<number>((n, item) => n + cells(item), 0) : 1;
}

function checked(n: number): number {
  if (Number.isNaN(n)) refuse('unreadable', 'not a number (NaN)');
  if (!Number.isFinite(n)) refuse('unreadable', 'not a finite number (division by zero?)');
  if (Math.abs(n) > LIMITS.magnitude) refuseAt('magnitude', 'a number too large');
  return n;
}

/** mathjs results back to plain numbers and arrays; anything else is refused. */
function checkedResult(fn: string, result: unknown): Value {
  if (typeof result === 'number') return checked(result);
  if (Array.isArray(result)) {
    if (cells(result as Value) > LIMITS.matrixCells) refuseAt('matrixCells', `more than ${LIMITS.matrixCells} cells`);
    return result.map((item) => checkedResult(fn, item));
  }
  const matrix = result as { toArray?: () => unknown } | null;
  if (matrix !== null && typeof matrix === 'object' && typeof matrix.toArray === 'function' && (result as { type?: string }).type !== 'Complex') {
    return checkedResult(fn, matrix.toArray());
  }
  return refuse('unreadable', `${fn} gave ${describe(result)}, not a real number`);
}

function describe(value: unknown): string {
  const type = (value as { type?: string } | null)?.type;
  return type === 'Complex' ? 'a complex number' : typeof value;
}

/** A plain NumericValue: a number, a vector or a matrix (deeper nesting is refused). */
function toNumericValue(value: Value): NumericValue {
  if (typeof value === 'number') return value;
  if (value.every((item) => typeof item === 'number')) return value as number[];
  if (value.every((row) => Array.isArray(row) && row.every((item) => typeof item === 'number'))) {
    const rows = value as number[][];
    if (rows.some((row) => row.length !== rows[0].length)) refuse('unreadable', 'rows of different lengths');
    return rows;
  }
  return refuse('unreadable', 'arrays nested deeper than a matrix');
}
