// A small rubric and throw-away courses on disk for the batch tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseRubric } from '../../src/rubric/load.js';

export const RUBRIC_TEXT = `rubric: batch-test
classes: [A, B]
context: { cm: [[42, 8], [5, 45]] }
questions:
  - id: q1
    section: 1
    answers:
      - id: accuracy
        label: accuracy
        # SECRET-EXPECTED-LINE
        expected: accuracy(cm)
`;
export const rubric = parseRubric(RUBRIC_TEXT, 'rubric.yaml');
export const RIGHT = '1. accuracy = 0.87\n';

/** A temporary course: `files` maps paths below it to contents. */
export function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-batch-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

