// The converter's own small expression tree, printed as a readable, fully
// parenthesised mathjs string (`50 / (50 + 7 + 4)`). Our own printer rather than
// mathjs's toString: the converter then never loads mathjs, and the parentheses are
// exactly the ones precedence needs.
import { LIMITS } from './limits.js';
import { refuseAt } from './refusal.js';

export type Expr =
  | { k: 'num'; text: string }
  | { k: 'sym'; name: string }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '.*' | '^'; a: Expr; b: Expr }
  | { k: 'neg'; a: Expr }
  | { k: 'call'; fn: string; args: Expr[] }
  | { k: 'transpose'; a: Expr }
  | { k: 'factorial'; a: Expr }
  | { k: 'percent'; a: Expr }
  | { k: 'array'; items: Expr[] };

/** Counts nodes as they are built, so that no input can make an unbounded tree. */
export class NodeBudget {
  private used = 0;
  take(): void {
    this.used += 1;
    if (this.used > LIMITS.nodes) refuseAt('nodes', `more than ${LIMITS.nodes} expression nodes`);
  }
}

const PRECEDENCE = { add: 1, mul: 2, neg: 3, pow: 4, postfix: 5, atom: 6 } as const;

function precedenceOf(e: Expr): number {
  switch (e.k) {
    case 'bin':
      if (e.op === '+' || e.op === '-') return PRECEDENCE.add;
      if (e.op === '^') return PRECEDENCE.pow;
      return PRECEDENCE.mul;
    case 'percent':
      return e.a.k === 'num' ? PRECEDENCE.atom : PRECEDENCE.mul;
    case 'neg':
      return PRECEDENCE.neg;
    case 'factorial':
      return PRECEDENCE.postfix;
    case 'num':
      return PRECEDENCE.atom;
    default:
      return PRECEDENCE.atom;
  }
}

function wrap(e: Expr, needed: number): string {
  const text = print(e);
  return precedenceOf(e) < needed ? `(${text})` : text;
}

/** The expression as a mathjs string, e.g. `50 / (50 + 7 + 4)`. */
export function print(e: Expr): string {
  switch (e.k) {
    case 'num':
      return e.text;
    case 'sym':
      return e.name;
    case 'neg':
      // `-(x^2)` reads better than mathjs's equally valid `-x ^ 2`.
      return `-${wrap(e.a, PRECEDENCE.postfix)}`;
    case 'percent':
      // `82.2 %` is the literal 0.822: 82.2 / 100 would be 0.8220000000000001.
      return e.a.k === 'num' ? percentLiteral(e.a.text) : `${wrap(e.a, PRECEDENCE.mul)} / 100`;
    case 'factorial':
      return `${wrap(e.a, PRECEDENCE.atom)}!`;
    case 'transpose':
      return `transpose(${print(e.a)})`;
    case 'call':
      return `${e.fn}(${e.args.map(print).join(', ')})`;
    case 'array':
      return `[${e.items.map(print).join(', ')}]`;
    case 'bin':
      return printBinary(e);
  }
}

/**
 * A number written as a percentage, as the decimal it stands for, shifted in its digits
 * rather than divided in floating point.
 * Example: `percentLiteral("82.2")` -> `"0.822"`; `percentLiteral("1.5e-3")` -> `"1.5e-5"`.
 */
function percentLiteral(text: string): string {
  const scientific = /^(\d*\.?\d*)e(-?\d+)$/.exec(text);
  if (scientific) return `${scientific[1]}e${Number(scientific[2]) - 2}`;
  const [whole, fraction = ''] = text.split('.');
  const digits = whole.padStart(3, '0') + fraction;
  const point = digits.length - fraction.length - 2;
  const shifted = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, '').replace(/\.?0+$/, '');
  return shifted === '' ? '0' : shifted;
}

function printBinary(e: Extract<Expr, { k: 'bin' }>): string {
  if (e.op === '^') {
    // Base and exponent get parentheses unless atomic: `(a + b)^2`, `2^(-1)`, `e^(-z)`.
    return `${wrap(e.a, PRECEDENCE.atom)}^${wrap(e.b, PRECEDENCE.atom)}`;
  }
  const own = e.op === '+' || e.op === '-' ? PRECEDENCE.add : PRECEDENCE.mul;
  // A right operand at the same level needs parentheses for `-` and `/`
  // (`a - (b + c)`, `a / (b * c)`); a negation always gets them (`2 * (-3)`).
  const rightNeeds = e.op === '-' || e.op === '/' ? own + 1 : own;
  // mathjs binds a leading unary minus tighter than * and /, as we do: `-(1 / 3) * x`.
  const left = e.a.k === 'neg' ? print(e.a) : wrap(e.a, own);
  // A fraction after `*` gets parentheses too, for the reader: `2 * (1 / 2) * x`.
  const fractionAfterProduct = e.op === '*' && e.b.k === 'bin' && e.b.op === '/';
  const right = e.b.k === 'neg' || fractionAfterProduct ? `(${print(e.b)})` : wrap(e.b, rightNeeds);
  return `${left} ${e.op} ${right}`;
}

/** Free variables of the expression, sorted, constants (`e`, `pi`) left out. */
export function freeSymbols(e: Expr, constants: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const visit = (node: Expr): void => {
    switch (node.k) {
      case 'sym':
        if (!constants.has(node.name)) found.add(node.name);
        return;
      case 'num':
        return;
      case 'bin':
        visit(node.a);
        visit(node.b);
        return;
      case 'call':
        node.args.forEach(visit);
        return;
      case 'array':
        node.items.forEach(visit);
        return;
      default:
        visit(node.a);
    }
  };
  visit(e);
  return [...found].sort();
}
