// Reader bugs found by red-team testing, one table per bug. Each row is a short
// submission and everything readSubmission returns that matters to the grader: the
// section paths, then every claim as `section|label|final value@line:column`, where the
// final value is its JSON, `!kind` for a refused step, or the expression when it has
// free symbols.
import { describe, expect, test } from 'vitest';
import { readSubmission } from '../../src/markdown/index.js';

type Row = [text: string, sections: string[], claims: string[]];

function read(text: string): { sections: string[]; claims: string[] } {
  const parsed = readSubmission(text);
  return {
    sections: parsed.sections.map((section) => section.path),
    claims: parsed.claims.map((claim) => {
      const final = claim.steps[claim.steps.length - 1];
      const value = final.value !== null ? JSON.stringify(final.value) : final.refusal ? `!${final.refusal.kind}` : final.expr;
      return `${claim.section}|${claim.label}|${value}@${claim.line}:${claim.column}`;
    }),
  };
}

function expectRead(text: string, sections: string[], claims: string[]): void {
  expect(read(text)).toEqual({ sections, claims });
}

describe('1. a step followed by a new `label =` ends its claim', () => {
  test.each<Row>([
    ['Q1. P_cat = 0.9 R_cat = 0.763', ['1'], ['1|p cat|0.9@1:13', '1|r cat|0.763@1:25']],
    ['Q1. $P_{cat} = 0.9$ $R_{cat} = 0.763$', ['1'], ['1|p cat|0.9@1:16', '1|r cat|0.763@1:32']],
    ['Q1. P = $0.9$ R = 0.7', ['1'], ['1|p|0.9@1:10', '1|r|0.7@1:19']],
    ['Q1. acc = 83% F1 = 0.7', ['1'], ['1|acc|0.83@1:11', '1|f1|0.7@1:20']],
    ['Q1. P(A) = 0.5 P(B) = 0.3', ['1'], ['1|p a|0.5@1:12', '1|p b|0.3@1:23']],
    // still one chain: a product, a function applied, math after `=`, display math after `=`
    ['Q1. z = w x + b = 0.5', ['1'], ['1|z|0.5@1:19']],
    ['Q1. loss = 0.5 log 2 = 0.35', ['1'], ['1|loss|0.35@1:24']],
    ['Q1. Accuracy = $\\frac{190}{230} = 0.83$', ['1'], ['1|accuracy|0.83@1:35']],
    ['Q1. x =\n$$y = 3$$', ['1'], ['1|x|3@2:7']],
  ])('%j', expectRead);
});

describe('2. after `Word:` or `Word is`, a relation of its own takes the label', () => {
  test.each<Row>([
    ['Q1. P_cat = 0.763\n\nFinal answer: P_cat = 0.5', ['1'], ['1|p cat|0.763@1:13', '1|p cat|0.5@3:23']],
    ['Q1. P_cat = 0.763\n\nCorrection: P_cat = 0.5', ['1'], ['1|p cat|0.763@1:13', '1|p cat|0.5@3:21']],
    ['Q1. P_cat = 0.763\n\nThus: $P_{cat}=0.5$', ['1'], ['1|p cat|0.763@1:13', '1|p cat|0.5@3:16']],
    ['Q1. P_cat = 0.763\n\n**Answer:** $P_{cat}=0.5$', ['1'], ['1|p cat|0.763@1:13', '1|p cat|0.5@3:22']],
    ['Q1. P_cat = 0.763\n\n- Precision: P_cat = 0.5', ['1'], ['1|p cat|0.763@1:13', '1|p cat|0.5@3:22']],
    ['Q1. P_cat = 0.763\n\nThe answer is P_cat = 0.5', ['1'], ['1|p cat|0.763@1:13', '1|p cat|0.5@3:23']],
    ['Q1. So the bias gradient is $\\frac{\\partial L}{\\partial b} = \\sigma(z) - y$', ['1'], ['1|dl/db|sigmoid(z) - y@1:62']],
    ['Q1. The loss is $L(w)=w^2$', ['1'], ['1|l w|w^2@1:23']],
    // an expression before the inner `=` is a shown step of the word's value
    ['Q1. Precision: $\\frac{50}{61} = 0.82$', ['1'], ['1|precision|0.82@1:33']],
    ['Q1. The accuracy is $0.83$', ['1'], ['1|accuracy|0.83@1:22']],
    ['Q1. Answer: 0.5', ['1'], ['1|answer|0.5@1:13']],
  ])('%j', expectRead);
});

