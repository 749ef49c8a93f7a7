// Notation that has no number — calculus and ellipses — found anywhere in KaTeX's tree
// before anything else is read, so that the refusal names the real reason:
// `(F \circ G)'(x)` is a derivative, whatever else in it we could not read.
import { CALCULUS_OPERATORS, CALCULUS_SYMBOLS, ELLIPSIS_SYMBOLS } from './policy.js';
import { refuse } from './refusal.js';
import { atomsIn, type KNode } from './katex.js';

/** Refuses (kind `calculus` or `ellipsis`) at the first such notation in document order. */
export function refuseNotationWithoutValue(atoms: KNode[]): void {
  const pending: unknown[] = [...atoms].reverse();
  while (pending.length > 0) {
    const item = pending.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i -= 1) pending.push(item[i]);
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    const node = item as KNode;
    checkNode(node);
    for (const key of ['base', 'sup', 'sub', 'numer', 'denom', 'index', 'body'].reverse()) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (child !== undefined && child !== null) pending.push(child);
    }
  }
}

function checkNode(node: KNode): void {
  const text = node.text ?? '';
  if (CALCULUS_SYMBOLS.has(text)) refuse('calculus', text === '\\prime' ? 'a prime (derivative)' : `calculus notation "${text}"`);
  if (ELLIPSIS_SYMBOLS.has(text)) refuse('ellipsis', `ellipsis "${text === '\\@cdots' ? '\\cdots' : text}"`);
  if (node.type === 'op' && CALCULUS_OPERATORS.has(node.name ?? '')) {
    const sum = node.name === '\\sum' || node.name === '\\prod';
    refuse('calculus', sum ? `a symbolic sum "${node.name}"` : `calculus "${node.name}"`);
  }
  if (node.type === 'genfrac' && isLeibniz(node)) refuse('calculus', 'a derivative d/d…');
}

function isLetter(node: KNode | undefined, letter: string): boolean {
  if (node === undefined) return false;
  if (node.type === 'font' || node.type === 'ordgroup') {
    const inner = atomsIn(node.type === 'font' ? (node.body as KNode) : node);
    return inner.length === 1 && isLetter(inner[0], letter);
  }
  if (node.type === 'supsub') return !node.sub && isLetter(node.base ?? undefined, letter);
  return (node.type === 'mathord' || node.type === 'textord') && node.text === letter;
}

/**
 * `\frac{d}{dx}`, `\frac{dL}{dw}`, `\frac{d^2y}{dx^2}`, and the Jacobian form `\frac{DF}{DG}`:
 * Leibniz notation, never a number.
 */
function isLeibniz(fraction: KNode): boolean {
  const numer = atomsIn(fraction.numer as KNode);
  const denom = atomsIn(fraction.denom as KNode);
  if (isLetter(numer[0], 'd') && isLetter(denom[0], 'd') && denom.length >= 2) return true;
  return isLetter(numer[0], 'D') && isLetter(denom[0], 'D') && numer.length >= 2 && denom.length >= 2;
}
