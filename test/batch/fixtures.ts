// A small rubric and throw-away courses on disk for the batch tests.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseRubric } from '../../src/rubric/load.js';
import { twoClassRubric } from '../fixtures/two-class-rubric.js';

export const RUBRIC_TEXT = twoClassRubric('batch-test', { comment: 'SECRET-EXPECTED-LINE' });
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

