// Random well-formed LaTeX built from a tree whose value we know: the converter and
// the evaluator must give that value (fixed seed, so the cases are the same every run).
import { expect, test } from 'vitest';
import { evaluateStudent, latexToMathjs } from '../../src/latex/index.js';

type Level = 'atom' | 'mul' | 'add';
interface Sample {
  latex: string;
  value: number;
  level: Level;
}

function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}

const NUMBERS = ['0.5', '2', '3', '0.25', '1.5', '.75', '10', '0.1'];

function paren(s: Sample, above: Level): string {
  const order: Level[] = ['add', 'mul', 'atom'];
  return order.indexOf(s.level) < order.indexOf(above) ? `\\left(${s.latex}\\right)` : s.latex;
}

function sample(rand: (n: number) => number, depth: number): Sample {
  if (depth === 0 || rand(4) === 0) {
    const text = NUMBERS[rand(NUMBERS.length)];
    return { latex: text, value: Number(text), level: 'atom' };
  }
  const a = sample(rand, depth - 1);
  const b = sample(rand, depth - 1);
  switch (rand(11)) {
    case 0:
      return { latex: `${paren(a, 'add')} + ${paren(b, 'mul')}`, value: a.value + b.value, level: 'add' };
    case 1:
      return { latex: `${paren(a, 'add')} - ${paren(b, 'mul')}`, value: a.value - b.value, level: 'add' };
    case 2: {
      const op = ['\\cdot', '\\times', '*'][rand(3)];
      return { latex: `${paren(a, 'mul')} ${op} ${paren(b, 'atom')}`, value: a.value * b.value, level: 'mul' };
    }
    case 3:
      return { latex: `${paren(a, 'mul')}\\left(${b.latex}\\right)`, value: a.value * b.value, level: 'mul' };
    case 4:
      return b.value === 0 ? a : { latex: `\\frac{${a.latex}}{${b.latex}}`, value: a.value / b.value, level: 'atom' };
    case 5:
      return a.value < 0 ? b : { latex: `\\sqrt{${a.latex}}`, value: Math.sqrt(a.value), level: 'atom' };
    case 6:
      return { latex: `\\left(${a.latex}\\right)^{2}`, value: a.value ** 2, level: 'atom' };
    case 7:
      return Math.abs(a.value) > 20 ? b : { latex: `e^{${a.latex}}`, value: Math.exp(a.value), level: 'atom' };
    case 8:
      return a.value <= 0 ? b : { latex: `\\log\\left(${a.latex}\\right)`, value: Math.log(a.value), level: 'atom' };
    case 9:
      return { latex: `\\sigma(${a.latex})`, value: 1 / (1 + Math.exp(-a.value)), level: 'atom' };
    default:
      return { latex: `-${paren(a, 'atom')}`, value: -a.value, level: 'add' };
  }
}

const rand = generator(20240611);
const samples = Array.from({ length: 400 }, () => sample(rand, 4));

test.each(samples.map((s) => [s.latex, s.value] as const))('%s', (latex, value) => {
  const conversion = latexToMathjs(latex);
  if (!conversion.ok) throw new Error(`${latex}: ${conversion.refusal.reason}`);
  const evaluation = evaluateStudent(conversion.expr);
  if (!evaluation.ok) throw new Error(`${conversion.expr}: ${evaluation.refusal.reason}`);
  expect(Math.abs((evaluation.value as number) - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
});
