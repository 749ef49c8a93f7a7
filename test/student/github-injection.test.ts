// Student text in GitHub annotations can never end its command or start another
// (workflow commands: `%`, CR and LF escaped in messages; also `:` and `,` in properties).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../cli-run.js';
import { githubAnnotations } from '../../src/reporters/github.js';
import { answer, question, result } from '../reporters/results.js';

const COMMAND_LINE = /^::(error|warning|notice) file=[^,:\r\n]*(,line=\d+)?(,col=\d+)?,title=[^,:\r\n]*::[^\r\n]*$/;
const HOSTILE = ['::stop-commands::tok', '%0A::error file=x::pwned', 'a\r\n::add-mask::b', '50%25 done', 'x\n::set-output name=a::b'];

describe('annotation injection', () => {
  test.each(HOSTILE)('student text %j stays inside one command', (text) => {
    const hostile = result({
      submission: `subs/${text}.md`,
      questions: [question({ id: `q:${text}`, answers: [answer({ id: `a,${text}`, status: 'unreadable', reason: `found "${text}" but could not read it`, line: 3, column: 1, feedback: text })] })],
      slips: [{ line: 4, column: 2, shown: text, value: 1, wrote: 2 }],
    });
    const output = githubAnnotations([hostile], '/repo');
    const lines = output.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(COMMAND_LINE);
    // Whatever GitHub unescapes, it unescapes inside the message: no raw separator survives.
    expect(output).not.toMatch(/%0A::error file=x|\r/);
    if (text.includes('%')) expect(output).toContain(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  });

  test('through the CLI: a submission that writes workflow commands gets only its own annotations', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'markgrade-inject-'));
    writeFileSync(path.join(dir, 'r.yaml'), 'rubric: r\nquestions:\n  - id: q1\n    section: 1\n    answers:\n      - id: a\n        label: accuracy\n        expected: 0.75\n      - id: b\n        label: loss\n        expected: 0.25\n');
    writeFileSync(path.join(dir, 's.md'), '1. accuracy = ::stop-commands::tok\n\nloss = %0A::error file=x::pwned\n\n::warning::raw line\n');
    const out = await runCli(['grade', 'r.yaml', 's.md', '--format', 'github', '--out', 'o'], dir, { GITHUB_STEP_SUMMARY: '' });
    const lines = out.stdout.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(COMMAND_LINE);
    expect(lines.every((l) => l.includes('title=a::') || l.includes('title=b::') || l.includes('title=arithmetic slip::'))).toBe(true);
    expect(out.stdout).not.toMatch(/^::stop-commands::|^::error file=x/m);
    expect(out.stdout).toContain('found "%250A" at 3:8');
  });
});
