// Whether the operands of a step fit each other's shapes, decided from the shapes
// themselves before mathjs is called: a product of two column vectors is a wrong answer
// (`shape-mismatch`), not text we could not read, and mathjs's error wording, which
// differs from function to function, never decides it.

/** Values while evaluating: numbers and (nested) arrays of numbers. */
type Value = number | Value[];

/** Element-wise operations; mathjs broadcasts them like NumPy. */
const ELEMENT_WISE = new Set(['add', 'subtract', 'dotMultiply', 'dotDivide', 'dotPow']);
/** Functions of a square matrix. */
const SQUARE_ONLY = new Set(['inv', 'det']);

/**
 * Why the operands' shapes do not fit `fn`, or null when they do (or when it is not a
 * question of shapes: mathjs decides the rest).
 * @example shapeProblem('multiply', [[[1], [2]], [[1], [2]]]) // "a 2×1 matrix times a 2×1 matrix"
 */
export function shapeProblem(fn: string, args: readonly Value[]): string | null {
  const sizes = args.map(sizeOf);
  const [a, b] = sizes;
  if (ELEMENT_WISE.has(fn) && args.length === 2 && a.length > 0 && b.length > 0) {
    return broadcasts(a, b) ? null : `${describe(a)} and ${describe(b)} do not broadcast`;
  }
  if (fn === 'multiply' && args.length === 2 && a.length > 0 && b.length > 0) {
    return innerFits(a, b) ? null : `${describe(a)} times ${describe(b)}`;
  }
  if (SQUARE_ONLY.has(fn) && args.length === 1 && a.length > 0 && !isSquare(a)) return `${fn} of ${describe(a)}, not a square matrix`;
  if (fn === 'pow' && args.length === 2 && a.length > 0 && b.length === 0 && !isSquare(a)) return `a power of ${describe(a)}, not a square matrix`;
  if (fn === 'dot' && args.length === 2 && a.length > 0 && b.length > 0 && product(a) !== product(b)) {
    return `a dot product of ${describe(a)} and ${describe(b)}`;
  }
  return null;
}

/** [] for a number, [n] for a vector, [rows, columns] for a matrix (from the first elements). */
function sizeOf(value: Value): number[] {
  const size: number[] = [];
  let inner: Value = value;
  while (Array.isArray(inner)) {
    size.push(inner.length);
    inner = inner[0] ?? 0;
  }
  return size;
}

/** NumPy's rule: aligned from the last dimension, each pair equal or one of them 1. */
function broadcasts(a: number[], b: number[]): boolean {
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const x = a[a.length - i];
    const y = b[b.length - i];
    if (x !== y && x !== 1 && y !== 1) return false;
  }
  return true;
}

/** Matrix product: columns of the left meet rows of the right; two vectors are a dot product. */
function innerFits(a: number[], b: number[]): boolean {
  return a[a.length - 1] === b[0];
}

function isSquare(size: number[]): boolean {
  return size.length === 2 && size[0] === size[1];
}

function product(size: number[]): number {
  return size.reduce((n, d) => n * d, 1);
}

function describe(size: number[]): string {
  return size.length === 1 ? `a ${size[0]}-vector` : `a ${size.join('×')} matrix`;
}
