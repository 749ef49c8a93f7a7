// Precedence parser over the tokens of one piece (KaTeX does not give precedence).
//   sum     := term (('+' | '-') term)*
//   term    := unary (('*' | '/' | implicit) unary)*
//   unary   := ('-' | '+') unary | postfix
//   postfix := primary ('^' x | transpose | '!' | '%')*
//   primary := number | variable | structure | call | brackets | |x| | ‖x‖
// Implicit multiplication: a known function before `(` is a call, anything else before
// `(` multiplies (`x_i(\sigma(z) - y)`); two numbers side by side with only space
// between them are refused, never multiplied.
import { LIMITS } from './limits.js';
import type { Bracket } from './policy.js';
import { refuse, refuseAt } from './refusal.js';
import type { Callable, Context, Postfix, Token } from './tokens.js';
import type { Expr } from './tree.js';

/** Parses a whole token list into one expression, or refuses. */
export function parseTokens(tokens: Token[], ctx: Context): Expr {
  if (tokens.length === 0) refuse('unreadable', 'nothing to read');
  const parser = new Parser(tokens, ctx);
  const expr = parser.sum();
  parser.expectEnd();
  return expr;
}

const CLOSE_NAMES: Record<Bracket, string> = { '(': ')', '[': ']', '{': '\\}', '<': '\\rangle', '|': '|', '‖': '\\|' };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly ctx: Context) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private next(): Token {
    const token = this.tokens[this.pos];
    if (token === undefined) refuse('unreadable', 'the expression ends too early');
    this.pos += 1;
    return token;
  }

  private node<E extends Expr>(expr: E): E {
    this.ctx.budget.take();
    return expr;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token === undefined) return;
    if (token.t === 'comma') refuse('unreadable', 'several values separated by commas', 'two-values');
    if (token.t === 'bar') refuse('unreadable', 'a "|" that is not an absolute value (conditional probability?)');
    if (token.t === 'close') refuse('unreadable', `an unmatched "${CLOSE_NAMES[token.bracket]}"`);
    refuse('unreadable', 'something left over after the expression');
  }

  sum(): Expr {
    let left = this.term();
    for (let token = this.peek(); token?.t === 'op' && (token.op === '+' || token.op === '-' || token.op === '±'); token = this.peek()) {
      this.pos += 1;
      if (token.op === '±') refuse('unreadable', 'a "±"');
      const right = this.term();
      left = this.node({ k: 'bin', op: token.op, a: left, b: right });
    }
    return left;
  }

  private term(): Expr {
    let factor = this.unary();
    let left = factor;
    for (;;) {
      const token = this.peek();
      if (token?.t === 'op' && (token.op === '*' || token.op === '/' || token.op === '.*')) {
        this.pos += 1;
        const right = this.unary();
        left = token.op === '*' ? this.product(left, right) : this.node({ k: 'bin', op: token.op, a: left, b: right });
        factor = right;
      } else if (this.startsImplicitFactor(token)) {
        this.checkSideBySide(factor, token as Token);
        this.checkUnknownFunction(factor);
        const right = this.unary();
        left = this.node({ k: 'bin', op: '*', a: left, b: right });
        factor = right;
      } else {
        return left;
      }
    }
  }

  /** `1.5 \times 10^{-3}` is written back as the number `1.5e-3`. */
  private product(left: Expr, right: Expr): Expr {
    if (left.k === 'num' && right.k === 'bin' && right.op === '^' && right.a.k === 'num' && right.a.text === '10') {
      const exponent = right.b.k === 'num' ? right.b.text : right.b.k === 'neg' && right.b.a.k === 'num' ? `-${right.b.a.text}` : null;
      if (exponent !== null && /^-?\d+$/.test(exponent)) return this.node({ k: 'num', text: `${left.text}e${exponent}` });
    }
    return this.node({ k: 'bin', op: '*', a: left, b: right });
  }

  private startsImplicitFactor(token: Token | undefined): boolean {
    if (token === undefined) return false;
    return token.t === 'num' || token.t === 'operand' || token.t === 'func' || (token.t === 'open' && token.bracket !== '{');
  }

  private checkSideBySide(factor: Expr, token: Token): void {
    const isNumber = factor.k === 'num' || (factor.k === 'neg' && factor.a.k === 'num');
    if (isNumber && token.t === 'num' && token.spaced) refuse('unreadable', 'two values side by side', 'two-values');
  }

  /** `f(x, y)`, `L_2(\hat{y}, y)`: an unknown function of several arguments. */
  private checkUnknownFunction(factor: Expr): void {
    const token = this.peek();
    if (factor.k !== 'sym' || token?.t !== 'open' || token.bracket !== '(') return;
    if (this.hasTopLevelComma()) refuse('unreadable', `unknown function "${factor.name}" of several arguments`);
  }

  private hasTopLevelComma(): boolean {
    let depth = 0;
    for (let i = this.pos; i < this.tokens.length; i += 1) {
      const token = this.tokens[i];
      if (token.t === 'open') depth += 1;
      else if (token.t === 'close') depth -= 1;
      else if (token.t === 'comma' && depth === 1) return true;
      if (depth === 0) return false;
    }
    return false;
  }

  private unary(): Expr {
    const token = this.peek();
    if (token?.t === 'op' && (token.op === '-' || token.op === '+')) {
      this.pos += 1;
      this.ctx.depth += 1;
      if (this.ctx.depth > LIMITS.recursion) refuseAt('recursion', 'too many signs in a row');
      const operand = this.unary();
      this.ctx.depth -= 1;
      return token.op === '-' ? this.node({ k: 'neg', a: operand }) : operand;
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let expr = base;
    for (let token = this.peek(); token?.t === 'post'; token = this.peek()) {
      this.pos += 1;
      expr = this.applyPostfix(expr, token.post);
    }
    return expr;
  }

  private applyPostfix(expr: Expr, post: Postfix): Expr {
    switch (post.kind) {
      case 'pow':
        checkPowerSize(expr, post.exponent);
        return this.node({ k: 'bin', op: '^', a: expr, b: post.exponent });
      case 'transpose':
        return this.node({ k: 'transpose', a: expr });
      case 'percent':
        return this.node({ k: 'percent', a: expr });
      case 'factorial': {
        const n = literalValue(expr);
        if (n !== undefined && n > LIMITS.factorial) refuseAt('factorial', `factorial of ${n}`);
        return this.node({ k: 'factorial', a: expr });
      }
    }
  }

  private primary(): Expr {
    const token = this.next();
    switch (token.t) {
      case 'num':
        return this.node({ k: 'num', text: token.text });
      case 'operand':
        return this.node(token.expr);
      case 'func':
        return this.call(token.call);
      case 'open':
        return this.brackets(token.bracket);
      case 'bar':
        return this.bars(token.bracket);
      case 'op':
        return refuse('unreadable', `"${token.op}" where a value should be`);
      case 'close':
        return refuse('unreadable', `an unmatched "${CLOSE_NAMES[token.bracket]}"`);
      case 'comma':
        return refuse('unreadable', 'a comma where a value should be');
      case 'post':
        return refuse('unreadable', 'a superscript or sign with nothing before it');
      case 'letter':
        return this.node({ k: 'sym', name: token.name });
    }
  }

  /** `f(a, b)` with parentheses, else `\log 0.1`, `\log 2x`: the run of factors after it. */
  private call(callable: Callable): Expr {
    const token = this.peek();
    let args: Expr[];
    if (token?.t === 'open' && (token.bracket === '(' || token.bracket === '{')) {
      // `\max\{a, b\}` is written with braces as often as with parentheses.
      this.pos += 1;
      args = this.list(token.bracket);
    } else {
      args = [this.factorRun(callable)];
    }
    if (args.length < callable.minArgs || args.length > callable.maxArgs) {
      refuse('unreadable', `"${callable.written}" with ${args.length} argument(s)`);
    }
    const call = this.node<Expr>({ k: 'call', fn: callable.fn, args: [...args, ...callable.extra] });
    return callable.power === undefined ? call : this.node({ k: 'bin', op: '^', a: call, b: callable.power });
  }

  /** The argument of `\log 2x`: factors up to the next operator, call or parenthesis. */
  private factorRun(callable: Callable): Expr {
    if (!this.startsImplicitFactor(this.peek())) refuse('unreadable', `"${callable.written}" without an argument`);
    let left = this.postfix(this.primary());
    while (this.continuesFactorRun(this.peek())) {
      left = this.node({ k: 'bin', op: '*', a: left, b: this.postfix(this.primary()) });
    }
    return left;
  }

  private continuesFactorRun(token: Token | undefined): boolean {
    if (!this.startsImplicitFactor(token)) return false;
    return token?.t !== 'func' && !(token?.t === 'open' && token.bracket === '(');
  }

  /** Comma-separated expressions up to the closing bracket. */
  private list(open: Bracket): Expr[] {
    const items: Expr[] = [];
    if (this.peek()?.t === 'close') refuse('unreadable', 'empty brackets');
    for (;;) {
      items.push(this.sum());
      const token = this.next();
      if (token.t === 'comma') continue;
      if (token.t === 'close' && token.bracket === open) break;
      if (token.t === 'close') refuse('unreadable', `"${open}" closed by "${CLOSE_NAMES[token.bracket]}"`);
      if (token.t === 'bar') refuse('unreadable', 'a "|" that is not an absolute value (conditional probability?)');
      refuse('unreadable', `an unclosed "${open}"`);
    }
    return items;
  }

  private brackets(open: Bracket): Expr {
    if (open === '{') refuse('unreadable', 'a set in braces');
    const row = open === '[' ? this.spacedRow() : null;
    if (row !== null) return row;
    const items = this.list(open);
    if (open === '|') return this.node({ k: 'call', fn: 'abs', args: [single(items, '|x|')] });
    if (open === '‖') return this.node({ k: 'call', fn: 'norm', args: [single(items, '‖x‖')] });
    if (open === '<' || items.length > 1) return this.node({ k: 'array', items });
    return items[0];
  }

  /** `[0.01 \quad 0.02 \quad 0.03]`: numbers separated by spaces form a row vector. */
  private spacedRow(): Expr | null {
    const items: Expr[] = [];
    let i = this.pos;
    for (;;) {
      const negative = this.tokens[i]?.t === 'op' && (this.tokens[i] as { op: string }).op === '-';
      const token = this.tokens[negative ? i + 1 : i];
      if (token?.t !== 'num' || (items.length > 0 && !this.tokens[i].spaced)) return null;
      const num = this.node<Expr>({ k: 'num', text: token.text });
      items.push(negative ? this.node({ k: 'neg', a: num }) : num);
      i += negative ? 2 : 1;
      const after = this.tokens[i];
      if (after?.t === 'close' && after.bracket === '[') break;
    }
    if (items.length < 2) return null;
    this.pos = i + 1;
    return this.node({ k: 'array', items });
  }

  /**
   * `|x|` and `\|x\|` written with plain bars: a bar where a value starts opens, and the
   * next bar where an operator could follow closes (a bar there never starts a product).
   */
  private bars(bar: '|' | '‖'): Expr {
    const inner = this.sum();
    const token = this.next();
    if (token.t !== 'bar' || token.bracket !== bar) refuse('unreadable', `an unclosed "${bar}"`);
    return this.node({ k: 'call', fn: bar === '|' ? 'abs' : 'norm', args: [inner] });
  }
}

