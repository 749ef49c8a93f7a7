import { expect, test } from 'vitest';
import { lintRubric } from '../../src/rubric/lint.js';

const fixture = (name: string): string => `test/fixtures/rubrics/${name}`;

/** `line:col kind path` of each lint line. */
function places(messages: string[]): string[] {
  return messages.map((message) => {
    const match = /^[^:]+:(\d+):(\d+): (warning: )?.*\(at ([^)]+)\)$/.exec(message);
    return match ? `${match[1]}:${match[2]} ${match[3] ? 'warning' : 'error'} ${match[4]}` : message;
  });
}

test('warnings for what loads but cannot work as meant; warnings alone pass', async () => {
  const result = await lintRubric(fixture('lint-warnings.yaml'));
  expect(result.ok).toBe(true);
  expect(places(result.messages)).toEqual([
    '6:9 warning questions[0].answers[0]',
    '12:9 warning questions[0].answers[1]',
    '12:9 warning questions[0].answers[1]',
    '18:9 warning questions[0].answers[3]',
  ]);
  expect(result.messages[0]).toMatch(/"rounded too early" is within the tolerance/);
  expect(result.messages[1]).toMatch(/label "loss" is also a label of "a"/);
  expect(result.messages[2]).toMatch(/follow_through has no effect/);
  expect(result.messages[3]).toMatch(/"c" and "d" have no label/);
});

test('a self-test whose submission is missing is an error', async () => {
  const result = await lintRubric(fixture('lint-missing-submission.yaml'));
  expect(result.ok).toBe(false);
  expect(places(result.messages)).toEqual(['9:17 error tests[1].submission']);
  expect(result.messages[0]).toMatch(/test submission not found: missing-submission\.md/);
});

test('an invalid rubric fails with its load errors', async () => {
  const result = await lintRubric(fixture('unknown-function.yaml'));
  expect(result).toEqual({
    ok: false,
    messages: [expect.stringMatching(/^test\/fixtures\/rubrics\/unknown-function\.yaml:10:19: unknown function "precison"/)],
  });
});

test('a clean rubric passes with no messages', async () => {
  expect(await lintRubric(fixture('lint-clean.yaml'))).toEqual({ ok: true, messages: [] });
});