describe('3. a value offered with `or` another value is unreadable', () => {
  test.each<Row>([
    ['Q1. P_cat = 0.763 or 0.9, not sure which', ['1'], ['1|p cat|!unreadable@1:13']],
    ['Q1. $P_{cat} = 0.763$ or $0.9$', ['1'], ['1|p cat|!unreadable@1:16']],
    ['(b) 0.5 or 0.25', ['1.b'], ['1.b||!unreadable@1:5']],
    ['Q1. P_cat = 0.763 or maybe less', ['1'], ['1|p cat|0.763@1:13']],
  ])('%j', expectRead);

  test('the refusal names both values', () => {
    const claim = readSubmission('P_cat = 0.763 or 0.9, not sure which').claims[0];
    expect(claim.steps[0]).toMatchObject({ value: null, expr: null, refusal: { kind: 'unreadable', reason: 'two values given: 0.763 or 0.9' } });
  });
});

describe('4. under question markers, numbered lines are steps, not questions', () => {
  test.each<Row>([
    [
      '## Question 1\n1. the terms are 0.105, 0.223 and 0.511\n2. their sum = 0.839\n3. mean = 0.839 / 3 = 0.280\n## Question 2\nI did not get to this one.',
      ['1', '2'],
      ['1|their sum|0.839@3:16', '1|mean|0.28@4:23'],
    ],
    ['Problem 1: metrics\n\n1) precision = 0.8\n\n2) recall = 0.7\n\nProblem 2: losses\n\n1. BCE = 0.105', ['1', '2'], ['1|precision|0.8@3:16', '1|recall|0.7@5:13', '2|bce|0.105@9:10']],
    ['## 2. Metrics\n\n1. precision = 0.8\n2. recall = 0.7', ['2'], ['2|precision|0.8@3:16', '2|recall|0.7@4:13']],
    ['## 1\n1. x = 1\n2. y = 2', ['1'], ['1|x|1@2:8', '1|y|2@3:8']],
    ['Q1\n1. (a) x = 1\n(b) y = 2', ['1', '1.a', '1.b'], ['1.a|x|1@2:12', '1.b|y|2@3:9']],
    // bare numbers alone, or before the first question marker, stay questions
    ['12.\n\nx = 1\n\n13. y = 2\n\n- 14. z = 3', ['12', '13', '14'], ['12|x|1@3:5', '13|y|2@5:9', '14|z|3@7:11']],
    ['1. x = 1\n\nQ2\n\n1. y = 2', ['1', '2'], ['1|x|1@1:8', '2|y|2@5:8']],
    // a bare number that starts no 1-based list is a question marker even after "Problem 3"
    ['Problem 3\n\n3. x = 1\n\n4. y = 2', ['3', '4'], ['3|x|1@3:8', '4|y|2@5:8']],
  ])('%j', expectRead);
});

describe('5. `\\quad` ends a claim only between complete pieces', () => {
  test.each<Row>([
    ['Q1. $$\\frac{\\partial L}{\\partial b} = \\sigma(z) - y \\quad + 1$$', ['1'], ['1|dl/db|sigmoid(z) - y + 1@1:39']],
    ['Q1. $$L = \\sigma(z) \\quad - y$$', ['1'], ['1|l|sigmoid(z) - y@1:11']],
    ['Q1. $$L = \\sigma(z) - \\quad y$$', ['1'], ['1|l|sigmoid(z) - y@1:11']],
    ['Q1. $$L = \\quad 0.5$$', ['1'], ['1|l|0.5@1:17']],
    ['Q1. $$a = 1, \\quad b = 2$$', ['1'], ['1|a|1@1:11', '1|b|2@1:24']],
    ['Q1. $$a = 1 \\quad b = 2$$', ['1'], ['1|a|1@1:11', '1|b|2@1:23']],
    ['Q1. $$x = 1 \\quad \\text{and} \\quad y = 2$$', ['1'], ['1|x|1@1:11', '1|y|2@1:40']],
  ])('%j', expectRead);
});

