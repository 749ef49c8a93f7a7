import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { RubricError } from '../../src/rubric/errors.js';
import { loadRubric, parseRubric, type LoadedRubric } from '../../src/rubric/load.js';

const fixture = (name: string): string => `test/fixtures/rubrics/${name}`;

/** Loads and returns the RubricError's issues (fails the test when it loads). */
async function issuesOf(file: string) {
  const error = await loadRubric(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RubricError);
  return (error as RubricError).issues;
}

/** Loads an inline rubric: `body` below a `rubric: inline` line. */
function rubric(body: string): LoadedRubric {
  return parseRubric(`rubric: inline\n${body}`, 'inline.yaml');
}

describe('broken rubrics: every error has file, line, column and schema path', () => {
  test.each<[string, Array<[number, number, string, RegExp]>]>([
    ['unknown-key.yaml', [[8, 9, 'questions[0].answers[0].tolerence', /unknown key "tolerence" \(did you mean "tolerance"\?\)/]]],
    ['yaml-syntax-error.yaml', [[3, 1, '', /^YAML: Flow sequence/]]],
    ['duplicate-yaml-key.yaml', [[5, 5, '', /^YAML: Map keys must be unique/]]],
    ['empty.yaml', [[1, 1, '', /the rubric is empty/]]],
    ['missing-rubric-id.yaml', [[1, 1, 'rubric', /missing required key "rubric"/]]],
    ['unknown-function.yaml', [[10, 19, 'questions[0].answers[0].expected', /unknown function "precison" \(did you mean "precision"\?\)/]]],
    ['undefined-name.yaml', [[9, 29, 'questions[0].answers[0].expected', /undefined name "cmm" \(did you mean "cm"\?\)/]]],
    ['expected-names-later-answer.yaml', [[7, 19, 'questions[0].answers[0].expected', /"part" is the id of a later answer/]]],
    [
      'negative-tolerance.yaml',
      [
        [8, 27, 'questions[0].answers[0].tolerance.rel', />=0/],
        [8, 44, 'questions[0].answers[0].tolerance.decimals', /int/],
      ],
    ],
    ['duplicate-id.yaml', [[11, 13, 'questions[1].answers[0].id', /duplicate answer id "a" \(first at questions\[0\]\.answers\[0\]\.id\)/]]],
    ['class-not-in-classes.yaml', [[10, 31, 'questions[0].answers[0].expected', /unknown class "C" \(classes: A, B\)/]]],
    ['question-without-locator.yaml', [[3, 5, 'questions[0]', /at least one of section, heading, text/]]],
    ['answer-without-expected.yaml', [[6, 9, 'questions[0].answers[0]', /needs expected or expected_latex/]]],
    // The second answer names the first, which failed: it is not reported again.
    ['evaluation-error.yaml', [[9, 19, 'questions[0].answers[0].expected', /cannot evaluate: Index out of range/]]],
    ['context-uses-later-name.yaml', [[3, 14, 'context.total', /"counts" is defined later in context/]]],
    ['ragged-matrix.yaml', [[3, 7, 'context.cm', /same length/]]],
    ['public-with-expected.yaml', [[10, 9, 'questions[0].answers[0].expected', /public rubric must not contain "expected"/]]],
    ['invalid-regex.yaml', [[4, 14, 'questions[0].heading', /not a valid regular expression/]]],
    [
      'regex-backtracking.yaml',
      [
        [4, 11, 'questions[0].text', /backtrack catastrophically/],
        [7, 14, 'questions[1].heading', /backtrack catastrophically/],
      ],
    ],
    ['domain-names-unused-variable.yaml', [[9, 19, 'questions[0].answers[0].domain.y_hat', /"y_hat", which the expression does not use \(it uses x, y, yhat\)/]]],
    ['value-shape-mismatch.yaml', [[8, 16, 'questions[0].answers[0].value', /a vector, not a matrix/]]],
    ['expected-latex-refused.yaml', [[7, 25, 'questions[0].answers[0].expected_latex', /cannot read the LaTeX/]]],
  ])('%s', async (name, expected) => {
    const issues = await issuesOf(fixture(name));
    expect(issues.map(({ file, line, column, path }) => [file, line, column, path])).toEqual(
      expected.map(([line, column, path]) => [fixture(name), line, column, path]),
    );
    issues.forEach((issue, i) => expect(issue.message).toMatch(expected[i][3]));
  });

  test('the error message has one file:line:col line per issue', async () => {
    const error = await loadRubric(fixture('negative-tolerance.yaml')).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message.split('\n')).toEqual([
      expect.stringMatching(/^test\/fixtures\/rubrics\/negative-tolerance\.yaml:8:27: .* \(at questions\[0\]\.answers\[0\]\.tolerance\.rel\)$/),
      expect.stringMatching(/^test\/fixtures\/rubrics\/negative-tolerance\.yaml:8:44: .* \(at questions\[0\]\.answers\[0\]\.tolerance\.decimals\)$/),
    ]);
  });

  test('a file that cannot be read is a RubricError too', async () => {
    const issues = await issuesOf(fixture('does-not-exist.yaml'));
    expect(issues).toEqual([expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/cannot read the rubric/) })]);
  });
});

