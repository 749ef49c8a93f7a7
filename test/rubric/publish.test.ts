import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { RubricError } from '../../src/rubric/errors.js';
import { parseRubric } from '../../src/rubric/load.js';
import { PUBLIC_FIELDS, publishRubric, rubricHash } from '../../src/rubric/publish.js';
import { AnswerSchema, DefaultsSchema, QuestionSchema, RubricSchema } from '../../src/rubric/schema.js';

const file = 'test/fixtures/rubrics/valid-full.yaml';
const text = readFileSync(file, 'utf8');
const published = publishRubric(text, file);

/** Every key used anywhere in a YAML value. */
function keysIn(value: unknown): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        keys.add(key);
        visit(child);
      }
    }
  };
  visit(value);
  return keys;
}

describe('publishRubric', () => {
  test('drops everything that gives an answer away', () => {
    const keys = keysIn(parse(published));
    for (const secret of ['expected', 'expected_latex', 'context', 'mistakes', 'tests', 'tolerance', 'follow_through', 'feedback']) {
      expect(keys.has(secret), secret).toBe(false);
    }
    expect(published).not.toMatch(/precision\(cm|recall\(cm|swapped|\\hat/);
  });

  test('keeps locators, labels and the schema line; public and reveal found', () => {
    expect(published.split('\n')[0]).toBe('# yaml-language-server: $schema=../../../schema/rubric.schema.json');
    const data = parse(published);
    expect(data.public).toBe(true);
    expect(data.reveal).toBe('found');
    expect(data.questions.map((q: { id: string }) => q.id)).toEqual(['q2a', 'q2b', 'q1a', 'q2c']);
    expect(data.questions[0].answers[0].label).toEqual(['precision A', 'P_A']);
    expect(data.questions[2].text).toBe('derive the gradient');
  });

  test('gives each numeric answer the shape of its expected value', () => {
    const data = parse(publishRubric('rubric: r\nquestions:\n  - id: q\n    section: 1\n    answers:\n      - id: w\n        expected: "[[1], [2]]"\n', 'r.yaml'));
    expect(data.questions[0].answers[0].value).toBe('vector');
  });

  test('drops comments, which often hold the working', () => {
    const withComment = 'rubric: r # 50/61 is the answer\nquestions:\n  # precision is 0.82\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 0.82 # from the table\n';
    expect(publishRubric(withComment, 'r.yaml')).not.toMatch(/#|0\.82|50\/61/);
  });

  test('the public rubric loads, with the same answers and no expected values', () => {
    const loaded = parseRubric(published, 'public.yaml');
    const answers = loaded.questions.flatMap((q) => q.answers);
    expect(answers.map((a) => a.id)).toEqual(['precision_A', 'f1_A', 'f1_B', 'f1_C', 'weighted_f1', 'grad', 'q2c']);
    expect(answers.every((a) => a.expectedValue === undefined && a.expectedExpr === undefined)).toBe(true);
    expect(answers.every((a) => a.reveal === 'found')).toBe(true);
  });

  test('publishing twice changes nothing', () => {
    expect(publishRubric(published, 'public.yaml')).toBe(published);
  });

  test('an invalid rubric is not published', () => {
    expect(() => publishRubric(readFileSync('test/fixtures/rubrics/unknown-key.yaml', 'utf8'), 'unknown-key.yaml')).toThrow(RubricError);
  });
});

describe('every schema field is classified secret or kept', () => {
  const schemas = {
    rubric: RubricSchema,
    defaults: DefaultsSchema,
    question: QuestionSchema,
    answer: AnswerSchema,
  } as const;

  test.each(Object.keys(schemas) as Array<keyof typeof schemas>)('%s: the table names exactly the schema keys', (name) => {
    expect(Object.keys(PUBLIC_FIELDS[name]).sort()).toEqual(Object.keys(schemas[name].shape).sort());
  });

  test('the deny-list the SPEC names is secret', () => {
    expect(PUBLIC_FIELDS.rubric).toMatchObject({ context: 'secret', tests: 'secret' });
    expect(PUBLIC_FIELDS.defaults.tolerance).toBe('secret');
    expect(PUBLIC_FIELDS.question.tolerance).toBe('secret');
    expect(PUBLIC_FIELDS.answer).toMatchObject({ expected: 'secret', expected_latex: 'secret', mistakes: 'secret', tolerance: 'secret' });
  });

  test('what changes reading is kept', () => {
    expect(PUBLIC_FIELDS.question).toMatchObject({ section: 'kept', heading: 'kept', text: 'kept', points: 'kept', manual: 'kept' });
    expect(PUBLIC_FIELDS.answer).toMatchObject({ label: 'kept', kind: 'kept', value: 'kept', unit: 'kept', domain: 'kept', points: 'kept' });
    expect(PUBLIC_FIELDS.rubric).toMatchObject({ log_base: 'kept', classes: 'kept' });
  });

  test('every secret key is gone from the published example rubrics, every kept one stays', () => {
    for (const file of ['rubrics/hw-metrics.yaml', 'rubrics/hw-networks.yaml', 'test/fixtures/rubrics/valid-full.yaml']) {
      const source = parse(readFileSync(file, 'utf8'));
      const out = parse(publishRubric(readFileSync(file, 'utf8'), file));
      for (const [key, disclosure] of Object.entries(PUBLIC_FIELDS.rubric)) {
        if (disclosure === 'secret') expect(out[key], `${file} ${key}`).toBeUndefined();
        else if (!['reveal', 'public', 'published_from', 'defaults', 'questions'].includes(key)) expect(out[key], `${file} ${key}`).toEqual(source[key]);
      }
      source.questions.forEach((q: Record<string, unknown>, qi: number) => {
        const pq = out.questions[qi];
        for (const [key, disclosure] of Object.entries(PUBLIC_FIELDS.question)) {
          if (disclosure === 'secret') expect(pq[key]).toBeUndefined();
          else if (key !== 'answers') expect(pq[key]).toEqual(q[key]);
        }
        ((q.answers ?? []) as Array<Record<string, unknown>>).forEach((a, ai) => {
          for (const [key, disclosure] of Object.entries(PUBLIC_FIELDS.answer)) {
            if (disclosure === 'secret') expect(pq.answers[ai][key], `${a.id}.${key}`).toBeUndefined();
            else if (key !== 'value') expect(pq.answers[ai][key], `${a.id}.${key}`).toEqual(a[key]);
          }
        });
      });
    }
  });

  test('published_from holds the private id and the SHA-256 of its text; publishing again keeps it', () => {
    const data = parse(published);
    expect(data.published_from).toEqual({ rubric: 'ml-hw3', sha256: rubricHash(text) });
    expect(data.published_from.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parse(publishRubric(published, 'public.yaml')).published_from).toEqual(data.published_from);
  });

  test('a private rubric with published_from is refused', () => {
    expect(() => parseRubric(`rubric: r\npublished_from: { rubric: r, sha256: ${'a'.repeat(64)} }\nquestions:\n  - id: q\n    section: 1\n    answers:\n      - id: a\n        expected: 1\n`, 'r.yaml')).toThrow(/only a public rubric/);
  });
});
