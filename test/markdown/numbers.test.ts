// Reading numbers and plain-text math in whole documents (SPEC §5): the document's
// number convention, Unicode math through the same converter as LaTeX, presentation
// wrappers, hedges inside one formula, and values shown as written.
import { describe, expect, test } from 'vitest';
import { findSlips } from '../../src/checks/slips.js';
import { gradeText } from '../../src/grade.js';
import { readSubmission } from '../../src/markdown/index.js';
import { parseRubric } from '../../src/rubric/load.js';
import type { Claim, NumericValue } from '../../src/types.js';

/** The last claim with this label: its final value (or refusal code) and place. */
function final(markdown: string, label: string, options: Parameters<typeof readSubmission>[1] = {}) {
  const claims = readSubmission(markdown, options).claims.filter((c: Claim) => c.label === label);
  expect(claims.length).toBeGreaterThan(0);
  const step = claims[claims.length - 1].steps.at(-1)!;
  return { value: step.value, code: step.refusal?.code ?? null, kind: step.refusal?.kind ?? null, place: `${step.line}:${step.column}` };
}

function close(actual: NumericValue | null, expected: NumericValue): void {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe('the document decides its number convention', () => {
  const comma = '1. Precision = 0,667\n\n2. L = 1,0817\n\n3. MSE = 11,3\n\n4. z = (0,9; 1,7)\n\n5. $p = 0{,}82$\n\n6. $m = \\max(0; 0,5)$\n';
  const point = '1. precision = 0.667\n\n2. n = 1,000\n\n3. $m = \\max(0,5)$\n';
  const integers = '1. n = 1,000\n\n2. $m = \\max(0,5)$\n';
  const mixed = '1. a = 0,82\n\n2. b = 0.5\n\n3. $m = \\max(0,5)$\n\n4. c = 1,234\n\n5. d = (0,9; 1,7)\n';
  const cases: Array<[name: string, markdown: string, label: string, expected: NumericValue | string, place: string]> = [
    ['comma: 0,667', comma, 'precision', 0.667, '1:16'],
    ['comma: 1,0817', comma, 'l', 1.0817, '3:8'],
    ['comma: 11,3 (not 11)', comma, 'mse', 11.3, '5:10'],
    ['comma: a vector with ;', comma, 'z', [0.9, 1.7], '7:8'],
    ['comma: 0{,}82 in math', comma, 'p', 0.82, '9:9'],
    ['comma: ; between arguments', comma, 'm', 0.5, '11:9'],
    ['point: 0.667', point, 'precision', 0.667, '1:16'],
    ['point: 1,000 is a thousands group', point, 'n', 1000, '3:8'],
    ['point: max(0,5) has two arguments', point, 'm', 5, '5:9'],
    ['no decimals: 1,000 depends on the convention', integers, 'n', 'ambiguous-number', '1:8'],
    ['no decimals: max(0,5) depends on the convention', integers, 'm', 'ambiguous-number', '3:9'],
    ['mixed: 0,82 has one reading', mixed, 'a', 0.82, '1:8'],
    ['mixed: 0.5', mixed, 'b', 0.5, '3:8'],
    ['mixed: max(0,5) depends on the convention', mixed, 'm', 'ambiguous-number', '5:9'],
    ['mixed: 1,234 depends on the convention', mixed, 'c', 'ambiguous-number', '7:8'],
    ['mixed: (0,9; 1,7) has one reading', mixed, 'd', [0.9, 1.7], '9:8'],
  ];
  test.each(cases)('%s', (_name, markdown, label, expected, place) => {
    const read = final(markdown, label);
    expect(read.place).toBe(place);
    if (typeof expected === 'string') expect(read).toMatchObject({ code: expected, value: null });
    else close(read.value, expected);
  });

  test.each([
    [comma, 'decimal-comma', true],
    [point, 'decimal-point', true],
    [mixed, 'decimal-comma', false],
    ['1. x = 3\n', 'decimal-point', false],
  ])('convention of %j', (markdown, convention, settled) => {
    expect(readSubmission(markdown).numbers).toEqual({ convention, settled });
  });

  test('code is no evidence: a fenced block of decimal points leaves a comma document settled', () => {
    const markdown = '```python\nprint(0.5, 1.25)\n```\n\n1. a = 0,82\n\n2. $m = \\max(0,5)$\n';
    expect(readSubmission(markdown).numbers).toEqual({ convention: 'decimal-comma', settled: true });
    close(final(markdown, 'm').value, 0.5);
  });

  test('the rubric may fix the convention', () => {
    expect(final('1. m = max(0,5)\n\n2. a = 0.5\n', 'm', { numbers: 'decimal-comma' }).value).toBe(0.5);
    expect(readSubmission('1. a = 0,82\n', { numbers: 'decimal-point' }).numbers).toEqual({ convention: 'decimal-point', settled: true });
  });

  test('1.500 in a comma document names both readings', () => {
    const markdown = '1. a = 0,82\n\n2. n = 1.500\n';
    const claim = readSubmission(markdown).claims.find((c) => c.label === 'n')!;
    const refusal = claim.steps[0].refusal!;
    expect(refusal.code).toBe('ambiguous-number');
    expect(refusal.reason).toContain('1500');
    expect(refusal.reason).toContain('1.500');
  });

  test('dot thousands written elsewhere settle 1.500 as 1500', () => {
    close(final('1. a = 0,82\n\n2. b = 1.000.000\n\n3. n = 1.500\n', 'n').value, 1500);
  });
});

describe('plain-text (Unicode) math', () => {
  // The place is the final value's: the last occurrence of `written` on line 1.
  const cases: Array<[markdown: string, label: string, expected: NumericValue, written: string]> = [
    ['1. dW2 = δ2·hᵀ = 0.5·2 = 1.0\n', 'dw2', 1, '1.0'],
    ['1. W2 ← W2 − η·dW2 = 0.3 − 0.1·1.9² = -0.061\n', 'w2', -0.061, '-0.061'],
    ['1. δ1 = ReLU\'(z1) ⊙ δ = [0.1, 0.2]\n', 'delta1', [0.1, 0.2], '[0.1, 0.2]'],
    ['1. ŷ = σ(z) = σ(0) = 0.5\n', 'yhat', 0.5, '0.5'],
    ['1. lr = 1.5×10⁻³\n', 'lr', 0.0015, '1.5×10⁻³'],
    ['1. lr = 1.5 × 10^-3\n', 'lr', 0.0015, '1.5 × 10^-3'],
    ['1. x̄ = (2 + 4) ÷ 2 = 3\n', 'xbar', 3, '3'],
    ['1. β² = 0.5² = 0.25\n', 'beta2', 0.25, '0.25'],
    ['1. s = √2 · √2 = 2\n', 's', 2, '2'],
    ['1. d = −3 + 1 = −2\n', 'd', -2, '−2'],
    ['1. g = ∂L/∂w = 0.3\n', 'g', 0.3, '0.3'],
    ['1. h = [1, 2] ⊙ [3, 4] = [3, 8]\n', 'h', [3, 8], '[3, 8]'],
  ];
  test.each(cases)('%j', (markdown, label, expected, written) => {
    const read = final(markdown, label);
    close(read.value, expected);
    expect(read.place).toBe(`1:${markdown.lastIndexOf(written) + 1}`);
  });

  test('a middle step that cannot be evaluated does not end the chain', () => {
    const claims = readSubmission('1. δ1 = ReLU\'(z1) ⊙ δ = [0.1, 0.2]\n').claims;
    expect(claims).toHaveLength(1);
    expect(claims[0].steps.map((s) => s.refusal?.kind ?? 'read')).toEqual(['calculus', 'read']);
  });

  test('names with digits are variables, not calculus; a written derivative is calculus', () => {
    const steps = readSubmission('1. W2 = W2 − η·dW2\n\n2. g = dL/dW2\n').claims.map((c) => c.steps.at(-1)!);
    expect(steps[0]).toMatchObject({ refusal: null });
    expect(steps[0].symbols).toEqual(expect.arrayContaining(['dW_2', 'W_2', 'eta']));
    expect(steps[1].refusal?.kind).toBe('calculus');
  });
});

describe('presentation wrappers and hedges inside one formula', () => {
  test.each([
    ['**Final answer:** $\\boxed{F_\\beta = \\dfrac{1.25 \\cdot 0.5}{0.25}}$\n', 'f beta', 2.5],
    ['$\\boxed{L = \\tfrac{1}{2} = 0.5}$\n', 'l', 0.5],
    ['$${\\displaystyle A = \\frac{3}{4}}$$\n', 'a', 0.75],
    ['$$\\boxed{\\displaystyle p = \\frac{2}{5}}$$\n', 'p', 0.4],
    ['$v = \\left. 3 \\right|$\n', 'v', 3],
  ])('%j', (markdown, label, expected) => {
    close(final(markdown, label).value, expected);
  });

  test.each([
    '1. $L \\approx 0.379 \\text{ or } 0.165$\n',
    '1. $L \\approx 0.379 \\quad\\text{or}\\quad 0.165$\n',
  ])('%j offers two values: unreadable, two-values', (markdown) => {
    expect(final(markdown, 'l')).toMatchObject({ value: null, code: 'two-values', kind: 'unreadable' });
  });
});

describe('grading: statuses and values shown as written', () => {
  const rubric = parseRubric(
    `rubric: conv
questions:
  - id: q1
    section: 1
    answers:
      - { id: acc, label: accuracy, expected: 0.822 }
  - id: q2
    section: 2
    answers:
      - { id: mse, label: mse, expected: 11.3, tolerance: { abs: 0.01 } }
  - id: q3
    section: 3
    answers:
      - { id: loss, label: L, expected: 0.379 }
`,
    'conv.yaml',
  );
  const grade = (markdown: string) => {
    const result = gradeText(rubric, markdown, { submission: 't.md', name: 't' });
    return { result, answers: Object.fromEntries(result.questions.flatMap((q) => q.answers).map((a) => [a.id, a])) };
  };

  test('a decimal-comma document grades right and reports its convention', () => {
    const { result, answers } = grade('1. accuracy = 82,2 %\n\n2. MSE = 11,3\n\n3. $L \\approx 0{,}379$\n');
    expect(result.numberConvention).toBe('decimal-comma');
    expect(result.numberConventionSettled).toBeUndefined();
    expect(answers.acc).toMatchObject({ status: 'correct', got: 0.822, line: 1 });
    expect(answers.acc.reason).toContain('82,2 %');
    expect(answers.mse).toMatchObject({ status: 'correct', got: 11.3, line: 3 });
    expect(answers.loss).toMatchObject({ status: 'correct', got: 0.379, line: 5 });
  });

  test('11,3 is never read as 11 (which a wrong answer’s tolerance could take)', () => {
    const { answers } = grade('1. accuracy = 0,5\n\n2. MSE = 11,3\n');
    expect(answers.mse.got).toBe(11.3);
  });

  test('a hedge inside a formula is unreadable, not the first value', () => {
    const { answers } = grade('3. $L \\approx 0.379 \\text{ or } 0.165$\n');
    expect(answers.loss).toMatchObject({ status: 'unreadable', points: 0, line: 1 });
  });

  test('an ambiguous number is unreadable with both readings', () => {
    const { result, answers } = grade('1. accuracy = 0,822\n\n2. MSE = 0.5 + 10.8\n\n3. L = 1,379\n');
    expect(result.numberConventionSettled).toBe(false);
    expect(answers.loss.status).toBe('unreadable');
    expect(answers.loss.reason).toContain('1379');
    expect(answers.loss.reason).toContain('1.379');
  });
});

describe('slips in both conventions and in percentage points', () => {
  test.each([
    ['1. mean = (83+74+70)/3 = 75.7 %\n', 0],
    ['1. mean = 0.7567 = 75.7 %\n', 0],
    ['1. mean = (83+74+70)/3 = 80.7 %\n', 1],
    ['1. a = 0,5 · 3 = 1,5\n', 0],
    ['1. a = 0,5 · 3 = 1,6\n', 1],
    ['1. a = 2 · 0,25 = 0,50\n\n2. b = 0.5\n', 0],
  ])('%j has %i slips', (markdown, count) => {
    expect(findSlips(readSubmission(markdown).claims)).toHaveLength(count);
  });
});

describe('values read without float noise', () => {
  const rubric = parseRubric(
    `rubric: noise
questions:
  - id: q1
    section: 1
    answers:
      - { id: acc, label: accuracy, expected: 0.83, unit: either }
      - { id: pct, label: share, expected: 82.2 }
`,
    'noise.yaml',
  );
  test.each([
    ['1. accuracy = 83', 'acc', 0.83],
    ['1. accuracy = 82.2 %', 'acc', 0.822],
    ['1. share = 82.2 %', 'pct', 82.2],
  ])('%j reads %d', (markdown, id, got) => {
    const result = gradeText(rubric, `${markdown}\n`, { submission: 't.md', name: 't' });
    const answer = result.questions[0].answers.find((a) => a.id === id)!;
    expect(answer.got).toBe(got);
  });
});

describe('plain-text function words with a base or a power', () => {
  test.each([
    ['1. L = −log₁₀(0.180) ≈ 0.745\n', 'l', 0.745],
    ['1. t = tanh²(0) + 1 = 1\n', 't', 1],
    ['1. dh = W2 @ dz2 = [0.90, -0.08]\n', 'dh', [0.9, -0.08]],
  ])('%j', (markdown, label, expected) => {
    const claims = readSubmission(markdown).claims.filter((c) => c.label === label);
    expect(claims).toHaveLength(1);
    expect(claims[0].steps).toHaveLength(2);
    close(claims[0].steps[1].value, expected);
    expect(claims[0].steps[0].refusal).toBeNull();
  });
});
