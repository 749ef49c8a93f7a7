import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { RubricError } from '../../src/rubric/errors.js';
import { parseRubric } from '../../src/rubric/load.js';
import { publishRubric } from '../../src/rubric/publish.js';

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
    for (const secret of ['expected', 'expected_latex', 'context', 'mistakes', 'tests', 'domain', 'tolerance', 'follow_through']) {
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
