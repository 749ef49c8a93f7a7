import { describe, expect, test } from 'vitest';
import { markdownReport } from '../../src/reporters/markdown.js';
import { failed, hostile, sample } from './results.js';

/** Table rows of a Markdown document, split on the pipes that are not escaped. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()));
}

describe('markdownReport', () => {
  test('score, a table per question, feedback, slips', () => {
    expect(markdownReport(sample)).toMatchInlineSnapshot(`
      "# sam

      - Rubric: hw-metrics
      - Submission: submissions/sam.md
      - Score: **1.5 / 7**

      ## q1: Precision and recall (1.5 / 3)

      | Answer | Status | Points | Where | Reason |
      | --- | --- | --- | --- | --- |
      | precision\\_A | ✓ correct | 1 / 1 | 6:42 | found 0.8 at 6:42, within ±1% |
      | recall\\_A | ✗ incorrect | 0 / 1 | 7:24 | found 0.9 at 7:24, expected 0.8889 (±1%) |
      | f1\\_A | ◐ partial | 0.5 / 1 | 10:25 | found 0.85 at 10:25; consistent with your own recall\\_A (follow-through) |

      **Feedback**

      - recall\\_A: Recall divides by the actual positives.

      ## q2 (0 / 3)

      | Answer | Status | Points | Where | Reason |
      | --- | --- | --- | --- | --- |
      | loss | ! unreadable | 0 / 1 | 14:10 | found "lots" at 14:10 but could not read it: not a number |
      | loss\\_note | ✎ manual | 0 / 2 | line 13 | graded by a TA |

      ## q3 (0 / 1)

      _This question was not found in the submission._

      > looked for section 4

      | Answer | Status | Points | Where | Reason |
      | --- | --- | --- | --- | --- |
      | gradient | ? missing | 0 / 1 |  | question not found: looked for section 4 |

      ## Arithmetic slips

      A step of your working does not equal the step before it:

      | Where | Shown | Equals | Written | Note |
      | --- | --- | --- | --- | --- |
      | 13:28 | -\\\\ln(0.8) | 0.223144 | 0.25 |  |
      "
    `);
  });

  test('every table row keeps its columns whatever the student wrote', () => {
    const rows = tableRows(markdownReport(hostile));
    expect(rows.map((cells) => cells.length)).toEqual([5, 5, 5, 5, 5, 5]);
  });

  test('no raw HTML, code span, link or line break comes from student text', () => {
    const markdown = markdownReport(hostile);
    expect(markdown).not.toMatch(/(?<!\\)</);
    expect(markdown).not.toMatch(/(?<!\\)`/);
    expect(markdown).not.toMatch(/(?<!\\)\[/);
    expect(markdown).not.toMatch(/(?<!\\)&/);
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    // The hostile text holds a CR LF: it must not start a new line of Markdown.
    const withScript = markdown.split('\n').filter((l) => l.includes('\\<script\\>'));
    expect(withScript).toHaveLength(6);
    expect(withScript.every((l) => l.includes('50% :: x,y \\<script\\>'))).toBe(true);
  });

  test('a submission that could not be graded says why, with no tables', () => {
    const markdown = markdownReport(failed);
    expect(markdown).toContain('**This submission could not be graded:** submissions/blob.md: binary file: it contains a NUL byte (at 1:3)');
    expect(tableRows(markdown)).toEqual([]);
  });
});
