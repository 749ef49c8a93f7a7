// Allocation guards for the reference engine (SPEC §8): rubric `expected:` expressions
// and `markgrade eval` may call mathjs's array builders, and `zeros(1e5, 1e5)` would die
// of out-of-memory rather than fail. Each function that can make an array larger than
// its arguments is wrapped, in the namespace expressions resolve names in, by a check of
// the result's cell count computed from the arguments BEFORE the call; over the
// `engine-cells` limit (src/limits.ts) it throws an error naming the limit.
import type { MathJsInstance } from 'mathjs';
import { LIMIT_TABLE } from '../limits.js';

const MAX_CELLS = LIMIT_TABLE.engineCells.value;

/** A function's result size (cells) from its arguments, or null when it cannot grow. */
type CellCount = (args: unknown[]) => number | null;

/** Functions that allocate by their arguments, and how many cells they would make. */
const GROWERS: Record<string, CellCount> = {
  zeros: (args) => cellsOfSizeArgs(args),
  ones: (args) => cellsOfSizeArgs(args),
  identity: (args) => {
    const sizes = args.filter((a) => typeof a !== 'string');
    return sizes.length === 1 && !isSized(sizes[0]) ? cellsOfSizeArgs([sizes[0], sizes[0]]) : cellsOfSizeArgs(args);
  },
  random: (args) => (isSized(args[0]) ? cellsOfSizeArgs([args[0]]) : null),
  randomInt: (args) => (isSized(args[0]) ? cellsOfSizeArgs([args[0]]) : null),
  resize: (args) => cellsOfSizeArgs([args[1]]),
  range: (args) => rangeCount(args),
  diag: (args) => {
    const dims = sizeOf(args[0]);
    if (dims.length !== 1) return null;
    const n = dims[0] + Math.abs(toNumber(args[1]) ?? 0);
    return n * n;
  },
  kron: (args) => args.reduce<number>((product, arg) => product * Math.max(1, cellsOf(arg)), 1),
  multiply: (args) => productCells(args),
  subset: (args) => (args.length >= 3 ? subsetCells(args[0], args[1]) : null),
  // `A[i, j] = v` grows A to hold the largest index (mathjs's assignment calls its own
  // subset, so the index is what can be checked): no array may hold more cells than the
  // limit, so an index past it can only allocate.
  index: (args) => (args.some((a) => typeof a === 'string') ? null : args.reduce<number>((product, a) => product * Math.max(1, largestIndex(a)), 1)),
  // Element-wise operations broadcast: a column times a row is a matrix.
  add: (args) => broadcastCells(args),
  subtract: (args) => broadcastCells(args),
  dotMultiply: (args) => broadcastCells(args),
  dotDivide: (args) => broadcastCells(args),
  dotPow: (args) => broadcastCells(args),
};

/**
 * Wraps every function of GROWERS in the expression namespace of `math` (compiled
 * expressions, `:` ranges and `A[i, j] = v` assignments included) so it refuses a result
 * over the `engine-cells` limit. The instance's own functions, which mathjs's internals
 * call, are left as they are.
 * @example guardAllocations(math); evaluate('zeros(1e5, 1e5)') // throws "… [limit engine-cells]"
 */
export function guardAllocations(namespace: Record<string, unknown>): void {
  for (const [name, count] of Object.entries(GROWERS)) {
    const built = Object.getOwnPropertyDescriptor(namespace, name)?.get;
    if (built === undefined) {
      const original = namespace[name];
      if (typeof original === 'function') namespace[name] = guarded(name, count, original as (...args: unknown[]) => unknown);
      continue;
    }
    // mathjs builds a function when an expression first names it; the guard waits as well,
    // so an engine does not build the growers no expression calls (most of lockDown's
    // time in a cold `check`). Whatever reads the name gets the guarded function.
    const settle = (value: unknown): unknown => {
      Object.defineProperty(namespace, name, { value, writable: true, enumerable: true, configurable: true });
      return value;
    };
    Object.defineProperty(namespace, name, {
      get() {
        const original: unknown = built.call(namespace);
        return settle(typeof original === 'function' ? guarded(name, count, original as (...args: unknown[]) => unknown) : original);
      },
      set: settle,
      enumerable: true,
      configurable: true,
    });
  }
}

/** `original`, refusing a call whose result would be over the `engine-cells` limit. */
function guarded(name: string, count: CellCount, original: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  const guard = function (this: unknown, ...args: unknown[]): unknown {
    const cells = count(args);
    if (cells !== null && !(cells <= MAX_CELLS)) {
      throw new Error(`${name}(…) would make ${Number.isFinite(cells) ? cells : 'too many'} cells; the limit is ${MAX_CELLS} [limit ${LIMIT_TABLE.engineCells.code}]`);
    }
    return original.apply(this, args);
  };
  // Keep what mathjs reads off a function (transforms, typed signatures) for the parser.
  Object.assign(guard, original);
  return guard;
}