describe('6. an aligned row that opens with an operator continues the expression', () => {
  test.each<Row>([
    ['Q1. $$\\begin{aligned} L &= \\sigma(z) - y \\\\ &- 1 \\end{aligned}$$', ['1'], ['1|l|sigmoid(z) - y - 1@1:28']],
    ['Q1. $$\\begin{aligned} L &= \\sigma(z) \\\\ &- y \\end{aligned}$$', ['1'], ['1|l|sigmoid(z) - y@1:28']],
    ['Q1. $$\\begin{aligned} L &= \\sigma(z) \\\\ &\\quad - y \\end{aligned}$$', ['1'], ['1|l|sigmoid(z) - y@1:28']],
    ['Q1. $$L = \\sigma(z) \\\\ - y$$', ['1'], ['1|l|sigmoid(z) - y@1:11']],
    ['Q1. $$\\begin{aligned} L &= \\sigma(z) \\\\ &+ y \\end{aligned}$$', ['1'], ['1|l|sigmoid(z) + y@1:28']],
    // a display of its own that opens with a minus is not a row of the one before
    ['Q1. $$L = a$$\n\n$$-b = c$$', ['1'], ['1|l|a@1:11', '1|b|c@3:8']],
  ])('%j', expectRead);
});

describe('7. a bare value right after a marker is a claim without a label', () => {
  test.each<Row>([
    ['Ans 2.a> 0.5', ['2.a'], ['2.a||0.5@1:10']],
    ['1. $3$', ['1'], ['1||3@1:5']],
    ['2. (a) $\\boxed{0.5}$', ['2', '2.a'], ['2.a||0.5@1:9']],
    ['(b) **0.25**', ['1.b'], ['1.b||0.25@1:7']],
    ['(b) 0.25.', ['1.b'], ['1.b||0.25@1:5']],
    ['Q2a 0.5', ['2.a'], ['2.a||0.5@1:5']],
    ['b) $\\begin{bmatrix}2x&2\\\\3&8y\\end{bmatrix}$', ['1.b'], ['1.b||[[2 * x, 2], [3, 8 * y]]@1:5']],
    ['b) Jacobian:\n$$\\begin{bmatrix}2x&2\\\\3&8y\\end{bmatrix}$$', ['1.b'], ['1.b|jacobian|[[2 * x, 2], [3, 8 * y]]@2:3']],
    ['Q2\n\n$$\\begin{bmatrix}1\\\\2\\end{bmatrix}$$', ['2'], ['2||[[1],[2]]@3:3']],
    // not bare values: prose follows, prose came first, no number
    ['(a) 0.5 is the learning rate', ['1.a'], []],
    ['(a) 3 classes are used', ['1.a'], []],
    ['(a) see above', ['1.a'], []],
    // a sentence with math later in it is prose, not a bare value (blind-4 linnea-halvorsen 3(b))
    ['(b) Differentiating gives $2\\lambda w_j$ for every weight', ['1.b'], []],
    ['(b) $2\\lambda w_j$', ['1.b'], ['1.b||2 * lambda * w_j@1:6']],
    ['Q1. Derive the gradient.\n\n$$0.5$$', ['1'], []],
  ])('%j', expectRead);
});

describe('7b. headings of other markup are markers; their closing syntax is no relation', () => {
  test.each<Row>([
    ['== Question 1: Metrics ==\n\nv = 9\n', ['1'], ['1|v|9@3:5']],
    ['== 4 ==\n\nq = 1\n', ['4'], ['4|q|1@3:5']],
    ['\\section*{Problem 2}\n\\subsection*{(b)}\n\n$q = 0.5$\n', ['2', '2.b'], ['2.b|q|0.5@4:6']],
    ['Q1\n\nL = (1 + 3)/2\n= 2\n', ['1'], ['1|l|2@4:3']],
  ])('%j', expectRead);
});

