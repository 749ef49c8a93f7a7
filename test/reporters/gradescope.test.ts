import { describe, expect, test } from 'vitest';
import { gradescopeResults } from '../../src/reporters/gradescope.js';
import { answer, failed, hostile, question, result, sample } from './results.js';

const VISIBILITIES = ['hidden', 'after_due_date', 'after_published', 'visible'];

describe('gradescopeResults', () => {
  test('results.json: a test per answer', () => {
    expect(gradescopeResults(sample)).toMatchInlineSnapshot(`
      "{
        "score": 1.5,
        "output": "1.5 of 5 points graded automatically.\\n1 answer will be graded by a TA.\\nArithmetic slips in the shown working:\\nLine 13: -\\\\ln(0.8) is 0.223144, but 0.25 was written.",
        "visibility": "after_published",
        "stdout_visibility": "hidden",
        "tests": [
          {
            "name": "q1.precision_A",
            "score": 1,
            "max_score": 1,
            "output": "correct: found 0.8 at 6:42, within ±1%",
            "visibility": "after_published"
          },
          {
            "name": "q1.recall_A",
            "score": 0,
            "max_score": 1,
            "output": "incorrect: found 0.9 at 7:24, expected 0.8889 (±1%)\\nRecall divides by the actual positives.",
            "visibility": "after_published"
          },
          {
            "name": "q1.f1_A",
            "score": 0.5,
            "max_score": 1,
            "output": "partial: found 0.85 at 10:25; consistent with your own recall_A (follow-through)",
            "visibility": "after_published"
          },
          {
            "name": "q2.loss",
            "score": 0,
            "max_score": 1,
            "output": "unreadable: found \\"lots\\" at 14:10 but could not read it: not a number",
            "visibility": "after_published"
          },
          {
            "name": "q2.loss_note",
            "output": "manual: graded by a TA",
            "visibility": "after_published"
          },
          {
            "name": "q3.gradient",
            "score": 0,
            "max_score": 1,
            "output": "missing: question not found: looked for section 4",
            "visibility": "after_published"
          }
        ]
      }
      "
    `);
  });

  test('fits the autograder schema: the fields, types and visibilities Gradescope reads', () => {
    for (const graded of [sample, failed, hostile]) {
      const report = JSON.parse(gradescopeResults(graded));
      expect(typeof report.score).toBe('number');
      expect(VISIBILITIES).toContain(report.visibility);
      expect(VISIBILITIES).toContain(report.stdout_visibility);
      for (const t of report.tests) {
        expect(Object.keys(t).every((k) => ['name', 'score', 'max_score', 'output', 'visibility'].includes(k))).toBe(true);
        expect(typeof t.name).toBe('string');
        expect(typeof t.output).toBe('string');
        expect(VISIBILITIES).toContain(t.visibility);
        if ('score' in t) expect(t.score).toBeLessThanOrEqual(t.max_score);
      }
    }
  });

  test('the score is the automatic points; TA-graded answers carry none, so Gradescope never counts them twice', () => {
    const overridden = result({
      questions: [
        question({
          id: 'q',
          answers: [answer({ id: 'auto', status: 'correct', points: 2, maxPoints: 2 }), answer({ id: 'essay', status: 'manual', points: 3, maxPoints: 3 })],
        }),
      ],
    });
    const report = JSON.parse(gradescopeResults(overridden));
    expect(report.score).toBe(2);
    expect(report.tests.map((t: { name: string; score?: number }) => [t.name, t.score])).toEqual([
      ['q.auto', 2],
      ['q.essay', undefined],
    ]);
  });

  test('a submission that could not be graded: no tests, score 0, the error in the output', () => {
    const report = JSON.parse(gradescopeResults(failed));
    expect(report).toMatchObject({ score: 0, tests: [] });
    expect(report.output).toContain('binary file');
  });

  test('hostile text survives as data', () => {
    const report = JSON.parse(gradescopeResults(hostile));
    expect(report.tests[0].name).toBe('q<1>.a,b:c');
    expect(report.tests[0].output).toContain('<script>alert(1)</script>');
  });
});
