// A submission's report in Markdown, for the student to read (SPEC §7): the score, a
// table per question, feedback and arithmetic slips. Everything that comes from the
// submission or the rubric goes through escapeMarkdown, so no cell can open a link, an
// HTML tag, a code span or a new table column.
import type { AnswerResult, GradeResult, QuestionResult, Slip } from '../types.js';
import { showsPoints } from './reveal.js';
import { escapeMarkdown as md, formatPoints, moreSlips, showValue, STATUS_SYMBOL } from './text.js';
import type { ReportFormat } from './format.js';

/**
 * One submission as a Markdown page.
 * @example markdownReport(result) // '# alice\n\n- Rubric: ml-hw3\n- Submission: submissions/alice.md\n- Score: **7.5 / 10**\n…'
 */
export function markdownReport(result: GradeResult): string {
  const points = showsPoints(result);
  const header = [
    `# ${md(result.student)}`,
    '',
    `- Rubric: ${md(result.rubric)}`,
    `- Submission: ${md(result.submission)}`,
    ...(points ? [`- Score: **${formatPoints(result.score)} / ${formatPoints(result.maxScore)}**`] : []),
  ];
  if (result.error !== null) {
    return [...header, '', `**This submission could not be graded:** ${md(result.error)}`, ''].join('\n');
  }
  const sections = [header, ...result.questions.map((q) => questionSection(q, points))];
  if (result.slips.length > 0) sections.push(slipsSection(result.slips, moreSlips(result)));
  return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

function questionSection(question: QuestionResult, points: boolean): string[] {
  const title = question.title ? `: ${md(question.title)}` : '';
  const score = points ? ` (${formatPoints(question.score)} / ${formatPoints(question.maxScore)})` : '';
  const lines = [`## ${md(question.id)}${title}${score}`, ''];
  if (!question.found) lines.push('_This question was not found in the submission._', '');
  for (const note of question.notes ?? []) lines.push(`> ${md(note)}`, '');
  lines.push(
    points ? '| Answer | Status | Points | Where | Reason |' : '| Answer | Status | Where | Reason |',
    points ? '| --- | --- | --- | --- | --- |' : '| --- | --- | --- | --- |',
    ...question.answers.map((a) => answerRow(a, points)),
  );
  const feedback = question.answers.filter((a) => a.feedback);
  if (feedback.length > 0) {
    lines.push('', '**Feedback**', '', ...feedback.map((a) => `- ${md(a.id)}: ${md(a.feedback!)}`));
  }
  return lines;
}

function answerRow(answer: AnswerResult, points: boolean): string {
  const where = answer.line === null ? '' : answer.column === null ? `line ${answer.line}` : `${answer.line}:${answer.column}`;
  const cells = [
    md(answer.id),
    `${STATUS_SYMBOL[answer.status]} ${md(answer.status)}`,
    ...(points ? [`${formatPoints(answer.points)} / ${formatPoints(answer.maxPoints)}`] : []),
    where,
    md(answer.reason),
  ];
  return `| ${cells.join(' | ')} |`;
}

function slipsSection(slips: Slip[], more: string | null): string[] {
  return [
    '## Arithmetic slips',
    '',
    'A step of your working does not equal the step before it:',
    '',
    '| Where | Shown | Equals | Written | Note |',
    '| --- | --- | --- | --- | --- |',
    ...slips.map((s) => `| ${s.line}:${s.column} | ${md(s.shown)} | ${md(showValue(s.value))} | ${md(showValue(s.wrote))} | ${md(s.diagnosis ?? '')} |`),
    ...(more === null ? [] : ['', md(more)]),
  ];
}

/** `md`: a report per submission, for the student. */
export const markdownFormat: ReportFormat = {
  name: 'md',
  parts: [{ scope: 'submission', audience: 'student', extension: '.md', render: markdownReport }],
};