describe('8. a bracketed note after a complete value is not a factor', () => {
  test.each<Row>([
    ['Q1 $\\frac{\\partial L}{\\partial b} = \\sigma(z) - y$ (3)', ['1'], ['1|dl/db|sigmoid(z) - y@1:37']],
    ['Q1 precision = 0.763 (45/59)', ['1'], ['1|precision|0.763@1:16']],
    ['Q1 accuracy = 0.71 (71%)', ['1'], ['1|accuracy|0.71@1:15']],
    ['Q1 x = 0.76 (3)', ['1'], ['1|x|0.76@1:8']],
    ['Q1 $\\frac{\\partial L}{\\partial w} = x_i (\\sigma(z) - y)$ (i) for every weight', ['1'], ['1|dl/dw|x_i * (sigmoid(z) - y)@1:37']],
    // factors: a power follows, no space, an expression inside
    ['Q1 L = 0.5 (0.3)^2', ['1'], ['1|l|0.045@1:8']],
    ['Q1 L = 2(3 + 4)', ['1'], ['1|l|14@1:8']],
    ['Q1 d = σ(z) (1 − σ(z))', ['1'], ['1|d|sigmoid(z) * (1 - sigmoid(z))@1:8']],
  ])('%j', expectRead);
});

describe('9. a number alone in a heading or in bold is a marker', () => {
  test.each<Row>([
    ['## 1\nx = 1\n### 2\ny = 2', ['1', '2'], ['1|x|1@2:5', '2|y|2@4:5']],
    ['**1 (b)** $x = 3$', ['1', '1.b'], ['1.b|x|3@1:16']],
    ['**2** $x = 3$', ['2'], ['2|x|3@1:12']],
    ['## 1 (b)\nx = 4', ['1', '1.b'], ['1.b|x|4@2:5']],
    ['## 3 layers\nx = 1', [], ['|x|1@2:5']],
    ['## 2021\nx = 1', [], ['|x|1@2:5']],
  ])('%j', expectRead);
});

describe('11. `are`, update arrows and `~` relate', () => {
  test.each<Row>([
    ['Q1 so the losses are $[0.105, 0.223, 0.511]$', ['1'], ['1|losses|[0.105,0.223,0.511]@1:23']],
    ['Q1 w ← [0.3, -0.1]', ['1'], ['1|w|[0.3,-0.1]@1:8']],
    ['Q1 w <- 0.5', ['1'], ['1|w|0.5@1:9']],
    ['Q1 $w \\leftarrow w - 0.1$', ['1'], ['1|w|w - 0.1@1:18']],
    ['Q1 $\\theta \\gets 0.2$', ['1'], ['1|theta|0.2@1:18']],
    ['Q1 weighted F1 ~ 0.719', ['1'], ['1|weighted f1|0.719@1:18']],
    ['Q1 weighted F1 ~0.72', ['1'], ['1|weighted f1|0.72@1:17']],
    // several values after `are`, an arrow after words, `~` before a name: no claim
    ['Q1 the terms are 0.105, 0.223 and 0.511', ['1'], []],
    ['Q1 the terms are $0.105$, $0.223$ and $0.511$', ['1'], []],
    ['Q1 the new w ← 0.5', ['1'], []],
    ['Q1 x ~ y', ['1'], []],
  ])('%j', expectRead);
});

describe('12. a header over one row of numbers labels cells by column', () => {
  test.each<Row>([
    ['| precision | recall |\n|---|---|\n| 0.763 | 0.9 |', [], ['|precision|0.763@3:3', '|recall|0.9@3:11']],
    ['precision\trecall\n0.763\t0.9', [], ['|precision|0.763@2:1', '|recall|0.9@2:7']],
    // several rows numbered in the first column: the numbers still name the rows
    ['| class | f1 |\n|---|---|\n| 1 | 0.8 |\n| 2 | 0.7 |', [], ['|1 f1|0.8@3:7', '|f1 1|0.8@3:7', '|1|0.8@3:7', '|2 f1|0.7@4:7', '|f1 2|0.7@4:7', '|2|0.7@4:7']],
  ])('%j', expectRead);
});