function single(items: Expr[], what: string): Expr {
  if (items.length !== 1) refuse('unreadable', `${what} of several values`);
  return items[0];
}

/** The value of an expression made only of written numbers, if it is one. */
function literalValue(e: Expr): number | undefined {
  switch (e.k) {
    case 'num':
      return Number(e.text);
    case 'neg': {
      const a = literalValue(e.a);
      return a === undefined ? undefined : -a;
    }
    case 'bin': {
      const a = literalValue(e.a);
      const b = literalValue(e.b);
      if (a === undefined || b === undefined) return undefined;
      if (e.op === '+') return a + b;
      if (e.op === '-') return a - b;
      if (e.op === '*') return a * b;
      if (e.op === '/') return a / b;
      return a ** b;
    }
    default:
      return undefined;
  }
}

/** `10^{10^{10}}`: refused from the written numbers, without computing anything big. */
function checkPowerSize(base: Expr, exponent: Expr): void {
  const b = literalValue(base);
  const x = literalValue(exponent);
  if (b === undefined || x === undefined) {
    if (x !== undefined && Math.abs(x) > LIMITS.magnitude) refuseAt('magnitude', 'an exponent too large');
    return;
  }
  // Signed: 10^{-500} underflows to 0, harmless; 10^{500} does not fit a double.
  const magnitude = x * Math.log10(Math.abs(b));
  if (!Number.isFinite(x) || magnitude > Math.log10(LIMITS.magnitude)) refuseAt('magnitude', `a power too large (${formatLiteral(b)}^${formatLiteral(x)})`);
}

function formatLiteral(n: number): string {
  return Number.isFinite(n) ? String(n) : 'huge';
}