describe('more meaning checks, inline', () => {
  const issuesOf = (body: string) => {
    try {
      rubric(body);
    } catch (error) {
      return (error as RubricError).issues;
    }
    return [];
  };

  test.each<[string, string, string[], RegExp]>([
    ['an answer that names itself', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: a + 1\n', ['6:19 questions[0].answers[0].expected'], /own id/],
    ['an expression answer has no value to name', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: g\n        kind: expression\n        expected: x^2\n      - id: b\n        expected: g + 1\n', ['9:19 questions[0].answers[1].expected'], /"g" is an expression answer/],
    ['a disabled function', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: evaluate("1")\n', ['6:19 questions[0].answers[0].expected'], /"evaluate" is disabled/],
    ['an assignment', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: x = 1\n', ['6:19 questions[0].answers[0].expected'], /not an assignment/],
    ['a parse error points at its character', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: (1 + 2\n', ['6:25 questions[0].answers[0].expected'], /cannot parse/],
    ['not a number', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: \'"text"\'\n', ['6:19 questions[0].answers[0].expected'], /not a finite number, vector or matrix/],
    ['NaN is not an expected value', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 0/0\n', ['6:19 questions[0].answers[0].expected'], /evaluates to "NaN"/],
    ['duplicate class', 'classes: [A, A]\nquestions:\n  - id: q\n    section: 1\n    manual: true\n', ['1:14 classes[1]'], /duplicate class "A"/],
    ['duplicate question id', 'questions:\n  - id: q\n    section: 1\n    manual: true\n  - id: q\n    section: 2\n    manual: true\n', ['5:9 questions[1].id'], /duplicate question id "q"/],
    ['answer id equal to a context name', 'context:\n  a: 1\nquestions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 2\n', ['7:13 questions[0].answers[0].id'], /also a context name/],
    ['not a section path', 'questions:\n  - id: q\n    section: two\n    manual: true\n', ['3:14 questions[0].section'], /not a section path/],
    ['domain on a numeric answer', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 1\n        domain: { x: [0, 1] }\n', ['7:9 questions[0].answers[0].domain'], /"domain" does not apply to kind: number/],
    ['mistake with both expected and expected_latex', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 1\n        mistakes:\n          - { expected: 2, expected_latex: "2", feedback: no }\n', ['8:13 questions[0].answers[0].mistakes[0]'], /exactly one of expected, expected_latex/],
    ['a non-manual question without answers', 'questions:\n  - id: q\n    section: 1\n', ['2:5 questions[0]'], /needs answers/],
    ['an unknown id in a test', 'questions:\n  - id: q\n    section: 1\n    manual: true\ntests:\n  - submission: x.md\n    score: 1\n    overrides: { r: 1 }\n', ['8:18 tests[0].overrides.r'], /unknown answer id "r"/],
    ['an invalid context name', 'context:\n  my-data: 1\nquestions:\n  - id: q\n    section: 1\n    manual: true\n', ['2:3 context["my-data"]'], /invalid key "my-data"/],
    ['a mistake in a mistake', 'questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 1\n        mistakes:\n          - expected: b\n            feedback: no\n', ['8:23 questions[0].answers[0].mistakes[0].expected'], /undefined name "b"/],
    ['an answer id equal to a manual question id', 'questions:\n  - id: q1\n    section: 1\n    manual: true\n  - id: q2\n    section: 2\n    answers:\n      - id: q1\n        expected: 1\n', ['8:13 questions[1].answers[0].id'], /manual question without answers \(questions\[0\]\.id\)/],
  ])('%s', (_name, body, expected, message) => {
    const issues = issuesOf(body);
    // Lines counted in `body`, below the `rubric:` line that rubric() puts first.
    expect(issues.map(({ line, column, path }) => `${line - 1}:${column} ${path}`)).toEqual(expected);
    expect(issues[0].message).toMatch(message);
  });
});

describe('a valid rubric (SPEC §4 example)', () => {
  const loaded = parseRubric(readFileSync(fixture('valid-full.yaml'), 'utf8'), fixture('valid-full.yaml'));
  const answer = (id: string) => loaded.questions.flatMap((q) => q.answers).find((a) => a.id === id)!;

  test('expected values come from the engine over the context', () => {
    expect(answer('precision_A').expectedValue).toBeCloseTo(50 / 61, 12);
    expect(answer('precision_A').mistakes[0].expectedValue).toBeCloseTo(50 / 65, 12);
    expect(answer('f1_C').expectedValue).toBeCloseTo(80 / 94, 12);
  });

  test('later answers use the true values of earlier ones and record them for follow-through', () => {
    const f1 = ['f1_A', 'f1_B', 'f1_C'].map((id) => answer(id).expectedValue as number);
    expect(answer('weighted_f1').expectedValue).toBeCloseTo((f1[0] * 65 + f1[1] * 75 + f1[2] * 90) / 230, 12);
    expect(answer('weighted_f1').dependsOn).toEqual(['f1_A', 'f1_B', 'f1_C']);
  });

  test('context strings are evaluated in order', () => {
    expect(loaded.contextScope.avg_bce).toBeCloseTo(-(Math.log(0.1) + Math.log(0.8) + Math.log(0.3)) / 3, 12);
  });

  test('tolerance: answer over question over defaults', () => {
    expect(answer('precision_A').tolerance).toEqual({ rel: 0.01, abs: 0.005 });
    expect(answer('weighted_f1').tolerance).toEqual({ decimals: 2 });
  });

  test('sections and labels are normalised; a label may be a list', () => {
    expect(loaded.questions.map((q) => q.section)).toEqual(['2.a', '2.b', undefined, '2.c']);
    expect(answer('f1_B').labels).toEqual(['f1 b']);
    expect(answer('precision_A').labels).toEqual(['precision a', 'p a']);
  });

  test('an expression answer keeps its expression, with no context in scope', () => {
    expect(answer('grad').expectedExpr).toBe('(yhat - y) * x');
    expect(answer('grad').expectedValue).toBeUndefined();
  });

  test('a manual question without answers is one manual answer worth its points', () => {
    const q2c = loaded.questions.find((q) => q.id === 'q2c')!;
    expect(q2c.answers).toEqual([expect.objectContaining({ id: 'q2c', manual: true, points: 2 })]);
  });

  test('answers and questions keep their place in the rubric', () => {
    expect([answer('precision_A').line, answer('precision_A').column]).toEqual([17, 9]);
    expect(loaded.questions[1].line).toBe(34);
  });

  test('engine, classes, log base and schema comment', () => {
    expect(loaded.engine.classes).toEqual(['A', 'B', 'C']);
    expect(loaded.logBase).toBe(Math.E);
    expect(loaded.schemaComment).toBe('# yaml-language-server: $schema=../../../schema/rubric.schema.json');
    expect(loaded.reveal).toBe('verdict');
  });
});

describe('reading YAML as the author meant it', () => {
  test('numbers where names or paths are meant are read as written', () => {
    const loaded = rubric('classes: [0, 1]\nquestions:\n  - id: 3\n    section: 2.10\n    answers:\n      - id: a\n        label: 12\n        expected: precision([[5, 1], [2, 2]], "0")\n');
    expect(loaded.classes).toEqual(['0', '1']);
    expect(loaded.questions[0].id).toBe('3');
    expect(loaded.questions[0].section).toBe('2.10');
    expect(loaded.questions[0].answers[0].labels).toEqual(['12']);
    expect(loaded.questions[0].answers[0].expectedValue).toBeCloseTo(5 / 7, 12);
  });

  test.each([
    ['2a', '2.a'],
    ['2(a)', '2.a'],
    ['Q2.a', '2.a'],
    ['Question 12 (b)', '12.b'],
    ['2.2.c', '2.2.c'],
  ])('section %s is %s', (section, path) => {
    expect(rubric(`questions:\n  - id: q\n    section: "${section}"\n    manual: true\n`).questions[0].section).toBe(path);
  });

  test('a BOM and CRLF line ends load the same rubric', () => {
    const text = readFileSync(fixture('valid-full.yaml'), 'utf8');
    const plain = parseRubric(text, 'r.yaml');
    const windows = parseRubric(`\uFEFF${text.replace(/\n/g, '\r\n')}`, 'r.yaml');
    const values = (r: LoadedRubric) => r.questions.flatMap((q) => q.answers.map((a) => [a.id, a.expectedValue, a.line]));
    expect(values(windows)).toEqual(values(plain));
  });

  test('defaults: points, unit, log base; data as expected; LaTeX expected over the context', () => {
    const loaded = rubric(
      'log_base: 10\ndefaults: { points: 2, unit: either }\ncontext:\n  n: 4\nquestions:\n  - id: q\n    section: 1\n    points: 3\n    answers:\n      - id: a\n        expected: [1, 2]\n      - id: b\n        points: 1\n        expected_latex: \\log(100) + \\frac{n}{2}\n',
    );
    const [a, b] = loaded.questions[0].answers;
    expect(loaded.logBase).toBe(10);
    expect([a.points, b.points]).toEqual([2, 1]); // the question's 3 is its total: b keeps its 1, a takes the rest
    expect(a.unit).toBe('either');
    expect(a.expectedValue).toEqual([1, 2]);
    expect(b.expectedValue).toBeCloseTo(4, 12);
  });

  test('without tolerance anywhere, the default is PrairieLearn’s', () => {
    const loaded = rubric('questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 1\n');
    expect(loaded.questions[0].answers[0].tolerance).toEqual({ rel: 0.01, abs: 1e-8 });
    expect(loaded.questions[0].answers[0].points).toBe(1);
  });

  test('a public rubric reveals found, written or not', () => {
    const loaded = rubric('public: true\nquestions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        label: a\n        reveal: all\n');
    expect(loaded.reveal).toBe('found');
    expect(loaded.questions[0].answers[0].reveal).toBe('found');
    expect(loaded.questions[0].answers[0].expectedValue).toBeUndefined();
  });

  test('a mistake may name its own answer', () => {
    const loaded = rubric('questions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 3\n        mistakes:\n          - { expected: a * 2, feedback: doubled }\n');
    expect(loaded.questions[0].answers[0].mistakes[0].expectedValue).toBe(6);
  });

  test('a context function can be used by expected', () => {
    const loaded = rubric('context:\n  sq: "f(w) = w^2"\nquestions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: sq(3) + numgrad(f(W) = sum(W .^ 2), [1, 2])[2]\n');
    expect(loaded.questions[0].answers[0].expectedValue).toBeCloseTo(13, 6);
  });
});
