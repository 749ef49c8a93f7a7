import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { githubAnnotations } from '../../src/reporters/github.js';
import type { AnswerResult, Status } from '../../src/types.js';
import { answer, failed, hostile, question, result, sample } from './results.js';

const CWD = path.resolve('/repo');

function oneAnswer(status: Status, fields: Partial<AnswerResult> = {}, questionLine: number | null = 4) {
  return result({ questions: [question({ id: 'q', line: questionLine, answers: [answer({ id: 'a', status, reason: 'why', line: 9, column: 2, ...fields })] })] });
}

describe('githubAnnotations', () => {
  test('errors, warnings and notices at the submission’s lines', () => {
    expect(githubAnnotations([sample, failed], CWD)).toMatchInlineSnapshot(`
      "::error file=submissions/sam.md,line=7,col=24,title=recall_A::found 0.9 at 7:24, expected 0.8889 (±1%25)%0ARecall divides by the actual positives.
      ::warning file=submissions/sam.md,line=10,col=25,title=f1_A::found 0.85 at 10:25; consistent with your own recall_A (follow-through)
      ::error file=submissions/sam.md,line=14,col=10,title=loss::found "lots" at 14:10 but could not read it: not a number
      ::error file=submissions/sam.md,line=1,title=gradient::question not found: looked for section 4
      ::notice file=submissions/sam.md,line=13,col=28,title=arithmetic slip::-\\ln(0.8) is 0.223144, written 0.25
      ::error file=submissions/blob.md,title=markgrade::submissions/blob.md: binary file: it contains a NUL byte (at 1:3)
      "
    `);
  });

  test.each([
    ['incorrect', 'error'],
    ['unreadable', 'error'],
    // An error means "not found or not read" under reveal: found, so a missing answer is one.
    ['missing', 'error'],
    ['partial', 'warning'],
    ['correct', null],
    ['manual', null],
    ['found', null],
  ] as const)('a %s answer gives %s', (status, level) => {
    const output = githubAnnotations([oneAnswer(status)], CWD);
    expect(output).toBe(level === null ? '' : `::${level} file=submissions/sam.md,line=9,col=2,title=a::why\n`);
  });

  test.each([
    ['its own line', 9, 4, 'line=9'],
    ['the question’s line', null, 4, 'line=4'],
    ['line 1 when the question was not found either', null, null, 'line=1'],
  ])('a missing answer points at %s', (_name, line, questionLine, expected) => {
    const output = githubAnnotations([oneAnswer('missing', { line, column: null }, questionLine)], CWD);
    expect(output).toBe(`::error file=submissions/sam.md,${expected},title=a::why\n`);
  });

  test.each([
    ['a path inside cwd', path.join(CWD, 'submissions', 'ann', 'hw2.md'), 'submissions/ann/hw2.md'],
    ['a relative path', 'submissions/ann.md', 'submissions/ann.md'],
    ['a path outside cwd', path.resolve('/elsewhere/ann.md'), '../elsewhere/ann.md'],
  ])('file is relative to cwd: %s', (_name, submission, expected) => {
    const output = githubAnnotations([{ ...oneAnswer('incorrect'), submission }], CWD);
    expect(output).toContain(`file=${expected},`);
  });

  test('escapes per the workflow-command rules: one command per line, properties cannot be split', () => {
    const output = githubAnnotations([hostile], CWD);
    const lines = output.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => /^::(error|warning|notice) file=[^,:]*(,line=\d+)?(,col=\d+)?,title=[^,:]*::/.test(l))).toBe(true);
    expect(lines[0]).toMatch(/^::error file=submissions\/odd%3A name%2C with comma\.md,line=2,col=1,title=a%2Cb%3Ac::/);
    expect(lines[0]).toContain('50%25 :: x,y%0D%0A<script>');
    expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  test('nothing to say about an all-correct batch', () => {
    expect(githubAnnotations([oneAnswer('correct')], CWD)).toBe('');
    expect(githubAnnotations([], CWD)).toBe('');
  });
});
