// Gradescope's autograder `results.json` (SPEC §7; schema: gradescope-autograders.readthedocs.io
// "Autograder Specifications"): a test per answer. Gradescope grades TA questions in its own
// rubric, so the top-level score is markgrade's automatic points only and TA-graded answers
// are listed without points: their credit is never counted twice.
import type { AnswerResult, GradeResult } from '../types.js';
import { showsPoints } from './reveal.js';
import { exactNumber, moreSlips, showValue } from './text.js';
import type { ReportFormat } from './format.js';

/** Shown to the student only once the instructor publishes the grades. */
const VISIBILITY = 'after_published';

interface GradescopeTest {
  name: string;
  score?: number;
  max_score?: number;
  output: string;
  visibility: typeof VISIBILITY;
}

/**
 * One submission as Gradescope's `results.json`.
 * @example JSON.parse(gradescopeResults(result)).tests[0]
 * // { name: 'q2a.precision_A', score: 1, max_score: 1, output: 'correct: found 0.82 at 31:1, within ±1%', visibility: 'after_published' }
 */
export function gradescopeResults(result: GradeResult): string {
  const points = showsPoints(result);
  const tests = result.questions.flatMap((q) => q.answers.map((a) => testOf(`${q.id}.${a.id}`, a, points)));
  const report = {
    // Under reveal `found` no points are given out: found / missing / unreadable only.
    ...(points ? { score: exactNumber(result.autoScore) } : {}),
    output: overview(result),
    visibility: VISIBILITY,
    stdout_visibility: 'hidden',
    tests,
  };
  return JSON.stringify(report, null, 2) + '\n';
}

function testOf(name: string, answer: AnswerResult, points: boolean): GradescopeTest {
  const output = [`${answer.status}: ${answer.reason}`, ...(answer.feedback ? [answer.feedback] : [])].join('\n');
  if (answer.status === 'manual' || !points) return { name, output, visibility: VISIBILITY };
  return { name, score: exactNumber(answer.points), max_score: exactNumber(answer.maxPoints), output, visibility: VISIBILITY };
}

function overview(result: GradeResult): string {
  if (result.error !== null) return `markgrade could not grade this submission: ${result.error}`;
  const manual = result.questions.flatMap((q) => q.answers).filter((a) => a.status === 'manual').length;
  const slips = result.slips.map((s) => `Line ${s.line}: ${s.shown} is ${showValue(s.value)}, but ${showValue(s.wrote)} was written.`);
  const more = moreSlips(result);
  if (more !== null) slips.push(more);
  const found = result.questions.flatMap((q) => q.answers).filter((a) => a.status === 'found').length;
  return [
    showsPoints(result)
      ? `${exactNumber(result.autoScore)} of ${exactNumber(result.autoMaxScore)} points graded automatically.`
      : `${found} answer${found === 1 ? '' : 's'} found and read.`,
    ...(manual > 0 ? [`${manual} answer${manual === 1 ? '' : 's'} will be graded by a TA.`] : []),
    ...(slips.length > 0 ? ['Arithmetic slips in the shown working:', ...slips] : []),
  ].join('\n');
}

/** `gradescope`: Gradescope's results.json per submission, which the student sees. */
export const gradescopeFormat: ReportFormat = {
  name: 'gradescope',
  parts: [{ scope: 'submission', audience: 'student', extension: '.results.json', render: gradescopeResults }],
};
