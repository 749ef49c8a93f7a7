// Regressions for forms a red team found misread: each item either reads the value the
// student meant or is refused, never a different number.
import { describe, expect, test } from 'vitest';
import { latexToMathjs } from '../../src/latex/index.js';
import type { NumericValue, Refusal } from '../../src/types.js';
import { expectClose, sigmoid, valueOf } from './reading.js';

type Scope = Record<string, number>;

const values: Array<[item: number, latex: string, expected: NumericValue, scope?: Scope]> = [
  [1, '\\boldsymbol{\\sigma}(z)', sigmoid(0.3), { z: 0.3 }],
  [1, '\\mathbf{\\sigma}(z)', sigmoid(0.3), { z: 0.3 }],
  [1, '\\bm{\\sigma}(z)', sigmoid(0.3), { z: 0.3 }],
  [1, '\\boldsymbol{\\sigma}(0)', 0.5],
  [2, 'a^{[2]} + 1', 1.25, { a__2: 0.25 }],
  [2, 'W^{[2]} \\cdot 2', 3, { W__2: 1.5 }],
  [3, '1.5 * 10^(-3)', 0.0015],
  [3, '1.5*10^-3', 0.0015],
  [3, '2^(-1) * 0.003', 0.0015],
  [3, '1.5x10^-3', 0.0015],
  [3, '$1.5 \\times 10^-3$', 0.0015],
  [3, '10^(−3)', 0.001],
  [3, 'e^-0.5', Math.exp(-0.5)],
  [3, '2^(3^(2))', 512],
  [3, '(1+1)^(2)', 4],
  [3, '10^-3 \\times 2', 0.002],
  [3, '2x', 6, { x: 3 }],
  [4, '1.5·10⁻³', 0.0015],
  [4, '1.5 × 10⁻³', 0.0015],
  [4, '10⁴', 10000],
  [4, 'x²', 9, { x: 3 }],
  [4, 'e⁻ᶻ', Math.exp(-2), { z: 2 }],
  [5, '1.5\\mathrm{e}{-3}', 0.0015],
  [5, '1.5\\,\\mathrm{e}{-3}', 0.0015],
  [5, '2.5\\mathrm{e}{4}', 25000],
  [6, '71 percent', 0.71],
  [6, '71 per cent', 0.71],
  [6, '71pct', 0.71],
  [6, '71 ％', 0.71],
  [6, '71\\text{ percent}', 0.71],
  [7, '0,588', 0.588],
  [7, '0,5', 0.5],
  [7, '-0,5', -0.5],
  [7, '12.345,6', 12345.6],
  // Without a document a piece is read under both conventions; these read as one value
  // only with a decimal comma (test/latex/numbers.test.ts has the document's conventions).
  [7, '1,5', 1.5],
  [7, '0,5 + 1', 1.5],
  [7, '12\\,345.6', 12345.6],
  [7, '12{,}345.6', 12345.6],
  [7, '1{,}000{,}000', 1e6],
  [7, '\\frac{12\\,345}{5}', 2469],
  [7, '0{,}25', 0.25],
  [7, '1{.}5', 1.5],
  [7, '[100\\,200]', [100, 200]],
  [8, 'x\\;.', 2, { x: 2 }],
  [8, 'x\\;,', 2, { x: 2 }],
  [8, 'x.', 2, { x: 2 }],
  [8, '0.5 \\quad .', 0.5],
  [8, '71 %.', 0.71],
  [9, '(\\hat y-y)x \\text{ (one sample)}', 0.5, { yhat: 0.75, y: 0.5, x: 2 }],
  [9, 'w \\text{ at convergence}', 0.1, { w: 0.1 }],
  [9, 'x \\quad \\text{(one sample)}.', 2, { x: 2 }],
];

const readings: Array<[item: number, latex: string, expr: string, symbols: string[]]> = [
  [1, '\\boldsymbol{\\sigma}(z)', 'sigmoid(z)', ['z']],
  [1, '\\boldsymbol{\\sigma} z', 'sigma * z', ['sigma', 'z']],
  [2, 'a^{[2]}', 'a__2', ['a__2']],
  [2, 'z^{[1]}_j', 'z__1_j', ['z__1_j']],
  [2, 'W^{[2]}', 'W__2', ['W__2']],
  [2, '\\mathbf{W}^{[l]} a^{[l-1]}', 'W__l * a__l_minus_1', ['W__l', 'a__l_minus_1']],
  [3, '1.5*10^-3', '1.5e-3', []],
  [4, 'x⁽²⁾', 'x__2', ['x__2']],
  [4, 'Wᵀx', 'transpose(W) * x', ['W', 'x']],
  [9, '0.5 \\cdot \\text{lr}', '0.5 * lr', ['lr']],
];

const refusals: Array<[item: number, latex: string, kind: Refusal['kind']]> = [
  // A power or a layer index?
  [3, 'x^(2)', 'unreadable'],
  // Where does the exponent end: e^(-0.5) x or e^(-0.5x)?
  [3, 'e^-0.5x', 'unreadable'],
  // LaTeX takes one digit after `^`: 2^10 would be 2¹·0.
  [3, '2^10', 'unreadable'],
  [3, 'e^0.5', 'unreadable'],
  // A written script replaced by a Unicode one (KaTeX would read x^{2}³ as x³).
  [4, 'x^{2}³', 'unreadable'],
  [4, 'x_1₂', 'unreadable'],
  // Thousands group or decimal comma?
  [7, '1,234', 'unreadable'],
  [7, '1{,}234', 'unreadable'],
  [7, '0,588,1', 'unreadable'],
  [7, '1.23,4', 'unreadable'],
  [7, '12{,}3\\,456', 'unreadable'],
  [7, '0.01 \\, 0.02', 'unreadable'],
  [7, '3.141\\,592', 'unreadable'],
  [8, '\\left.\\frac{1}{2}\\right.', 'unreadable'],
  // Words that could change the value are not a remark.
  [9, '2 \\text{ to the power 3}', 'unreadable'],
  [9, '5 \\text{ million dollars}', 'unreadable'],
  [9, '0.5 \\text{ (2 d.p.)}', 'unreadable'],
  [9, '\\text{hello world}', 'unreadable'],
];

describe('red-team regressions', () => {
  test.each(values)('item %i: %s reads as %j', (_item, latex, expected, scope = {}) => {
    const result = valueOf(latex, { scope });
    expect(result).toHaveProperty('value');
    expectClose((result as { value: NumericValue }).value, expected);
  });

  test.each(readings)('item %i: %s -> %s', (_item, latex, expr, symbols) => {
    expect(latexToMathjs(latex)).toMatchObject({ ok: true, expr, symbols });
  });

  test.each(refusals)('item %i: %s is refused as %s', (_item, latex, kind) => {
    const result = valueOf(latex);
    expect(result).toHaveProperty('refusal');
    expect((result as { refusal: Refusal }).refusal.kind).toBe(kind);
  });

  test.each(['71 percent', '71 per cent', '71pct', '71 ％', '71\\text{ per cent}'])('item 6: %s is a percentage', (latex) => {
    expect(latexToMathjs(latex)).toMatchObject({ ok: true, expr: '0.71', percent: true });
  });
});
