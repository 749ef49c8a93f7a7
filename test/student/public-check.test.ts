// The student's pre-check with a published rubric (SPEC §4): every example rubric is
// published, and every example submission checked with it; an answer is `found` exactly
// when grading with the private rubric read a final value for it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { allRead, checkSubmission, rubricLine } from '../../src/check.js';
import { gradeFile } from '../../src/grade.js';
import { wasRead } from '../../src/reporters/reveal.js';
import { parseRubric } from '../../src/rubric/load.js';
import { publishRubric, rubricHash } from '../../src/rubric/publish.js';

const assignments = readdirSync('rubrics')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -5));

const cases = assignments.flatMap((name) =>
  readdirSync(path.join('submissions', name))
    .filter((f) => f.endsWith('.md'))
    .map((file) => [name, file] as const),
);

describe('publish + check on every example rubric and submission', () => {
  test('there are examples to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  test.each(cases)('%s / %s: found iff graded as read, answer by answer', async (name, file) => {
    const rubricFile = path.join('rubrics', `${name}.yaml`);
    const text = readFileSync(rubricFile, 'utf8');
    const privateRubric = parseRubric(text, rubricFile);
    const publicRubric = parseRubric(publishRubric(text, rubricFile), 'public.yaml');
    const submission = path.join('submissions', name, file);
    const graded = await gradeFile(privateRubric, { submission, name: file });
    const checked = await checkSubmission(publicRubric, submission, { json: false, color: false });
    expect(graded.error).toBeNull();
    expect(checked.view.error).toBeNull();
    const privately = graded.questions.flatMap((q) => q.answers.map((a) => [a.id, a.status === 'manual' ? 'manual' : wasRead(a) ? 'found' : a.status]));
    const publicly = checked.view.questions.flatMap((q) => q.answers.map((a) => [a.id, a.status]));
    expect(publicly).toEqual(privately);
    // Nothing scored, and the place and the value as read are there for every read answer.
    expect(checked.view.questions.flatMap((q) => q.answers).every((a) => a.points === 0)).toBe(true);
    expect(checked.exitCode).toBe(allRead(checked.view) ? 0 : 1);
    for (const answer of checked.view.questions.flatMap((q) => q.answers).filter(wasRead)) {
      expect(checked.output).toContain(`${answer.id}  at ${answer.line}:${answer.column}`);
    }
  });

  test('the public rubric records the private id and hash, and check prints them', () => {
    const text = readFileSync('rubrics/hw-metrics.yaml', 'utf8');
    const publicRubric = parseRubric(publishRubric(text, 'rubrics/hw-metrics.yaml'), 'public.yaml');
    expect(publicRubric.published_from).toEqual({ rubric: 'hw-metrics', sha256: rubricHash(text) });
    expect(rubricLine(publicRubric)).toContain(`from hw-metrics sha256 ${rubricHash(text)}`);
    expect(rubricLine(publicRubric)).toMatch(/shows: found$/);
  });
});
