// `markgrade rubric lint` (SPEC §3): every load error, plus what loads but cannot work
// as meant — two answers sharing a label, a mistake the tolerance already accepts,
// follow-through with nothing to follow, a self-test whose submission is missing.
import { access, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { withinTolerance } from '../checks/tolerance.js';
import { RubricError, formatIssue, formatPath, type RubricIssue } from './errors.js';
import { loadRubric, type LoadedAnswer, type LoadedQuestion, type LoadedRubric } from './load.js';
import { placeOf, readYaml } from './source.js';

export interface LintResult {
  /** False when the rubric does not load or a self-test's submission is missing; warnings alone pass. */
  ok: boolean;
  /** `file:line:col: message (at path)`, errors and `warning:` lines, in file order. */
  messages: string[];
}

/**
 * Lints a rubric file.
 * @example await lintRubric('rubrics/hw3.yaml') // { ok: true, messages: [] }
 */
export async function lintRubric(file: string): Promise<LintResult> {
  let rubric: LoadedRubric;
  try {
    rubric = await loadRubric(file);
  } catch (error) {
    if (error instanceof RubricError) return { ok: false, messages: error.issues.map(formatIssue) };
    throw error;
  }
  const errors = await missingTestSubmissions(rubric);
  const warnings = rubric.questions.flatMap((question, qi) => [
    ...totalWarning(rubric.file, question, qi),
    ...questionWarnings(rubric.file, question, qi),
  ]);
  const issues = [...errors, ...warnings].sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: errors.length === 0, messages: issues.map(formatIssue) };
}

async function missingTestSubmissions(rubric: LoadedRubric): Promise<RubricIssue[]> {
  const tests = rubric.tests ?? [];
  if (tests.length === 0) return [];
  const { source } = readYaml(await readFile(rubric.file, 'utf8'));
  const issues: RubricIssue[] = [];
  for (const [i, test] of tests.entries()) {
    const path = resolve(dirname(rubric.file), test.submission);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    const at = ['tests', i, 'submission'];
    issues.push({
      file: rubric.file,
      ...placeOf(source, at),
      path: formatPath(at),
      message: `test submission not found: ${test.submission}`,
    });
  }
  return issues;
}

/** Rubrics written before points meant the question's total used it per answer: say what it means now. */
function totalWarning(file: string, question: LoadedQuestion, qi: number): RubricIssue[] {
  if (question.points === undefined || question.answers.length < 2) return [];
  const each = [...new Set(question.answers.map((a) => Math.round(a.points * 1000) / 1000))].join(', ');
  return [
    {
      file,
      line: question.line,
      column: question.column,
      path: formatPath(['questions', qi, 'points']),
      message: `warning: points: ${question.points} is the question's total, shared by its ${question.answers.length} answers (${each} each); to give each answer ${question.points}, set points on the answers`,
    },
  ];
}

function questionWarnings(file: string, question: LoadedQuestion, qi: number): RubricIssue[] {
  const issues: RubricIssue[] = [];
  const warn = (answer: LoadedAnswer, ai: number, message: string): void => {
    const { line, column } = answer;
    issues.push({ file, line, column, path: formatPath(['questions', qi, 'answers', ai]), message: `warning: ${message}` });
  };
  const labelOwner = new Map<string, string>();
  let unlabelled: string | null = null;
  question.answers.forEach((answer, ai) => {
    for (const label of new Set(answer.labels)) {
      const owner = labelOwner.get(label);
      if (owner !== undefined && owner !== answer.id) warn(answer, ai, `label "${label}" is also a label of "${owner}": only one of them can match`);
      else labelOwner.set(label, answer.id);
    }
    if (answer.labels.length === 0 && !answer.manual) {
      if (unlabelled !== null) {
        warn(answer, ai, `"${unlabelled}" and "${answer.id}" have no label: both take the last claim of the section`);
      }
      unlabelled ??= answer.id;
    }
    if (answer.follow_through > 0 && answer.dependsOn.length === 0) {
      warn(answer, ai, 'follow_through has no effect: expected names no earlier answer');
    }
    for (const mistake of answer.mistakes) {
      if (isAcceptedAsCorrect(mistake.expectedValue, answer)) {
        warn(answer, ai, `the mistake "${mistake.feedback}" is within the tolerance of the expected value: it never applies`);
      }
    }
  });
  return issues;
}

function isAcceptedAsCorrect(value: LoadedAnswer['expectedValue'], answer: LoadedAnswer): boolean {
  if (value === undefined || answer.expectedValue === undefined) return false;
  return withinTolerance(value, answer.expectedValue, answer.tolerance).pass;
}
