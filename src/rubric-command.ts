// `markgrade rubric lint|explain|publish|test <file>`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './files.js';
import { gradeFile } from './grade.js';
import { explainRubric } from './rubric/explain.js';
import { lintRubric } from './rubric/lint.js';
import { loadRubric, type LoadedRubric } from './rubric/load.js';
import { publishRubric } from './rubric/publish.js';

export interface CommandOutput {
  output: string;
  exitCode: number;
}

export async function rubricCommand(action: string, file: string): Promise<CommandOutput> {
  switch (action) {
    case 'lint': {
      const result = await lintRubric(file);
      const messages = result.messages.length > 0 ? result.messages : [`${file}: ok`];
      return { output: messages.join('\n') + '\n', exitCode: result.ok ? 0 : 2 };
    }
    case 'explain':
      return { output: explainRubric(await loadRubric(file)), exitCode: 0 };
    case 'publish':
      await loadRubric(file); // an invalid rubric is never published
      return { output: publishRubric(await readFile(file, 'utf8'), file), exitCode: 0 };
    case 'test':
      return runRubricTests(await loadRubric(file));
    default:
      throw new UsageError(`unknown rubric action "${action}"; use lint, explain, publish or test`);
  }
}

/** Grades each `tests:` submission and compares score, question scores and statuses. */
async function runRubricTests(rubric: LoadedRubric): Promise<CommandOutput> {
  const lines: string[] = [];
  let failures = 0;
  for (const test of rubric.tests ?? []) {
    const submission = path.join(path.dirname(rubric.file), test.submission);
    const result = await gradeFile(rubric, { submission, name: path.basename(submission, '.md') });
    const overrides = test.overrides ?? {};
    const answers = result.questions.flatMap((q) => q.answers);
    const score = answers.reduce((sum, a) => sum + (overrides[a.id] ?? a.points), 0);
    const problems: string[] = [];
    if (result.error) problems.push(`error: ${result.error}`);
    if (Math.abs(score - test.score) > 1e-9) problems.push(`score ${score}, expected ${test.score}`);
    for (const [id, want] of Object.entries(test.answers ?? {})) {
      const got = answers.find((a) => a.id === id)?.status ?? 'absent';
      if (got !== want) problems.push(`${id}: ${got}, expected ${want}`);
    }
    for (const [id, want] of Object.entries(test.questions ?? {})) {
      const question = result.questions.find((q) => q.id === id);
      const got = question ? question.answers.reduce((sum, a) => sum + (overrides[a.id] ?? a.points), 0) : NaN;
      if (Math.abs(got - want) > 1e-9) problems.push(`${id}: ${got} points, expected ${want}`);
    }
    failures += problems.length > 0 ? 1 : 0;
    lines.push(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${test.submission}${problems.map((p) => `\n     ${p}`).join('')}`);
  }
  lines.push(`${(rubric.tests ?? []).length - failures} passed, ${failures} failed`);
  return { output: lines.join('\n') + '\n', exitCode: failures > 0 ? 1 : 0 };
}