/** The names expressions see (`math.expression.mathWithTransform`, untyped in mathjs). */
export function expressionNamespace(math: MathJsInstance): Record<string, unknown> {
  return (math as unknown as { expression: { mathWithTransform: Record<string, unknown> } }).expression.mathWithTransform;
}

function isSized(value: unknown): boolean {
  return Array.isArray(value) || isMatrix(value);
}

function isMatrix(value: unknown): value is { size(): number[] } {
  return typeof value === 'object' && value !== null && typeof (value as { size?: unknown }).size === 'function' && typeof (value as { valueOf?: unknown }).valueOf === 'function' && 'storage' in value;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && value !== null && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    return (value as { toNumber(): number }).toNumber();
  }
  return null;
}

/** `zeros(m, n)`, `zeros([m, n])`, `zeros(matrix)`; a trailing format string is ignored. */
function cellsOfSizeArgs(args: unknown[]): number {
  const sizes = args.length === 1 && isSized(args[0]) ? flat(args[0]) : args.filter((a) => typeof a !== 'string');
  return sizes.reduce<number>((product, size) => {
    const n = toNumber(size);
    return n === null ? product : product * Math.max(0, Math.floor(n));
  }, 1);
}

function flat(value: unknown): unknown[] {
  const plain = isMatrix(value) ? (value as unknown as { valueOf(): unknown }).valueOf() : value;
  return Array.isArray(plain) ? plain.flat(Infinity) : [plain];
}

/** `range(start, end, step?)` or `range("a:b:c")`: the number of elements. */
function rangeCount(args: unknown[]): number | null {
  let [start, end, step] = args.map(toNumber);
  if (typeof args[0] === 'string') [start, step, end] = parseRange(args[0]);
  if (start === null || end === null || start === undefined || end === undefined) return null;
  const by = step === null || step === undefined || typeof args[2] === 'boolean' ? 1 : step;
  if (by === 0) return null; // mathjs refuses a zero step itself
  return Math.max(0, Math.floor((end - start) / by) + 1);
}

function parseRange(text: string): [number | null, number | null, number | null] {
  const parts = text.split(':').map((p) => Number(p.trim()));
  if (parts.length === 2) return [parts[0], 1, parts[1]];
  if (parts.length === 3) return [parts[0], parts[1], parts[2]];
  return [null, null, null];
}

/** Dimensions of an array or matrix (a plain array's first elements give them); [] for a scalar. */
function sizeOf(value: unknown): number[] {
  if (isMatrix(value)) return value.size();
  const dims: number[] = [];
  let at: unknown = value;
  while (Array.isArray(at)) {
    dims.push(at.length);
    at = at[0];
  }
  return dims;
}

function cellsOf(value: unknown): number {
  return sizeOf(value).reduce((product, n) => product * n, 1);
}

/** A chain of matrix products: rows of the first 2-D factor times columns of the last. */
function productCells(args: unknown[]): number | null {
  const matrices = args.map(sizeOf).filter((dims) => dims.length > 0);
  if (matrices.length < 2) return null;
  const first = matrices[0];
  const last = matrices[matrices.length - 1];
  const rows = first.length === 2 ? first[0] : 1;
  const columns = last.length === 2 ? last[1] : 1;
  return rows * columns;
}

/** Element-wise result size under broadcasting: the largest extent in each dimension. */
function broadcastCells(args: unknown[]): number | null {
  const sizes = args.map(sizeOf).filter((dims) => dims.length > 0);
  if (sizes.length < 2) return null;
  const rank = Math.max(...sizes.map((dims) => dims.length));
  let cells = 1;
  for (let d = 0; d < rank; d++) cells *= Math.max(...sizes.map((dims) => dims[dims.length - rank + d] ?? 1));
  return cells;
}

/** The largest position an index argument names: a number, a range, or a list of them. */
function largestIndex(value: unknown): number {
  const range = value as { max?: () => unknown; start?: unknown } | null;
  if (typeof range === 'object' && range !== null && 'start' in range && typeof range.max === 'function') return (toNumber(range.max()) ?? 0) + 1;
  const values = isSized(value) ? flat(value) : [value];
  if (values.some((v) => typeof v === 'boolean')) return values.length;
  return Math.max(0, ...values.map((v) => toNumber(v) ?? 0));
}

/** `subset(A, index, v)` grows A to hold the largest index. */
function subsetCells(value: unknown, index: unknown): number | null {
  const max = (index as { max?: () => unknown } | null)?.max?.();
  if (!Array.isArray(max)) return null;
  const dims = sizeOf(value);
  return max.reduce<number>((product, m, d) => product * Math.max(dims[d] ?? 0, (toNumber(m) ?? 0) + 1), 1);
}
